/* The strength of a new password, shown as the person types (the server's own estimate).
   Without JavaScript nothing is shown here: the form checks the password when it is sent. */
(function () {
  "use strict";
  document.querySelectorAll("p[data-strength-url]").forEach(function (output) {
    var input = document.getElementById(output.dataset.for);
    var form = input && input.form;
    if (!form) return;
    var timer = null;
    var asked = 0;

    function field(name) {
      var el = form.querySelector('[name="' + name + '"]');
      return el ? el.value : "";
    }

    function show(answer) {
      output.hidden = !answer.level;
      output.dataset.accepted = answer.accepted ? "oui" : "non";
      output.textContent = answer.level
        ? "Robustesse : " + answer.level + ". " + answer.message
        : "";
    }

    function ask() {
      var mine = ++asked;
      var data = new FormData();
      data.append("password", input.value);
      ["email", "first_name", "last_name"].forEach(function (name) {
        data.append(name, field(name));
      });
      fetch(output.dataset.strengthUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": field("csrfmiddlewaretoken") },
      })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (answer) {
          if (answer && mine === asked) show(answer);
        })
        .catch(function () {});
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, 400);
    });
  });
})();
