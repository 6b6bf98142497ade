import { chromium } from "playwright-core";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--headless"] });
const ctx = await b.newContext({ viewport: { width: 420, height: 740 }, baseURL: "http://127.0.0.1:18411" });
const page = await ctx.newPage();
await page.goto("/t/exercise-valdoria/board");
await page.locator("svg.board-map").screenshot({ path: "/tmp/lay/map.png" });
const boxes = await page.$$eval("svg.board-map text.map-label", (ts) => ts.map((t) => { const b = t.getBBox(); return [t.textContent, Math.round(b.x), Math.round(b.y), Math.round(b.width), Math.round(b.height)]; }));
console.log(JSON.stringify(boxes));
await b.close();
