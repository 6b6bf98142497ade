// Cronaca page script: times in the reader's zone, live updates and comments, preview.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  var abs = new Intl.DateTimeFormat(lang, {
    day: "numeric", month: "long", year: "numeric",
    hour: "2-digit", minute: "2-digit", timeZoneName: "short"
  });
  var rel = window.Intl && Intl.RelativeTimeFormat ? new Intl.RelativeTimeFormat(lang, { numeric: "auto" }) : null;

  function ago(date) {
    if (!rel) return "";
    var s = (date.getTime() - Date.now()) / 1000, a = Math.abs(s);
    if (a < 45) return rel.format(Math.round(s), "second");
    if (a < 2700) return rel.format(Math.round(s / 60), "minute");
    if (a < 79200) return rel.format(Math.round(s / 3600), "hour");
    return "";
  }
  function showTime(t) {
    // A date alone (a republication's first day) is not a moment: it stays as written.
    if (t.getAttribute("datetime").indexOf("T") < 0) return;
    var d = new Date(t.getAttribute("datetime"));
    if (isNaN(d)) return;
    var r = ago(d), a = abs.format(d);
    // A phrase about the moment comes whole from the locale, in both its forms
    // (src/web/pages/timed.rs): the relative one while it is recent.
    var at = t.dataset.at, since = t.dataset.ago;
    if (at && since) t.textContent = r ? since.replace("{ago}", r) : at.replace("{when}", a);
    else t.textContent = r ? r + " · " + a : a;
    t.title = a;
  }
  function showTimes(scope) {
    var ts = (scope || document).querySelectorAll("time[datetime]");
    for (var i = 0; i < ts.length; i++) showTime(ts[i]);
  }
  showTimes();
  setInterval(showTimes, 30000);
  // Items other scripts insert (board.js) announce themselves to get local times.
  document.addEventListener("cronaca:fresh", function (e) { showTimes(e.target); });

  var root = document.getElementById("live");
  if (!root) return;
  var slug = root.dataset.slug;

  // The composer's preview, without leaving the page.
  var composer = document.getElementById("composer");
  if (composer && window.fetch) {
    composer.addEventListener("click", function (e) {
      var b = e.target.closest("button[value=preview]");
      if (!b) return;
      e.preventDefault();
      var data = new URLSearchParams(new FormData(composer));
      fetch("/preview", { method: "POST", body: data, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) {
          var p = composer.querySelector(".preview");
          p.innerHTML = html;
          p.hidden = false;
        })
        .catch(function () { composer.submit(); });
    });
  }

  if (!window.EventSource) return;
  var updates = root.querySelector("ol.updates");
  var comments = root.querySelector("ol.comments");
  var state = root.querySelector(".live-state");
  var newButton = root.querySelector(".new-items");
  var tplUpdate = document.getElementById("tpl-update");
  var tplComment = document.getElementById("tpl-comment");
  var newestFirst = root.dataset.order !== "oldest";
  var held = [], unseen = 0, title = document.title;
  var plural = new Intl.PluralRules(lang);

  function setState(s) {
    if (!state) return;
    state.dataset.state = s;
    state.textContent = state.dataset[s === "live" ? "live" : "reconnecting"];
  }
  function countText(n) {
    var k = plural.select(n), text = k === "one" ? state.dataset.newOne : k === "few" ? state.dataset.newFew : state.dataset.newMany;
    return text.replace(/\d+/, String(n));
  }
  function showUnseen() {
    document.title = unseen > 0 ? "(" + unseen + ") " + title : title;
    if (!newButton) return;
    newButton.hidden = held.length === 0;
    if (held.length) newButton.textContent = countText(held.length);
  }
  function link(a, href, show) {
    if (!a) return;
    a.hidden = !show;
    a.setAttribute("href", href);
  }
  function updateElement(u) {
    var li = tplUpdate.content.firstElementChild.cloneNode(true);
    var base = "/t/" + slug + "/updates/" + u.id;
    li.id = "u-" + u.id;
    li.lang = u.language;
    li.classList.toggle("struck", !!u.struck);
    li.querySelector("a.when").setAttribute("href", "#u-" + u.id);
    var t = li.querySelector("time");
    t.setAttribute("datetime", u.created_at);
    showTime(t);
    li.querySelector(".author").textContent = u.author.name;
    link(li.querySelector("a.edited"), base + "/revisions", u.revision > 1);
    li.querySelector(".strike-note").hidden = !u.struck;
    if (u.struck) {
      li.querySelector(".reason").textContent = u.struck.reason;
      link(li.querySelector("a.correction"), "#u-" + u.struck.corrected_by, !!u.struck.corrected_by);
    }
    li.querySelector(".body").innerHTML = u.body_html;
    link(li.querySelector("a.edit"), base + "/edit", true);
    var strike = li.querySelector("a.strike");
    if (strike) {
      strike.setAttribute("href", base + "/strike");
      if (u.struck) strike.parentNode.removeChild(strike.previousSibling), strike.remove();
    }
    return li;
  }
  function readingBelow() {
    return newestFirst && updates.getBoundingClientRect().top < 0;
  }
  // What the server said of an item's language stays when the item changes live: its badge,
  // republication and translation lines and, for a translation (made from revision
  // data-from), the translated text, now marked stale once the original has moved past it.
  function keepReading(old, el, revision) {
    var badge = old.querySelector(":scope > header .lang-badge"), body = el.querySelector(".body");
    if (badge) el.querySelector("header").appendChild(badge);
    var lines = old.querySelectorAll(":scope > .republished, :scope > .tr-line");
    for (var i = lines.length - 1; i >= 0; i--) body.after(lines[i]);
    if (!old.dataset.from) return;
    el.lang = old.lang;
    el.dataset.from = old.dataset.from;
    body.replaceWith(old.querySelector(":scope > .body"));
    var stale = el.querySelector(".stale");
    if (stale && revision > Number(old.dataset.from)) stale.hidden = false;
  }
  function onUpdate(u, posted) {
    var el = updateElement(u), old = document.getElementById("u-" + u.id);
    if (old) { keepReading(old, el, u.revision); old.replaceWith(el); return; }
    if (!posted) return;
    // The header's "last update" moves with each new update.
    var last = document.querySelector(".provenance .last-update time");
    if (last && u.created_at) { last.setAttribute("datetime", u.created_at); showTime(last); }
    var empty = root.querySelector(".empty-updates");
    if (empty) empty.remove();
    el.classList.add("fresh");
    if (document.hidden) unseen++;
    if (readingBelow()) { held.unshift(el); unseen = Math.max(unseen, held.length); }
    else if (newestFirst) updates.insertBefore(el, updates.firstChild);
    else updates.appendChild(el);
    showUnseen();
  }
  if (newButton) newButton.addEventListener("click", function () {
    held.slice().reverse().forEach(function (el) { updates.insertBefore(el, updates.firstChild); });
    held = []; unseen = 0;
    showUnseen();
    updates.scrollIntoView({ block: "start" });
  });
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && !held.length) { unseen = 0; showUnseen(); }
  });

  function commentElement(c) {
    var li = tplComment.content.firstElementChild.cloneNode(true);
    li.id = "c-" + c.id;
    li.querySelector(".author").textContent = c.author.name;
    if (c.author.guest) {
      var badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = root.dataset.guest;
      li.querySelector(".author").after(" ", badge);
    }
    var t = li.querySelector("time");
    t.setAttribute("datetime", c.created_at);
    showTime(t);
    li.querySelector(".body").innerHTML = c.body_html;
    // Same addresses as templates/thread/comment.html: /c/{id}/flag and /c/{id}/moderate.
    var base = "/c/" + c.id;
    link(li.querySelector("a.reply"), "?reply_to=" + c.id + "#reply", true);
    link(li.querySelector("a.flag"), base + "/flag", true);
    var mod = li.querySelector("form.mod");
    if (mod) mod.setAttribute("action", base + "/moderate");
    return li;
  }
  // The writer's own waiting comment leaves their list once it is approved (comment-form.js).
  function leaveWaiting(id) {
    var mine = document.getElementById("pending-" + id);
    if (!mine) return;
    var list = mine.parentNode;
    mine.remove();
    if (list.children.length) return;
    var box = list.parentNode, parts = box.querySelectorAll("h3, .hint, ol");
    for (var i = 0; i < parts.length; i++) parts[i].remove();
  }
  function onComment(c) {
    leaveWaiting(c.id);
    var el = commentElement(c), old = document.getElementById("c-" + c.id);
    if (old) {
      var replies = old.querySelector("ol.replies");
      if (replies) el.appendChild(replies);
      old.replaceWith(el);
      return;
    }
    var empty = root.querySelector(".empty-comments");
    if (empty) empty.remove();
    var list = comments, parent = c.parent_id && document.getElementById("c-" + c.parent_id);
    if (parent) {
      list = parent.querySelector(":scope > ol.replies");
      if (!list) { list = document.createElement("ol"); list.className = "replies"; parent.appendChild(list); }
    }
    el.classList.add("fresh");
    list.appendChild(el);
  }
  function onRemoved(data) {
    var li = document.getElementById("c-" + data.id);
    if (!li) return;
    var article = li.querySelector("article");
    article.className = "comment removed";
    article.innerHTML = "";
    var p = document.createElement("p");
    p.textContent = root.dataset.removed;
    article.appendChild(p);
  }

  // The browser reconnects by itself after a dropped stream; after a refused one (a proxy's 502
  // during a restart, the server's 503 when it has too many streams open) it gives up, so the
  // page opens a new stream from the last event seen. The stream starts after the event the
  // page was rendered at (data-seq), so nothing committed since is missed. Waits are spread
  // out, so that pages refused together do not all come back at the same moment.
  var source, last = root.dataset.seq, wait = 2000, handlers = [];
  function connect() {
    source = new EventSource("/api/v1/threads/" + root.dataset.thread + "/events?after=" + last);
    source.onopen = function () { wait = 2000; setState("live"); };
    source.onerror = function () {
      setState("reconnecting");
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(connect, wait / 2 + Math.random() * wait);
        wait = Math.min(wait * 2, 60000);
      }
    };
    handlers.forEach(function (h) { source.addEventListener(h[0], h[1]); });
  }
  function on(kind, f) {
    handlers.push([kind, function (e) { last = e.lastEventId || last; f(JSON.parse(e.data)); }]);
  }
  // The board page shares this stream but has no updates or comments of its own.
  if (updates) {
    on("update.posted", function (d) { onUpdate(d.item, true); });
    on("update.edited", function (d) { onUpdate(d.item, false); });
    on("update.struck", function (d) { onUpdate(d.item, false); });
    on("comment.approved", function (d) { onComment(d.item); });
    on("comment.edited", function (d) { onComment(d.item); });
    on("comment.removed", function (d) { onRemoved(d.item); });
    on("thread.changed", function (d) {
      var h = root.querySelector("h1");
      // A translated title stays; its mark says the original moved on.
      if (h.dataset.from) {
        var stale = root.querySelector(".head-reading .stale");
        if (stale && d.item.revision > Number(h.dataset.from)) stale.hidden = false;
        return;
      }
      h.textContent = d.item.title;
      title = d.item.title + " · " + title.split(" · ").pop();
      showUnseen();
    });
  }
  // A translation published (or withdrawn) in the language the page is read in: the server
  // renders what changes (the head, an update), board.js refreshes a report or the box.
  var asked = new URLSearchParams(location.search).get("lang");
  function primary(tag) { return String(tag || "").split("-")[0].toLowerCase(); }
  function fragment(path) {
    var url = path + (asked ? "?lang=" + encodeURIComponent(asked) : "");
    return fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var t = document.createElement("template");
        t.innerHTML = html;
        return t.content.firstElementChild;
      });
  }
  function outsideItems(el) { return el && !el.closest("li"); }
  function headPart(selector) {
    var all = root.querySelectorAll(selector);
    for (var i = 0; i < all.length; i++) if (outsideItems(all[i])) return all[i];
    return null;
  }
  function onHead(box) {
    if (!box) return;
    var h = headPart("h1"), lead = headPart(".lead"), after = headPart(".provenance");
    if (!h || !lead || !after) return;
    h.replaceWith(box.querySelector("h1"));
    lead.replaceWith(box.querySelector(".lead"));
    // Credits and the notes' legend sit under the header line, in this order; a legend stays
    // while other items on the page may carry notes.
    ["p.republished", ".head-reading", ".tn-legend"].forEach(function (sel) {
      var old = headPart(sel), now = box.querySelector(sel);
      if (now) { if (old) old.replaceWith(now); else after.after(now); after = now; }
      else if (old && sel !== ".tn-legend") old.remove();
      else if (old) after = old;
    });
    title = headPart("h1").textContent + " · " + title.split(" · ").pop();
    showUnseen();
  }
  function onTranslation(t) {
    if (!t || primary(t.language) !== primary(asked || lang)) return;
    if (t.kind === "thread") {
      fragment("/t/" + slug + "/reading/head").then(onHead).catch(function () {});
    } else if (t.kind === "update" && document.getElementById("u-" + t.item_id)) {
      fragment("/t/" + slug + "/reading/updates/" + encodeURIComponent(t.item_id))
        .then(function (el) {
          var old = document.getElementById("u-" + t.item_id);
          if (el && old) { old.replaceWith(el); showTimes(el); }
        })
        .catch(function () {});
    } else if (t.kind === "report" || t.kind === "indicator") {
      var kind = t.kind === "report" ? "report.changed" : "indicator.changed";
      document.dispatchEvent(new CustomEvent("cronaca:live", { detail: { kind: kind, data: { id: t.item_id } } }));
    }
  }
  if (updates) on("translation.published", function (d) { onTranslation(d.item); });
  // Reports and indicators change the board: board.js fetches what the server renders.
  ["report.published", "report.changed", "indicator.changed"].forEach(function (kind) {
    on(kind, function (d) {
      document.dispatchEvent(new CustomEvent("cronaca:live", { detail: { kind: kind, data: d } }));
    });
  });
  connect();
})();
