// Comment form: sends without leaving the page, then shows what the server answered beside
// the form (the "waiting for a moderator" notice and the writer's own text, or the form again
// with its error). Without this script the form posts and the page opens at the same place.
(function () {
  "use strict";
  var form = document.getElementById("reply");
  if (!form || !window.fetch || !window.DOMParser || !window.URLSearchParams) return;
  var sending = false;

  function fresh(el) {
    el.dispatchEvent(new CustomEvent("cronaca:fresh", { bubbles: true }));
  }
  function show(doc) {
    var form = document.getElementById("reply"), newForm = doc.getElementById("reply");
    var mine = document.getElementById("yours"), newMine = doc.getElementById("yours");
    if (!form || !newForm) return false;
    if (newMine) {
      newMine = document.importNode(newMine, true);
      if (mine) mine.replaceWith(newMine); else form.before(newMine);
      fresh(newMine);
    }
    newForm = document.importNode(newForm, true);
    form.replaceWith(newForm);
    listen(newForm);
    var focus = newForm.querySelector("[role=alert]") ? newForm : newMine;
    if (focus) {
      focus.scrollIntoView({ block: "start" });
      var target = focus === newForm ? newForm.querySelector("textarea") : newMine;
      if (target) target.focus({ preventScroll: true });
    }
    return true;
  }
  function send(e) {
    var form = e.target;
    if (sending) { e.preventDefault(); return; }
    e.preventDefault();
    sending = true;
    var button = form.querySelector("button.primary");
    if (button) button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      credentials: "same-origin",
      headers: { accept: "text/html" }
    })
      .then(function (r) {
        return r.text().then(function (html) { return { r: r, html: html }; });
      })
      .then(function (x) {
        var url = new URL(x.r.url), done = url.searchParams.get("done");
        var doc = new DOMParser().parseFromString(x.html, "text/html");
        // Published at once: the page it leads to shows the comment in its place.
        if (x.r.ok && done && done !== "pending") {
          var added = [].filter.call(doc.querySelectorAll("li.comment[id^='c-']"), function (li) {
            return !document.getElementById(li.id);
          });
          if (added.length) url.hash = added[0].id;
          location.assign(url.href);
          return;
        }
        if (show(doc)) return;
        // A refusal without the form (a stale token, too many comments): the browser sends the
        // form itself and shows the server's page.
        form.removeEventListener("submit", send);
        form.submit();
      })
      .catch(function () {
        // Nothing came back: the browser sends the form itself.
        form.removeEventListener("submit", send);
        form.submit();
      })
      .then(function () {
        sending = false;
        if (button) button.disabled = false;
      });
  }
  function listen(f) { f.addEventListener("submit", send); }
  listen(form);
})();
