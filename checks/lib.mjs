// Shared by site-checks.mjs and screenshots.mjs: the site's base URL, a tiny static HTTP
// server for a built output folder, and the machine's Chromium driven by playwright-core.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const checksDir = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(checksDir, '..');

// base_url from site.yaml (a top-level `base_url:` line; no YAML library needed for one key).
export function readBaseUrl(siteRoot = repoRoot) {
  const text = fs.readFileSync(path.join(siteRoot, 'site.yaml'), 'utf8');
  const m = text.match(/^base_url:[ \t]*(?:"([^"]*)"|'([^']*)'|([^\s#]+))/m);
  if (!m) throw new Error(`no base_url in ${path.join(siteRoot, 'site.yaml')}`);
  let url = m[1] ?? m[2] ?? m[3];
  if (!url.endsWith('/')) url += '/';
  return new URL(url);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8', '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.gif': 'image/gif', '.webp': 'image/webp', '.ico': 'image/x-icon', '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

// Serves `dir` on 127.0.0.1 (random port) under the base path of the site's base_url, so
// that root-relative links ("/reports/…") resolve as they will when published.
// Returns { origin, base (URL of the site's root), close() }.
export async function serve(dir, basePath = '/') {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8', extra = {}) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(400, 'bad request');
    }
    if (!pathname.startsWith(basePath)) return send(404, 'outside the site');
    const rel = pathname.slice(basePath.length);
    let file = path.resolve(root, '.' + path.posix.sep + rel);
    if (file !== root && !file.startsWith(root + path.sep)) return send(403, 'forbidden');
    let stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      if (!pathname.endsWith('/')) return send(301, '', undefined, { Location: encodeURI(pathname) + '/' });
      file = path.join(file, 'index.html');
      stat = fs.statSync(file, { throwIfNoEntry: false });
    }
    if (!stat?.isFile()) {
      const notFound = path.join(root, '404.html');
      return fs.existsSync(notFound)
        ? send(404, fs.readFileSync(notFound), TYPES['.html'])
        : send(404, 'not found');
    }
    send(200, fs.readFileSync(file), TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    base: new URL(basePath, origin),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// The machine's Chromium (Debian's package); playwright-core never downloads a browser.
export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

// Every file under dir (relative paths with "/"), sorted.
export function listFiles(dir) {
  const out = [];
  const walk = (d, prefix) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), rel);
      else if (e.isFile()) out.push(rel);
    }
  };
  walk(dir, '');
  return out.sort();
}

// The output file a site path (below the base path, already percent-decoded) maps to, or null.
export function fileForSitePath(dir, rel) {
  const full = path.resolve(dir, '.' + path.posix.sep + rel);
  if (full !== path.resolve(dir) && !full.startsWith(path.resolve(dir) + path.sep)) return null;
  const stat = fs.statSync(full, { throwIfNoEntry: false });
  if (stat?.isFile()) return rel.endsWith('/') ? null : full;
  if (stat?.isDirectory()) {
    const index = path.join(full, 'index.html');
    return fs.existsSync(index) ? index : null;
  }
  return null;
}

// Run in a page (page.evaluate(offScreen)): every element that starts left of the viewport or
// ends right of it, except inside a horizontally scrollable box (.table-scroll, or overflow-x
// auto or scroll) and a skip link parked off-screen until focused; and the page's scrollWidth.
// Text a chart's SVG draws outside its box counts: getBoundingClientRect measures it.
export function offScreen() {
  const vw = document.documentElement.clientWidth;
  const scrolls = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (p.classList.contains('table-scroll')) return true;
      const ox = getComputedStyle(p).overflowX;
      if (ox === 'auto' || ox === 'scroll') return true;
    }
    return false;
  };
  const name = (el) => el.localName + (el.id ? `#${el.id}` : '') +
    (typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '');
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left >= -0.5 && r.right <= vw + 0.5) continue;
    if (scrolls(el)) continue;
    if (getComputedStyle(el).position === 'absolute' && r.right <= 0) continue;
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 24);
    out.push(`${name(el)}${text ? ` "${text}"` : ''} (${r.left.toFixed(1)}…${r.right.toFixed(1)} px)`);
  }
  return { vw, scrollWidth: document.documentElement.scrollWidth, out };
}
