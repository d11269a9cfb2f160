/* Review threads: after htmx replaces a thread, put the focus on its status message so that
 * keyboard and screen reader users hear what happened and carry on from there; after a refused
 * comment (a 400 the page's htmx configuration swaps in), on the field in error, which its
 * error message describes. */
(function () {
  "use strict";
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || !target.id) return;
    var thread = document.getElementById(target.id);
    if (!thread || !thread.classList.contains("review-thread")) return;
    var invalid = thread.querySelector('[aria-invalid="true"]');
    var flash = thread.querySelector(".review-flash");
    if (invalid) invalid.focus();
    else if (flash) flash.focus();
  });
})();
