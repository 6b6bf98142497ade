// Cronaca machine translation: each "show machine translation" link (a.mt-link) becomes a
// button that fetches the server-rendered translation and shows it under its item; pressed
// again, it hides or shows it, or asks again after a failure. The words, the engine's label and any failure (engine down,
// language pair missing) come from the server; if the server cannot be reached at all, the
// link's data-mt-failed text is shown, or the reader is taken to the full page.
(function () {
  "use strict";
  if (!window.fetch) return;
  var count = 0;

  function upgrade(a) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = a.className + " link";
    b.textContent = a.textContent;
    b.dataset.href = a.getAttribute("href");
    if (a.dataset.mtFailed) b.dataset.mtFailed = a.dataset.mtFailed;
    if (a.lang) b.lang = a.lang;
    b.setAttribute("aria-expanded", "false");
    a.replaceWith(b);
  }
  function upgradeAll(root) {
    if (root.matches && root.matches("a.mt-link")) { upgrade(root); return; }
    if (!root.querySelectorAll) return;
    Array.prototype.forEach.call(root.querySelectorAll("a.mt-link"), upgrade);
  }

  // Under the item's text when there is one, else after the line holding the button.
  function place(button, slot) {
    var item = button.closest(".comment, .report, article, li");
    var body = item && Array.prototype.find.call(item.children, function (c) {
      return c.classList.contains("body");
    });
    if (body) { body.after(slot); return; }
    (button.closest("p, div") || button).after(slot);
  }

  function failed(button, slot) {
    if (!button.dataset.mtFailed) { window.location.href = button.dataset.href; return; }
    var p = document.createElement("p");
    p.className = "notice error";
    p.setAttribute("role", "alert");
    p.textContent = button.dataset.mtFailed;
    slot.replaceChildren(p);
    button.setAttribute("aria-expanded", "true");
  }

  function load(button) {
    var slot = document.createElement("div");
    slot.className = "mt-slot";
    slot.id = "mt-slot-" + (++count);
    slot.setAttribute("aria-live", "polite");
    slot.setAttribute("aria-busy", "true");
    button.setAttribute("aria-controls", slot.id);
    button.disabled = true;
    place(button, slot);
    fetch(button.dataset.href, {
      credentials: "same-origin",
      headers: { "Accept": "text/html", "X-Fragment": "1" }
    })
      .then(function (r) {
        var html = (r.headers.get("Content-Type") || "").indexOf("text/html") === 0;
        if (r.status >= 500 || !html) return Promise.reject(r.status);
        return r.text();
      })
      .then(function (text) {
        // Server-rendered and sanitized, like every fragment the pages fetch.
        slot.innerHTML = text;
        button.setAttribute("aria-expanded", "true");
      })
      .catch(function () { failed(button, slot); })
      .then(function () {
        slot.removeAttribute("aria-busy");
        button.disabled = false;
      });
  }

  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("button.mt-link");
    if (!button || !button.dataset.href) return;
    var id = button.getAttribute("aria-controls");
    var slot = id && document.getElementById(id);
    // Nothing shown yet, or only why it failed: ask again.
    if (slot && slot.querySelector(".notice.error")) { slot.remove(); slot = null; }
    if (!slot) { load(button); return; }
    var open = button.getAttribute("aria-expanded") === "true";
    slot.hidden = open;
    button.setAttribute("aria-expanded", open ? "false" : "true");
  });

  upgradeAll(document);
  // Items that arrive live bring their own links.
  if (window.MutationObserver) {
    new MutationObserver(function (changes) {
      changes.forEach(function (c) {
        Array.prototype.forEach.call(c.addedNodes, function (n) {
          if (n.nodeType === 1) upgradeAll(n);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }
})();
