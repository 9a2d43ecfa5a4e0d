/* Small enhancements on every page:
   - links print with their full address;
   - a permalink shown as a bare path (site_url unset) is completed with this site's address;
   - citations get today's date as the access date;
   - copy buttons copy a link or a citation, and say so to screen readers. */
(function () {
  "use strict";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var now = new Date();
  var today = MONTHS[now.getMonth()] + " " + now.getDate() + ", " + now.getFullYear();

  document.querySelectorAll(".md-content a[href]").forEach(function (link) {
    if (!link.classList.contains("headerlink")) link.setAttribute("data-fnd-href", link.href);
  });
  document.querySelectorAll("[data-fnd-permalink]").forEach(function (el) {
    var path = el.getAttribute("data-fnd-permalink");
    if (location.protocol.indexOf("http") === 0 && el.textContent.trim().charAt(0) === "/") {
      el.textContent = new URL(path, location.href).href;
    }
  });
  document.querySelectorAll("[data-fnd-accessed]").forEach(function (el) {
    el.textContent = el.getAttribute("data-fnd-accessed").replace("{date}", today) + " ";
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

  function textToCopy(button) {
    var link = button.getAttribute("data-copy-link");
    if (link) return new URL(link, location.href).href;
    var source = document.getElementById(button.getAttribute("data-copy-from"));
    var cite = source.querySelector("[data-fnd-cite]") || source;
    return cite.textContent.replace(/\s+/g, " ").trim();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy-link], [data-copy-from]");
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
  document.querySelectorAll(".fnd-copy").forEach(function (el) { el.hidden = false; });
})();
