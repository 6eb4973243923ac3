// Opens a page written by `athar html` in Debian's chromium (no browser download), with every
// non-file request aborted, and reports what a person would see as one JSON line on stdout.
// The Rust test (tests/cli/webmap.rs) runs this script and asserts on the report.
//
// usage: node check_map.mjs --html MAP.html --screenshot OUT.png [--search Q] [--quick]
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

function arg(name, dflt) {
  const i = process.argv.indexOf('--' + name);
  if (i < 0) return dflt;
  return process.argv[i + 1];
}
const htmlPath = arg('html');
const shot = arg('screenshot');
const searchQuery = arg('search', '');
const quick = process.argv.includes('--quick');
const executablePath = process.env.ATHAR_CHROMIUM || '/usr/bin/chromium';
if (!htmlPath) {
  console.error('check_map.mjs: --html is required');
  process.exit(2);
}
if (!fs.existsSync(executablePath)) {
  console.error(`check_map.mjs: no chromium at ${executablePath} (run .ci/install-deps)`);
  process.exit(2);
}

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'athar-chromium-'));
const report = {
  consoleErrors: [], blockedRequests: [], nonFileRequests: [], dialogs: 0
};
let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 860 },
    deviceScaleFactor: 1,
    offline: true,
    locale: 'ar',
    timeout: 60000
  });
  context.setDefaultTimeout(60000);
  // network off: only file: (the page) and data: (inlined images) may load
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith('file:') || u.startsWith('data:')) return route.continue();
    report.blockedRequests.push(u);
    return route.abort();
  });
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith('file:') && !u.startsWith('data:')) report.nonFileRequests.push(u);
  });
  // any script that an injected report managed to run would call one of these
  await context.addInitScript(() => {
    window.__xss = 0;
    window.alert = window.confirm = window.prompt = function () { window.__xss += 1; };
  });
  const page = context.pages()[0] || await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') report.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => report.consoleErrors.push('pageerror: ' + String(e)));
  page.on('dialog', (d) => { report.dialogs += 1; d.dismiss().catch(() => {}); });

  const t0 = Date.now();
  await page.goto(pathToFileURL(path.resolve(htmlPath)).href, { waitUntil: 'load' });
  await page.waitForFunction(() => window.athar && typeof window.athar.total === 'number');
  await page.waitForTimeout(300);
  report.loadMs = Date.now() - t0;
  const counts = () => page.evaluate(() => ({
    total: window.athar.total,
    drawn: window.athar.drawnCount(),
    shown: window.athar.shownCount(),
    clusters: window.athar.clusterCount(),
    countText: document.getElementById('athar-count').textContent,
    drawMs: window.athar.drawMs()
  }));
  report.initial = await counts();

  // the time slider, moved as a person would: a click on the middle of the "from" track
  const box = await page.locator('#athar-from').boundingBox();
  await page.mouse.click(box.x + box.width * 0.5, box.y + box.height / 2);
  await page.waitForTimeout(200);
  report.afterSlider = await counts();
  report.afterSlider.fromLabel = await page.locator('#athar-from-label').textContent();
  await page.locator('#athar-reset').click();
  await page.waitForTimeout(200);
  report.afterReset = await counts();

  if (!quick) {
    // a popup, opened by clicking the marker of an incident with casualty claims
    const target = await page.evaluate(() => {
      const a = window.athar;
      const j = a.find((get) => get('killed_claims') !== null && /[\u0600-\u06FF]/.test(get('place_name') || '') &&
        !(get('snippet') || '').includes('onerror'));
      if (j < 0) return null;
      const p = a.pointOf(j);
      return { j, x: p.x, y: p.y };
    });
    if (target) {
      await page.mouse.click(target.x, target.y);
      await page.waitForSelector('.athar-pop', { state: 'visible' });
      report.popup = await page.evaluate(() => {
        const el = document.querySelector('.athar-pop');
        const snip = el.querySelector('blockquote.snippet');
        return {
          direction: getComputedStyle(el).direction,
          snippetDirection: snip ? getComputedStyle(snip).direction : null,
          text: el.textContent,
          mark: el.querySelector('mark') ? el.querySelector('mark').textContent : null,
          claims: el.querySelectorAll('ul.claims li').length
        };
      });
      await page.keyboard.press('Escape');
    }

    // the hostile report: its popup must show the markup as text and run nothing
    const xss = await page.evaluate(() => {
      const a = window.athar;
      const j = a.find((get) => (get('snippet') || '').includes('onerror') || (get('place_name') || '').includes('onerror'));
      if (j < 0) return null;
      a.map.setView(a.latLng(j), Math.max(a.map.getZoom(), 12), { animate: false });
      const p = a.pointOf(j);
      return { j, x: p.x, y: p.y };
    });
    if (xss) {
      await page.waitForTimeout(200);
      await page.mouse.click(xss.x, xss.y);
      await page.waitForSelector('.athar-pop', { state: 'visible' });
      await page.waitForTimeout(500);
      report.xss = await page.evaluate(() => {
        const el = document.querySelector('.athar-pop');
        return {
          popupText: el.textContent,
          imgInPopup: el.querySelectorAll('img').length,
          imgInPage: document.querySelectorAll('img[src="x"]').length,
          scriptsInPage: document.querySelectorAll('script').length,
          flag: window.__xss
        };
      });
      // the same text through the search box
      await page.locator('#athar-search').fill('onerror');
      await page.waitForTimeout(200);
      report.xss.searchResults = await page.locator('#athar-results li').allTextContents();
      report.xss.imgInResults = await page.locator('#athar-results img').count();
      report.xss.flagAfterSearch = await page.evaluate(() => window.__xss);
      await page.keyboard.press('Escape');
    }

    // Arabic search with folding (الصاخور finds صاخور)
    if (searchQuery) {
      await page.locator('#athar-search').fill(searchQuery);
      await page.waitForTimeout(200);
      report.search = { query: searchQuery, results: await page.locator('#athar-results li').allTextContents() };
      await page.locator('#athar-search').fill('');
    }
  }

  if (shot) {
    // the picture for the README: whole data extent, a popup open on the largest toll
    await page.evaluate(() => {
      const a = window.athar;
      a.map.closePopup();
    });
    await page.locator('#athar-reset').click();
    const big = await page.evaluate(() => {
      const a = window.athar;
      let best = -1, bestK = -1;
      for (let j = 0; j < a.total; j++) {
        const get = (n) => a.value(j, n);
        const k = Number(get('killed') || 0);
        if (k > bestK && !(get('snippet') || '').includes('onerror') && /[\u0600-\u06FF]/.test(get('place_name') || '')) {
          best = j; bestK = k;
        }
      }
      if (best < 0) return null;
      const p = a.pointOf(best);
      return { x: p.x, y: p.y };
    });
    if (big && !quick) {
      await page.mouse.click(big.x, big.y);
      await page.waitForSelector('.athar-pop', { state: 'visible' });
    }
    await page.waitForTimeout(400);
    fs.mkdirSync(path.dirname(path.resolve(shot)), { recursive: true });
    await page.screenshot({ path: shot });
  }
  report.final = await counts();
  report.flagAtEnd = await page.evaluate(() => window.__xss);
} catch (e) {
  report.fatal = String(e && e.stack || e);
} finally {
  if (context) await context.close().catch(() => {});
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(report) + '\n');
process.exit(report.fatal ? 1 : 0);
