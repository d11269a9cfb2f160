/* Error summary (templates/includes/error_summary.html): focused once the page is shown after a
 * failed submit (the autofocus attribute does it without JavaScript), and its links put the
 * focus on the field in error itself, with its label in view, not only scroll to it. */
(function () {
  "use strict";
  function focusSummary(root) {
    var summary = (root || document).querySelector("[data-error-summary]");
    if (summary && document.activeElement !== summary && !summary.contains(document.activeElement)) {
      summary.focus();
    }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-link]");
    if (!link) return;
    var field = document.getElementById(link.dataset.errorLink);
    if (!field) return;
    event.preventDefault();
    var label = document.querySelector('label[for="' + CSS.escape(field.id) + '"]');
    var legend = field.closest("fieldset") && field.closest("fieldset").querySelector("legend");
    (legend || label || field).scrollIntoView();
    field.focus({ preventScroll: true });
  });
  document.addEventListener("htmx:afterSwap", function (event) { focusSummary(event.detail.target); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { focusSummary(); });
  } else {
    focusSummary();
  }
})();
