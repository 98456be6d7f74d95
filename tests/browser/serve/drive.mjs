// Drive `fiscal serve` in Debian's chromium through the DevTools protocol
// (playwright-core, which speaks CDP to Chromium; no browser download):
// load the page, move two controls, check that the chart and the headline
// numbers change, check that a fast run of moves ends on the numbers of the
// last one (stale answers cancelled), show an invalid setting's message,
// download the scenario, and time slider-to-redraw.
//
// Usage: node drive.mjs URL OUT_DIR
// Writes OUT_DIR/page.toml (the downloaded scenario), OUT_DIR/page.json
// (the page's 2075-76 PSND and fiscal gap), OUT_DIR/timings.json and
// OUT_DIR/screenshot.png. Prints "N passed, N failed"; exits 1 on a failure.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';

const [url, out] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: node drive.mjs URL OUT_DIR');
  process.exit(2);
}
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) { passed++; console.log('ok: ' + name); } else { failed++; console.log('FAILED: ' + name + (detail ? ' (' + detail + ')' : '')); }
}

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'fiscal-serve-profile-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: browserPath,
  headless: true,
  acceptDownloads: true,
  viewport: { width: 1400, height: 1050 },
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const errors = [];
const external = [];
try {
  const page = context.pages()[0] || await context.newPage();
  // The 422 of the deliberately invalid setting below is logged by the
  // browser as a failed resource; anything else is an error.
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('status of 422')) errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith(url) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) external.push(r.url()); });

  const updates = () => page.evaluate(() => Number(document.body.dataset.updates || 0));
  const waitReady = async (after) => {
    await page.waitForFunction((n) => document.body.dataset.state === 'ready' && Number(document.body.dataset.updates || 0) > n, after, { timeout: 30000 });
  };
  const headline = () => page.evaluate(() => ({
    psnd: document.getElementById('psnd-end').textContent,
    gap: document.getElementById('fiscal-gap').textContent,
    end_year: document.getElementById('end-year').textContent,
    share: document.getElementById('share-closed').textContent,
    s1: document.getElementById('s1').textContent,
    s2: document.getElementById('s2').textContent,
    debt: document.getElementById('chart-debt').dataset.hash,
    difference: document.getElementById('chart-difference').dataset.hash,
    debt_loaded: document.getElementById('chart-debt').naturalWidth,
  }));

  await page.goto(url);
  await waitReady(0);
  const before = await headline();
  check('the page loads with numbers and charts', before.end_year === '2075-76' && /^-?\d/.test(before.psnd) && before.debt_loaded > 0 && !!before.debt, JSON.stringify(before));

  // Two controls: productivity growth and net migration; and one intervention on.
  let n = await updates();
  await page.locator('#f-economy-productivity_growth_pct').fill('1.1');
  await waitReady(n);
  n = await updates();
  await page.locator('#f-population-net_migration_persons').fill('100000');
  await waitReady(n);
  n = await updates();
  await page.locator('#iv-0-on').check();
  await waitReady(n);
  const after = await headline();
  check('the headline numbers change', after.psnd !== before.psnd && after.gap !== before.gap, before.psnd + ' -> ' + after.psnd + ', ' + before.gap + ' -> ' + after.gap);
  check('the debt chart changes', after.debt !== before.debt);
  check('the difference chart changes', after.difference !== before.difference);
  check('the URL carries the settings', page.url().includes('f.economy.productivity_growth_pct=1.1') && page.url().includes('f.population.net_migration_persons=100000'), page.url());
  check('the share of the gap closed shows with an intervention on', /^-?\d/.test(after.share), after.share);

  // Slider to redraw, one move at a time (the page times each from the
  // input event to the decoded chart images).
  const slider = page.locator('#f-economy-productivity_growth_pct');
  for (let k = 0; k < 20; k++) {
    n = await updates();
    await slider.fill(String((0.8 + 0.05 * k).toFixed(2)));
    await waitReady(n);
  }
  // A burst of moves (as a drag gives): stale answers are cancelled and the
  // page ends on the last move's numbers.
  await slider.focus();
  n = await updates();
  for (let k = 0; k < 15; k++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.body.dataset.state === 'ready', null, { timeout: 30000 });
  await page.waitForTimeout(300);
  const shown = await headline();
  const fresh = await page.evaluate(async () => (await (await fetch('/api/run' + location.search)).json()));
  check('after a burst of moves the page shows the last move', shown.psnd === fresh.psnd_end_pct_gdp && shown.gap === fresh.fiscal_gap_pct_gdp, shown.psnd + ' vs ' + fresh.psnd_end_pct_gdp);
  const timings = await page.evaluate(() => window.fiscalTimings);
  fs.writeFileSync(path.join(out, 'timings.json'), JSON.stringify(timings));

  // An invalid setting: the message in `fiscal check`'s words.
  const toml = page.locator('#toml');
  await page.locator('details summary').click();
  await toml.fill('[economy]\nproductivity_growth_pct = "fast"');
  await page.waitForFunction(() => document.body.dataset.state === 'error', null, { timeout: 30000 });
  const message = await page.locator('#error-text').textContent();
  check('an invalid setting shows its located message', message.includes('page TOML:2') && message.includes('productivity_growth_pct'), message);
  n = await updates();
  await toml.fill('');
  await waitReady(n);

  // The scenario download, and the numbers it must reproduce.
  const final = await headline();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#dl-scenario').click()]);
  await download.saveAs(path.join(out, 'page.toml'));
  const text = fs.readFileSync(path.join(out, 'page.toml'), 'utf8');
  check('the scenario downloads as TOML', text.includes('[economy]') && text.includes('productivity_growth_pct'));
  fs.writeFileSync(path.join(out, 'page.json'), JSON.stringify({ psnd: final.psnd, gap: final.gap, end_year: final.end_year }));
  await page.evaluate(() => { window.scrollTo(0, 0); document.getElementById('controls').scrollTop = 0; });
  await page.screenshot({ path: path.join(out, 'screenshot.png') });
  // Slider to redraw on the served scenario alone (the intervention off
  // again): the timings the baseline page gives, apart from the others.
  n = await updates();
  await page.locator('#iv-0-on').uncheck();
  await waitReady(n);
  const first = await page.evaluate(() => window.fiscalTimings.length);
  for (let k = 0; k < 20; k++) {
    n = await updates();
    await slider.fill(String((0.85 + 0.05 * k).toFixed(2)));
    await waitReady(n);
  }
  const plain = await page.evaluate((i) => window.fiscalTimings.slice(i), first);
  fs.writeFileSync(path.join(out, 'timings_baseline.json'), JSON.stringify(plain));
  check('no console errors', errors.length === 0, errors.join(' | '));
  check('nothing fetched from elsewhere', external.length === 0, external.join(' '));
} catch (e) {
  check('the browser session ran to the end', false, e.stack || String(e));
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(`browser (serve): ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
