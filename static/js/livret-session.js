/* Session expiry warning: shown 2 minutes before the session ends, with a button to extend it.
 *
 * The visible countdown changes every second but sits outside any live region: screen readers
 * hear the warning only at thresholds (2 minutes left, 1 minute left, expired), through the
 * announcer beside the box. When the warning appears, the focus goes to « Prolonger ma session »
 * (unless the person is typing in a field): Enter extends the session, then the focus goes
 * back where it was (WCAG 2.2.1). */
(function () {
  "use strict";
  var body = document.body;
  var seconds = parseInt(body.dataset.sessionSeconds || "0", 10);
  var warnAt = parseInt(body.dataset.sessionWarn || "120", 10);
  var box = document.getElementById("session-warning");
  var announcer = document.getElementById("session-announce");
  if (!seconds || !box || !announcer) return;
  var left = box.querySelector("[data-session-left]");
  var text = box.querySelector("[data-session-text]");
  var button = box.querySelector("[data-session-extend]");
  var deadline = Date.now() + seconds * 1000;
  var timer = null;
  var said = {};
  var returnTo = null;
  var expired = box.querySelector("[data-session-expired]");

  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  function announce(key, message) {
    if (said[key]) return;
    said[key] = true;
    announcer.textContent = message;
  }

  function typing() {
    var el = document.activeElement;
    return !!el && (el.isContentEditable || /^(TEXTAREA|INPUT|SELECT)$/.test(el.tagName));
  }

  function show() {
    if (!box.hidden) return;
    box.hidden = false;
    if (!typing()) {
      returnTo = document.activeElement;
      button.focus({ preventScroll: true });
    }
  }

  function tick() {
    var remaining = Math.round((deadline - Date.now()) / 1000);
    if (remaining <= 0) {
      text.hidden = true;
      expired.hidden = false;
      show();
      announce("expired", expired.textContent.trim());
      return;
    }
    if (remaining <= warnAt) {
      var min = Math.floor(remaining / 60);
      var sec = remaining % 60;
      left.textContent = (min ? min + " min " : "") + sec + " s";
      show();
      if (remaining > 60) {
        announce("warn", "Votre session va expirer dans " + Math.ceil(remaining / 60) +
          " minutes faute d'activité. Le bouton « Prolonger ma session » la prolonge.");
      } else {
        announce("minute", "Votre session va expirer dans moins d'une minute. " +
          "Le bouton « Prolonger ma session » la prolonge.");
      }
    } else if (!box.hidden) {
      box.hidden = true;
    }
    timer = window.setTimeout(tick, 1000);
  }

  function restart(newSeconds) {
    var wasShown = !box.hidden;
    deadline = Date.now() + newSeconds * 1000;
    said = {};
    box.hidden = true;
    text.hidden = false;
    expired.hidden = true;
    window.clearTimeout(timer);
    if (wasShown) announcer.textContent = "Votre session est prolongée.";
    if (wasShown && document.activeElement === button && returnTo && returnTo !== document.body) {
      returnTo.focus();
    } else if (wasShown && document.activeElement === button) {
      document.getElementById("contenu").focus();
    }
    returnTo = null;
    tick();
  }

  button.addEventListener("click", function () {
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
