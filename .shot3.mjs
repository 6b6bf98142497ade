import { chromium } from "playwright-core";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--headless"] });
const ctx = await b.newContext({ viewport: { width: 320, height: 740 }, baseURL: "http://127.0.0.1:18411" });
const page = await ctx.newPage();
await page.goto(process.argv[2]);
await page.locator(process.argv[3]).screenshot({ path: "/tmp/lay/el.png" });
await b.close();
