// Cronaca board script: when reports or indicators change, swap in what the server renders —
// the board page's body, the thread page's summary box, and reports in the timeline. live.js
// holds the event stream (and its resume) and announces these events as "cronaca:live".
(function () {
  "use strict";
  var root = document.getElementById("live");
  if (!root || !window.fetch || !window.CustomEvent) return;
  var slug = root.dataset.slug;
  var lang = document.documentElement.lang || "en";
  var order = root.dataset.order;
  var newestFirst = order !== "oldest";
  // The summary box is a <details>: closed on a phone, shown open from 48rem; it keeps what
  // the reader made of it when a live change replaces it.
  var wide = window.matchMedia && window.matchMedia("(min-width: 48rem)").matches;
  function box(scope) { return scope && scope.querySelector("details.summary-box"); }
  if (wide && box(document)) box(document).open = true;

  // The text of a page fragment; null when it no longer exists (404).
  function get(path) {
    var url = path + (path.indexOf("?") < 0 ? "?" : "&") + "lang=" + encodeURIComponent(lang);
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (r.status === 404) return null;
      return r.ok ? r.text() : Promise.reject(r.status);
    });
  }
  function element(html) {
    var t = document.createElement("template");
    t.innerHTML = html;
    return t.content.firstElementChild;
  }
  function fresh(el) {
    el.dispatchEvent(new CustomEvent("cronaca:fresh", { bubbles: true }));
  }

  // One fetch at a time; changes arriving meanwhile cause one more.
  var busy = false, again = false;
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    var board = document.getElementById("board");
    get("/t/" + slug + "/board/fragment?part=" + (board ? "board" : "summary"))
      .then(function (html) {
        if (html === null) return;
        if (board) {
          board.innerHTML = html;
          fresh(board);
          return;
        }
        var old = document.getElementById("board-summary"), el = element(html);
        if (old && el) {
          if (box(old) && box(el)) box(el).open = box(old).open;
          old.replaceWith(el);
          fresh(el);
        }
      })
      .catch(function () { /* the next event or a reload brings it */ })
      .then(function () {
        busy = false;
        if (again) { again = false; refresh(); }
      });
  }

  // A report in the thread's timeline: inserted when published, replaced when changed,
  // removed when no longer published.
  function onReport(id, published) {
    var list = root.querySelector("ol.updates");
    if (!list || !id) return;
    if (!document.getElementById("r-" + id) && (!published || root.querySelector(".place-filter"))) return;
    get("/t/" + slug + "/reports/" + encodeURIComponent(id) + "/fragment" + (order === "stated" ? "?order=stated" : ""))
      .then(function (html) {
        var now = document.getElementById("r-" + id);
        if (html === null) { if (now) now.remove(); return; }
        var el = element(html);
        if (!el) return;
        if (now) now.replaceWith(el);
        else {
          var empty = root.querySelector(".empty-updates");
          if (empty) empty.remove();
          el.classList.add("fresh");
          place(list, el);
        }
        fresh(el);
      })
      .catch(function () { /* shown on the next reload */ });
  }

  // The time an item is ordered by: the one its header links.
  function timeOf(li) {
    var t = li.querySelector(":scope > header a.when time");
    return t ? Date.parse(t.getAttribute("datetime")) : NaN;
  }
  // A new report's place: at the top or the end, or, by the time its source stated it, before
  // the first item stated earlier.
  function place(list, el) {
    if (order === "stated") {
      var at = timeOf(el);
      for (var n = list.firstElementChild; n; n = n.nextElementSibling) {
        if (timeOf(n) < at) { list.insertBefore(el, n); return; }
      }
      list.appendChild(el);
    } else if (newestFirst) list.insertBefore(el, list.firstChild);
    else list.appendChild(el);
  }

  document.addEventListener("cronaca:live", function (e) {
    var d = e.detail;
    if (d.kind !== "indicator.changed") onReport(d.data && d.data.id, d.kind === "report.published");
    refresh();
  });
})();
