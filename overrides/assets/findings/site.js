/* Small enhancements on every page:
   - links print with their full address, once per address; Print buttons; the printed header;
   - a permalink shown as a bare path (site_url unset) is completed with this site's address;
   - copy buttons copy a link or a citation, and say so to screen readers;
   - "Add to handout" buttons keep the reader's picks in this browser;
   - each search result says what it is (theme, quote, recommendation, guide), from its
     address, so the search index carries no extra field (see findings/search_text.py).
   window.Findings shares these helpers with the page scripts (quote bank, handout). */
(function () {
  "use strict";
  var script = document.currentScript;
  var siteRoot = script ? new URL("../../", script.src).pathname : "/";
  var handoutKey = "findings:handout:" + siteRoot;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var now = new Date();
  var today = MONTHS[now.getMonth()] + " " + now.getDate() + ", " + now.getFullYear();

  document.querySelectorAll("[data-fnd-permalink]").forEach(function (el) {
    var path = el.getAttribute("data-fnd-permalink");
    if (location.protocol.indexOf("http") === 0 && el.textContent.trim().charAt(0) === "/") {
      el.textContent = new URL(path, location.href).href;
    }
  });
  /* On paper a link's address follows it (findings.css), once: not for a second link to the
     same address, a link that shows its address already, or one that does not print. */
  var printed = new Set();
  document.querySelectorAll(".md-content a[href]").forEach(function (link) {
    if (link.classList.contains("headerlink") || link.getAttribute("href").charAt(0) === "#" ||
        link.closest(".fnd-needs-js, .fnd-screen-only")) return;
    var address = link.href.split("#")[0];
    var shown = printed.has(address) || link.textContent.trim() === link.href;
    printed.add(address);
    if (!shown) link.setAttribute("data-fnd-href", link.href);
  });

  var status = document.createElement("p");
  status.className = "fnd-visually-hidden";
  status.setAttribute("role", "status");
  document.body.appendChild(status);

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    area.remove();
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  /* A new element with a class and text (never HTML): the scripts build their lists with it. */
  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  /* The template with each {name} replaced by values[name], and {{ and }} by a brace (the
     study's own braces, doubled by the generator), in one pass and by a function: a
     replacement string would read "$&", "$'" or "$$" in a quote's text as patterns, and a
     second pass would fill a "{id}" that a quote's text holds. */
  function fill(template, values) {
    return template.replace(/\{\{|\}\}|\{(\w+)\}/g, function (found, name) {
      if (!name) return found.charAt(0);
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : found;
    });
  }

  /* A quote's citation from the page's templates (the generator's wording, written once per
     page): quote = {id, who, text, url, excerpt}; style = "ama" or "apa". The words quoted
     are the generator's excerpt where it shortens the text (findings.json's "excerpt", a
     card's data-quote-excerpt), else the text: the rule is the generator's alone. */
  function cite(style, quote) {
    var templates = document.querySelector(".fnd-cite-templates");
    var lead = fill(templates.getAttribute("data-" + style + "-lead"),
      { who: quote.who, text: quote.excerpt || quote.text, id: quote.id });
    return lead + " " + new URL(quote.url, location.href).href;
  }

  function cardQuote(box) {
    var card = box.closest("article");
    return {
      id: box.getAttribute("data-quote-id"),
      who: box.getAttribute("data-quote-who"),
      url: box.getAttribute("data-quote-url"),
      excerpt: box.getAttribute("data-quote-excerpt"),
      text: card.querySelector(".fnd-quote__text").textContent.replace(/\s+/g, " ").trim()
    };
  }

  function textToCopy(button) {
    var link = button.getAttribute("data-copy-link");
    if (link) return new URL(link, location.href).href;
    var style = button.getAttribute("data-copy-cite");
    if (style) return cite(style, cardQuote(button.closest(".fnd-copy")));
    var source = document.getElementById(button.getAttribute("data-copy-from"));
    var shown = source.querySelector("[data-fnd-cite]") || source;
    return shown.textContent.replace(/\s+/g, " ").trim();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest &&
      event.target.closest("[data-copy-link], [data-copy-from], [data-copy-cite]");
    if (!button) return;
    copy(textToCopy(button)).then(function () {
      status.textContent = "";
      status.textContent = button.getAttribute("data-copy-done") + ".";
      button.classList.add("fnd-copy__button--done");
      setTimeout(function () { button.classList.remove("fnd-copy__button--done"); }, 2000);
    }, function () {
      status.textContent = "Could not copy: select the text and copy it instead.";
    });
  });

  /* Print: the Print buttons, and the browser's own print command, first let the page's
     scripts add what paper needs (whenPrinting: a function returning a promise), then
     write the header's address (with any filters in it) and date. */
  var preparers = [];
  function whenPrinting(prepare) { preparers.push(prepare); }
  function prepareForPrint() {
    document.querySelectorAll("[data-fnd-print-where]").forEach(function (el) {
      el.textContent = location.href + " \u00b7 printed " + today;
    });
    return Promise.all(preparers.map(function (prepare) {
      return Promise.resolve().then(prepare).catch(function () { /* printed without it */ });
    }));
  }
  window.addEventListener("beforeprint", prepareForPrint);
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-fnd-print]");
    if (!button) return;
    prepareForPrint().then(function () { window.print(); });
  });
  prepareForPrint();

  function handoutItems() {
    var items;
    try { items = JSON.parse(localStorage.getItem(handoutKey) || "[]"); } catch (e) { return []; }
    return Array.isArray(items) ? items.filter(function (i) { return typeof i === "string"; }) : [];
  }

  function saveHandout(items) {
    try { localStorage.setItem(handoutKey, JSON.stringify(items)); } catch (e) { /* off */ }
  }

  function showPressed() {
    var items = handoutItems();
    document.querySelectorAll("[data-handout]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(items.indexOf(button.getAttribute("data-handout")) !== -1));
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-handout]");
    if (!button) return;
    var item = button.getAttribute("data-handout");
    var items = handoutItems();
    var at = items.indexOf(item);
    if (at === -1) items.push(item); else items.splice(at, 1);
    saveHandout(items);
    showPressed();
    status.textContent = "";
    status.textContent = (at === -1 ? "Added to" : "Removed from") + " the handout (" +
      items.length + (items.length === 1 ? " item)." : " items).");
  });
  showPressed();

  /* A quote's first words: the label that tells its buttons from another quote's (the
     generator's wording.short_quote keeps as many). */
  function shortQuote(text) {
    var words = String(text).split(/\s+/).filter(Boolean);
    return words.slice(0, 6).join(" ") + (words.length > 6 ? "\u2026" : "");
  }

  /* A quote's card, cloned from the page's <template data-fnd-card="KIND"> (the generator's
     own card, _macros.html quote_card) and filled in, so the card's markup has one source.
     There is one template per label the pages give (voice.py): the one of the quote's label
     (findings.json's "label"), so a card says whose words they are as the quote's own page
     does. quote: a quote of data/findings.json; url: its permalink; anchor: the prefix of
     the id a content note's "Skip this quote" leads to. Returns a fragment (null for an
     unknown kind). */
  function quoteCard(quote, url, anchor) {
    var template = null;
    document.querySelectorAll("template[data-fnd-card]").forEach(function (t) {
      if (t.getAttribute("data-fnd-card") !== quote.kind) return;
      if (!template || t.getAttribute("data-fnd-label") === quote.label) template = t;
    });
    if (!template) return null;
    var card = template.content.cloneNode(true);
    function fill(name, text) {
      card.querySelectorAll("[data-fnd-slot='" + name + "']").forEach(function (el) {
        el.textContent = text;
      });
    }
    fill("text", quote.text);
    fill("speaker", quote.speaker);
    fill("label", " (\u201c" + shortQuote(quote.text) + "\u201d)");
    var note = card.querySelector(".fnd-quote__note");
    var after = card.querySelector(".fnd-anchor");
    if (quote.content_note) {
      fill("note", quote.content_note);
      note.querySelector(".fnd-quote__skip").href = "#" + anchor + quote.id;
      after.id = anchor + quote.id;
    } else {
      if (note) note.remove();
      if (after) after.remove();
    }
    card.querySelectorAll("[data-fnd-slot='permalink']").forEach(function (a) { a.href = url; });
    card.querySelectorAll("[data-handout]").forEach(function (button) {
      button.setAttribute("data-handout", "quote:" + quote.id);
      button.setAttribute("aria-pressed", String(handoutItems().indexOf("quote:" + quote.id) !== -1));
    });
    card.querySelectorAll(".fnd-copy[data-quote-id]").forEach(function (box) {
      box.setAttribute("data-quote-id", quote.id);
      box.setAttribute("data-quote-who", quote.kind === "finding" ? "Study authors" : quote.speaker);
      box.setAttribute("data-quote-url", url);
      if (quote.excerpt) box.setAttribute("data-quote-excerpt", quote.excerpt);
      box.querySelector("[data-copy-link]").setAttribute("data-copy-link", url);
    });
    return card;
  }

  /* "1 recommendation", "2 recommendations": the noun agrees with the number (as the
     generator's wording.count). */
  function count(n, singular, plural) {
    return n + " " + (n === 1 ? singular : plural || singular + "s");
  }

  /* The type of a page, from its address below the site's root: a section's index is typed
     as the section (the themes index "Themes", not "Page"). */
  var TYPES = [[/^themes\/$/, "Themes"], [/^themes\/[^/]+\/quotes\//, "Quotes"],
    [/^quotes\/$/, "Quote bank"], [/^recommendations\/$/, "Recommendations"],
    [/^themes\/[^/]+\/$/, "Theme"], [/^quotes\/(?!page\/)[^/]+\/$/, "Quote"],
    [/^recommendations\/[^/]+\/$/, "Recommendation"],
    [/^toolkit\/discussion\/[^/]+\/$/, "Discussion guide"], [/^toolkit\//, "Toolkit"],
    [/^study\/$/, "The study"], [/^evidence\/$/, "Evidence map"]];

  function typeOf(href) {
    var url = new URL(href, location.href);
    if (url.pathname.indexOf(siteRoot) !== 0) return "Page";
    var path = url.pathname.slice(siteRoot.length).replace(/index\.html$/, "");
    for (var i = 0; i < TYPES.length; i++) if (TYPES[i][0].test(path)) return TYPES[i][1];
    return "Page";
  }

  function labelResults(list) {
    list.querySelectorAll(".md-search-result__item > .md-search-result__link").forEach(function (link) {
      var title = link.querySelector("h1");
      if (!title || title.querySelector(".fnd-result-type")) return;
      var type = element("span", "fnd-result-type", typeOf(link.href));
      title.insertBefore(document.createTextNode(" "), title.firstChild);
      title.insertBefore(type, title.firstChild);
    });
  }

  var results = document.querySelector(".md-search-result__list");
  if (results && window.MutationObserver) {
    new MutationObserver(function () { labelResults(results); })
      .observe(results, { childList: true, subtree: true });
  }

  window.Findings = {
    whenPrinting: whenPrinting,
    quoteCard: quoteCard,
    shortQuote: shortQuote,
    count: count,
    handoutItems: handoutItems,
    clearHandout: function () { saveHandout([]); showPressed(); },
    saveHandout: function (items) { saveHandout(items); showPressed(); },
    copy: copy,
    cite: cite,
    element: element
  };
})();
