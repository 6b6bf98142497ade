// Report form: place suggestions from the gazetteer while typing, and a button that adds claim
// rows. Without this script the form works the same: three claim rows and a "check" button.
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

  // More claims: a copy of the empty row the server rendered, numbered after the last one.
  var tpl = document.getElementById("tpl-claim");
  var add = form.querySelector("[data-add-claim]");
  var rows = form.querySelector(".claim-rows");
  if (!tpl || !add || !rows) return;
  add.hidden = false;
  add.addEventListener("click", function () {
    var n = rows.querySelectorAll("[data-claim-row]").length;
    var html = tpl.innerHTML.split("__NUM__").join(String(n + 1)).split("__N__").join(String(n));
    rows.insertAdjacentHTML("beforeend", html);
    var row = rows.lastElementChild;
    if (!row) return;
    wire(row);
    var first = row.querySelector("select");
    if (first) first.focus();
  });
})();
