/* Session expiry warning: shown 2 minutes before the session ends, with a button to extend it. */
(function () {
  "use strict";
  var body = document.body;
  var seconds = parseInt(body.dataset.sessionSeconds || "0", 10);
  var warnAt = parseInt(body.dataset.sessionWarn || "120", 10);
  var box = document.getElementById("session-warning");
  if (!seconds || !box) return;
  var left = box.querySelector("[data-session-left]");
  var deadline = Date.now() + seconds * 1000;
  var timer = null;

  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  function tick() {
    var remaining = Math.round((deadline - Date.now()) / 1000);
    if (remaining <= 0) {
      left.textContent = "0 seconde";
      box.querySelector("p").textContent =
        "Votre session a expiré. Reconnectez-vous pour continuer : ce que vous tapez reste gardé dans ce navigateur.";
      box.hidden = false;
      return;
    }
    if (remaining <= warnAt) {
      var min = Math.floor(remaining / 60);
      var sec = remaining % 60;
      left.textContent = (min ? min + " min " : "") + sec + " s";
      if (box.hidden) box.hidden = false;
    } else if (!box.hidden) {
      box.hidden = true;
    }
    timer = window.setTimeout(tick, 1000);
  }

  function restart(newSeconds) {
    deadline = Date.now() + newSeconds * 1000;
    box.hidden = true;
    window.clearTimeout(timer);
    tick();
  }

  box.querySelector("[data-session-extend]").addEventListener("click", function () {
    fetch(body.dataset.sessionExtendUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrf() },
      credentials: "same-origin",
    })
      .then(function (r) { return r.json().then(function (d) { return [r.status, d]; }); })
      .then(function (res) {
        if (res[0] === 200) restart(res[1].expires_in);
        else window.location.href = body.dataset.loginUrl + "?next=" + encodeURIComponent(window.location.pathname);
      })
      .catch(function () {});
  });

  // Any successful request to the server (an autosave) extends the session too; the server
  // pushes the expiry back at most once a minute and says how many seconds are left.
  document.addEventListener("livret:activity", function (event) {
    var left = event.detail && event.detail.expiresIn;
    restart(left > 0 ? left : seconds);
  });
  tick();
})();
