/* PDF progress page: once the PDF is ready (the page loaded ready, or htmx's polling swapped
 * the ready state in), start its download once. Without JavaScript, a <noscript> refresh
 * does the same. */
(function () {
  "use strict";
  function start() {
    var link = document.querySelector("[data-pdf-download]:not([data-started])");
    if (!link) return;
    link.setAttribute("data-started", "");
    window.location.assign(link.href);
  }
  document.addEventListener("DOMContentLoaded", start);
  document.addEventListener("htmx:afterSettle", start);
})();
