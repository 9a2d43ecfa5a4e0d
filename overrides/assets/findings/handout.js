/* The handout: the quotes and recommendations a reader picked (kept in this browser), or the
   ones a shared link names (?quote=ID&rec=ID: parameters of its own, never the search box's
   ?q=, which the theme opens search for and then drops), drawn from data/findings.json with
   citations and content notes, ready to print. Nothing is sent anywhere. */
(function () {
  "use strict";
  var root = document.querySelector("[data-fnd-handout]");
  if (!root || !window.Findings) return;
  var list = root.querySelector(".fnd-handout__items");
  var status = root.querySelector(".fnd-tool-status");
  var base = new URL(root.getAttribute("data-fnd-root"), location.href);
  var offline = location.protocol === "file:";
  var store = window.Findings;
  var QUOTE = "quote";
  var REC = "rec";

  function picked() {
    var params = new URLSearchParams(location.search);
    if (params.has(QUOTE) || params.has(REC)) {
      return params.getAll(QUOTE).map(function (id) { return "quote:" + id; })
        .concat(params.getAll(REC).map(function (id) { return "recommendation:" + id; }));
    }
    return store.handoutItems();
  }

  /* "quote:ID" -> ["quote", "ID"]: split at the first colon only. */
  function partsOf(item) {
    var at = String(item).indexOf(":");
    return at === -1 ? ["", String(item)] : [item.slice(0, at), item.slice(at + 1)];
  }

  function shareUrl(items) {
    var params = new URLSearchParams();
    items.forEach(function (item) {
      var parts = partsOf(item);
      params.append(parts[0] === "quote" ? QUOTE : REC, parts[1]);
    });
    return location.pathname + (items.length ? "?" + params.toString() : "");
  }

  function permalink(kind, id) {
    return new URL(kind + "/" + id + "/" + (offline ? "index.html" : ""), base).href;
  }

  var element = store.element;

  function citation(quote) {
    return store.cite("ama", {
      id: quote.id, text: quote.text, excerpt: quote.excerpt, url: permalink("quotes", quote.id),
      who: quote.kind === "finding" ? "Study authors" : quote.speaker
    });
  }

  /* The page's own quote card (a <template> of it), with its source and citation in place of
     the on-screen buttons. */
  function quoteItem(quote) {
    var card = store.quoteCard(quote, permalink("quotes", quote.id), "after-handout-");
    if (!card) return document.createDocumentFragment();
    var actions = card.querySelector(".fnd-quote__actions");
    if (actions) actions.remove();
    /* Where the words come from (the quote's source), then its citation. */
    var footer = card.querySelector(".fnd-quote__footer");
    footer.appendChild(element("p", "fnd-quote__source", "Source: " + quote.source));
    footer.appendChild(element("p", "fnd-cite__text", citation(quote)));
    return card;
  }

  function recommendationItem(rec) {
    var item = element("article", "fnd-card fnd-rec-card");
    var heading = element("h2", "fnd-card__title");
    var a = element("a", "", rec.title);
    a.href = permalink("recommendations", rec.id);
    heading.appendChild(a);
    item.appendChild(heading);
    item.appendChild(element("p", "fnd-basis__label", basisLabel(rec)));
    item.appendChild(element("p", "", rec.summary));
    var actions = element("ol");
    rec.actions.forEach(function (action) { actions.appendChild(element("li", "", action)); });
    item.appendChild(actions);
    item.appendChild(element("p", "fnd-card__meta", "Owner: " + rec.level + "; effort: " +
      rec.effort + "; timeframe: " + rec.timeframe + " (the site's editors' judgement). " +
      permalink("recommendations", rec.id)));
    return item;
  }

  /* Whose recommendation it is, in the words of the pages' badges (the page holds them). */
  function basisLabel(rec) {
    var owner = rec.basis !== "stated" ? "editors"
      : rec.stated_by === "participants" ? "participants" : "authors";
    return root.getAttribute("data-basis-" + owner) || "";
  }

  function render() {
    var items = picked();
    list.textContent = "";
    if (!items.length) {
      list.appendChild(element("p", "fnd-screen-only", "Your handout is empty: add quotes or recommendations " +
        "with their \u201cAdd to handout\u201d buttons."));
      status.textContent = "";
      return Promise.resolve();
    }
    return fetch(new URL(root.getAttribute("data-fnd-handout"), location.href))
      .then(function (response) { return response.json(); })
      .then(function (data) {
        /* Maps, not objects: an id from the URL (?quote=__proto__) finds only a real item. */
        var quotes = new Map();
        var recs = new Map();
        data.quotes.forEach(function (q) { quotes.set(q.id, q); });
        data.recommendations.forEach(function (r) { recs.set(r.id, r); });
        var shown = 0;
        items.forEach(function (item) {
          var parts = partsOf(item);
          var found = (parts[0] === "quote" ? quotes : recs).get(parts[1]);
          if (!found) return;
          list.appendChild(parts[0] === "quote" ? quoteItem(found) : recommendationItem(found));
          shown += 1;
        });
        status.textContent = "The handout lists " + store.count(shown, "item") + ".";
      });
  }

  root.querySelector(".fnd-tool-actions").addEventListener("click", function (event) {
    var action = event.target.closest("[data-action]");
    if (!action) return;
    var name = action.getAttribute("data-action");
    if (name === "link") {
      var url = new URL(shareUrl(picked()), location.href).href;
      store.copy(url).then(function () { status.textContent = "Shareable link copied."; });
    }
    if (name === "clear") {
      store.clearHandout();
      history.replaceState(null, "", location.pathname);
      render().then(function () { status.textContent = "The handout is empty now."; });
    }
  });
  if (!location.search && store.handoutItems().length) {
    history.replaceState(null, "", shareUrl(store.handoutItems()));
  }
  render();
})();
