/* The recommendations browser: filters and sorting over the list the page already shows.
   The filter state lives in the URL (?level=program&effort=low&sort=effort), so a link
   reproduces the view and Back works. The facets are fetched the first time they are needed. */
(function () {
  "use strict";
  var root = document.querySelector("[data-fnd-recs]");
  if (!root) return;
  var form = root.querySelector("form.fnd-filters");
  var list = root.querySelector(".fnd-rec-list");
  var status = root.querySelector(".fnd-recs-status");
  var items = Array.prototype.slice.call(list.children);
  var byId = {};
  items.forEach(function (li) { byId[li.getAttribute("data-id")] = li; });
  var facetNames = Array.prototype.map.call(form.querySelectorAll("fieldset"), function (f) {
    return f.querySelector("input").name;
  });
  var data = null;

  function load() {
    if (data) return Promise.resolve(data);
    return fetch(new URL(root.getAttribute("data-fnd-recs"), document.baseURI || location.href))
      .then(function (response) { return response.json(); })
      .then(function (json) { data = json.recommendations; return data; })
      .catch(function (error) {
        status.textContent = "The filters could not load their data here (opened from a file?): " +
          "every recommendation is listed below.";
        throw error;
      });
  }

  function stateFromUrl() {
    var params = new URLSearchParams(location.search);
    var state = { sort: params.get("sort") || "" };
    facetNames.forEach(function (name) {
      state[name] = params.getAll(name);
    });
    return state;
  }

  function stateFromForm() {
    var state = { sort: form.elements.sort.value };
    facetNames.forEach(function (name) {
      state[name] = Array.prototype.filter.call(form.querySelectorAll("input[name='" + name + "']"),
        function (box) { return box.checked; }).map(function (box) { return box.value; });
    });
    return state;
  }

  function query(state) {
    var params = new URLSearchParams();
    facetNames.forEach(function (name) {
      state[name].forEach(function (value) { params.append(name, value); });
    });
    if (state.sort) params.set("sort", state.sort);
    var text = params.toString();
    return text ? "?" + text : location.pathname;
  }

  function showInForm(state) {
    facetNames.forEach(function (name) {
      form.querySelectorAll("input[name='" + name + "']").forEach(function (box) {
        box.checked = state[name].indexOf(box.value) !== -1;
      });
    });
    form.elements.sort.value = state.sort;
  }

  function matches(rec, state) {
    return facetNames.every(function (name) {
      return !state[name].length || state[name].some(function (v) { return rec[name].indexOf(v) !== -1; });
    });
  }

  var SORTS = {
    "": function (a, b) { return a.order - b.order; },
    title: function (a, b) { return a.title.localeCompare(b.title); },
    effort: function (a, b) { return a.effort_rank - b.effort_rank || a.order - b.order; },
    timeframe: function (a, b) { return a.timeframe_rank - b.timeframe_rank || a.order - b.order; },
    evidence: function (a, b) { return b.evidence - a.evidence || a.order - b.order; }
  };

  function apply(state) {
    return load().then(function (recs) {
      var sorted = recs.slice().sort(SORTS[state.sort] || SORTS[""]);
      var shown = 0;
      sorted.forEach(function (rec) {
        var li = byId[rec.id];
        if (!li) return;
        li.hidden = !matches(rec, state);
        if (!li.hidden) shown += 1;
        list.appendChild(li);
      });
      status.textContent = shown === recs.length
        ? "Showing all " + recs.length + " recommendations."
        : "Showing " + shown + " of " + recs.length + " recommendations.";
    });
  }

  form.hidden = false;
  form.addEventListener("change", function () {
    var state = stateFromForm();
    history.pushState(state, "", query(state));
    apply(state);
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { form.dispatchEvent(new Event("change")); }, 0);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("popstate", function () {
    var state = stateFromUrl();
    showInForm(state);
    apply(state);
  });
  if (location.search) {
    var initial = stateFromUrl();
    showInForm(initial);
    apply(initial);
  }
})();
