import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { anchorId } from '../../reports/html.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { DEMO_WEEK, demoWarehouse, type DemoWarehouse } from '../helpers/demoWarehouse.ts';

/** Screenshots outlive the test's warehouse so a person can look at them (each run replaces them). */
const SHOTS = join(tmpdir(), 'assay-report-screenshots');

let t: DemoWarehouse;
let browser: Browser;
before(async () => {
  t = await demoWarehouse({}, 0.1);
  t.wh.close();
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  t?.cleanup();
});

interface Visit {
  page: Page;
  requests: string[];
  errors: string[];
}

/** Opens a page from its file and records every request and every console or page error. */
async function visit(file: string, viewport: { width: number; height: number }): Promise<Visit> {
  const page = await browser.newPage({ viewport });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, requests, errors };
}

test('report.html renders every chart as SVG with marks, with no console error and no request but the file itself', async (ctx) => {
  const file = join(t.reports, DEMO_WEEK, 'report.html');
  const { page, requests, errors } = await visit(file, { width: 1280, height: 900 });
  const charts = await page.$$eval('figure[data-chart]', (figs) =>
    figs.map((f) => {
      const svg = f.querySelector('svg');
      const box = svg?.getBoundingClientRect();
      return { id: f.id, svg: Boolean(svg), marks: svg ? svg.querySelectorAll('g.role-mark > *').length : 0, width: box?.width ?? 0, height: box?.height ?? 0 };
    }),
  );
  assert.ok(charts.length >= 8, `${charts.length} charts`);
  for (const c of charts) {
    assert.ok(c.svg, `${c.id}: no <svg>`);
    assert.ok(c.marks > 0, `${c.id}: no marks`);
    assert.ok(c.width > 200 && c.height > 50, `${c.id}: drawn ${c.width}×${c.height}`);
  }
  for (const id of [anchorId('chart-unknown', 'tenant_id=acme/workflow=support_triage'), 'chart-drift-heatmap', 'cost-bridge', 'chart-cost-model-mix', 'chart-latency-trend']) {
    assert.ok(charts.some((c) => c.id === id), `chart ${id} is on the page`);
  }
  assert.deepEqual(errors, []);
  assert.deepEqual(requests, [pathToFileURL(file).href], 'only the file itself is loaded');
  const shot = join(SHOTS, 'report-desktop.png');
  await page.screenshot({ path: shot, fullPage: true });
  assert.ok(statSync(shot).size > 50_000);
  ctx.diagnostic(`screenshot: ${shot}`);
  await page.close();
});

test('on a phone the page fits the screen (charts shrink, wide tables scroll in place), and print hides navigation and SQL folds', async (ctx) => {
  const file = join(t.reports, DEMO_WEEK, 'report.html');
  const { page } = await visit(file, { width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page is ${overflow}px wider than the phone`);
  const widest = await page.$$eval('figure[data-chart] svg', (svgs) => Math.max(...svgs.map((s) => s.getBoundingClientRect().right)));
  assert.ok(widest <= 390, `a chart reaches ${widest}px`);
  const shot = join(SHOTS, 'report-phone.png');
  await page.screenshot({ path: shot, fullPage: false });
  ctx.diagnostic(`screenshot: ${shot}`);
  await page.emulateMedia({ media: 'print' });
  const hidden = await page.evaluate(() => [getComputedStyle(document.querySelector('nav.toc')!).display, getComputedStyle(document.querySelector('details.sql')!).display]);
  assert.deepEqual(hidden, ['none', 'none']);
  await page.close();
});

test('index.html opens from its file and links to the report', async () => {
  const file = join(t.reports, 'index.html');
  const { page, requests, errors } = await visit(file, { width: 1000, height: 700 });
  const links = await page.$$eval('a[href$="report.html"]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
  assert.ok(links.includes(pathToFileURL(join(t.reports, DEMO_WEEK, 'report.html')).href));
  assert.deepEqual(errors, []);
  assert.deepEqual(requests, [pathToFileURL(file).href]);
  await page.close();
});
