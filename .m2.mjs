import { chromium } from "playwright-core";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--headless"] });
for (const lang of ["en","ru"]) {
const ctx = await b.newContext({ viewport: { width: 360, height: 740 }, baseURL: process.env.BASE || "http://127.0.0.1:18411" });
const page = await ctx.newPage();
await page.goto((process.argv[2] || "/t/exercise-valdoria") + "?lang=" + lang);
console.log(lang, await page.evaluate(() => ["header.site", "h1", ".provenance", ".head-reading", ".board-summary", ".lead", ".thread-actions", "#composer", ".status-line", "ol.updates > li"].map((s) => { const e = document.querySelector(s); if (!e) return s + " -"; const r = e.getBoundingClientRect(); return `${s} ${Math.round(r.top)}+${Math.round(r.height)}`; }).join("\n")));
await ctx.close();
}
await b.close();
