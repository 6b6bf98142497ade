// Report form: place suggestions from the gazetteer while typing, and a button that adds claim
// rows. Without this script the form works the same: the "check" and "another claim" buttons
// ask the server.
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) return;
  var found = document.getElementById("places-found");
  var lists = 0;

  // Suggests places for the text after the last ";" (`many`) or for the whole field. Each
  // suggestion is written "Name (gn:id)", which the server resolves to that very place.
  function suggest(input, many) {
    var list = document.createElement("datalist");
    list.id = "place-suggestions-" + (++lists);
    form.appendChild(list);
    if (found && !many) list.innerHTML = found.innerHTML;
    input.setAttribute("list", list.id);
    var timer = null, last = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var value = input.value;
        var cut = many ? value.lastIndexOf(";") : -1;
        var head = cut >= 0 ? value.slice(0, cut + 1) + " " : "";
        var q = value.slice(cut + 1).trim();
        if (q.length < 2 || q === last || /\)\s*$/.test(q)) return;
        last = q;
        fetch("/api/v1/places?limit=8&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { items: [] }; })
          .then(function (data) {
            if (input.value.slice(cut + 1).trim() !== q) return;
            list.textContent = "";
            (data.items || []).forEach(function (p) {
              var o = document.createElement("option");
              o.value = head + p.name + " (" + p.id + ")";
              o.label = (p.matched ? p.matched + " · " : "") + p.name + ", " + p.country_name;
              list.appendChild(o);
            });
          })
          .catch(function () { /* suggestions are a convenience: the form works without them */ });
      }, 200);
    });
  }

  function wire(scope) {
    var many = scope.querySelectorAll("[data-place-list]");
    for (var i = 0; i < many.length; i++) suggest(many[i], true);
    var one = scope.querySelectorAll("[data-place-one]");
    for (var j = 0; j < one.length; j++) suggest(one[j], false);
  }
  wire(form);

  // More claims: a copy of the indicator's empty row the server rendered, numbered after the
  // highest row of the form. Without the script the same button asks the server for the row.
  function nextIndex() {
    var max = -1;
    var named = form.querySelectorAll("[name^='claim_indicator_']");
    for (var i = 0; i < named.length; i++) {
      var n = parseInt(named[i].name.slice("claim_indicator_".length), 10);
      if (n > max) max = n;
    }
    return max + 1;
  }
  var buttons = form.querySelectorAll("[data-add-claim]");
  for (var b = 0; b < buttons.length; b++) {
    buttons[b].addEventListener("click", function (ev) {
      var key = this.getAttribute("data-add-claim");
      var tpl = document.getElementById("tpl-claim-" + key);
      var group = this.closest("[data-claim-group]");
      var rows = group && group.querySelector(".claim-rows");
      if (!tpl || !rows) return;
      ev.preventDefault();
      rows.insertAdjacentHTML("beforeend", tpl.innerHTML.split("__N__").join(String(nextIndex())));
      var row = rows.lastElementChild;
      if (!row) return;
      wire(row);
      var first = row.querySelector("input:not([type=hidden]), select");
      if (first) first.focus();
    });
  }
})();
