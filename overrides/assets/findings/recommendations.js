/* The recommendations browser: filters and sorting over the list the page already shows,
   and each card's actions on paper. The data is fetched the first time it is needed. Uses
   filters.js and site.js. */
(function () {
  "use strict";
  var root = document.querySelector("[data-fnd-recs]");
  if (!root || !window.FindingsFilters || !window.Findings) return;
  var form = root.querySelector("form.fnd-filters");
  var list = root.querySelector(".fnd-rec-list");
  var status = root.querySelector(".fnd-recs-status");
  var byId = new Map();
  Array.prototype.forEach.call(list.children, function (li) { byId.set(li.getAttribute("data-id"), li); });
  var data = null;

  function load() {
    if (data) return Promise.resolve(data);
    return fetch(new URL(root.getAttribute("data-fnd-recs"), location.href))
      .then(function (response) { return response.json(); })
      .then(function (json) { data = json.recommendations; return data; })
      .catch(function (error) {
        status.textContent = "The filters could not load their data here (opened from a file?): " +
          "every recommendation is listed below.";
        throw error;
      });
  }

  var SORTS = {
    "": function (a, b) { return a.order - b.order; },
    title: function (a, b) { return a.title.localeCompare(b.title); },
    effort: function (a, b) { return a.effort_rank - b.effort_rank || a.order - b.order; },
    timeframe: function (a, b) { return a.timeframe_rank - b.timeframe_rank || a.order - b.order; }
    // No sort by the number of linked excerpts: in qualitative research it is not evidence.
  };

  function apply(state, names) {
    return load().then(function (recs) {
      var shown = 0;
      /* ?sort= comes from the URL: only our own sorts, never an inherited property. */
      var sort = Object.prototype.hasOwnProperty.call(SORTS, state.sort) ? state.sort : "";
      recs.slice().sort(SORTS[sort]).forEach(function (rec) {
        var li = byId.get(rec.id);
        if (!li) return;
        li.hidden = !window.FindingsFilters.matches(rec, state, names);
        if (!li.hidden) shown += 1;
        list.appendChild(li);
      });
      window.FindingsFilters.reflect(form, recs, state, names, shown);
      var count = window.Findings.count;
      status.textContent = shown === recs.length
        ? (shown === 1 ? "Showing the one recommendation." : "Showing all " +
          count(recs.length, "recommendation") + ".")
        : "Showing " + shown + " of " + count(recs.length, "recommendation") + ".";
    });
  }

  /* On paper each card lists its actions (the page leaves them out: they would double its
     weight): drawn from the same data, under each card, before printing. */
  function addActions() {
    return load().then(function (recs) {
      recs.forEach(function (rec) {
        var li = byId.get(rec.id);
        if (!li || li.querySelector(".fnd-rec-card__actions") || !rec.actions) return;
        var box = window.Findings.element("div", "fnd-rec-card__actions fnd-print-only");
        box.appendChild(window.Findings.element("p", "fnd-rec-card__actions-title", "Actions"));
        var steps = window.Findings.element("ol");
        rec.actions.forEach(function (action) {
          steps.appendChild(window.Findings.element("li", "", action));
        });
        box.appendChild(steps);
        li.querySelector("article").appendChild(box);
      });
    });
  }

  window.Findings.whenPrinting(addActions);
  window.FindingsFilters.setup(form, apply);
})();
