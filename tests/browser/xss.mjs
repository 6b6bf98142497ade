// The XSS case of the browser suite: every filter-evasion payload (xss-payloads.mjs) is stored
// in every text field, through the API with an admin token and through the guest paths, then
// every page family is rendered in Chromium. The case fails if any script runs (an exposed
// `__xss` binding, alert/confirm/prompt and the dialog event), if an element the site never
// writes appears in a page (a script not from /static/, an event-handler attribute, a frame, a
// javascript: link…), or if any response lacks the Content-Security-Policy that allows scripts
// from the site only.
//
// Pages are rendered with the CSP bypassed, so that the markup itself is tested and not only the
// policy; a second pass with the CSP enforced listens for policy violations. The case runs its
// own server (own database, raised guest limit) so that the other cases' data stays as it was.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PAYLOADS as ALL_PAYLOADS, URL_PAYLOADS, fill } from "./xss-payloads.mjs";

const ADMIN_PASSWORD = "admin-password-xss-1";
/** The admin's display name is a payload too: it is shown next to everything the admin writes. */
const ADMIN_DISPLAY = "\"><svg onload=__xss('admin')>";
const CONCURRENCY = 3;
// XSS_PAYLOADS=attr-dq,script stores only the payloads of those names (to look into one failure).
const PICKED = (process.env.XSS_PAYLOADS || "").split(",").filter(Boolean);
const PAYLOADS = PICKED.length ? ALL_PAYLOADS.filter((p) => PICKED.includes(p.name)) : ALL_PAYLOADS;

/** Whether a CSP header allows scripts from this site only. */
export function cspProblem(csp) {
  if (!csp) return "no Content-Security-Policy header";
  const directives = Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k.toLowerCase(), v]));
  const script = directives["script-src"] || directives["default-src"];
  if (!script) return `no script-src in ${JSON.stringify(csp)}`;
  if (script.join(" ") !== "'self'") return `script-src is ${JSON.stringify(script.join(" "))}, not 'self'`;
  if (/unsafe-inline|unsafe-eval|strict-dynamic|unsafe-hashes/.test(csp)) return `CSP allows more than it should: ${csp}`;
  if (!directives["object-src"] && !(directives["default-src"] || []).includes("'none'")) return "objects are not refused";
  if (!(directives["base-uri"] || []).length) return "no base-uri";
  return null;
}

/** Runs in the page: elements and attributes the site never writes itself. */
function injectedElements() {
  const bad = [];
  const here = location.origin;
  const sameOrigin = (u) => { try { return new URL(u, location.href).origin === here; } catch { return false; } };
  const show = (el) => el.outerHTML.slice(0, 160);
  const dangerousUrl = (v) => /^(javascript|vbscript|data:text\/html|data:image\/svg|data:application)/i.test(v.replace(/[\u0000-\u0020]/g, ""));
  for (const el of document.querySelectorAll("*")) {
    const tag = el.localName;
    if (tag === "script" && !(el.src && sameOrigin(el.src) && new URL(el.src).pathname.startsWith("/static/") && !el.textContent.trim())) bad.push("script: " + show(el));
    if (["iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "img", "video", "audio", "source", "math", "style", "noscript", "foreignobject"].includes(tag)) bad.push(tag + ": " + show(el));
    if (tag === "meta" && (el.httpEquiv || el.closest("body"))) bad.push("meta: " + show(el));
    if (tag === "link" && (!el.closest("head") || !sameOrigin(el.href))) bad.push("link: " + show(el));
    if (tag === "form" && !sameOrigin(el.action)) bad.push("form: " + show(el));
    if (tag === "svg" && !el.closest("svg.board-svg, svg.swatch")) bad.push("svg: " + show(el));
    if (tag === "input" && el.type === "image") bad.push("input image: " + show(el));
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith("on")) bad.push(`${name} attribute: ` + show(el));
      if (["srcdoc", "formaction", "style", "autofocus", "ping"].includes(name) && !(name === "autofocus" && el.closest("form[action]"))) bad.push(`${name} attribute: ` + show(el));
      if (["href", "src", "action", "data", "xlink:href", "poster", "background", "dynsrc", "lowsrc"].includes(name) && dangerousUrl(a.value)) bad.push(`${name}=${a.value.slice(0, 60)}: ` + show(el));
    }
  }
  return bad;
}

/** Runs in the page: the payload numbers whose marker text is shown (text, attributes, values). */
function markersShown(own) {
  const found = new Set();
  const scan = (s) => {
    for (const m of s.matchAll(/__xss\((\d+)\)/g)) found.add(Number(m[1]));
    // A payload without the marker in its text (entities, which stay as typed) is found whole.
    if (own && s.includes(own.text)) found.add(own.n);
  };
  scan(document.documentElement.textContent || "");
  for (const el of document.querySelectorAll("input, textarea, select option")) scan(el.value || "");
  for (const el of document.querySelectorAll("[title], [alt], [value], [aria-label], [content]")) for (const a of el.attributes) scan(a.value);
  return [...found];
}

/**
 * The XSS case. `env` holds what the suite already has: { browser, BIN, cli, freePort,
 * waitHealthy, apertiumUrl, log, assert }.
 */
export async function xssCase(env) {
  const { browser, BIN, cli, freePort, waitHealthy, log, assert } = env;
  const dataDir = mkdtempSync(join(tmpdir(), "cronaca-xss-"));
  cli(dataDir, ["user", "add", "xadmin", "--role", "admin", "--display-name", ADMIN_DISPLAY, "--password-stdin"], ADMIN_PASSWORD + "\n");
  const TOKEN = cli(dataDir, ["token", "create", "xadmin"]);
  const port = await freePort();
  const BASE = `http://127.0.0.1:${port}`;
  const serverLog = [];
  const server = spawn(BIN, ["--data-dir", dataDir, "serve", "--bind", `127.0.0.1:${port}`,
    "--guest-writes-per-minute", "100000", ...(env.apertiumUrl ? ["--apertium-url", env.apertiumUrl] : [])], {
    stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, RUST_LOG: process.env.RUST_LOG || "warn" },
  });
  server.stdout.on("data", (d) => serverLog.push(String(d)));
  server.stderr.on("data", (d) => serverLog.push(String(d)));
  const contexts = [];
  try {
    await waitHealthy(BASE, server);
    const stored = new Map(); // field → { stored, refused: Map(code → n) }
    const failures = [];
    const count = (field, ok, code) => {
      if (!stored.has(field)) stored.set(field, { stored: 0, refused: new Map() });
      const s = stored.get(field);
      if (ok) s.stored++; else s.refused.set(code, (s.refused.get(code) || 0) + 1);
    };
    /** A write through the API; a 4xx is a refusal (counted), a 5xx or a bad shape fails the case. */
    const api = async (method, path, body, { token = TOKEN, fields = [], form } = {}) => {
      const headers = { accept: "application/json" };
      if (token) headers.authorization = "Bearer " + token;
      if (body !== undefined) headers["content-type"] = "application/json";
      const r = await fetch(BASE + "/api/v1" + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(15_000) });
      const text = await r.text();
      if (r.status >= 500) failures.push(`${method} ${path} → ${r.status}: ${text.slice(0, 200)}`);
      let json = null;
      try { json = text ? JSON.parse(text) : null; } catch { failures.push(`${method} ${path} → ${r.status}, not JSON: ${text.slice(0, 200)}`); }
      if (!r.ok && !(json && json.error && json.error.code)) failures.push(`${method} ${path} → ${r.status} without the error shape: ${text.slice(0, 200)}`);
      for (const f of fields) count(f, r.ok, r.ok ? null : (json && json.error && (json.error.field || json.error.code)) || r.status);
      return r.ok ? json : null;
    };

    // ---------------------------------------------------------- store the payloads
    const t0 = Date.now();
    const threads = [];
    for (const p of PAYLOADS) {
      const text = p.text;
      // What a write falls back to when the payload is refused (e.g. a NUL character).
      const safe = `payload ${p.n} ${p.name}`;
      const url = fill(URL_PAYLOADS[p.n % URL_PAYLOADS.length], p.n);
      const titled = await api("POST", "/threads", {
        title: text, lead: text, language: "en", comment_policy: "premoderated", guests_may_comment: true,
        provenance: { publisher: text, title: text, url: "https://example.org/" + p.n },
      }, { fields: ["thread title", "thread lead", "thread provenance"] });
      const th = titled
        || await api("POST", "/threads", { title: safe, lead: safe, language: "en", comment_policy: "premoderated", guests_may_comment: true });
      assert(th, `a thread for payload ${p.n}`);
      // A payload refused everywhere (NUL) cannot be looked for on its pages.
      const T = { p, id: th.id, slug: th.slug, shown: Boolean(titled) };
      threads.push(T);
      // A link field given a javascript:/data: URL must be refused or stored harmlessly.
      await api("PATCH", `/threads/${th.id}`, { lead: text + "\n\nedited" }, { fields: ["thread revision"] })
        || await api("PATCH", `/threads/${th.id}`, { lead: safe + "\n\nedited" });
      await api("PATCH", `/threads/${th.id}`, { provenance: { publisher: text, url } }, { fields: ["provenance url (URL payloads)"] });
      const src = await api("POST", "/sources", { name: text, kind: "official", affiliation: text, notes: text }, { fields: ["source name, affiliation, notes"] })
        || await api("POST", "/sources", { name: safe, kind: "official" });
      await api("PATCH", `/sources/${src.id}`, { homepage: url }, { fields: ["source homepage (URL payloads)"] });
      T.source = src.id;
      const place = await api("POST", "/places", { name: text, lat: 10 + p.n / 10, lon: 20 + p.n / 10 }, { fields: ["place name"] })
        || await api("POST", "/places", { name: safe, lat: 10 + p.n / 10, lon: 20 + p.n / 10 });
      T.place = place.id;
      const ind = async (body, fields) => (await api("POST", `/threads/${th.id}/indicators`, body, { fields })) || null;
      T.count = await ind({ key: "dead", labels: { en: text, it: text, ru: text }, kind: "count" }, ["indicator labels"])
        || await ind({ key: "dead", labels: { en: "Dead" }, kind: "count" });
      T.status = await ind({ key: "control", labels: { en: text }, kind: "status", scope: "place",
        statuses: [{ value: text, colour: "#d62728", labels: { en: text, it: text } }, { value: "calm", colour: "#1f77b4", labels: { en: text } }] },
      ["indicator status values and labels"])
        || await ind({ key: "control", labels: { en: "Control" }, kind: "status", scope: "place", statuses: [{ value: "calm", colour: "#1f77b4" }] });
      T.text = await ind({ key: "note", labels: { en: text }, kind: "text" }, []) || await ind({ key: "note", labels: { en: "Note" }, kind: "text" });
      const statusValue = T.status.statuses[0].value;
      const report = (extra, fields, token, body = text) => api("POST", `/threads/${th.id}/reports`, {
        body, language: "en", source: T.source, places: [T.place], stated_at: new Date(Date.now() - 3600_000).toISOString(),
        claims: [{ indicator: "dead", value: 5 + p.n }, { indicator: "control", place: T.place, value: statusValue }, { indicator: "note", value: body }],
        ...extra,
      }, { fields, token });
      T.report = await report({}, ["report body, claim text value, status value as claim"])
        || await report({}, [], TOKEN, safe);
      await report({ link: url }, ["report link (URL payloads)"], TOKEN, safe);
      assert(T.report, `a report for payload ${p.n}`);
      await api("POST", `/reports/${T.report.id}/status`, { status: "confirmed", note: text }, { fields: ["report verification note"] });
      await api("PATCH", `/reports/${T.report.id}`, { body: text + " (corrected)", language: "en", source: T.source, places: [T.place] }, { fields: ["report revision"] });
      const struck = await report({}, [], TOKEN, safe);
      if (struck) await api("POST", `/reports/${struck.id}/strike`, { reason: text }, { fields: ["report strike reason"] });
      // A guest report waits in the queue with the guest's name.
      await report({ author_name: text }, ["guest report name"], null);
      T.update = await api("POST", `/threads/${th.id}/updates`, { body: text, provenance: { publisher: text, title: text } }, { fields: ["update body and provenance"] })
        || await api("POST", `/threads/${th.id}/updates`, { body: safe });
      await api("PATCH", `/updates/${T.update.id}`, { body: text + "\n\n" + text }, { fields: ["update revision"] });
      const strikeMe = await api("POST", `/threads/${th.id}/updates`, { body: "to be struck " + p.n });
      await api("POST", `/updates/${strikeMe.id}/strike`, { reason: text }, { fields: ["update strike reason"] });
      // Comments: one by the admin, two by guests (one approved with a note, one left waiting), a flag.
      await api("POST", `/threads/${th.id}/comments`, { body: text }, { fields: ["comment body (staff)"] });
      const guest = await api("POST", `/threads/${th.id}/comments`, { body: text, author_name: text }, { token: null, fields: ["guest name and comment"] })
        || await api("POST", `/threads/${th.id}/comments`, { body: safe, author_name: `Guest ${p.n}` }, { token: null });
      T.comment = guest.id;
      await api("POST", `/comments/${guest.id}/moderation`, { action: "approve", note: text }, { fields: ["moderation note"] });
      await api("POST", `/comments/${guest.id}/flags`, { reason: text }, { token: null, fields: ["flag reason (guest)"] });
      await api("POST", `/threads/${th.id}/comments`, { body: text, author_name: text, parent_id: guest.id }, { token: null, fields: ["guest reply, pending"] });
      // Translations, published, with translator's notes; a later draft left unpublished.
      const translate = async (body, fields) => {
        const tr = await api("POST", `/threads/${th.id}/translations`, body, { fields });
        if (tr) await api("POST", `/translations/${tr.id}/publish`, { revision: tr.latest.revision });
        return tr;
      };
      const noted = `${text} [[${text}]]`;
      const credit = { translator: text, publication: text, translator_url: url, publication_url: url };
      const trFields = ["translation title/body/notes, translator, publication"];
      const trThread = await translate({ kind: "thread", item_id: th.id, language: "it", title: noted, body: noted, translator: text, publication: text }, trFields);
      await translate({ kind: "thread", item_id: th.id, language: "de", title: noted, body: noted, translator: text }, trFields);
      await translate({ kind: "update", item_id: T.update.id, language: "it", body: noted, translator: text, publication: text }, trFields);
      await translate({ kind: "report", item_id: T.report.id, language: "it", body: noted, translator: text }, trFields);
      await translate({ kind: "indicator", item_id: T.count.id, language: "de", body: noted, translator: text }, ["indicator label translation"]);
      if (trThread) {
        await api("PATCH", `/translations/${trThread.id}`, { title: noted, body: noted + " (draft)", translator: text }, { fields: ["translation draft revision"] });
        await api("PATCH", `/translations/${trThread.id}`, { title: safe, body: safe + " (draft)", ...credit }, { fields: ["translation credit links (URL payloads)"] });
      }
      if (server.exitCode !== null) throw new Error("server exited while storing payloads:\n" + serverLog.join(""));
    }
    const storeMs = Date.now() - t0;
    let storedTotal = 0, refusedTotal = 0;
    for (const [field, s] of stored) {
      storedTotal += s.stored;
      const refused = [...s.refused].map(([c, n]) => `${n}× ${c}`).join(", ");
      for (const n of s.refused.values()) refusedTotal += n;
      log(`    ${field}: ${s.stored} stored${refused ? `, refused ${refused}` : ""}`);
    }
    log(`    ${PAYLOADS.length} payloads → ${storedTotal} stored writes in ${stored.size} field groups, ${refusedTotal} refused with a 4xx (${(storeMs / 1000).toFixed(1)} s)`);
    assert(failures.length === 0, "writes failed:\n" + failures.slice(0, 20).join("\n"));
    // Every field group must hold most payloads: a limit that refused them all would test nothing.
    for (const [field, s] of stored) {
      if (/URL payloads/.test(field)) continue;
      assert(s.stored >= PAYLOADS.length * 0.8, `${field}: only ${s.stored} of ${PAYLOADS.length} payloads stored`);
    }

    // ---------------------------------------------------------- the pages
    const pages = [];
    const add = (who, path, { kind = "html", n = null, sample = 0 } = {}) => pages.push({ who, path, kind, n, sample });
    const q = encodeURIComponent;
    for (const T of threads) {
      const s = "/t/" + T.slug, n = T.shown ? T.p.n : null;
      // `n`: the page must show this payload as text; `sample`: which pages the enforced pass repeats.
      const at = (who, path, opts = {}) => add(who, path, { n, ...opts, sample: T.p.n });
      for (const lang of ["", "?lang=it", "?lang=ru", "?lang=de"]) at(null, s + lang);
      at(null, s + "/board");
      at(null, s + "/board?lang=it");
      at(null, s + "/board/fragment", { n: null });
      at(null, `${s}/reports/${T.report.id}/fragment`, { n: null });
      at(null, s + "/digest.txt");
      at(null, s + "/feed.atom");
      at(null, s + "/feed.atom?lang=it");
      at(null, s + "/feed.json", { kind: "data" });
      at(null, s + "/revisions?from=1");
      at(null, `${s}/updates/${T.update.id}/revisions?from=1`);
      at(null, `/r/${T.report.id}`);
      at(null, `/r/${T.report.id}/revisions?from=1`);
      at(null, `/c/${T.comment}/flag`, { n: null });
      at(null, `/sources/${T.source}`);
      at("admin", `/sources/${T.source}`);
      if (env.apertiumUrl) at(null, `/mt/report/${T.report.id}?lang=es`);
      at("admin", s);
      at("admin", s + "/edit");
      at("admin", `${s}/updates/${T.update.id}/edit`);
      at("admin", `${s}/updates/${T.update.id}/strike`);
      at("admin", `/r/${T.report.id}/edit`);
      at("admin", s + "/indicators");
      at("admin", s + "/reports/new");
      at("admin", s + "/translations");
      at("admin", `${s}/translate/thread/${T.id}/it`);
      at("admin", `${s}/translate/update/${T.update.id}/it`);
      at("admin", `${s}/translate/report/${T.report.id}/it`);
      at("admin", `${s}/translate/indicator/${T.count.id}/de`);
      // Reflected input: a search, a filter and a login target made of the payload.
      at(null, "/search?q=" + q(T.p.text), { n: null });
      at(null, "/sources?q=" + q(T.p.text), { n: null });
      at(null, "/places?q=" + q(T.p.text), { n: null });
      at(null, "/login?next=" + q(T.p.text), { n: null });
      at(null, "/t/" + q(T.p.text), { n: null });
    }
    for (const lang of ["", "?lang=it", "?lang=ru"]) add(null, "/" + lang);
    add(null, "/search?q=xss");
    add(null, "/feed.atom");
    add(null, "/feed.json", { kind: "data" });
    add(null, "/about");
    add("admin", "/");
    add("admin", "/admin/users");
    add("admin", "/account");
    add("admin", "/new");
    add("admin", "/places/new");
    add("admin", "/sources/new");
    // Paged lists: every page of the sources, the places and the audit log.
    const pagedLists = [[null, "/sources"], [null, "/places"], ["admin", "/admin/audit"], ["admin", "/moderation"]];

    const fired = [], dialogs = [], injected = [], cspBad = [], violations = [], errors = [];
    let responses = 0, checkedPages = 0, markerHits = 0;
    const missing = [];
    const seen = new Set();
    async function context(who, enforce) {
      const ctx = await browser.newContext({ baseURL: BASE, locale: "en-GB", bypassCSP: !enforce, ...(who ? { storageState: sessions[who] } : {}) });
      ctx.setDefaultTimeout(15_000);
      ctx.setDefaultNavigationTimeout(20_000);
      await ctx.exposeBinding("__xss", (source, arg) => fired.push(`${source.frame.url()}: __xss(${JSON.stringify(arg)})`));
      await ctx.addInitScript(() => {
        for (const f of ["alert", "confirm", "prompt", "print"]) {
          window[f] = (...a) => { window.__xss(`${f}(${a.map(String).join(",")})`); };
        }
        document.addEventListener("securitypolicyviolation", (e) => {
          if (window.__cspViolation) window.__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber} ${e.sample || ""}`);
        });
      });
      await ctx.exposeBinding("__cspViolation", (source, what) => violations.push(`${source.frame.url()}: ${what}`));
      ctx.on("response", (r) => {
        const u = new URL(r.url());
        if (u.origin !== BASE) return;
        responses++;
        const problem = cspProblem(r.headers()["content-security-policy"]);
        if (problem) cspBad.push(`${r.status()} ${u.pathname}${u.search}: ${problem}`);
        if (r.status() >= 500) errors.push(`${r.status()} ${u.pathname}${u.search}`);
      });
      ctx.on("page", (p) => p.on("dialog", async (d) => { dialogs.push(`${p.url()}: ${d.type()} ${d.message()}`); await d.dismiss().catch(() => {}); }));
      contexts.push(ctx);
      return ctx;
    }
    const sessions = {};
    {
      const ctx = await browser.newContext({ baseURL: BASE });
      const page = await ctx.newPage();
      await page.goto("/login");
      await page.fill("#login-name", "xadmin");
      await page.fill("#login-password", ADMIN_PASSWORD);
      await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.click('form[action="/login"] button')]);
      sessions.admin = await ctx.storageState();
      await ctx.close();
    }

    /** Checks the page now shown: nothing injected, and its own payload shown as text. */
    async function inspect(page, path, who, n) {
      checkedPages++;
      const type = await page.evaluate(() => document.contentType);
      // Text and feeds are shown by the browser's own text viewer: nothing of ours to inspect.
      if (type !== "text/html") {
        if (!/^text\/plain|xml/.test(type)) injected.push(`${path}: rendered as ${type}`);
        return;
      }
      for (const f of page.frames()) {
        const bad = await f.evaluate(injectedElements).catch((e) => [`could not inspect: ${e.message}`]);
        for (const b of bad) injected.push(`${path}${f === page.mainFrame() ? "" : " (frame " + f.url() + ")"}: ${b}`);
      }
      const shown = await page.evaluate(markersShown, n === null ? null : { n, text: ALL_PAYLOADS[n].text.trim() }).catch(() => []);
      markerHits += shown.length;
      if (n !== null && !shown.includes(n)) missing.push(`${who || "reader"} ${path} (payload ${n})`);
    }

    /** A guest submits `fields` through the form `form` on `path`; the page it lands on (the
     *  thread, or the form again with a refusal and the input kept) is inspected. */
    async function guestForm(page, path, form, fields, label) {
      await page.goto(path, { waitUntil: "load" });
      // Set values directly: `maxlength` must not cut a payload the server should refuse itself.
      await page.evaluate(([form, fields]) => {
        const f = document.querySelector(form);
        for (const [name, value] of Object.entries(fields)) f.elements[name].value = value;
      }, [form, fields]);
      // The comment form posts in place when scripts run: no navigation, the server's answer
      // (the notice and the writer's waiting text, or the form with its error) swapped in.
      const inPlace = form === "#reply";
      const [resp] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST" && r.request().frame() === page.mainFrame()),
        inPlace ? null : page.waitForNavigation({ waitUntil: "load" }),
        page.locator(`${form} button.primary`).first().click(),
      ]);
      if (inPlace) {
        await page.waitForFunction(() => document.querySelector("#reply [role=alert]") ||
          (document.querySelector("#reply") && !document.querySelector("#reply button.primary[disabled]")) ||
          document.readyState !== "complete", null, { timeout: 10_000 });
        await page.waitForLoadState("load");
      }
      count(label, resp.status() === 303, resp.status());
      if (resp.status() >= 500) errors.push(`${resp.status()} POST from ${path}`);
      await inspect(page, `${label} → ${new URL(page.url()).pathname}`, null, null);
    }

    /** Loads one address in `page` and checks it; returns links to further pages of a paged list. */
    async function visit(page, { who, path, kind, n }, { follow = false } = {}) {
      const key = `${who}|${path}`;
      if (seen.has(key)) return [];
      seen.add(key);
      if (kind === "data") {
        const r = await page.context().request.get(path);
        responses++;
        const problem = cspProblem(r.headers()["content-security-policy"]);
        if (problem) cspBad.push(`${r.status()} ${path}: ${problem}`);
        const type = r.headers()["content-type"] || "";
        if (/html|xml|javascript/.test(type)) injected.push(`${path}: served as ${type}`);
        if (r.headers()["x-content-type-options"] !== "nosniff") injected.push(`${path}: no nosniff`);
        checkedPages++;
        return [];
      }
      const resp = await page.goto(path, { waitUntil: "load" });
      if (!resp) throw new Error("no response");
      if (resp.status() >= 500) errors.push(`${resp.status()} ${path}`);
      await inspect(page, path, who, n);
      if (!follow) return [];
      return page.evaluate(() => [...document.querySelectorAll('a[href*="after="], a[rel="next"]')].map((a) => a.getAttribute("href")));
    }

    /** Visits every item with CONCURRENCY tabs per context. */
    async function walk(ctxs, items) {
      const queue = [...items];
      const tabs = {};
      const worker = async (w) => {
        while (queue.length) {
          const item = queue.shift();
          const who = item.who || "reader";
          const slot = `${who}/${w}`;
          try {
            if (!tabs[slot] || tabs[slot].isClosed()) tabs[slot] = await ctxs[who].newPage();
            await visit(tabs[slot], item);
          } catch (e) {
            errors.push(`${item.path}: ${e.message.split("\n")[0]}`);
            if (tabs[slot]) await tabs[slot].close().catch(() => {});
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
      for (const t of Object.values(tabs)) await t.close().catch(() => {});
    }

    const t1 = Date.now();
    const ctxs = { reader: await context(null, false), admin: await context("admin", false) };
    // Guests through the page forms, for every third payload: a comment, a flag, a report.
    const guestTab = await ctxs.reader.newPage();
    for (const T of threads.filter((t) => t.p.n % 3 === 0)) {
      const text = T.p.text, s = "/t/" + T.slug;
      try {
        await guestForm(guestTab, s, "#reply", { author_name: text, body: text }, "guest comment form");
        await guestForm(guestTab, `/c/${T.comment}/flag`, 'form[action$="/flag"]', { reason: text }, "guest flag form");
        await guestForm(guestTab, s + "/reports/new", "#report-form", { author_name: text, body: text, source: T.source }, "guest report form");
      } catch (e) {
        errors.push(`guest forms on ${s}: ${e.message.split("\n")[0]}`);
      }
    }
    await guestTab.close();
    for (const label of ["guest comment form", "guest flag form", "guest report form"]) {
      const g = stored.get(label);
      assert(g, `${label} was submitted`);
      log(`    ${label}: ${g.stored} stored, ${[...g.refused].map(([c, k]) => `${k}× ${c}`).join(", ") || "none refused"}`);
      // A refusal shows the form again (4xx with the input kept); a form that posts where
      // nothing answers is broken for every reader.
      assert(!g.refused.has(404) && !g.refused.has(405), `${label} posts to an address that does not take it`);
      assert(g.stored > 0, `${label}: nothing was accepted`);
    }
    await walk(ctxs, pages);
    const listed = [];
    for (const [who, start] of pagedLists) {
      const tab = await ctxs[who || "reader"].newPage();
      let next = [start], n = 0;
      for (; n < 50 && next.length; n++) {
        const path = next.shift();
        const more = await visit(tab, { who, path, kind: "html", n: null }, { follow: true });
        for (const m of more) if (!seen.has(`${who}|${m}`) && !next.includes(m)) next.push(m);
      }
      listed.push(`${start} ${n}`);
      await tab.close();
    }
    log(`    pages of paged lists: ${listed.join(", ")}`);
    const walkMs = Date.now() - t1;
    const report = (label, list) => {
      if (!list.length) return;
      log(`    ${label}: ${list.length}`);
      for (const x of list.slice(0, 15)) log("      " + x);
    };
    // An injection found already: say so now rather than walk again through pages that may
    // navigate away or hang.
    if (fired.length || dialogs.length || injected.length) {
      report("scripts that ran", fired);
      report("dialogs", dialogs);
      report("injected elements", injected);
      assert(false, `${fired.length} payload scripts ran, ${dialogs.length} dialogs opened, ${injected.length} injected elements or attributes`);
    }
    // With the CSP enforced, as readers get it: no page may even try to run an inline script.
    const enforced = { reader: await context(null, true), admin: await context("admin", true) };
    const sample = pages.filter((p) => p.kind === "html" && p.sample % 10 === 0);
    seen.clear();
    const t2 = Date.now();
    await walk(enforced, sample);
    const enforcedMs = Date.now() - t2;
    const fields = stored.size;
    log(`    ${checkedPages} page loads (${pages.length} addresses with the CSP bypassed, then ${sample.length} with it enforced, plus paged lists), ${responses} responses checked for the CSP, ${(walkMs / 1000).toFixed(1)} s for the first walk, ${(enforcedMs / 1000).toFixed(1)} s for the second`);
    log(`    ${PAYLOADS.length} payloads × ${fields} field groups; payload markers seen on pages ${markerHits} times`);
    for (const [label, list] of [["scripts that ran", fired], ["dialogs", dialogs], ["injected elements", injected], ["CSP header problems", cspBad],
      ["CSP violations", violations], ["errors", errors], ["pages that did not show their payload", missing]]) report(label, list);
    assert(fired.length === 0, `${fired.length} payload scripts ran`);
    assert(dialogs.length === 0, `${dialogs.length} dialogs opened`);
    assert(injected.length === 0, `${injected.length} injected elements or attributes`);
    assert(cspBad.length === 0, `${cspBad.length} responses without the expected CSP`);
    assert(violations.length === 0, `${violations.length} CSP violations with the policy enforced`);
    assert(errors.length === 0, `${errors.length} pages failed or answered 5xx`);
    assert(missing.length === 0, `${missing.length} pages did not show their payload as text`);
  } finally {
    for (const c of contexts) await c.close().catch(() => {});
    if (server.exitCode === null) server.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}
