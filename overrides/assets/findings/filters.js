/* Shared by the recommendations browser and the quote bank: a filter form whose state lives
   in the URL (?theme=a&theme=b&sort=title), so a link reproduces a view and Back works.
   FindingsFilters.setup(form, apply) calls apply(state, names) whenever the state changes;
   FindingsFilters.reflect(form, items, state, names, shown) then shows the selection's effect:
   "Filter (n)" on the fold, each option's count under the other groups' ticks ("none" when
   it would show nothing), and "Clear filters" beside an empty result. The filters are folded
   on a phone and open beside the results on a wide screen. */
(function () {
  "use strict";

  /* The name of each group that has options: a group can be empty (no quote has a tag). */
  function facetNames(form) {
    var names = [];
    form.querySelectorAll("fieldset").forEach(function (f) {
      var input = f.querySelector("input[name]");
      if (input && names.indexOf(input.name) === -1) names.push(input.name);
    });
    return names;
  }

  var WIDE = "(min-width: 60em)";

  function fold(form) {
    var details = form.querySelector(".fnd-filters__fold");
    if (!details || !window.matchMedia) return;
    var wide = window.matchMedia(WIDE);
    details.open = wide.matches;
    wide.addEventListener("change", function () { details.open = wide.matches; });
  }

  /* The order of the results: a control of the form, or one at the head of the results
     (data-fnd-sort), read and kept in the URL with the filters. */
  function sortOf(form) {
    var page = form.closest(".fnd-page") || document;
    return form.elements.sort || page.querySelector("select[data-fnd-sort]");
  }

  function setup(form, apply) {
    var names = facetNames(form);
    var sort = sortOf(form);
    var page = form.closest(".fnd-page") || document;
    fold(form);
    page.querySelectorAll("[data-fnd-clear]").forEach(function (button) {
      button.addEventListener("click", function () {
        form.reset();
        var first = form.querySelector("input[name]");
        if (first) first.focus();
      });
    });

    function fromUrl() {
      var params = new URLSearchParams(location.search);
      var state = { sort: params.get("sort") || "" };
      names.forEach(function (name) { state[name] = params.getAll(name); });
      return state;
    }

    function fromForm() {
      var state = { sort: sort ? sort.value : "" };
      names.forEach(function (name) {
        state[name] = Array.prototype.filter.call(
          form.querySelectorAll("input[name='" + name + "']"),
          function (box) { return box.checked; }).map(function (box) { return box.value; });
      });
      return state;
    }

    function toUrl(state) {
      var params = new URLSearchParams();
      names.forEach(function (name) {
        state[name].forEach(function (value) { params.append(name, value); });
      });
      if (state.sort) params.set("sort", state.sort);
      var text = params.toString();
      return text ? "?" + text : location.pathname;
    }

    function show(state) {
      names.forEach(function (name) {
        form.querySelectorAll("input[name='" + name + "']").forEach(function (box) {
          box.checked = state[name].indexOf(box.value) !== -1;
        });
      });
      if (sort) sort.value = state.sort;
    }

    function changed() {
      var state = fromForm();
      history.pushState(null, "", toUrl(state));
      apply(state, names);
    }
    form.addEventListener("change", changed);
    if (sort && !form.contains(sort)) sort.addEventListener("change", changed);
    form.addEventListener("reset", function () {
      setTimeout(function () { form.dispatchEvent(new Event("change")); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("popstate", function () {
      var state = fromUrl();
      show(state);
      apply(state, names);
    });
    if (location.search) {
      var initial = fromUrl();
      show(initial);
      apply(initial, names);
    }
    return names;
  }

  function active(state, names) {
    return names.some(function (name) { return state[name].length > 0; });
  }

  /* An item's values in a group: its own property only, never an inherited one. */
  function own(values, name) {
    return (Object.prototype.hasOwnProperty.call(values, name) ? values[name] : []) || [];
  }

  function matches(values, state, names) {
    return names.every(function (name) {
      return !state[name].length || state[name].some(function (v) {
        return own(values, name).indexOf(v) !== -1;
      });
    });
  }

  function reflect(form, items, state, names, shown) {
    var ticked = names.reduce(function (n, name) { return n + state[name].length; }, 0);
    var active = form.querySelector(".fnd-filters__active");
    if (active) active.textContent = ticked ? " (" + ticked + ")" : "";
    names.forEach(function (name) {
      var others = {};
      names.forEach(function (n) { others[n] = n === name ? [] : state[n]; });
      var tally = new Map();
      items.forEach(function (values) {
        if (!matches(values, others, names)) return;
        own(values, name).forEach(function (v) { tally.set(v, (tally.get(v) || 0) + 1); });
      });
      form.querySelectorAll("input[name='" + name + "']").forEach(function (box) {
        var n = tally.get(box.value) || 0;
        var option = box.closest(".fnd-filters__option");
        var count = option && option.querySelector(".fnd-filters__count");
        if (!count) return;
        count.textContent = n ? "(" + n + ")" : "(none)";
        option.classList.toggle("fnd-filters__option--none", n === 0 && !box.checked);
      });
    });
    var page = form.closest(".fnd-page") || document;
    var empty = page.querySelector(".fnd-filters__empty");
    if (empty) empty.hidden = !(ticked && shown === 0);
    printed(form);
  }

  /* The filters applied, in the words of the form, for the printed header. */
  function printed(form) {
    var parts = [];
    form.querySelectorAll("fieldset").forEach(function (group) {
      var picked = Array.prototype.filter.call(group.querySelectorAll("input:checked"),
        function () { return true; }).map(function (box) {
        var label = form.querySelector("label[for='" + box.id + "']");
        var count = label && label.querySelector(".fnd-filters__count");
        var text = label ? label.textContent : box.value;
        if (count) text = text.slice(0, text.length - count.textContent.length);
        return text.trim();
      });
      var legend = group.querySelector("legend");
      if (picked.length) parts.push((legend ? legend.textContent.trim() : "") + ": " + picked.join(", "));
    });
    var sort = sortOf(form);
    if (sort && sort.value) parts.push("Sorted by " + sort.options[sort.selectedIndex].text.toLowerCase());
    document.querySelectorAll("[data-fnd-print-filters]").forEach(function (el) {
      el.textContent = parts.length ? "Filters applied: " + parts.join("; ") + "." : "";
      el.hidden = !parts.length;
    });
  }

  window.FindingsFilters = { setup: setup, active: active, matches: matches, reflect: reflect };
})();
