/* Toolkit forms (self-assessment, action plan): answers are kept in this browser's local
   storage only, never sent anywhere; they can be cleared, printed and downloaded as CSV.
   The self-assessment's gaps link to the action plan with their recommendations (?add=ID,ID);
   the plan adds a row for each one not in it yet, filled with its actions. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-fnd-store]");
  if (!form) return;
  var key = "findings:" + location.pathname + ":" + form.getAttribute("data-fnd-store");
  var status = form.querySelector(".fnd-tool-status");
  var GAPS = { no: "No", partly: "Partly", unsure: "Not sure" };

  function has(object, name) { return Object.prototype.hasOwnProperty.call(object, name); }

  function read() {
    var saved;
    try { saved = JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) { return {}; }
    return saved && typeof saved === "object" ? saved : {};
  }

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) { return el.name; });
  }

  /* A question renamed in redirects.yml keeps the answer saved under its old id. */
  function renamed(saved) {
    var map = {};
    try { map = JSON.parse(form.getAttribute("data-fnd-renamed") || "{}"); } catch (e) { /* none */ }
    Object.keys(map).forEach(function (old) {
      if (old in saved && !(map[old] in saved) && map[old] !== "withdrawn") saved[map[old]] = saved[old];
    });
    return saved;
  }

  function restore() {
    var saved = renamed(read());
    var most = 0;
    Object.keys(saved).forEach(function (name) {
      var found = /^plan-(\d+)-/.exec(name);
      if (found) most = Math.max(most, Number(found[1]));
    });
    while (rows().length && rows().length < Math.min(most, MAX_ROWS)) addRow();
    fields().forEach(function (el) {
      if (!has(saved, el.name) || typeof saved[el.name] !== "string") return;
      if (el.type === "radio") el.checked = saved[el.name] === el.value;
      else el.value = saved[el.name];
    });
  }

  function save() {
    var values = Object.create(null);
    fields().forEach(function (el) {
      if (el.type === "radio") { if (el.checked) values[el.name] = el.value; }
      else if (el.value) values[el.name] = el.value;
    });
    try { localStorage.setItem(key, JSON.stringify(values)); } catch (e) { /* storage off */ }
    markEmpty();
    return values;
  }

  /* The plan's empty rows, once another is filled: paper leaves them out (findings.css). */
  function markEmpty() {
    var filled = rows().filter(function (row) { return !isEmpty(row); }).length;
    rows().forEach(function (row) {
      row.toggleAttribute("data-fnd-empty", filled > 0 && isEmpty(row));
    });
  }

  function questions() {
    return Array.prototype.slice.call(form.querySelectorAll("[data-question]"));
  }

  function answerOf(fieldset) {
    var checked = fieldset.querySelector("input:checked");
    return checked ? checked.value : "";
  }

  function textOf(fieldset) {
    return fieldset.querySelector(".fnd-question__text").textContent.trim();
  }

  function showGaps() {
    var box = document.querySelector("[data-fnd-gaps]");
    if (!box) return 0;
    var gaps = questions().filter(function (q) { return has(GAPS, answerOf(q)); });
    var answered = questions().filter(function (q) { return answerOf(q); }).length;
    box.textContent = "";
    var intro = document.createElement("p");
    intro.textContent = answered + " of " + questions().length + " questions answered; " +
      gaps.length + (gaps.length === 1 ? " gap." : " gaps.");
    box.appendChild(intro);
    if (!gaps.length) return gaps.length;
    var list = document.createElement("ul");
    gaps.forEach(function (q) {
      var item = document.createElement("li");
      var question = document.createElement("strong");
      question.textContent = textOf(q);
      item.appendChild(question);
      item.appendChild(document.createTextNode(" (" + GAPS[answerOf(q)] + "). Read: "));
      q.querySelectorAll(".fnd-question__recs a").forEach(function (link, index) {
        if (index) item.appendChild(document.createTextNode("; "));
        item.appendChild(link.cloneNode(true));
      });
      list.appendChild(item);
    });
    box.appendChild(list);
    var ids = [];
    gaps.forEach(function (q) {
      (q.getAttribute("data-recs") || "").split(" ").forEach(function (id) {
        if (id && ids.indexOf(id) === -1) ids.push(id);
      });
    });
    var plan = box.getAttribute("data-fnd-plan");
    if (plan && ids.length) {
      var next = document.createElement("p");
      next.className = "fnd-gaps__next";
      var link = document.createElement("a");
      link.href = plan + "?add=" + ids.map(encodeURIComponent).join(",");
      link.className = "md-button";
      link.textContent = ids.length === 1 ? "Start an action plan with this recommendation" :
        "Start an action plan with these " + ids.length + " recommendations";
      next.appendChild(link);
      box.appendChild(next);
    }
    return gaps.length;
  }

  /* A cell a spreadsheet could read as a formula (OWASP's CSV injection guidance) starts with
     = + - @, a tab or a carriage return, or has one of = + - @ after leading white space
     (JavaScript's and Python's: opendata.py has the same rule for the open-data CSVs). It is
     prefixed with a single quote, so that it is shown as text; every cell is quoted. */
  var FORMULA_START = /^(?:[\t\r]|[\s\x1c-\x1f\x85]*[=+\-@])/;

  function csvCell(value) {
    var text = String(value);
    if (FORMULA_START.test(text)) text = "'" + text;
    return '"' + text.replace(/"/g, '""') + '"';
  }

  function assessmentRows() {
    var out = [["Theme", "Question", "Answer", "Recommendations"]];
    questions().forEach(function (q) {
      var theme = q.closest(".fnd-assessment__theme").querySelector("legend").textContent.trim();
      var recs = Array.prototype.map.call(q.querySelectorAll(".fnd-question__recs a"), function (a) {
        return a.textContent + " <" + a.href + ">";
      }).join("; ");
      var answer = q.querySelector("input:checked");
      out.push([theme, textOf(q), answer ? answer.parentNode.textContent.trim() : "", recs]);
    });
    /* Whose questions they are, in the page's words: the last row, so the header stays first. */
    var note = document.querySelector("[data-fnd-csv-note]");
    if (note) out.push([note.getAttribute("data-fnd-csv-note"), "", "", ""]);
    return out;
  }

  var PLAN_FIELDS = ["rec", "step", "owner", "when", "measure"];

  function planRows() {
    var out = [["Action", "Recommendation", "What we will do", "Who owns it", "By when",
      "How we will know it worked"]];
    rows().forEach(function (row, index) {
      var values = PLAN_FIELDS.map(function (name) {
        var el = row.querySelector("[name$='-" + name + "']");
        if (el.tagName === "SELECT") return el.value ? el.selectedOptions[0].textContent.trim() : "";
        return el.value.trim();
      });
      if (values.some(Boolean)) out.push([String(index + 1)].concat(values));
    });
    return out;
  }

  function downloadCsv() {
    var plan = !!rows().length;
    var name = plan ? "action-plan.csv" : "self-assessment.csv";
    var table = plan ? planRows() : assessmentRows();
    var csv = table.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    status.textContent = "Downloaded " + name + ".";
  }

  /* The action plan's rows: a new one is a copy of the last, renumbered and empty. */
  var MAX_ROWS = 100;
  var INITIAL_ROWS = form.querySelectorAll(".fnd-plan__row").length;

  function rows() {
    return Array.prototype.slice.call(form.querySelectorAll(".fnd-plan__row"));
  }

  function addRow() {
    var all = rows();
    if (!all.length || all.length >= MAX_ROWS) return null;
    var n = all.length + 1;
    var row = all[all.length - 1].cloneNode(true);
    row.setAttribute("data-row", String(n));
    row.querySelector("legend").textContent = "Action " + n;
    row.querySelectorAll("[id], [for], [name]").forEach(function (el) {
      ["id", "for", "name"].forEach(function (attribute) {
        var value = el.getAttribute(attribute);
        if (value) el.setAttribute(attribute, value.replace(/^plan-\d+-/, "plan-" + n + "-"));
      });
      if (el.tagName === "SELECT") el.selectedIndex = 0;
      else if ("value" in el && el.tagName !== "LABEL") el.value = "";
    });
    all[all.length - 1].parentNode.appendChild(row);
    return row;
  }

  function field(row, name) { return row.querySelector("[name$='-" + name + "']"); }

  function isEmpty(row) {
    return PLAN_FIELDS.every(function (name) { return !field(row, name).value; });
  }

  /* ?add=ID,ID from the self-assessment: ids the plan's menu knows (an allow-list), each added
     once; a row is filled with the recommendation's actions when they can be fetched. */
  function addFromLink() {
    var wanted = new URLSearchParams(location.search).get("add");
    if (!wanted || !rows().length) return;
    var known = Array.prototype.map.call(field(rows()[0], "rec").options, function (o) { return o.value; });
    var chosen = rows().map(function (row) { return field(row, "rec").value; });
    var ids = wanted.split(",").filter(function (id, index, all) {
      return id && known.indexOf(id) !== -1 && chosen.indexOf(id) === -1 && all.indexOf(id) === index;
    });
    history.replaceState(null, "", location.pathname + location.hash);
    if (!ids.length) {
      status.textContent = "Every recommendation from your self-assessment is in the plan already.";
      return;
    }
    var added = ids.map(function (id) {
      var row = rows().filter(isEmpty)[0] || addRow();
      if (row) field(row, "rec").value = id;
      return row;
    }).filter(Boolean);
    save();
    status.textContent = added.length + (added.length === 1 ? " recommendation" : " recommendations") +
      " from your self-assessment added to the plan.";
    fillActions(added);
  }

  function fillActions(added) {
    var url = form.getAttribute("data-fnd-recs");
    if (!url || !window.fetch) return;
    fetch(new URL(url, location.href)).then(function (response) { return response.json(); })
      .then(function (json) {
        var actions = {};
        (json.recommendations || []).forEach(function (rec) { actions[rec.id] = rec.actions || []; });
        added.forEach(function (row) {
          var step = field(row, "step");
          var found = actions[field(row, "rec").value];
          if (!step.value && Array.isArray(found)) {
            step.value = found.filter(function (a) { return typeof a === "string"; }).join("\n");
          }
        });
        save();
      }).catch(function () { /* opened from a file: the rows keep their recommendation */ });
  }

  function clearAll() {
    try { localStorage.removeItem(key); } catch (e) { /* storage off */ }
    form.reset();
    rows().slice(INITIAL_ROWS).forEach(function (row) { row.remove(); });
    showGaps();
    markEmpty();
    status.textContent = "Cleared. Nothing is stored in this browser now.";
  }

  form.addEventListener("change", function () {
    save();
    var gaps = showGaps();
    status.textContent = "Saved in this browser." +
      (questions().length ? " " + gaps + (gaps === 1 ? " gap." : " gaps.") : "");
  });
  form.addEventListener("input", function (event) {
    if (event.target.tagName !== "SELECT" && event.target.type !== "radio") save();
  });
  form.addEventListener("click", function (event) {
    var action = event.target.closest("[data-action]");
    if (!action) return;
    var name = action.getAttribute("data-action");
    if (name === "print") window.print();
    if (name === "csv") downloadCsv();
    if (name === "clear") clearAll();
    if (name === "add-row") {
      var row = addRow();
      if (row) {
        markEmpty();
        field(row, "rec").focus();
        status.textContent = "Action " + rows().length + " added.";
      } else {
        status.textContent = "The worksheet holds at most " + MAX_ROWS + " actions.";
      }
    }
  });
  restore();
  addFromLink();
  showGaps();
  markEmpty();
})();
