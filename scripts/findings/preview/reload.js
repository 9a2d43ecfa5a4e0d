// The preview's own script (`findings serve` adds it to every page it serves; never built):
// it asks the preview to answer once the site is rebuilt or its problems change, then reloads.
(function () {
  "use strict";
  var script = document.currentScript;
  var seen = script.getAttribute("data-version");
  var address = new URL("wait", script.src);
  function ask() {
    address.searchParams.set("version", seen);
    fetch(address, { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (version) {
        if (version.trim() !== seen) { window.location.reload(); } else { ask(); }
      })
      .catch(function () { window.setTimeout(ask, 1000); });  // stopped, or restarting
  }
  ask();
})();
