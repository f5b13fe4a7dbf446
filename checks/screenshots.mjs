// Screenshots of the sample site, to look at: (needs `npm ci` in checks/ and Debian's chromium)
//
//   node checks/screenshots.mjs OUTDIR [SITE_OUTPUT]
//
// Builds the sample site with the release binary into a temporary folder (or takes an
// already-built output folder as SITE_OUTPUT), serves it on 127.0.0.1 and writes into OUTDIR:
//   <page>-1280.png   full-page screenshots at 1280 px wide (home, entity, report, indicator)
//   <page>-390.png    the same at 390 px wide as a phone (deviceScaleFactor 2, isMobile)
//   report-print.pdf  a report page printed to A4 with print media
// and prints, per page and width, whether anything is wider than the viewport (elements inside
// a horizontally scrollable container, such as .table-scroll, are allowed to be). Exit status 0
// even then: it is for looking (checks/run.sh measures every page at 390 px and fails).
// Chinese needs CJK fonts in the system (Debian: apt-get install fonts-noto-cjk); it says so.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { repoRoot, readBaseUrl, serve, launchBrowser, offScreen } from './lib.mjs';

if (process.argv.length < 3 || process.argv[2].startsWith('-')) {
  console.error('usage: node checks/screenshots.mjs OUTDIR [SITE_OUTPUT]');
  process.exit(2);
}
const outDir = path.resolve(process.argv[2]);
fs.mkdirSync(outDir, { recursive: true });

let tmp = null;
let site;
if (process.argv[3]) {
  site = path.resolve(process.argv[3]);
} else {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'annalist-shots-'));
  site = path.join(tmp, 'site');
  console.log('building the sample site …');
  execFileSync('cargo', ['run', '--quiet', '--release', '--locked', '--', 'build', '--output', site],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
}
if (!fs.existsSync(path.join(site, 'index.html'))) {
  console.error(`no built site in ${site}`);
  process.exit(1);
}

// CJK fonts: without them Chinese renders as empty boxes.
try {
  const cjk = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim();
  if (!cjk) {
    console.warn('WARNING: no Chinese fonts installed: Chinese will show as boxes. ' +
      'Install some (Debian: apt-get install fonts-noto-cjk) and run again.');
  }
} catch {
  console.warn('note: fc-list is missing, cannot tell whether Chinese fonts are installed');
}

const exists = (rel) => fs.existsSync(path.join(site, rel));
const dirs = (rel) => fs.readdirSync(path.join(site, rel), { withFileTypes: true })
  .filter((e) => e.isDirectory()).map((e) => e.name).sort();
const entities = dirs('.').filter((d) => exists(`${d}/data.csv`));
const entity = entities.includes('yanqing') ? 'yanqing' : entities[0];
const years = dirs(entity).filter((d) => /^\d{4}$/.test(d));
const year = years[years.length - 1]; // the newest report: it has a previous year to compare with
const indicators = dirs('indicators');
const indicator = indicators.includes('admin_review_closed') ? 'admin_review_closed' : indicators[0];
const pages = [
  ['home', ''],
  ['entity', `${entity}/`],
  ['report', `${entity}/${year}/`],
  ['indicator', `indicators/${indicator}/`],
];


const server = await serve(site, readBaseUrl(repoRoot).pathname);
const browser = await launchBrowser();
let overflowFound = false;
try {
  for (const [width, height, phone] of [[1280, 900, false], [390, 844, true]]) {
    const ctx = await browser.newContext({
      viewport: { width, height },
      ...(phone ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}),
    });
    const page = await ctx.newPage();
    for (const [name, rel] of pages) {
      await page.goto(new URL(rel, server.base).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      const file = path.join(outDir, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      const m = await page.evaluate(offScreen);
      const ok = m.scrollWidth <= m.vw && m.out.length === 0;
      if (!ok) overflowFound = true;
      console.log(`${path.basename(file)}: scrollWidth ${m.scrollWidth} / width ${m.vw}` +
        (ok ? ', nothing wider than the viewport' : `, OVERFLOW: ${m.out.slice(0, 10).join('; ')}${m.out.length > 10 ? ` … (${m.out.length})` : ''}`));
    }
    await ctx.close();
  }

  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(new URL(`${entity}/${year}/`, server.base).href, { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => document.fonts.ready);
  const pdf = path.join(outDir, 'report-print.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  console.log(`${path.basename(pdf)}: ${entity}/${year}/ printed to A4`);
  await ctx.close();
} finally {
  await browser.close();
  await server.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`screenshots in ${outDir}${overflowFound ? ' (some pages overflow at this width: see above)' : ''}`);
