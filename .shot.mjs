import { chromium } from "playwright-core";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--headless"] });
const ctx = await b.newContext({ viewport: { width: +(process.argv[3]||360), height: 740 }, baseURL: "http://127.0.0.1:18411", javaScriptEnabled: process.env.NOJS ? false : true });
const page = await ctx.newPage();
await page.goto(process.argv[2]);
await page.waitForTimeout(300);
await page.screenshot({ path: "/tmp/lay/shot.png", fullPage: !!process.env.FULL });
await b.close();
