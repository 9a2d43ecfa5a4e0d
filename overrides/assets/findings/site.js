/* Small enhancements on every page: links print with their full address, and a permalink
   shown as a bare path (site_url unset) is completed with this site's address. */
(function () {
  "use strict";
  document.querySelectorAll(".md-content a[href]").forEach(function (link) {
    if (!link.classList.contains("headerlink")) link.setAttribute("data-fnd-href", link.href);
  });
  document.querySelectorAll("[data-fnd-permalink]").forEach(function (el) {
    var path = el.getAttribute("data-fnd-permalink");
    if (location.protocol.indexOf("http") === 0 && el.textContent.trim().charAt(0) === "/") {
      el.textContent = new URL(path, location.href).href;
    }
  });
})();
