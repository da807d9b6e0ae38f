// Usage: node shot.mjs URL OUT.png — open the served app (a sign-in link), start it, wait until the
// dashboard is drawn, screenshot. Every wait is bounded and says what it waited for.
import { writeFileSync } from "node:fs";
import { chromium } from "playwright-core";

const [url, out] = process.argv.slice(2);
// The splash screen is a near-empty picture (~12 KB); the dashboard's text makes it several times larger.
const DRAWN_BYTES = 40_000;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url, { waitUntil: "domcontentloaded" });
  await page.mouse.click(640, 400);
  await page.waitForFunction(() => document.body.classList.contains("-first-byte"), null, { timeout: 30_000 })
    .catch(() => { throw new Error("waited 30 s for the app's first byte on the page"); });
  let picture = await page.screenshot();
  const deadline = Date.now() + 30_000;
  while (picture.length <= DRAWN_BYTES) {
    if (Date.now() > deadline) throw new Error(`waited 30 s for the dashboard to be drawn (${picture.length} bytes)`);
    await page.waitForTimeout(250);  // between two looks at the screen, not instead of one
    picture = await page.screenshot();
  }
  writeFileSync(out, picture);
  const state = await page.evaluate(() => ({
    title: document.title,
    url: location.href,
    terminal: !!document.querySelector(".xterm"),
    canvases: document.querySelectorAll("canvas").length,
  }));
  console.log(JSON.stringify(state));
} finally {
  await browser.close();
}
