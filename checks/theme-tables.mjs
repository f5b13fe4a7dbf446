// The default theme's tables as a reader sees them, in the machine's headless Chromium:
//
//   node checks/theme-tables.mjs OUTPUT_DIR SITE_ROOT
//
// On every page with a table:
//   - at 1024, 1280 and 1600 px, scrolled down each table a viewport at a time, no sticky or
//     fixed element outside the table covers one of its cells (a sticky contents column did);
//   - at 390 px (a phone), the newest year's cell and the change of the first rows are inside
//     the viewport with no sideways scrolling, and still are (with the group names) when the
//     table is scrolled sideways to its other end;
//   - wherever a table shows a mark (约, 以上, 累计, 推算, 据…年报告, 口径变化), a legend under
//     it explains exactly those marks, on screen and in print;
//   - on a Chinese page, no "pp" and none of the catalogue's English labels (label_en).
// Exit status 1 with the details of every failure.
import fs from 'node:fs';
import path from 'node:path';
import { readBaseUrl, serve, launchBrowser, listFiles } from './lib.mjs';

if (process.argv.length < 4) {
  console.error('usage: node checks/theme-tables.mjs OUTPUT_DIR SITE_ROOT');
  process.exit(2);
}
const site = path.resolve(process.argv[2]);
const siteRoot = path.resolve(process.argv[3]);
const name = path.basename(siteRoot);

const language = (fs.readFileSync(path.join(siteRoot, 'site.yaml'), 'utf8').match(/^language:\s*"?([\w-]+)/m) || [])[1] || 'zh-CN';
const chinese = language.startsWith('zh');
// English labels of the catalogue (one `label_en:` line each; no YAML library needed).
const catalogue = path.join(siteRoot, 'content', 'indicators.yaml');
const englishLabels = fs.existsSync(catalogue)
  ? [...fs.readFileSync(catalogue, 'utf8').matchAll(/^\s+label_en:\s*["']?(.+?)["']?\s*$/gm)].map((m) => m[1])
  : [];

const pages = listFiles(site)
  .filter((f) => f.endsWith('.html') && f !== '404.html' && !f.startsWith('search/'))
  .filter((f) => fs.readFileSync(path.join(site, f), 'utf8').includes('<table'));

const problems = [];
const fail = (page, what) => problems.push(`${page}: ${what}`);

const server = await serve(site, readBaseUrl(siteRoot).pathname);
const browser = await launchBrowser();
const urlOf = (rel) => new URL(rel.replace(/index\.html$/, ''), server.base).href;

// In the page: every sticky or fixed element outside table `i` that covers one of its cells
// in the viewport, at each scroll position down the table.
function coveredCells(i) {
  const table = document.querySelectorAll('main table')[i];
  const vh = window.innerHeight;
  const stuck = [...document.querySelectorAll('body *')].filter((el) => {
    const p = getComputedStyle(el).position;
    return (p === 'sticky' || p === 'fixed') && !table.contains(el) && !el.contains(table);
  });
  const out = [];
  const top = table.getBoundingClientRect().top + window.scrollY;
  const bottom = top + table.getBoundingClientRect().height;
  for (let y = top - 40; y < bottom; y += vh * 0.8) {
    window.scrollTo(0, y);
    for (const s of stuck) {
      const r = s.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(s).visibility === 'hidden') continue;
      // A cell counts where it can be seen: inside its scrolling box, inside the viewport.
      const box = (table.closest('.table-scroll') || table).getBoundingClientRect();
      for (const cell of table.querySelectorAll('td, th')) {
        const raw = cell.getBoundingClientRect();
        const c = {
          left: Math.max(raw.left, box.left), right: Math.min(raw.right, box.right),
          top: Math.max(raw.top, box.top, 0), bottom: Math.min(raw.bottom, box.bottom, vh),
        };
        if (c.right <= c.left || c.bottom <= c.top) continue;
        const x = Math.min(r.right, c.right) - Math.max(r.left, c.left);
        const h = Math.min(r.bottom, c.bottom) - Math.max(r.top, c.top);
        if (x > 1 && h > 1) {
          out.push(`${s.localName}.${s.className} covers "${cell.textContent.trim().slice(0, 20)}" at scroll ${Math.round(y)}`);
          break;
        }
      }
      if (out.length > 3) return out;
    }
  }
  return out;
}

// In the page at a phone's width: for each table over years (entity, indicator, report), the
// newest year's cell and the change of its first rows must lie inside the viewport, before and
// after its box is scrolled sideways to the end; and a group's name must stay in view.
function phoneProblems() {
  const vw = document.documentElement.clientWidth;
  const out = [];
  if (document.documentElement.scrollWidth > vw + 1) out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px)`);
  const inside = (el) => {
    const r = el.getBoundingClientRect();
    return r.left >= -0.5 && r.right <= vw + 0.5;
  };
  document.querySelectorAll('main table.yoy, main table.report-table').forEach((table, i) => {
    const box = table.closest('.table-scroll');
    for (const end of ['start', 'end']) {
      if (box) box.scrollLeft = end === 'start' ? 0 : box.scrollWidth;
      const rows = [...table.querySelectorAll('tbody tr')].filter((tr) => tr.querySelector('td')).slice(0, 3);
      for (const tr of rows) {
        const cells = [...tr.querySelectorAll('td.num')];
        // The newest year (its value over its change), or a report's own year and change.
        const wanted = table.classList.contains('report-table') ? cells.slice(-2) : cells.slice(-1);
        for (const c of wanted) {
          if (!inside(c)) {
            const r = c.getBoundingClientRect();
            out.push(`table ${i + 1}, scrolled to its ${end}: "${c.textContent.trim().slice(0, 16)}" of "${tr.querySelector('th')?.textContent.trim().slice(0, 12)}" is outside the viewport (${r.left.toFixed(0)}…${r.right.toFixed(0)} px)`);
          }
        }
      }
      for (const g of table.querySelectorAll('tr.group th')) {
        const label = g.firstElementChild || g;
        if (g.textContent.trim() && !inside(label)) out.push(`table ${i + 1}, scrolled to its ${end}: group "${g.textContent.trim()}" is out of view`);
      }
    }
    if (box) box.scrollLeft = 0;
  });
  return out;
}

// In the page: each table's marks and the words its legend explains.
function marksAndLegends() {
  const kinds = ['.flag.approx', '.flag.bound', '.flag.cumulative', '.flag.derived', '.flag.restated', '.not-comparable.break'];
  const wordOf = (el) => (el.firstChild && el.firstChild.nodeType === 3 ? el.firstChild.textContent : el.textContent).trim();
  return [...document.querySelectorAll('main table')].map((table, i) => {
    const marks = new Set();
    for (const k of kinds) table.querySelectorAll(k).forEach((el) => marks.add(wordOf(el)));
    let legend = table.closest('.table-scroll') || table;
    do legend = legend.nextElementSibling; while (legend && !legend.classList.contains('legend') && legend.localName !== 'div' && legend.localName !== 'table');
    legend = legend && legend.classList.contains('legend') ? legend : null;
    const explained = legend ? [...legend.querySelectorAll('dt')].flatMap((dt) => dt.textContent.split(/、|, /).map((w) => w.trim())) : [];
    const visible = legend ? getComputedStyle(legend).display !== 'none' && legend.getBoundingClientRect().height > 0 : false;
    return { i: i + 1, caption: table.caption?.textContent.trim().slice(0, 30) || '', marks: [...marks], explained, visible };
  });
}

try {
  for (const width of [1024, 1280, 1600]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    for (const rel of pages) {
      await page.goto(urlOf(rel));
      const n = await page.evaluate(() => document.querySelectorAll('main table').length);
      for (let i = 0; i < n; i++) {
        for (const c of await page.evaluate(coveredCells, i)) fail(rel, `${width} px, table ${i + 1}: ${c}`);
      }
    }
    await page.close();
  }

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  for (const rel of pages) {
    await page.goto(urlOf(rel));
    for (const p of await page.evaluate(phoneProblems)) fail(rel, `390 px: ${p}`);
  }
  await phone.close();

  const desk = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  for (const rel of pages) {
    await desk.goto(urlOf(rel));
    for (const media of ['screen', 'print']) {
      await desk.emulateMedia({ media });
      for (const t of await desk.evaluate(marksAndLegends)) {
        if (t.marks.length === 0) {
          if (t.explained.length > 0) fail(rel, `table ${t.i} "${t.caption}" shows no mark but has a legend`);
          continue;
        }
        if (t.explained.length === 0) { fail(rel, `table ${t.i} "${t.caption}" shows ${t.marks.join(' ')} with no legend under it`); continue; }
        if (!t.visible) fail(rel, `table ${t.i}: its legend is hidden (${media})`);
        const missing = t.marks.filter((m) => !t.explained.includes(m));
        const extra = t.explained.filter((w) => !t.marks.includes(w));
        if (missing.length) fail(rel, `table ${t.i}: legend lacks ${missing.join(' ')}`);
        if (extra.length) fail(rel, `table ${t.i}: legend explains ${extra.join(' ')}, which the table does not show`);
      }
    }
    await desk.emulateMedia({ media: 'screen' });
    if (chinese) {
      const text = await desk.evaluate(() => document.body.innerText);
      if (/(^|[^A-Za-z])pp([^A-Za-z]|$)/.test(text)) fail(rel, 'shows "pp" on a Chinese page');
      const english = englishLabels.filter((l) => text.includes(l));
      if (english.length) fail(rel, `shows English labels on a Chinese page: ${english.slice(0, 3).join('; ')}`);
    }
  }
  await desk.close();
} finally {
  await browser.close();
  await server.close();
}

const label = `theme-tables (${name}): ${pages.length} pages with tables`;
if (problems.length) {
  console.log(`${label}, ${problems.length} problems  FAILED`);
  for (const p of problems.slice(0, 60)) console.log(`  ${p}`);
  if (problems.length > 60) console.log(`  … and ${problems.length - 60} more`);
  process.exit(1);
}
console.log(`${label}: no sticky element over a cell at 1024/1280/1600 px, newest year and change in view at 390 px, a legend for every mark, no "pp" or English labels`);
