// Usage: node shot.mjs URL OUT.png — open the served app, start it, wait for the dashboard, screenshot.
import { chromium } from "playwright-core";

const [url, out] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url, { waitUntil: "domcontentloaded" });
  await page.mouse.click(640, 400);
  await page.waitForTimeout(6000);
  await page.screenshot({ path: out });
  const state = await page.evaluate(() => ({
    title: document.title,
    terminal: !!document.querySelector(".xterm"),
    canvases: document.querySelectorAll("canvas").length,
  }));
  console.log(JSON.stringify(state));
} finally {
  await browser.close();
}
