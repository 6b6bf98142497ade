// Moderation queue: keyboard shortcuts. j/k move, x selects, a/r/s/d decide, ? shows the help.
(function () {
  "use strict";
  var items = [].slice.call(document.querySelectorAll(".queue-item"));
  var help = document.getElementById("queue-help");
  if (!help) return;
  var acts = { a: "approve", r: "reject", s: "spam", d: "delete" };
  var cur = -1;

  function box(el) { return el.querySelector("input[name=ids]"); }

  function go(i) {
    if (!items.length) return;
    i = Math.max(0, Math.min(items.length - 1, i));
    if (items[cur]) items[cur].classList.remove("current");
    cur = i;
    var el = items[cur];
    el.classList.add("current");
    el.scrollIntoView({ block: "nearest" });
    var b = box(el);
    if (b) b.focus({ preventScroll: true });
  }

  // Tabbing into an item makes it the current one.
  document.addEventListener("focusin", function (e) {
    for (var i = 0; i < items.length; i++) {
      if (items[i].contains(e.target) && i !== cur) {
        if (items[cur]) items[cur].classList.remove("current");
        cur = i;
        items[i].classList.add("current");
      }
    }
  });

  // Keys typed into a field are text, not commands; checkboxes and buttons are not fields.
  function typing(t) {
    if (!t || !t.tagName) return false;
    if (t.isContentEditable || t.tagName === "TEXTAREA" || t.tagName === "SELECT") return true;
    return t.tagName === "INPUT" && !/^(checkbox|radio|submit|button|reset)$/.test(t.type);
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || typing(e.target)) return;
    var k = e.key, el = items[cur];
    if (k === "?") {
      help.hidden = !help.hidden;
    } else if (k === "Escape" && !help.hidden) {
      help.hidden = true;
    } else if (k === "j") {
      go(cur + 1);
    } else if (k === "k") {
      go(cur - 1);
    } else if (k === "x" && el) {
      var b = box(el);
      if (b) b.click();
    } else if (acts[k] && el) {
      var btn = el.querySelector("button[name=action][value=" + acts[k] + "]");
      if (btn) btn.click();
    } else {
      return;
    }
    e.preventDefault();
  });
})();
