// The theme as a reader sees it, on paper and in Chinese (run by checks/run.sh):
//   node checks/theme-print.mjs OUTPUT_DIR [SITE_ROOT]
// Checks:
// - typography: no half-width , ; : ( ) ! ? next to Chinese characters in the visible text of a
//   zh-CN site's pages (code, pre and web addresses left out), every page;
// - print: a report page printed to A4 (Chromium's PDF, read with pdftotext) has page numbers
//   ("1 / 3"), the page's absolute URL and the site title, and no page holding only the footer;
// - favicon: every page kind loads with no request failing (no 404 in the network log).
// One summary line per check; details only for problems; exit 1 on any.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { repoRoot, readBaseUrl, serve, launchBrowser, listFiles } from './lib.mjs';

const outDir = path.resolve(process.argv[2] ?? path.join(repoRoot, 'output'));
const siteRoot = path.resolve(process.argv[3] ?? repoRoot);
if (!fs.existsSync(path.join(outDir, 'index.html'))) {
  console.error(`theme-print: no built site in ${outDir} (index.html missing)`);
  process.exit(2);
}
const label = path.basename(siteRoot) === path.basename(repoRoot) ? 'sample' : path.basename(siteRoot);
const baseUrl = readBaseUrl(siteRoot);
const htmlFiles = listFiles(outDir).filter((f) => f.endsWith('.html'));
const reports = htmlFiles.filter((f) => /^[^/]+\/\d{4}\/index\.html$/.test(f));
const urlOf = (f) => f.replace(/index\.html$/, '');

let failed = false;
const report = (name, ok, summary, details = []) => {
  if (!ok) failed = true;
  console.log(`${name} (${label}): ${summary}${ok ? '' : '  FAILED'}`);
  for (const d of details.slice(0, 20)) console.log(`  ${d}`);
  if (details.length > 20) console.log(`  … and ${details.length - 20} more`);
};

// Run in a page: visible text with half-width marks next to Chinese characters, outside code,
// pre and web addresses; the rule of `annalist check` (a mark after a Chinese character or
// touching one after it; an opening bracket the other way round).
function halfWidth() {
  const han = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]/u;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const hits = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('code, pre, script, style, [hidden]') || !el.checkVisibility?.()) continue;
    const text = n.data.replace(/(https?:\/\/|www\.)[\x21-\x7e]*[^\s.,;:!?)]/g, (u) => 'u'.repeat(u.length));
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (!',;:()!?'.includes(c)) continue;
      const before = text.slice(0, i).replace(/[ \t]+$/, '').slice(-1);
      const after = text.slice(i + 1).replace(/^[ \t]+/, '').charAt(0);
      const hit = c === '(' ? han.test(after) || han.test(text[i - 1] ?? '')
        : han.test(before) || han.test(text[i + 1] ?? '');
      if (hit) hits.push(text.slice(Math.max(0, i - 6), i + 7).replace(/\s+/g, ' '));
    }
  }
  return hits;
}

const server = await serve(outDir, baseUrl.pathname);
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
try {
  // Typography, on every page of a zh-CN site.
  const lang = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8').match(/<html lang="([^"]+)"/)?.[1];
  if (lang === 'zh-CN') {
    const problems = [];
    for (const f of htmlFiles) {
      await page.goto(server.base + urlOf(f), { waitUntil: 'load' });
      for (const h of await page.evaluate(halfWidth)) problems.push(`${urlOf(f) || '/'}: "${h}"`);
    }
    report('typography', problems.length === 0,
      `${htmlFiles.length} pages, ${problems.length} half-width marks next to Chinese text`, problems);
  } else {
    report('typography', true, `skipped: the site's language is ${lang}`);
  }

  // Print: the longest report page to A4, read back with pdftotext.
  const target = reports.sort((a, b) => fs.statSync(path.join(outDir, b)).size - fs.statSync(path.join(outDir, a)).size)[0];
  if (target) {
    await page.goto(server.base + urlOf(target), { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'theme-print-'));
    const pdf = path.join(tmp, 'page.pdf');
    await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const pages = text.split('\f').filter((p) => p.trim());
    const title = fs.readFileSync(path.join(outDir, target), 'utf8').match(/<a class="site-title"[^>]*>([^<]*)</)?.[1]
      ?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, '&');
    const url = new URL(urlOf(target), baseUrl).href;
    const problems = [];
    pages.forEach((p, i) => {
      if (!new RegExp(`\\b${i + 1}\\s*/\\s*${pages.length}\\b`).test(p)) problems.push(`page ${i + 1} has no "${i + 1} / ${pages.length}"`);
    });
    const flat = text.replace(/\s+/g, '');
    if (!flat.includes(url.replace(/\s+/g, ''))) problems.push(`the URL ${url} is not printed`);
    if (title && !flat.includes(title.replace(/\s+/g, ''))) problems.push(`the site title "${title}" is not printed`);
    const last = pages[pages.length - 1] ?? '';
    const footerOnly = pages.length > 1 && !/[\u4e00-\u9fff\w]{2,}/u.test(
      last.split('\n').filter((l) => !/\d+\s*\/\s*\d+\s*$/.test(l.trim())).join('\n')
        .replace(title ?? '\u0000', '').replace(/所有数值均照录原报告[^\n]*|Every figure is as the original[^\n]*/g, ''));
    if (footerOnly) problems.push(`the last page holds only the footer:\n${last.trim()}`);
    report('print', problems.length === 0, `${urlOf(target)} on ${pages.length} A4 pages`, problems);
    fs.rmSync(tmp, { recursive: true, force: true });
  } else {
    report('print', false, 'no report page to print');
  }

  // Favicon and every other request: none fails, on one page of each kind.
  const kinds = [...new Set(htmlFiles.map((f) => f.split('/').length <= 2 ? f : f.replace(/[^/]+\/index\.html$/, '*')))];
  const sample = kinds.map((k) => htmlFiles.find((f) => f === k || (k.includes('*') && f.startsWith(k.replace('*', ''))))).filter(Boolean);
  const bad = [];
  let icons = 0;
  page.on('response', (r) => {
    if (r.status() >= 400) bad.push(`${r.status()} ${r.url()}`);
    if (/favicon|\.svg$|\.ico$/.test(r.url()) && r.request().resourceType() !== 'document') icons += r.ok() ? 1 : 0;
  });
  page.on('requestfailed', (r) => bad.push(`failed ${r.url()}`));
  for (const f of sample) {
    await page.goto(server.base + urlOf(f), { waitUntil: 'load' });
    // Chromium asks for the icon after load; give it a moment.
    await page.waitForTimeout(150);
  }
  const declared = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8').match(/<link rel="icon"[^>]*href="([^"]+)"/)?.[1];
  if (!declared) bad.push('no <link rel="icon"> on the home page');
  else if (!icons) bad.push(`the icon ${declared} was never loaded`);
  report('favicon', bad.length === 0, `${sample.length} pages, ${bad.length} failed requests`, bad);
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
