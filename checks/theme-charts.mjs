// Charts and sparklines as a reader sees them, in the machine's headless Chromium (run by
// checks/run.sh on the sample site and on the year-over-year fixture site):
//   node checks/theme-charts.mjs OUTPUT_DIR [SITE_ROOT]
// Every indicator page's chart is read against the table beside it, on screen at 1280 px and
// 390 px, in dark mode and printed:
// - a text alternative (role="img", a title and a description);
// - labelled gridlines, one of them at zero, every value drawn at its height above it (no
//   axis that starts at the data's minimum), a rate's axis up to 100%;
// - gridline labels written as the tables write figures (no 300000 where the table writes 30万 figures);
// - one point per value the table shows (bounds and running totals have none), hollow exactly
//   where the table says 推算 (derived), and filled with the page's paper colour;
// - a line only between neighbouring years that the table compares (no gap, no break, no
//   running total between them), dashed where it touches a derived value, and every such pair
//   joined; no chart at all where no organisation has such a pair;
// - no chart text over another or outside the chart.
// On organisation pages each sparkline is read against its row the same way: none without two
// comparable neighbouring values, a dot per value, hollow where derived, no line across a gap
// or break. The first pages with a chart and with a sparkline also go through axe-core
// (WCAG 2.1 A+AA and best practices) on screen: the site-wide axe check picks its pages without
// looking for charts. One summary line per check; details only for problems; exit 1 on any.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { repoRoot, readBaseUrl, serve, launchBrowser, listFiles } from './lib.mjs';

const outDir = path.resolve(process.argv[2] ?? path.join(repoRoot, 'output'));
const siteRoot = path.resolve(process.argv[3] ?? repoRoot);
if (!fs.existsSync(path.join(outDir, 'index.html'))) {
  console.error(`theme-charts: no built site in ${outDir} (index.html missing)`);
  process.exit(2);
}
const site = path.basename(siteRoot) === path.basename(repoRoot) ? 'sample' : path.basename(siteRoot);
const files = listFiles(outDir);
const entities = files.filter((f) => /^[^/]+\/data\.csv$/.test(f)).map((f) => f.split('/')[0]);
const entityPages = entities.map((e) => `${e}/index.html`).filter((f) => files.includes(f));
const indicatorPages = files.filter((f) => /^indicators\/[^/]+\/(page\/\d+\/)?index\.html$/.test(f));

let failed = false;
const report = (name, ok, summary, details = []) => {
  if (!ok) failed = true;
  console.log(`theme-charts (${site}) ${name}: ${summary}${ok ? '' : '  FAILED'}`);
  for (const d of details.slice(0, 30)) console.log(`  ${d}`);
  if (details.length > 30) console.log(`  … and ${details.length - 30} more`);
};

// Runs in the page. The table's rows as year-ordered cells: whether the year has a value a
// chart can place (not a gap, a bound or a running total), whether it is derived, and whether
// a break in series starts there.
function readRows(table) {
  const years = [...table.querySelectorAll('thead th.num')].map((th) => Number(th.textContent.trim()));
  const order = years.map((y, i) => i).sort((a, b) => years[a] - years[b]);
  return [...table.querySelectorAll('tbody tr')].filter((tr) => tr.querySelector('th[scope="row"]')).map((tr) => {
    const tds = [...tr.querySelectorAll('td.num')];
    const cells = order.map((i) => {
      const td = tds[i];
      const fig = td?.querySelector('.fig');
      const placed = !!fig && !fig.querySelector('.flag.cumulative, .flag.bound');
      const num = fig?.querySelector('.num');
      return {
        year: years[i],
        placed,
        derived: placed && fig.classList.contains('is-derived'),
        brk: !!td?.querySelector('.not-comparable.break'),
        value: num ? Number(num.dataset.value ?? num.textContent.trim()) : NaN,
      };
    });
    const pairs = new Set();
    cells.forEach((c, i) => {
      if (i > 0 && c.placed && cells[i - 1].placed && !c.brk && c.year === cells[i - 1].year + 1) pairs.add(i);
    });
    return { name: tr.querySelector('th[scope="row"]').textContent.trim(), cells, pairs, spark: tr.querySelector('svg.sparkline') };
  });
}

// Runs in the page: the vertices of a path's "M x,y L x,y …".
function vertices(el) {
  return (el.getAttribute('d') || '').split(/[ML]/).map((s) => s.trim()).filter(Boolean)
    .map((p) => p.split(',').map(Number));
}

// Runs in the page: the problems of the lines and points of one series against its row, the
// series' points at `xs` (a year's x by index) — shared by charts and sparklines.
function seriesProblems(where, row, markers, lines, xs) {
  const out = [];
  const index = (x) => {
    let best = 0;
    xs.forEach((v, i) => { if (Math.abs(v - x) < Math.abs(xs[best] - x)) best = i; });
    return Math.abs(xs[best] - x) < 1 ? best : -1;
  };
  const placed = row.cells.map((c, i) => (c.placed ? i : -1)).filter((i) => i >= 0);
  const drawn = markers.map((m) => ({ i: index(m.x), hollow: m.hollow })).sort((a, b) => a.i - b.i);
  if (drawn.map((d) => d.i).join() !== placed.join()) {
    out.push(`${where}: points at years ${drawn.map((d) => row.cells[d.i]?.year).join(' ')}, values the chart can place in ${placed.map((i) => row.cells[i].year).join(' ')}`);
  }
  for (const d of drawn) {
    const c = row.cells[d.i];
    if (c && c.derived !== d.hollow) out.push(`${where} ${c.year}: ${c.derived ? 'derived value drawn filled' : 'reported value drawn hollow'}`);
  }
  const joined = new Set();
  for (const l of lines) {
    const idx = l.points.map(([x]) => index(x));
    for (let k = 1; k < idx.length; k++) {
      const [a, b] = [idx[k - 1], idx[k]];
      const ca = row.cells[a], cb = row.cells[b];
      if (a < 0 || b !== a + 1 || !row.pairs.has(b)) {
        out.push(`${where}: a line from ${ca?.year ?? '?'} to ${cb?.year ?? '?'}, which the table does not compare`);
        continue;
      }
      joined.add(b);
      const shouldDash = ca.derived || cb.derived;
      if (shouldDash !== l.dashed) out.push(`${where}: the line ${ca.year}–${cb.year} is ${l.dashed ? 'dashed' : 'solid'}`);
    }
  }
  for (const b of row.pairs) {
    if (!joined.has(b)) out.push(`${where}: no line from ${row.cells[b - 1].year} to ${row.cells[b].year}, which the table compares`);
  }
  return out;
}

// Runs in the page: a gridline label's value ("30万" → 300000, "100%" → 100), or NaN.
function labelValue(s) {
  const m = s.replace('\u2212', '-').match(/^(-?\d+(?:\.\d+)?)(万亿|万|亿)?/);
  if (!m) return NaN;
  return Number(m[1]) * ({ 万: 1e4, 亿: 1e8, 万亿: 1e12 }[m[2]] ?? 1);
}

// Runs in the page: every problem of an indicator page's chart, and what was seen.
function inspectIndicator({ single }) {
  const out = [];
  const seen = { charts: 0, hollow: 0, lines: 0 };
  const table = document.querySelector('table.yoy') || document.querySelector('main table');
  if (!table) return { out, seen };
  const rows = readRows(table);
  const svg = document.querySelector('svg.chart');
  const trend = rows.some((r) => r.pairs.size > 0);
  if (!svg) {
    if (single && rows.length <= 12 && trend) out.push('no chart, though an organisation has two comparable years');
    return { out, seen };
  }
  seen.charts = 1;
  if (!trend) out.push('a chart, though no organisation has two comparable neighbouring years');
  // A text alternative.
  const refText = (attr) => (svg.getAttribute(attr) || '').split(/\s+/).filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent.trim() ?? '').join(' ');
  if (svg.getAttribute('role') !== 'img') out.push('the chart has no role="img"');
  if (!refText('aria-labelledby')) out.push('the chart has no title (aria-labelledby)');
  if (!refText('aria-describedby')) out.push('the chart has no description (aria-describedby)');
  // Gridlines: labelled, one at zero, round values; a rate's up to 100.
  const grid = [...svg.querySelectorAll('.grid line')].map((l) => ({
    y: Number(l.getAttribute('y1')), x1: Number(l.getAttribute('x1')), x2: Number(l.getAttribute('x2')), zero: l.classList.contains('zero'),
  }));
  const labels = [...svg.querySelectorAll('.grid text')].map((t) => ({ y: Number(t.getAttribute('y')), text: t.textContent.trim() }));
  if (grid.length < 2) out.push(`${grid.length} gridlines, want at least 2`);
  if (labels.length !== grid.length) out.push(`${grid.length} gridlines and ${labels.length} labels`);
  const zero = grid.find((g) => g.zero);
  const zeroLabel = labels.find((l) => labelValue(l.text) === 0);
  if (!zero || !zeroLabel || Math.abs(zeroLabel.y - zero.y) > 0.5) out.push('no labelled gridline at zero');
  // The highest label carries the unit, which may hold a 万 as in 万元; the one below it does not.
  const [top, ref] = [...labels].sort((a, b) => a.y - b.y);
  const refValue = labelValue(ref?.text ?? '');
  if (top?.text.includes('%') && !(parseFloat(top.text) >= 100)) out.push(`a rate's axis ends at ${top.text}, not 100%`);
  const shownInWan = [...table.querySelectorAll('.fig .num')].some((n) => /[万亿]/.test(n.textContent));
  const longLabel = labels.find((l) => /\d{5,}/.test(l.text));
  if (shownInWan && longLabel) out.push(`gridline label ${longLabel.text}: the table writes such figures in 万/亿`);
  // Series against rows: rows with a placeable value are drawn, in order.
  const drawnRows = rows.filter((r) => r.cells.some((c) => c.placed));
  const series = [...svg.querySelectorAll('g.series')];
  if (series.length !== drawnRows.length) out.push(`${series.length} series for ${drawnRows.length} organisations with values`);
  const left = grid[0]?.x1 ?? 0, right = grid[0]?.x2 ?? 0, n = rows[0]?.cells.length ?? 0;
  const xs = rows[0] ? rows[0].cells.map((c, i) => left + ((right - left) * i) / Math.max(1, n - 1)) : [];
  const paper = getComputedStyle(document.body).backgroundColor;
  series.forEach((g, k) => {
    const row = drawnRows[k];
    if (!row) return;
    const where = `series ${k + 1} (${row.name})`;
    const markers = [...g.querySelectorAll('.pt')].map((m) => {
      const b = m.getBBox();
      const hollow = m.classList.contains('est');
      const style = getComputedStyle(m);
      if (hollow) {
        seen.hollow += 1;
        if (style.fill !== paper) out.push(`${where}: a derived point filled ${style.fill}, not the paper ${paper}`);
        if (style.stroke === 'none') out.push(`${where}: a derived point without an outline`);
      } else if (style.fill === paper || style.fill === 'none') {
        out.push(`${where}: a reported point is not filled`);
      }
      return { x: b.x + b.width / 2, y: b.y + b.height / 2, hollow };
    });
    const lines = [...g.querySelectorAll('.ln')].map((l) => {
      seen.lines += 1;
      const dash = getComputedStyle(l).strokeDasharray;
      return { points: vertices(l), dashed: !!dash && dash !== 'none' };
    });
    out.push(...seriesProblems(where, row, markers, lines, xs));
    // Every value at its height above zero.
    if (zero && Number.isFinite(refValue) && refValue > 0) {
      const sorted = [...markers].sort((a, b) => a.x - b.x);
      const placed = row.cells.filter((c) => c.placed);
      sorted.forEach((m, i) => {
        const v = placed[i]?.value;
        if (!Number.isFinite(v)) return;
        const want = zero.y - ((zero.y - ref.y) * v) / refValue;
        if (Math.abs(want - m.y) > 1.5) out.push(`${where} ${placed[i].year}: ${v} drawn at y ${m.y.toFixed(1)}, its height from zero is at ${want.toFixed(1)}`);
      });
    }
  });
  // No text over another, none outside the chart.
  const box = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].map((t) => ({ t: t.textContent, r: t.getBoundingClientRect() }));
  for (const { t, r } of texts) {
    if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
      out.push(`chart text "${t}" leaves the chart`);
    }
  }
  texts.forEach((a, i) => texts.slice(i + 1).forEach((b) => {
    const apart = a.r.right <= b.r.left + 0.5 || b.r.right <= a.r.left + 0.5 || a.r.bottom <= b.r.top + 0.5 || b.r.bottom <= a.r.top + 0.5;
    if (!apart) out.push(`chart texts "${a.t}" and "${b.t}" overlap`);
  }));
  return { out, seen };
}

// Runs in the page: every problem of an organisation page's sparklines.
function inspectSparklines() {
  const out = [];
  const seen = { sparklines: 0, hollow: 0 };
  const paper = getComputedStyle(document.body).backgroundColor;
  for (const table of document.querySelectorAll('table')) {
    if (!table.querySelector('td.spark')) continue;
    for (const row of readRows(table)) {
      const where = `${row.name}`;
      if (!row.spark) {
        if (row.pairs.size > 0) out.push(`${where}: no sparkline, though two neighbouring years compare`);
        continue;
      }
      seen.sparklines += 1;
      if (row.pairs.size === 0) {
        out.push(`${where}: a sparkline, though no two neighbouring years compare`);
        continue;
      }
      const n = row.cells.length;
      const [w, pad] = [80, 3];
      const xs = row.cells.map((c, i) => pad + ((w - 2 * pad) * i) / Math.max(1, n - 1));
      const markers = [...row.spark.querySelectorAll('circle')].map((c) => {
        const hollow = c.classList.contains('est');
        if (hollow) {
          seen.hollow += 1;
          if (getComputedStyle(c).fill !== paper) out.push(`${where}: a derived dot is not hollow`);
        }
        return { x: Number(c.getAttribute('cx')), y: Number(c.getAttribute('cy')), hollow };
      });
      const lines = [...row.spark.querySelectorAll('path')].map((l) => {
        const dash = getComputedStyle(l).strokeDasharray;
        return { points: vertices(l), dashed: !!dash && dash !== 'none' };
      });
      out.push(...seriesProblems(`${where} sparkline`, row, markers, lines, xs));
      if (!row.spark.getAttribute('aria-label')) out.push(`${where}: a sparkline without a text alternative`);
    }
  }
  return { out, seen };
}

const baseUrl = readBaseUrl(siteRoot);
const server = await serve(outDir, baseUrl.pathname);
const browser = await launchBrowser();
const url = (rel) => new URL(rel.replace(/index\.html$/, ''), server.base).href;
const modes = [
  ['1280', { viewport: { width: 1280, height: 900 } }],
  ['390', { viewport: { width: 390, height: 844 }, isMobile: true, deviceScaleFactor: 2 }],
  ['dark', { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' }],
  ['print', { viewport: { width: 794, height: 1123 } }],
];
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
// The pages axe reads: the first two indicator pages with a chart, the first organisation page
// with a sparkline.
const withChart = { charts: [], sparkline: null };
const helpers = [readRows, vertices, seriesProblems, labelValue].map(String).join('\n');
try {
  for (const [mode, options] of modes) {
    const context = await browser.newContext(options);
    await context.addInitScript({ content: `${helpers}\nwindow.__charts = { inspectIndicator: ${inspectIndicator}, inspectSparklines: ${inspectSparklines} };` });
    const page = await context.newPage();
    if (mode === 'print') await page.emulateMedia({ media: 'print' });
    const problems = [];
    const total = { charts: 0, hollow: 0, lines: 0, sparklines: 0, sparkHollow: 0, axe: 0 };
    for (const f of indicatorPages) {
      await page.goto(url(f));
      const single = !/\/page\/\d+\//.test(f) && !(await page.$('.pagination'));
      const { out, seen } = await page.evaluate((a) => window.__charts.inspectIndicator(a), { single });
      problems.push(...out.map((p) => `${f}: ${p}`));
      total.charts += seen.charts; total.hollow += seen.hollow; total.lines += seen.lines;
    }
    for (const f of entityPages) {
      await page.goto(url(f));
      const { out, seen } = await page.evaluate(() => window.__charts.inspectSparklines());
      problems.push(...out.map((p) => `${f}: ${p}`));
      total.sparklines += seen.sparklines; total.sparkHollow += seen.hollow;
      if (seen.sparklines > 0 && !withChart.sparkline) withChart.sparkline = f;
    }
    if (mode === '1280') {
      for (const f of indicatorPages) {
        if (withChart.charts.length >= 2) break;
        if (fs.readFileSync(path.join(outDir, f), 'utf8').includes('<svg class="chart"')) withChart.charts.push(f);
      }
    }
    if (mode !== 'print') {
      for (const f of [...withChart.charts, withChart.sparkline].filter(Boolean)) {
        await page.goto(url(f));
        await page.addScriptTag({ content: axeSource });
        const res = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
        for (const v of res.violations) {
          for (const n of v.nodes) problems.push(`${f}: axe ${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}`);
        }
        total.axe += 1;
      }
    }
    report(mode, problems.length === 0,
      `${indicatorPages.length} indicator pages, ${total.charts} charts (${total.lines} lines, ${total.hollow} derived points hollow); ` +
      `${entityPages.length} organisation pages, ${total.sparklines} sparklines (${total.sparkHollow} derived dots hollow); ` +
      `axe on ${total.axe} of them`,
      problems);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
process.exit(failed ? 1 : 0);
