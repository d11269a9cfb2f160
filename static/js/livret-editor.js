/* Autosave for the livret editor.
 * Each field is saved about a second after typing stops and when it loses focus, one request
 * in flight at a time per field (the latest text is sent when the current request ends).
 * Unsaved text is kept in localStorage until the server confirms it, so an expired session
 * or a lost connection loses nothing: it is sent again once the candidate is back.
 */
(function () {
  "use strict";
  var main = document.querySelector("[data-autosave-url]");
  if (!main) return;
  var url = main.dataset.autosaveUrl;
  var DELAY = 1000;
  var STORE = "livret-pending:" + url;

  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  function loadPending() {
    try { return JSON.parse(window.localStorage.getItem(STORE) || "{}"); } catch (e) { return {}; }
  }
  function storePending(name, state) {
    try {
      var all = loadPending();
      if (state) all[name] = state; else delete all[name];
      window.localStorage.setItem(STORE, JSON.stringify(all));
    } catch (e) { /* storage full or disabled: the server save still runs */ }
  }

  // One controller per field (a text input, a textarea, or a group of radios / checkboxes).
  var fields = {};

  function Field(name, elements) {
    this.name = name;
    this.elements = elements;
    this.first = elements[0];
    this.part = this.first.dataset.part;
    this.key = this.first.dataset.field;
    this.version = parseInt(this.first.dataset.version || "0", 10);
    this.status = document.querySelector('[data-status-for="' + CSS.escape(name) + '"]');
    this.pending = document.querySelector('[data-pending-for="' + CSS.escape(name) + '"]');
    this.conflict = document.querySelector('[data-conflict-for="' + CSS.escape(name) + '"]');
    this.hiddenVersion = document.querySelector('[data-version-for="' + CSS.escape(name) + '"]');
    this.saved = this.value();
    this.timer = null;
    this.inFlight = false;
    this.again = false;
    this.blocked = false; // a conflict waits for the candidate's choice
  }

  Field.prototype.value = function () {
    if (this.first.dataset.autosaveChoice === undefined) return this.first.value;
    var checked = this.elements.filter(function (e) { return e.checked; });
    return checked.map(function (e) { return e.value; }).join(",");
  };

  Field.prototype.setVersion = function (v) {
    this.version = v;
    this.elements.forEach(function (e) { e.dataset.version = String(v); });
    if (this.hiddenVersion) this.hiddenVersion.value = String(v);
  };

  // The outcome of a save (or its failure) goes to the live region, announced once.
  Field.prototype.showStatus = function (html, isError) {
    if (!this.status) return;
    this.showPending("");
    this.status.classList.toggle("error", !!isError);
    this.status.innerHTML = html;
  };

  // What is going on meanwhile (typing, saving) is shown beside it, not announced: the live
  // region is emptied once, not rewritten on every keystroke.
  Field.prototype.showPending = function (text) {
    if (text && this.status && this.status.textContent !== "") {
      this.status.textContent = "";
      this.status.classList.remove("error");
    }
    if (this.pending && this.pending.textContent !== text) this.pending.textContent = text;
  };

  Field.prototype.changed = function (immediate) {
    var self = this;
    window.clearTimeout(this.timer);
    if (this.value() === this.saved) return;
    storePending(this.name, { part: this.part, field: this.key, text: this.value(), base: this.version });
    this.showPending("Modifications non enregistrées…");
    this.timer = window.setTimeout(function () { self.save(); }, immediate ? 0 : DELAY);
  };

  Field.prototype.save = function () {
    var self = this;
    window.clearTimeout(this.timer);
    if (this.blocked) return;
    if (this.inFlight) { this.again = true; return; }
    var text = this.value();
    if (text === this.saved) return;
    this.inFlight = true;
    this.again = false;
    this.showPending("Enregistrement…");
    var body = new URLSearchParams();
    body.set("part", this.part);
    body.set("field", this.key);
    body.set("text", text);
    body.set("base_version", String(this.version));
    fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf(), "HX-Request": "true" },
    })
      .then(function (response) {
        return response.text().then(function (html) { self.done(response, html, text); });
      })
      .catch(function () {
        self.failed("Non enregistré : connexion au serveur impossible.");
      })
      .then(function () {
        self.inFlight = false;
        if (self.again && !self.blocked) self.save();
      });
  };

  Field.prototype.failed = function (message, html) {
    var self = this;
    this.showStatus(html || message, true);
    var retry = document.createElement("button");
    retry.type = "button";
    retry.className = "secondary retry";
    retry.textContent = "Réessayer";
    retry.addEventListener("click", function () { self.save(); });
    this.status.appendChild(document.createTextNode(" "));
    this.status.appendChild(retry);
  };

  Field.prototype.done = function (response, html, text) {
    var version = parseInt(response.headers.get("X-Livret-Version") || "", 10);
    if (response.status === 200 && response.headers.get("X-Livret-Version")) {
      this.saved = text;
      this.setVersion(version);
      if (this.value() === text) storePending(this.name, null);
      else this.again = true;
      // The fragment swaps the section's state and its menu entry out of band.
      this.showPending("");
      if (window.htmx) window.htmx.swap(this.status, html, { swapStyle: "innerHTML" });
      else this.status.textContent = html.split("<")[0].trim();
      progress();
      this.status.classList.remove("error");
      if (this.conflict) this.conflict.innerHTML = "";
      // The session was extended: the server says by how much (at most once a minute).
      var left = parseInt(response.headers.get("X-Session-Expires-In") || "", 10);
      document.dispatchEvent(new CustomEvent("livret:activity", { detail: { expiresIn: left } }));
    } else if (response.status === 409) {
      this.blocked = true;
      this.conflictVersion = version;
      this.showStatus("Non enregistré : conflit, choisissez le texte à garder.", true);
      this.conflict.innerHTML = html;
    } else if (response.status === 401) {
      this.failed("", html);
    } else if ((response.status === 400 || response.status === 403) && html.indexOf("Non enregistré") !== -1) {
      this.failed("", html);
    } else if (response.status === 403) {
      this.failed("Non enregistré : la page a expiré, rechargez-la (votre texte est gardé dans ce navigateur).");
    } else {
      this.failed("Non enregistré : le serveur n'a pas pu enregistrer.");
    }
  };

  Field.prototype.resolve = function (choice, version, theirs) {
    this.blocked = false;
    this.setVersion(version);
    this.conflict.innerHTML = "";
    if (choice === "theirs") {
      if (this.first.dataset.autosaveChoice === undefined) {
        this.first.value = theirs;
      } else {
        var codes = theirs.split(",");
        this.elements.forEach(function (e) { e.checked = codes.indexOf(e.value) !== -1; });
      }
      this.saved = theirs;
      storePending(this.name, null);
      this.showStatus("Version enregistrée reprise.");
      this.first.dispatchEvent(new Event("input"));
    } else {
      this.saved = null;
      this.save();
    }
  };

  // "N parties complètes sur M" above the menu, counted from the menu's entries.
  function progress() {
    var line = document.querySelector("#livret-menu [data-progress]");
    if (!line) return;
    var states = document.querySelectorAll("#livret-menu [data-menu-state]");
    var done = document.querySelectorAll("#livret-menu [data-menu-state].state-done").length;
    var s = done >= 2 ? "s" : ""; // French: singular for 0 and 1
    line.innerHTML = "";
    var strong = document.createElement("strong");
    strong.textContent = String(done);
    line.appendChild(strong);
    line.appendChild(document.createTextNode(" partie" + s + " complète" + s + " sur " + states.length));
  }

  // « 10 000 »: digits grouped by three with a narrow no-break space, as the server writes.
  function nombre(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
  }

  function counter(el) {
    var box = document.getElementById("count-" + el.id.replace(/^in-/, ""));
    if (!box) return;
    var n = el.value.length;
    var max = parseInt(el.dataset.max || "0", 10);
    box.querySelector("[data-count]").textContent = nombre(n);
    box.classList.toggle("over", max > 0 && n > max);
  }

  document.querySelectorAll("[data-autosave]").forEach(function (el) {
    var f = (fields[el.name] = new Field(el.name, [el]));
    el.addEventListener("input", function () { counter(el); f.changed(false); });
    el.addEventListener("blur", function () { f.changed(true); });
  });
  document.querySelectorAll("[data-autosave-choice]").forEach(function (el) {
    if (!fields[el.name]) {
      var group = Array.prototype.slice.call(
        document.querySelectorAll('[data-autosave-choice][name="' + CSS.escape(el.name) + '"]')
      );
      fields[el.name] = new Field(el.name, group);
    }
    el.addEventListener("change", function () { fields[el.name].changed(true); });
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-conflict]");
    if (!button) return;
    var slot = button.closest("[data-conflict-for]");
    var f = slot && fields[slot.dataset.conflictFor];
    if (f) f.resolve(button.dataset.conflict, parseInt(button.dataset.version, 10), button.dataset.text || "");
  });

  // Text typed while the session had expired (or offline) is sent again now.
  var pending = loadPending();
  Object.keys(pending).forEach(function (name) {
    var f = fields[name];
    var p = pending[name];
    if (!f || typeof p.text !== "string") { storePending(name, null); return; }
    if (p.text === f.saved) { storePending(name, null); return; }
    if (f.first.dataset.autosaveChoice === undefined) {
      f.first.value = p.text;
      counter(f.first);
    }
    if (p.base !== f.version) {
      // Someone saved in between: the server will report the conflict and show both texts.
      f.setVersion(p.base);
    }
    f.save();
  });
})();
