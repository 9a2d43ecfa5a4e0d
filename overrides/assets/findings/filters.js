/* Shared by the recommendations browser and the quote bank: a filter form whose state lives
   in the URL (?theme=a&theme=b&sort=title), so a link reproduces a view and Back works.
   FindingsFilters.setup(form, apply) calls apply(state, names) whenever the state changes. */
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

  function setup(form, apply) {
    var names = facetNames(form);
    var sort = form.elements.sort;

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

    form.addEventListener("change", function () {
      var state = fromForm();
      history.pushState(null, "", toUrl(state));
      apply(state, names);
    });
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

  function matches(values, state, names) {
    return names.every(function (name) {
      return !state[name].length || state[name].some(function (v) {
        var own = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : [];
        return (own || []).indexOf(v) !== -1;
      });
    });
  }

  window.FindingsFilters = { setup: setup, active: active, matches: matches };
})();
