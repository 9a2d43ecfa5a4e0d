/* Toolkit forms (self-assessment, action plan): answers are kept in this browser's local
   storage only, never sent anywhere; they can be cleared, printed and, for the
   self-assessment, downloaded as CSV with a summary of gaps. */
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

  function restore() {
    var saved = read();
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
    return values;
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

  function downloadCsv() {
    var rows = [["Theme", "Question", "Answer", "Recommendations"]];
    questions().forEach(function (q) {
      var theme = q.closest(".fnd-assessment__theme").querySelector("legend").textContent.trim();
      var recs = Array.prototype.map.call(q.querySelectorAll(".fnd-question__recs a"), function (a) {
        return a.textContent + " <" + a.href + ">";
      }).join("; ");
      var answer = q.querySelector("input:checked");
      rows.push([theme, textOf(q), answer ? answer.parentNode.textContent.trim() : "", recs]);
    });
    var csv = rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    link.download = "self-assessment.csv";
    document.body.appendChild(link);
    link.click();
    link.remove();
    status.textContent = "Downloaded self-assessment.csv.";
  }

  function clearAll() {
    try { localStorage.removeItem(key); } catch (e) { /* storage off */ }
    form.reset();
    showGaps();
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
  });
  restore();
  showGaps();
})();
