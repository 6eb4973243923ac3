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
const foldCases = arg('fold-cases');
const executablePath = process.env.ATHAR_CHROMIUM || '/usr/bin/chromium';
if (!htmlPath) {
  console.error('check_map.mjs: --html is required');
  process.exit(2);
}
if (!fs.existsSync(executablePath)) {
  console.error(`check_map.mjs: no chromium at ${executablePath} (run .ci/install-deps)`);
  process.exit(2);
}

// press the popup's "next" button until pred() holds in the page (at most 200 steps)
async function stepUntil(pred, arg) {
  const page = context.pages()[0];
  for (let k = 0; k < 200; k++) {
    if (await page.evaluate(pred, arg)) return true;
    const next = page.locator('.athar-pop .nav button').nth(1);
    if (!(await next.count()) || await next.isDisabled()) return false;
    await next.click();
  }
  return false;
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
    choropleth: window.athar.choropleth(),
    countText: document.getElementById('athar-count').textContent,
    drawMs: window.athar.drawMs()
  }));
  report.initial = await counts();
  report.recountAll = await page.evaluate(() => window.athar.recountAll());
  if (foldCases) {
    const cases = JSON.parse(fs.readFileSync(foldCases, 'utf8'));
    report.folded = await page.evaluate((cs) => cs.map((c) => window.atharFold.fold(c)), cases);
    report.searchKeys = await page.evaluate((cs) => cs.map((c) => window.atharFold.searchKey(c)), cases);
  }

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
      const j = a.find((get) => Array.isArray(get('killed_claims')) && get('killed_claims').length > 0 &&
        /[\u0600-\u06FF]/.test(get('place_name') || '') &&
        !(get('snippet') || '').includes('onerror'));
      if (j < 0) return null;
      const p = a.pointOf(j);
      return { j, x: p.x, y: p.y };
    });
    if (target) {
      await page.mouse.click(target.x, target.y);
      await page.waitForSelector('.athar-pop', { state: 'visible' });
      // several incidents at one spot: step through them as a reader would
      await stepUntil(() => document.querySelectorAll('.athar-pop ul.claims li').length > 0);
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
      await stepUntil(() => document.querySelector('.athar-pop').textContent.includes('onerror'));
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
    // the picture for the README: the densest place at city scale, a popup open on its
    // largest toll (falls back to the whole extent when there is no such incident)
    await page.evaluate(() => { window.athar.map.closePopup(); });
    await page.locator('#athar-search').fill('');
    await page.locator('#athar-reset').click();
    const big = await page.evaluate(() => {
      const a = window.athar;
      a.fitAll();
      // the densest place (most incidents within ~5 km), framed at city scale
      const pts = [];
      for (let j = 0; j < a.total; j++) pts.push(a.latLng(j));
      let centre = -1, most = -1;
      pts.forEach((p, j) => {
        let n = 0;
        pts.forEach((q) => { if (Math.abs(p.lat - q.lat) < 0.05 && Math.abs(p.lng - q.lng) < 0.06) n++; });
        if (n > most) { most = n; centre = j; }
      });
      if (centre < 0) return null;
      const c = pts[centre];
      const near = [];
      pts.forEach((p, j) => { if (Math.abs(p.lat - c.lat) < 0.06 && Math.abs(p.lng - c.lng) < 0.08) near.push(j); });
      let bounds = null;
      near.forEach((j) => { bounds = bounds ? bounds.extend(pts[j]) : L.latLngBounds(pts[j], pts[j]); });
      a.map.fitBounds(bounds, { paddingTopLeft: [300, 330], paddingBottomRight: [330, 40], maxZoom: 14, animate: false });
      // the popup: the incident there with the most casualty claims (then the largest toll),
      // not the hostile test report
      let best = -1, key = [-1, -1];
      near.forEach((j) => {
        const get = (n) => a.value(j, n);
        if ((get('snippet') || '').includes('onerror')) return;
        const claims = Array.isArray(get('killed_claims')) ? get('killed_claims').length : 0;
        const k = Number(get('killed') || 0);
        if (claims > key[0] || (claims === key[0] && k > key[1])) { best = j; key = [claims, k]; }
      });
      if (best < 0) return null;
      const p = a.pointOf(best);
      return { x: p.x, y: p.y, claims: key[0] };
    });
    if (big && !quick) {
      await page.mouse.click(big.x, big.y);
      await page.waitForSelector('.athar-pop', { state: 'visible' });
      await stepUntil((n) => document.querySelectorAll('.athar-pop ul.claims li').length >= n, big.claims);
    }
    await page.waitForTimeout(400);
    fs.mkdirSync(path.dirname(path.resolve(shot)), { recursive: true });
    await page.screenshot({ path: shot });
    await page.evaluate(() => { window.athar.map.closePopup(); window.athar.fitAll(); });
  }
  report.final = await counts();
  report.flagAtEnd = await page.evaluate(() => window.__xss);
  // defence in depth: the page's Content-Security-Policy refuses inline handlers even if markup
  // were ever injected (the refusal is logged, so this runs after the console check is taken)
  const errorsBefore = report.consoleErrors.length;
  report.cspBlocksInlineHandlers = await page.evaluate(async () => {
    const d = document.createElement('div');
    d.innerHTML = '<img src="data:," onerror="window.__csp = 1"><img src="data:x" onload="window.__csp = 1">';
    document.body.appendChild(d);
    await new Promise((r) => setTimeout(r, 300));
    d.remove();
    return window.__csp === undefined;
  });
  report.consoleErrors = report.consoleErrors.slice(0, errorsBefore);
} catch (e) {
  report.fatal = String(e && e.stack || e);
} finally {
  if (context) await context.close().catch(() => {});
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(report) + '\n');
process.exit(report.fatal ? 1 : 0);
