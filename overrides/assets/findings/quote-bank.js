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

  function link(path, text) {
    var a = document.createElement("a");
    a.href = new URL(path + (offline ? "index.html" : ""), base).href;
    a.textContent = text;
    return a;
  }

  var element = window.Findings.element;

  function card(quote) {
    var article = element("article", "fnd-quote fnd-quote--" + quote.kind);
    article.appendChild(element("h3", "fnd-quote__kind", quote.kind === "participant"
      ? "Participant's words" : "Finding stated by the study authors"));
    if (quote.content_note) {
      var note = element("div", "fnd-quote__note");
      note.setAttribute("role", "note");
      var p = element("p", "", " " + quote.content_note);
      p.insertBefore(element("strong", "", "Content note:"), p.firstChild);
      note.appendChild(p);
      var skip = element("p");
      var a = element("a", "fnd-quote__skip", "Skip this quote");
      a.href = "#after-result-" + quote.id;
      skip.appendChild(a);
      note.appendChild(skip);
      article.appendChild(note);
    }
    var body = element(quote.kind === "participant" ? "blockquote" : "div", "fnd-quote__text");
    body.appendChild(element("p", "", quote.text));
    article.appendChild(body);
    article.appendChild(element("p", "fnd-quote__speaker", quote.speaker));
    /* Words, speaker, one row of actions, as on the page's own cards (themes, source and
       tags are on the quote's page). */
    var actions = element("div", "fnd-quote__actions");
    var permalink = element("p", "fnd-quote__permalink");
    var page = link("quotes/" + quote.id + "/", "Permalink and citation");
    page.appendChild(element("span", "fnd-visually-hidden", " for quote " + quote.id));
    permalink.appendChild(page);
    actions.appendChild(permalink);
    actions.appendChild(handoutToggle(quote));
    actions.appendChild(copyButtons(quote, page.href));
    var footer = element("footer", "fnd-quote__footer");
    footer.appendChild(actions);
    article.appendChild(footer);
    var fragment = document.createDocumentFragment();
    fragment.appendChild(article);
    if (quote.content_note) {
      var anchor = element("span", "fnd-anchor");
      anchor.id = "after-result-" + quote.id;
      anchor.tabIndex = -1;
      fragment.appendChild(anchor);
    }
    return fragment;
  }

  /* The same buttons as a card the page was built with (_macros.html), so a filtered card
     loses none: site.js handles their clicks wherever they are. */
  function handoutToggle(quote) {
    var p = element("p", "fnd-handout-toggle fnd-needs-js");
    var button = element("button", "fnd-copy__button");
    button.type = "button";
    button.setAttribute("data-handout", "quote:" + quote.id);
    button.setAttribute("aria-pressed",
      String(window.Findings.handoutItems().indexOf("quote:" + quote.id) !== -1));
    button.appendChild(element("span", "fnd-handout-toggle__add", "Add to handout"));
    button.appendChild(element("span", "fnd-handout-toggle__in", "In the handout"));
    button.appendChild(element("span", "fnd-visually-hidden", " (quote " + quote.id + ")"));
    p.appendChild(button);
    return p;
  }

  function copyButtons(quote, url) {
    var box = element("div", "fnd-copy fnd-needs-js");
    box.setAttribute("data-quote-id", quote.id);
    box.setAttribute("data-quote-who", quote.kind === "finding" ? "Study authors" : quote.speaker);
    box.setAttribute("data-quote-url", url);
    [["data-copy-link", url, "Copy link", "Link copied", " to quote "],
     ["data-copy-cite", "ama", "Copy AMA citation", "AMA citation copied", " of quote "],
     ["data-copy-cite", "apa", "Copy APA citation", "APA citation copied", " of quote "]
    ].forEach(function (spec) {
      var button = element("button", "fnd-copy__button", spec[2]);
      button.type = "button";
      button.setAttribute(spec[0], spec[1]);
      button.setAttribute("data-copy-done", spec[3]);
      button.appendChild(element("span", "fnd-visually-hidden", spec[4] + quote.id));
      box.appendChild(button);
    });
    return box;
  }

  function render(matching, shown) {
    results.textContent = "";
    results.appendChild(element("h2", "", "Matching quotes"));
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
          matching.length + " matching quotes.";
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
      status.textContent = matching.length + " of " + d.quotes.length + " quotes match.";
    });
  }

  window.FindingsFilters.setup(form, apply);
})();
