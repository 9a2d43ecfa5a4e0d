/* The handout: the quotes and recommendations a reader picked (kept in this browser), or the
   ones a shared link names (?quote=ID&rec=ID: parameters of its own, never the search box's
   ?q=, which the theme opens search for and then drops), drawn from data/findings.json with
   citations (in the style the reader chooses) and content notes, ready to print. Nothing is
   sent anywhere.
   A shared link shows a shared handout, apart from the reader's own: removing or clearing its
   items changes only the view (and the address), never the list kept in this browser, until
   the reader adds them to their own. The page's words (labels, notes, buttons) are the
   generator's, in the page (handout.html); this script only shows, hides and fills them. */
(function () {
  "use strict";
  var root = document.querySelector("[data-fnd-handout]");
  if (!root || !window.Findings) return;
  var list = root.querySelector(".fnd-handout__items");
  var status = root.querySelector(".fnd-tool-status");
  var base = new URL(root.getAttribute("data-fnd-root"), location.href);
  var offline = location.protocol === "file:";
  var store = window.Findings;
  var element = store.element;
  var QUOTE = "quote";
  var REC = "rec";
  var styleKey = "findings:handout-style:" + base.pathname;
  var labels = {};
  try { labels = JSON.parse(root.getAttribute("data-fnd-labels") || "{}"); } catch (e) { /* raw values */ }

  /* The link's items ("quote:ID", "recommendation:ID"), or null without any. */
  function linked() {
    var params = new URLSearchParams(location.search);
    if (!params.has(QUOTE) && !params.has(REC)) return null;
    return params.getAll(QUOTE).map(function (id) { return "quote:" + id; })
      .concat(params.getAll(REC).map(function (id) { return "recommendation:" + id; }));
  }

  function sameItems(a, b) {
    return a.length === b.length && a.every(function (item) { return b.indexOf(item) !== -1; });
  }

  /* The shared view's items, or null for the reader's own handout. A link to the very items
     this browser keeps is the reader's own handout: shown as such, at its plain address. */
  var shared = linked();
  if (shared && sameItems(shared, store.handoutItems())) {
    shared = null;
    history.replaceState(null, "", location.pathname + location.hash);
  }

  function shown() { return shared || store.handoutItems(); }

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

  /* The citation style: the one the reader chose last (kept in this browser), else the
     page's first. */
  var styles = root.querySelectorAll("input[name='fnd-cite-style']");
  function style() {
    var checked = root.querySelector("input[name='fnd-cite-style']:checked");
    return checked ? checked.value : "ama";
  }
  try {
    var kept = localStorage.getItem(styleKey);
    styles.forEach(function (input) { if (input.value === kept) input.checked = true; });
  } catch (e) { /* storage off */ }

  function citation(quote) {
    return store.cite(style(), {
      id: quote.id, text: quote.text, excerpt: quote.excerpt, url: permalink("quotes", quote.id),
      who: quote.kind === "finding" ? "Study authors" : quote.speaker
    });
  }

  /* A "Remove" button for one item, from the page's template; label tells it from another's. */
  function removeButton(item, label) {
    var template = root.querySelector("template[data-fnd-remove]");
    var fragment = template.content.cloneNode(true);
    fragment.querySelector("[data-action='remove']").setAttribute("data-item", item);
    fragment.querySelectorAll("[data-fnd-slot='label']").forEach(function (el) { el.textContent = label; });
    return fragment;
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
    footer.appendChild(removeButton("quote:" + quote.id, store.shortQuote(quote.text)));
    return card;
  }

  function label(kind, value) {
    var names = labels[kind] || {};
    return Object.prototype.hasOwnProperty.call(names, value) ? names[value] : String(value);
  }

  /* The recommendation's ratings, in the list the recommendation's page shows (its template). */
  function facts(rec) {
    var template = root.querySelector("template[data-fnd-rec-facts]");
    if (!template) return document.createDocumentFragment();
    var list = template.content.cloneNode(true);
    var values = {
      level: label("level", rec.level), effort: label("effort", rec.effort),
      timeframe: label("timeframe", rec.timeframe),
      audiences: Array.isArray(rec.audiences) ? rec.audiences.join(", ") : ""
    };
    list.querySelectorAll("[data-fnd-slot]").forEach(function (el) {
      el.textContent = values[el.getAttribute("data-fnd-slot")] || "";
    });
    return list;
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
    item.appendChild(facts(rec));
    item.appendChild(element("p", "fnd-card__meta", permalink("recommendations", rec.id)));
    item.appendChild(removeButton("recommendation:" + rec.id, rec.title));
    return item;
  }

  /* Whose recommendation it is, in the words of the pages' badges (the page holds them). */
  function basisLabel(rec) {
    var owner = rec.basis !== "stated" ? "editors"
      : rec.stated_by === "participants" ? "participants" : "authors";
    return root.getAttribute("data-basis-" + owner) || "";
  }

  /* Shows the parts of the page for this view (own or shared) and hides the others. */
  function showView(empty) {
    var view = shared ? "shared" : "own";
    root.querySelector(".fnd-handout__shared").hidden = !shared;
    root.querySelectorAll("[data-fnd-view]").forEach(function (el) {
      el.hidden = el.getAttribute("data-fnd-view") !== view;
    });
    root.querySelectorAll("[data-fnd-empty]").forEach(function (el) {
      el.hidden = !empty || el.getAttribute("data-fnd-empty") !== view;
    });
  }

  function showStyle(quotes) {
    root.querySelector(".fnd-handout__citing").hidden = !quotes;
    root.querySelectorAll("[data-fnd-style-note]").forEach(function (note) {
      note.hidden = note.getAttribute("data-fnd-style-note") !== style();
    });
  }

  var data = null;
  function load() {
    if (!data) {
      data = fetch(new URL(root.getAttribute("data-fnd-handout"), location.href))
        .then(function (response) { return response.json(); });
    }
    return data;
  }

  function render() {
    var items = shown();
    list.textContent = "";
    showView(!items.length);
    if (!items.length) {
      showStyle(0);
      status.textContent = "";
      return Promise.resolve();
    }
    return load().then(function (json) {
      /* Maps, not objects: an id from the URL (?quote=__proto__) finds only a real item. */
      var quotes = new Map();
      var recs = new Map();
      json.quotes.forEach(function (q) { quotes.set(q.id, q); });
      json.recommendations.forEach(function (r) { recs.set(r.id, r); });
      var count = 0;
      var quoted = 0;
      list.textContent = "";
      items.forEach(function (item) {
        var parts = partsOf(item);
        var found = (parts[0] === "quote" ? quotes : recs).get(parts[1]);
        if (!found) return;
        list.appendChild(parts[0] === "quote" ? quoteItem(found) : recommendationItem(found));
        count += 1;
        if (parts[0] === "quote") quoted += 1;
      });
      showStyle(quoted);
      status.textContent = "The handout lists " + store.count(count, "item") + ".";
    });
  }

  /* The shared view's items changed (removed, cleared): the address says so, and a reload
     shows the same; with none left the address is the plain handout's. */
  function showShared(items) {
    shared = items;
    history.replaceState(null, "", shareUrl(items) + location.hash);
  }

  function remove(item) {
    if (shared) {
      showShared(shared.filter(function (i) { return i !== item; }));
    } else {
      store.saveHandout(store.handoutItems().filter(function (i) { return i !== item; }));
    }
    return render().then(function () {
      status.textContent = "Removed. " + status.textContent;
      list.focus();
    });
  }

  list.setAttribute("tabindex", "-1");
  root.addEventListener("click", function (event) {
    var action = event.target.closest("[data-action]");
    if (!action) return;
    var name = action.getAttribute("data-action");
    if (name === "link") {
      var url = new URL(shareUrl(shown()), location.href).href;
      store.copy(url).then(function () { status.textContent = "Shareable link copied."; });
    }
    if (name === "remove") remove(action.getAttribute("data-item"));
    if (name === "merge" && shared) {
      var own = store.handoutItems();
      var added = shared.filter(function (item) { return own.indexOf(item) === -1; });
      store.saveHandout(own.concat(added));
      shared = null;
      history.replaceState(null, "", location.pathname + location.hash);
      render().then(function () {
        status.textContent = store.count(added.length, "item") + " added to your handout. " +
          status.textContent;
      });
    }
    if (name === "clear") {
      if (shared) {
        showShared([]);
      } else {
        store.clearHandout();
        history.replaceState(null, "", location.pathname + location.hash);
      }
      render().then(function () {
        status.textContent = shared ? "This view is cleared." : "The handout is empty now.";
      });
    }
  });
  root.addEventListener("change", function (event) {
    if (event.target.name !== "fnd-cite-style") return;
    try { localStorage.setItem(styleKey, style()); } catch (e) { /* storage off */ }
    render();
  });
  render();
})();
