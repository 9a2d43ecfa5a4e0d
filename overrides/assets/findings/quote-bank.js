/* The quote bank's filters: by theme, kind, tag and speaker, across the whole bank. Without
   filters the page shows its own list; with them, the matching quotes are drawn from
   data/findings.json, fetched the first time a filter is used. Uses filters.js. */
(function () {
  "use strict";
  var root = document.querySelector("[data-fnd-quotes]");
  if (!root || !window.FindingsFilters || !window.Findings) return;
  var form = root.querySelector("form.fnd-filters");
  var status = root.querySelector(".fnd-quotes-status");
  var results = root.querySelector(".fnd-quote-results");
  var pages = root.querySelector(".fnd-quote-pages");
  var base = new URL(root.getAttribute("data-fnd-root"), location.href);
  var offline = location.protocol === "file:";
  var PAGE = 50;
  var data = null;

  function load() {
    if (data) return Promise.resolve(data);
    return fetch(new URL(root.getAttribute("data-fnd-quotes"), location.href))
      .then(function (response) { return response.json(); })
      .then(function (json) {
        var themes = new Map();
        json.themes.forEach(function (t) { themes.set(t.id, t); });
        data = { quotes: json.quotes, themes: themes };
        return data;
      })
      .catch(function (error) {
        status.textContent = "The filters could not load their data here (opened from a file?).";
        throw error;
      });
  }

  function permalink(quote) {
    return new URL("quotes/" + quote.id + "/" + (offline ? "index.html" : ""), base).href;
  }

  var element = window.Findings.element;
  var count = window.Findings.count;

  /* The page's own card (a <template> of it), filled in: words, speaker, one row of actions,
     every button kept (site.js handles their clicks wherever they are). */
  function card(quote) {
    return window.Findings.quoteCard(quote, permalink(quote), "after-result-") ||
      document.createDocumentFragment();
  }

  function render(matching, shown) {
    results.textContent = "";
    results.appendChild(element("h2", "", "Matching excerpts"));
    var list = element("div", "fnd-quotes");
    matching.slice(0, shown).forEach(function (quote) { list.appendChild(card(quote)); });
    results.appendChild(list);
    if (matching.length > shown) {
      var more = element("button", "md-button", "Show " + Math.min(PAGE, matching.length - shown) +
        " more");
      more.type = "button";
      more.addEventListener("click", function () {
        render(matching, shown + PAGE);
        status.textContent = "Showing " + Math.min(shown + PAGE, matching.length) + " of " +
          count(matching.length, "matching excerpt") + ".";
      });
      results.appendChild(more);
    }
  }

  function valuesOf(q) {
    return { theme: q.themes, kind: [q.kind], tag: q.tags || [], speaker: [q.speaker] };
  }

  function apply(state, names) {
    if (!window.FindingsFilters.active(state, names)) {
      results.hidden = true;
      pages.hidden = false;
      status.textContent = "";
      if (data) window.FindingsFilters.reflect(form, data.quotes.map(valuesOf), state, names, -1);
      return;
    }
    load().then(function (d) {
      var matching = d.quotes.filter(function (q) {
        return window.FindingsFilters.matches(valuesOf(q), state, names);
      });
      window.FindingsFilters.reflect(form, d.quotes.map(valuesOf), state, names, matching.length);
      render(matching, PAGE);
      results.hidden = false;
      pages.hidden = true;
      /* "excerpts", as the page's lead and the home page count them (tally.py) */
      status.textContent = matching.length + " of " + count(d.quotes.length, "excerpt") + " match.";
    });
  }

  window.FindingsFilters.setup(form, apply);
})();
