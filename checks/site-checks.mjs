// Checks of a built site in the machine's headless Chromium (run by checks/run.sh):
//   node checks/site-checks.mjs OUTPUT_DIR [SITE_ROOT]
// SITE_ROOT (default: the repository) holds the site.yaml whose base_url the site was built with.
// Checks: axe-core (one page per template), links and fragments, Atom feed and sitemap,
// nothing off-screen at phone width (every page at 390 px), search in the browser.
// One summary line per check; details only for problems; exit 1 on any.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  checksDir, repoRoot, readBaseUrl, serve, launchBrowser, listFiles, fileForSitePath, offScreen,
} from './lib.mjs';

const outDir = path.resolve(process.argv[2] ?? path.join(repoRoot, 'output'));
const siteRoot = path.resolve(process.argv[3] ?? repoRoot);
if (!fs.existsSync(path.join(outDir, 'index.html'))) {
  console.error(`site-checks: no built site in ${outDir} (index.html missing)`);
  process.exit(2);
}
const baseUrl = readBaseUrl(siteRoot);
const basePath = baseUrl.pathname;
const files = listFiles(outDir);
const htmlFiles = files.filter((f) => f.endsWith('.html'));
const isDir = (rel) => fs.statSync(path.join(outDir, rel), { throwIfNoEntry: false })?.isDirectory();
// Entities: top-level folders with a data.csv; their reports: <entity>/<year>/index.html.
const entities = files.filter((f) => /^[^/]+\/data\.csv$/.test(f)).map((f) => f.split('/')[0]);
const reports = htmlFiles.filter((f) => {
  const m = f.match(/^([^/]+)\/(\d{4})\/index\.html$/);
  return m && entities.includes(m[1]);
});
const indicatorPages = htmlFiles.filter((f) => /^indicators\/[^/]+\/index\.html$/.test(f));

let failed = false;
const report = (name, ok, summary, details = []) => {
  if (!ok) failed = true;
  console.log(`${name}: ${summary}${ok ? '' : '  FAILED'}`);
  for (const d of details) console.log(`  ${d}`);
};

const server = await serve(outDir, basePath);
const browser = await launchBrowser();
const siteUrl = (rel) => new URL(rel.replace(/(^|\/)index\.html$/, '$1'), server.base).href;

// A URL found in the site -> { internal, rel (decoded path below the base), hash } or external.
function classify(url) {
  let u;
  try { u = new URL(url); } catch { return { bad: true }; }
  if (!['http:', 'https:'].includes(u.protocol)) return { other: u.protocol };
  let inSite;
  if (u.origin === server.origin) inSite = true;
  else if (u.origin === baseUrl.origin) inSite = true;
  else return { external: true };
  if (!inSite || !u.pathname.startsWith(basePath)) return { outside: true };
  let rel;
  try { rel = decodeURIComponent(u.pathname.slice(basePath.length)); } catch { return { bad: true }; }
  let hash = '';
  try { hash = decodeURIComponent(u.hash.slice(1)); } catch { return { bad: true }; }
  return { internal: true, rel, hash };
}
const relOf = (file) => path.relative(outDir, file).split(path.sep).join('/');

try {
  // ---------------------------------------------------------------- links and fragments
  {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    const ids = new Map(); // page rel -> Set of ids (and a[name])
    const links = []; // { from, what, url }
    for (const rel of htmlFiles) {
      const res = await page.goto(siteUrl(rel), { waitUntil: 'domcontentloaded' });
      const expect404 = rel === '404.html';
      if (!res || (res.status() !== 200 && !expect404)) {
        links.push({ from: rel, what: 'page itself', url: siteUrl(rel), status: res?.status() });
      }
      const found = await page.evaluate(() => {
        const out = [];
        const attrs = [['href', 'a,area,link,base'], ['src', 'img,script,iframe,source,audio,video,track,embed,input'],
          ['action', 'form'], ['data', 'object'], ['poster', 'video'], ['srcset', 'img,source']];
        for (const [attr, sel] of attrs) {
          for (const el of document.querySelectorAll(sel)) {
            if (!el.hasAttribute(attr)) continue;
            const raw = el.getAttribute(attr);
            const urls = attr === 'srcset'
              ? raw.split(',').map((s) => s.trim().split(/\s+/)[0]).filter(Boolean) : [raw];
            for (const u of urls) {
              let abs = null;
              try { abs = new URL(u, document.baseURI).href; } catch { /* reported below */ }
              out.push({ what: `<${el.localName} ${attr}="${u}">`, raw: u, abs });
            }
          }
        }
        const ids = [...document.querySelectorAll('[id]')].map((e) => e.id)
          .concat([...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name')));
        return { out, ids };
      });
      ids.set(rel, new Set(found.ids));
      for (const l of found.out) links.push({ from: rel, what: l.what, url: l.abs, raw: l.raw });
    }
    await ctx.close();
    // url(...) in stylesheets
    for (const rel of files.filter((f) => f.endsWith('.css'))) {
      const css = fs.readFileSync(path.join(outDir, rel), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      for (const m of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/g)) {
        const raw = m[1] ?? m[2] ?? m[3];
        if (raw.startsWith('data:') || raw.startsWith('#')) continue;
        links.push({ from: rel, what: `url(${raw})`, url: new URL(raw, siteUrl(rel)).href, raw });
      }
    }
    const problems = [];
    let internal = 0; let external = 0; let fragments = 0;
    for (const l of links) {
      if (l.status !== undefined) { problems.push(`${l.from}: served with status ${l.status}`); continue; }
      if (l.url === null) { problems.push(`${l.from}: ${l.what}: not a valid URL`); continue; }
      if (/^\s|\s$/.test(l.raw)) problems.push(`${l.from}: ${l.what}: leading or trailing space`);
      const c = classify(l.url);
      if (c.other) continue; // mailto:, tel:, data:, javascript:
      if (c.external) { external++; continue; }
      if (c.bad) { problems.push(`${l.from}: ${l.what}: bad percent-encoding`); continue; }
      if (c.outside) { problems.push(`${l.from}: ${l.what}: points outside the site's base path ${basePath}`); continue; }
      internal++;
      const target = fileForSitePath(outDir, c.rel);
      if (!target) { problems.push(`${l.from}: ${l.what}: no file for /${c.rel}`); continue; }
      if (c.hash && target.endsWith('.html')) {
        fragments++;
        const targetIds = ids.get(relOf(target));
        if (targetIds && !targetIds.has(c.hash) && c.hash !== 'top') {
          problems.push(`${l.from}: ${l.what}: no id "${c.hash}" in ${relOf(target)}`);
        }
      }
    }
    report('links', problems.length === 0,
      `${htmlFiles.length} pages, ${internal} internal links (${fragments} with fragments), ` +
      `${external} external not fetched, ${problems.length} broken`, problems);
  }

  // ---------------------------------------------------------------- feed and sitemap (XML)
  {
    const ctx = await browser.newContext({ javaScriptEnabled: true });
    const page = await ctx.newPage();
    await page.goto(siteUrl('robots.txt'));
    // Chromium's XML parser (libxml2 behind DOMParser); a parse error yields <parsererror>.
    const parse = (xml) => page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      const err = doc.getElementsByTagName('parsererror')[0];
      if (err) return { error: err.textContent.replace(/\s+/g, ' ').trim() };
      const ATOM = 'http://www.w3.org/2005/Atom';
      const SM = 'http://www.sitemaps.org/schemas/sitemap/0.9';
      const kids = (el, name, ns) => [...el.children].filter((c) => c.localName === name && c.namespaceURI === ns);
      const text = (el, name, ns) => kids(el, name, ns)[0]?.textContent.trim();
      const root = doc.documentElement;
      const res = { root: root.localName, ns: root.namespaceURI };
      if (root.localName === 'feed') {
        res.feed = {
          id: text(root, 'id', ATOM), title: text(root, 'title', ATOM), updated: text(root, 'updated', ATOM),
          author: kids(root, 'author', ATOM).length > 0,
          links: kids(root, 'link', ATOM).map((l) => ({ rel: l.getAttribute('rel'), href: l.getAttribute('href') })),
          entries: kids(root, 'entry', ATOM).map((e) => ({
            id: text(e, 'id', ATOM), title: text(e, 'title', ATOM), updated: text(e, 'updated', ATOM),
            author: kids(e, 'author', ATOM).length > 0,
            links: kids(e, 'link', ATOM).map((l) => ({ rel: l.getAttribute('rel'), href: l.getAttribute('href') })),
          })),
        };
      } else if (root.localName === 'urlset' || root.localName === 'sitemapindex') {
        const item = root.localName === 'urlset' ? 'url' : 'sitemap';
        res.items = kids(root, item, SM).map((u) => ({ loc: text(u, 'loc', SM), lastmod: text(u, 'lastmod', SM) }));
        res.stray = [...root.children].filter((c) => !(c.localName === item && c.namespaceURI === SM)).length;
      }
      return res;
    }, xml);
    const rfc3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
    const w3cDate = /^\d{4}(-\d\d(-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d))?)?)?$/;
    const underBase = (u) => { try { return new URL(u).href.startsWith(baseUrl.href); } catch { return false; } };
    const mapsToFile = (u) => {
      const c = classify(u);
      return c.internal && fileForSitePath(outDir, c.rel) !== null;
    };

    // Atom feed
    const fp = [];
    let entryCount = 0;
    if (!fs.existsSync(path.join(outDir, 'feed.xml'))) fp.push('feed.xml missing');
    else {
      const r = await parse(fs.readFileSync(path.join(outDir, 'feed.xml'), 'utf8'));
      if (r.error) fp.push(`feed.xml is not well-formed XML: ${r.error}`);
      else if (r.root !== 'feed' || r.ns !== 'http://www.w3.org/2005/Atom') {
        fp.push(`feed.xml root is {${r.ns}}${r.root}, not an Atom {http://www.w3.org/2005/Atom}feed`);
      } else {
        const f = r.feed;
        entryCount = f.entries.length;
        for (const k of ['id', 'title', 'updated']) if (!f[k]) fp.push(`feed: no <${k}>`);
        if (f.updated && !rfc3339.test(f.updated)) fp.push(`feed: <updated> "${f.updated}" is not an RFC 3339 date-time`);
        if (!f.author && !f.entries.every((e) => e.author)) fp.push('feed: no <author> on the feed nor on every entry');
        const self = f.links.find((l) => l.rel === 'self');
        if (self && !underBase(self.href)) fp.push(`feed: rel="self" ${self.href} is not under ${baseUrl.href}`);
        if (entryCount === 0) fp.push('feed: no entries');
        const seen = new Set();
        f.entries.forEach((e, i) => {
          const name = `entry ${i + 1}${e.title ? ` (${e.title})` : ''}`;
          for (const k of ['id', 'title', 'updated']) if (!e[k]) fp.push(`${name}: no <${k}>`);
          if (e.updated && !rfc3339.test(e.updated)) fp.push(`${name}: <updated> "${e.updated}" is not RFC 3339`);
          if (e.id) { if (seen.has(e.id)) fp.push(`${name}: duplicate id ${e.id}`); seen.add(e.id); }
          const alt = e.links.find((l) => !l.rel || l.rel === 'alternate');
          if (!alt?.href) fp.push(`${name}: no <link rel="alternate" href>`);
          else if (!underBase(alt.href)) fp.push(`${name}: link ${alt.href} is not under ${baseUrl.href}`);
          else if (!mapsToFile(alt.href)) fp.push(`${name}: link ${alt.href} has no file in the output`);
        });
      }
    }
    report('feed', fp.length === 0, `Atom feed.xml, ${entryCount} entries, ${fp.length} problems`, fp);

    // Sitemap (+ robots.txt's Sitemap line)
    const sp = [];
    const notes = [];
    let locCount = 0;
    if (!fs.existsSync(path.join(outDir, 'sitemap.xml'))) sp.push('sitemap.xml missing');
    else {
      const r = await parse(fs.readFileSync(path.join(outDir, 'sitemap.xml'), 'utf8'));
      if (r.error) sp.push(`sitemap.xml is not well-formed XML: ${r.error}`);
      else if (!r.items || r.ns !== 'http://www.sitemaps.org/schemas/sitemap/0.9') {
        sp.push(`sitemap.xml root is {${r.ns}}${r.root}, not a sitemaps.org urlset or sitemapindex`);
      } else {
        locCount = r.items.length;
        if (r.stray) sp.push(`sitemap.xml: ${r.stray} unexpected child elements of <${r.root}>`);
        const seen = new Set();
        const listed = new Set();
        for (const { loc, lastmod } of r.items) {
          if (!loc) { sp.push('an entry without <loc>'); continue; }
          if (seen.has(loc)) sp.push(`duplicate <loc> ${loc}`);
          seen.add(loc);
          if (!underBase(loc)) { sp.push(`<loc> ${loc} is not under ${baseUrl.href}`); continue; }
          const c = classify(loc);
          const target = c.internal ? fileForSitePath(outDir, c.rel) : null;
          if (!target) sp.push(`<loc> ${loc} has no file in the output`);
          else listed.add(relOf(target));
          if (lastmod !== undefined && !w3cDate.test(lastmod)) sp.push(`<lastmod> "${lastmod}" of ${loc} is not a W3C date`);
        }
        if (r.root === 'urlset') {
          for (const rel of htmlFiles) {
            if (listed.has(rel) || rel === '404.html') continue;
            const html = fs.readFileSync(path.join(outDir, rel), 'utf8');
            if (/<meta\s+name="robots"\s+content="[^"]*noindex/i.test(html)) continue;
            notes.push(`note: ${rel} is not in the sitemap`);
          }
        }
      }
    }
    const robots = path.join(outDir, 'robots.txt');
    if (fs.existsSync(robots)) {
      const line = fs.readFileSync(robots, 'utf8').match(/^sitemap:\s*(\S+)/im);
      if (line && line[1] !== new URL('sitemap.xml', baseUrl).href) {
        sp.push(`robots.txt: Sitemap ${line[1]} is not ${new URL('sitemap.xml', baseUrl).href}`);
      }
    }
    report('sitemap', sp.length === 0,
      `${locCount} URLs, all under ${baseUrl.href} and in the output: ${sp.length === 0 ? 'yes' : 'no'}` +
      `${notes.length ? `, ${notes.length} indexable pages not listed` : ''}`, sp.concat(notes));
    await ctx.close();
  }

  // ---------------------------------------------------------------- axe-core
  {
    const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const firstEntity = entities.includes('yanqing') ? 'yanqing' : entities[0];
    const pick = (list, what) => { if (!list.length) throw new Error(`no ${what} page in ${outDir}`); return list[0]; };
    const pages = [
      ['home', 'index.html'],
      ['entity', `${firstEntity}/index.html`],
      ['report', pick(reports.filter((r) => r.startsWith(`${firstEntity}/`)).concat(reports), 'report')],
      ['indicator', pick(indicatorPages, 'indicator')],
      ['search', 'search/index.html'],
      // one page of each further template
      ['indicators', 'indicators/index.html'],
      ['year', htmlFiles.find((f) => /^years\/[^/]+\/index\.html$/.test(f))],
      ['tag', htmlFiles.find((f) => /^tags\/[^/]+\/index\.html$/.test(f))],
      ['region', htmlFiles.find((f) => /^regions\/[^/]+\/index\.html$/.test(f))],
      ['level', htmlFiles.find((f) => /^levels\/[^/]+\/index\.html$/.test(f))],
      ['page', htmlFiles.find((f) => /^(about|methodology)\/index\.html$/.test(f))],
      ['404', '404.html'],
    ].filter(([, rel]) => rel && htmlFiles.includes(rel));
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
    const problems = [];
    let violations = 0;
    const seen = new Map();
    const modes = [
      { viewport: { width: 1280, height: 900 }, colorScheme: 'light', label: '1280' },
      { viewport: { width: 390, height: 844 }, colorScheme: 'light', label: '390' },
      { viewport: { width: 1280, height: 900 }, colorScheme: 'dark', label: '1280 dark' },
    ];
    for (const { viewport, colorScheme, label } of modes) {
      const ctx = await browser.newContext({ viewport, colorScheme });
      const page = await ctx.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(`script error: ${e.message}`));
      page.on('response', (r) => { if (r.status() >= 400 && r.request().resourceType() !== 'document') errors.push(`${r.status()} ${r.url()}`); });
      for (const [kind, rel] of pages) {
        errors.length = 0;
        // 404.html as a server shows it: in place of a missing page deep in the site.
        const resp = await page.goto(kind === '404' ? siteUrl('no/such/page/') : siteUrl(rel), { waitUntil: 'load' });
        if (resp.status() !== (kind === '404' ? 404 : 200)) errors.push(`page served with status ${resp.status()}`);
        await page.addScriptTag({ content: axeSource });
        const res = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), tags);
        const where = `${kind === '404' ? '404' : rel.replace(/index\.html$/, '') || '/'} @${label}`;
        for (const v of res.violations) {
          violations++;
          // the same violation on the same element is listed once, with every page it is on
          const key = `${v.id} (${v.impact}): ${v.help}`;
          if (!seen.has(key)) seen.set(key, new Map());
          for (const n of v.nodes) {
            const node = `${n.target.join(' ')}${n.any[0]?.message ? ` — ${n.any[0].message}` : ''}`;
            if (!seen.get(key).has(node)) seen.get(key).set(node, []);
            seen.get(key).get(node).push(where);
          }
        }
        for (const e of errors) problems.push(`${where}: ${e}`);
      }
      await ctx.close();
    }
    for (const [key, nodes] of seen) {
      problems.push(key);
      for (const [node, where] of nodes) problems.push(`  ${node}\n      on ${where.join(', ')}`);
    }
    report('axe', problems.length === 0,
      `${pages.length} pages (${pages.map(([k]) => k).join(', ')}) at 1280 and 390 px and in dark mode, ` +
      `${tags.join('+')}: ${violations} violations`, problems);
  }

  // ---------------------------------------------------------------- nothing off-screen on a phone
  // Every page at 390 px (a phone: isMobile, deviceScaleFactor 2): no element's box may start
  // left of 0 or end right of the viewport, unless it is inside a horizontally scrollable box
  // (.table-scroll, or anything with overflow-x auto or scroll), and the page may not scroll
  // sideways. Text drawn outside a chart's SVG counts: getBoundingClientRect measures it.
  {
    const width = 390;
    const ctx = await browser.newContext({
      viewport: { width, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    });
    const page = await ctx.newPage();
    const problems = [];
    let offending = 0;
    for (const rel of htmlFiles) {
      await page.goto(siteUrl(rel), { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      const m = await page.evaluate(offScreen);
      if (m.scrollWidth > m.vw) problems.push(`${rel}: scrolls sideways (scrollWidth ${m.scrollWidth} > ${m.vw})`);
      if (m.out.length) {
        offending++;
        problems.push(`${rel}: ${m.out.length} elements outside 0…${m.vw} px: ${m.out.slice(0, 6).join('; ')}` +
          (m.out.length > 6 ? ' …' : ''));
      } else if (m.scrollWidth > m.vw) offending++;
    }
    await ctx.close();
    report('phone-width', problems.length === 0,
      `${htmlFiles.length} pages at ${width} px, ${offending} with something outside the viewport ` +
      '(horizontally scrollable boxes excepted)', problems);
  }

  // ---------------------------------------------------------------- search in the browser
  {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(`script error: ${e.message}`));
    page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
    const problems = [];
    const results = {};
    const searchUrl = siteUrl('search/index.html');
    const items = 'ol.search-results > li';
    async function search(query) {
      await page.goto(searchUrl, { waitUntil: 'load' });
      const input = page.locator('#search-q');
      await input.fill('');
      await input.pressSequentially(query, { delay: 15 });
      // Done when the page has searched for the whole query (it records it in the URL first)
      // and the first result's snippet, fetched from its page, is in.
      try {
        await page.waitForFunction((q) => {
          const first = document.querySelector('ol.search-results > li .result-snippet');
          return new URLSearchParams(location.search).get('q') === q && first && first.textContent.length > 0;
        }, query, { timeout: 10000 });
      } catch {
        return null;
      }
      return page.$$eval(items, (lis) => lis.map((li) => {
        const a = li.querySelector('a.result-title');
        const s = li.querySelector('.result-snippet');
        return { href: a?.href ?? null, title: a?.textContent.trim() ?? null, snippet: s?.innerHTML ?? null, marks: s ? s.querySelectorAll('mark').length : 0 };
      }));
    }
    const isReport = (href) => {
      const c = href ? classify(href) : {};
      const m = c.internal && c.rel.match(/^([^/]+)\/(\d{4})\/$/);
      return Boolean(m && entities.includes(m[1]));
    };
    const js = fs.readFileSync(path.join(outDir, 'search.js'), 'utf8');
    const a = await search('行政复议');
    results['行政复议'] = a;
    if (a === null) {
      problems.push(`行政复议: no "${items}" with a snippet appeared within 10 s` +
        (js.length < 200 ? ` (search.js is ${js.length} bytes: the search script is not written yet, search could not be verified)` : ''));
    } else {
      if (!a.some((r) => isReport(r.href))) problems.push(`行政复议: no result links to a report page (<entity>/<year>/); got ${a.slice(0, 5).map((r) => r.href).join(', ')}`);
      if (!a[0].href) problems.push('行政复议: the first result has no a.result-title link');
      if (!a[0].marks) problems.push(`行政复议: the first result's .result-snippet has no <mark>: ${a[0].snippet}`);
      const bad = a.filter((r) => r.href && !(classify(r.href).internal && fileForSitePath(outDir, classify(r.href).rel)));
      for (const r of bad) problems.push(`行政复议: result links to ${r.href}, which is not a page of the site`);
    }
    const b = await search('出庭应诉率');
    results['出庭应诉率'] = b;
    if (b === null) problems.push('出庭应诉率: no results with a snippet appeared within 10 s');
    else if (b.length === 0) problems.push('出庭应诉率: no results');
    // The header's search form sends ?q= to the search page: the query should be searched at once.
    const notes = [];
    if (a !== null) {
      await page.goto(`${searchUrl}?q=${encodeURIComponent('行政复议')}`, { waitUntil: 'load' });
      const ok = await page.waitForSelector(items, { timeout: 5000 }).then(() => true, () => false);
      const value = await page.inputValue('#search-q');
      if (!ok || value !== '行政复议') problems.push(`search/?q=行政复议 (what the header form sends) ${ok ? '' : 'shows no results'}${!ok && value !== '行政复议' ? ' and ' : ''}${value !== '行政复议' ? `leaves the input as "${value}"` : ''}`);
    }
    for (const e of errors) problems.push(e);
    await ctx.close();
    const count = (r) => (r === null ? 'none' : r.length);
    report('search', problems.length === 0,
      `行政复议 → ${count(a)} results${a?.length ? ` (${a.filter((r) => isReport(r.href)).length} reports, first snippet marked: ${a[0].marks > 0 ? 'yes' : 'no'})` : ''}, ` +
      `出庭应诉率 → ${count(b)} results`, problems.concat(notes));
  }
} finally {
  await browser.close();
  await server.close();
}
process.exit(failed ? 1 : 0);
