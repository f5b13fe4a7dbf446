/* annalist search: looks a query up in the index the build wrote (search/index.json and its
   shards), ranks what matches, and shows each result with a snippet of its page where the
   query's words are marked. No server, no other script. The query is cut into terms by the
   same rules as the build's (src/search/tokens.rs): pairs of Chinese characters, whole words
   and numbers. */
(function () {
  'use strict';
  var app = document.getElementById('search-app');
  var input = document.getElementById('search-q');
  if (!app || !input || !window.fetch) return;
  var form = input.form;
  var status = app.querySelector('.search-status');
  var list = app.querySelector('.search-results');
  var text = app.dataset;
  var root = text.root || './';
  var STEP = 10;
  var MAX_TERM_CHARS = 40;
  var K1 = 1.2;
  var B = 0.75;

  // ---------- Terms, as the build makes them ----------
  function isHan(cp) {
    return cp === 0x3007 || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F) || (cp >= 0x30000 && cp <= 0x323AF);
  }
  var wordChar = /^[\p{Alphabetic}\p{N}]$/u;
  function fold(ch) {
    var cp = ch.codePointAt(0);
    if (cp >= 0xFF01 && cp <= 0xFF5E) ch = String.fromCodePoint(cp - 0xFEE0);
    var lower = ch.toLowerCase();
    return Array.from(lower).length === 1 && lower.length === ch.length ? lower : ch;
  }
  function isWord(ch) { return wordChar.test(ch) && !isHan(ch.codePointAt(0)); }
  function isDigit(ch) { return ch >= '0' && ch <= '9'; }

  /* The terms of a query, and its pieces: each run of Chinese characters, and each word. A piece
     is found where all its terms are; snippets mark pieces whole (or, where a run is not
     found whole, its pairs). `groups[i]` lists the terms of piece i by number. */
  function parse(query) {
    var chars = Array.from(query).map(fold);
    var raw = [];
    var pieces = [];
    var i = 0;
    while (i < chars.length) {
      var c = chars[i];
      if (isHan(c.codePointAt(0))) {
        var start = i;
        while (i < chars.length && isHan(chars[i].codePointAt(0))) i++;
        var run = chars.slice(start, i);
        var own = run.length === 1 ? [run[0]] : [];
        for (var j = 0; j + 1 < run.length; j++) own.push(run[j] + run[j + 1]);
        pieces.push(run.join(''));
        raw.push(own);
      } else if (isWord(c)) {
        var word = '';
        var len = 0;
        while (i < chars.length) {
          var d = chars[i];
          var point = d === '.' && isDigit(word.slice(-1)) && i + 1 < chars.length && isDigit(chars[i + 1]);
          if (!(isWord(d) || point)) break;
          if (len < MAX_TERM_CHARS) { word += d; len++; }
          i++;
        }
        raw.push([word]);
        pieces.push(word);
      } else {
        i++;
      }
    }
    var terms = [];
    var groups = raw.map(function (own) {
      return own.map(function (t) {
        if (terms.indexOf(t) < 0) terms.push(t);
        return terms.indexOf(t);
      });
    });
    return { terms: terms, pieces: pieces, groups: groups };
  }

  // FNV-1a over the term's UTF-8 bytes: which shard holds it.
  var encoder = new TextEncoder();
  function shardOf(term, shards) {
    var h = 0x811c9dc5;
    var bytes = encoder.encode(term);
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h & (shards - 1);
  }

  // ---------- The index ----------
  var head = null;
  var shards = {};
  function json(path) {
    return fetch(root + path).then(function (r) {
      if (!r.ok) throw new Error(path + ': ' + r.status);
      return r.json();
    });
  }
  // A failed fetch is forgotten, so the next query tries again.
  function loadHead() {
    if (!head) head = json('search/index.json').catch(function (e) { head = null; throw e; });
    return head;
  }
  function loadShard(n) {
    if (!shards[n]) shards[n] = json('search/index-' + n + '.json').catch(function (e) { delete shards[n]; throw e; });
    return shards[n];
  }
  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
  }

  /* How much a match counts by the kind of page: the reports are what readers search for; an
     organisation's, an indicator's or a free page's entry is short and names its subject in
     the title, so it would otherwise come first for every query that names a topic. */
  var KIND_WEIGHT = { report: 1, entity: 0.8, indicator: 0.7, page: 0.8 };

  /* Ranks the documents for the query's terms with BM25 (each compared with the average length
     of its kind). Only documents with every piece of the query are listed; when there are none,
     those with most of its pieces (a piece counts where all its terms are: a Chinese run is
     never half found). */
  function rank(index, parsed, postings) {
    var terms = parsed.terms;
    var docs = index.docs;
    var average = index.average || {};
    var found = new Map();
    terms.forEach(function (term, t) {
      var list = postings[t] || [];
      var df = list.length / 2;
      if (!df) return;
      var idf = Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
      var doc = 0;
      for (var i = 0; i < list.length; i += 2) {
        doc += list[i];
        var weight = list[i + 1];
        var kind = docs[doc][2];
        var norm = 1 - B + B * docs[doc][4] / (average[kind] || 1);
        var score = (KIND_WEIGHT[kind] || 1) * idf * weight * (K1 + 1) / (weight + K1 * norm);
        var hit = found.get(doc);
        if (!hit) found.set(doc, hit = { doc: doc, score: 0, seen: new Set(), pieces: 0 });
        hit.score += score;
        hit.seen.add(t);
      }
    });
    var hits = Array.from(found.values()).filter(function (h) {
      h.pieces = parsed.groups.filter(function (g) { return g.every(function (t) { return h.seen.has(t); }); }).length;
      return h.pieces > 0;
    });
    var all = hits.filter(function (h) { return h.pieces === parsed.groups.length; });
    var partial = all.length === 0 && hits.length > 0;
    var chosen = partial ? hits : all;
    chosen.sort(function (a, b) { return b.pieces - a.pieces || b.score - a.score || a.doc - b.doc; });
    return { hits: chosen, partial: partial };
  }

  // ---------- Snippets, from the result pages themselves ----------
  var pages = new Map();
  var parser = new DOMParser();
  function pageText(url) {
    if (!pages.has(url)) {
      pages.set(url, fetch(root + url).then(function (r) { return r.ok ? r.text() : ''; }).then(function (html) {
        var doc = parser.parseFromString(html, 'text/html');
        var main = doc.querySelector('main') || doc.body;
        if (!main) return { prose: '', all: '' };
        main.querySelectorAll('script, style, nav, svg, .breadcrumb, .toc, .anchor').forEach(function (n) { n.remove(); });
        var prose = main.querySelector('.prose');
        var clean = function (n) { return n ? textOf(n) : ''; };
        return { prose: clean(prose), all: clean(main) };
      }).catch(function () { return { prose: '', all: '' }; }));
    }
    return pages.get(url);
  }
  // The text of a page element with its fields apart: cells, terms and list items separated by
  // " · ", other blocks by a space (textContent runs "单位%类型比率" together).
  var FIELD = /^(TD|TH|DT|DD|LI)$/;
  var BLOCK = /^(P|DIV|SECTION|ARTICLE|HEADER|TABLE|THEAD|TBODY|TR|CAPTION|FIGURE|FIGCAPTION|DL|UL|OL|H[1-6]|BLOCKQUOTE)$/;
  function textOf(node) {
    var parts = [];
    (function walk(n) {
      for (var c = n.firstChild; c; c = c.nextSibling) {
        if (c.nodeType === 3) { parts.push(c.data); continue; }
        if (c.nodeType !== 1) continue;
        var sep = FIELD.test(c.tagName) ? '\u0001' : BLOCK.test(c.tagName) ? ' ' : '';
        parts.push(sep);
        walk(c);
        parts.push(sep);
      }
    })(node);
    return parts.join('').replace(/\s+/g, ' ').replace(/[\s\u0001]*\u0001[\s\u0001]*/g, ' · ')
      .replace(/^ · | · $/g, '').trim();
  }
  function folded(s) {
    return s.replace(/[\s\S]/gu, function (ch) { var f = fold(ch); return f.length === ch.length ? f : ch; });
  }
  // The strings to mark: whole pieces where the text has them, else their character pairs.
  function needles(foldedText, pieces) {
    var out = [];
    pieces.forEach(function (p) {
      if (foldedText.indexOf(p) >= 0 || !isHan(p.codePointAt(0))) { out.push(p); return; }
      var chars = Array.from(p);
      for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    });
    return out.sort(function (a, b) { return b.length - a.length; });
  }
  function snippet(page, pieces) {
    var sources = [page.prose, page.all];
    for (var s = 0; s < sources.length; s++) {
      var source = sources[s];
      var low = folded(source);
      var marks = needles(low, pieces);
      var at = -1;
      for (var m = 0; m < marks.length && at < 0; m++) at = low.indexOf(marks[m]);
      if (at < 0) continue;
      var start = Math.max(0, at - 40);
      var end = Math.min(source.length, at + 110);
      return { text: source.slice(start, end), low: low.slice(start, end), marks: marks, before: start > 0, after: end < source.length };
    }
    var first = page.prose || page.all;
    return { text: first.slice(0, 150), low: '', marks: [], before: false, after: first.length > 150 };
  }
  function showSnippet(p, found) {
    var ranges = [];
    found.marks.forEach(function (needle) {
      for (var i = found.low.indexOf(needle); i >= 0; i = found.low.indexOf(needle, i + needle.length)) {
        ranges.push([i, i + needle.length]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var at = 0;
    if (found.before) p.appendChild(document.createTextNode('…'));
    ranges.forEach(function (r) {
      if (r[0] < at) return;
      p.appendChild(document.createTextNode(found.text.slice(at, r[0])));
      var mark = document.createElement('mark');
      mark.textContent = found.text.slice(r[0], r[1]);
      p.appendChild(mark);
      at = r[1];
    });
    p.appendChild(document.createTextNode(found.text.slice(at) + (found.after ? '…' : '')));
  }

  // ---------- The page ----------
  var asked = 0;
  var current = null;
  var more = document.createElement('button');
  more.type = 'button';
  more.className = 'search-more';
  more.textContent = text.more;
  more.hidden = true;
  more.addEventListener('click', function () { showMore(); });
  app.appendChild(more);

  function say(message) { status.textContent = message; }
  function kindName(kind) { return text['kind' + kind.charAt(0).toUpperCase() + kind.slice(1)] || kind; }

  function showMore() {
    if (!current) return;
    var from = list.children.length;
    current.hits.slice(from, from + STEP).forEach(function (hit) {
      var doc = current.index.docs[hit.doc];
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.className = 'result-title';
      a.href = root + doc[0];
      a.textContent = doc[1];
      var meta = document.createElement('span');
      meta.className = 'result-meta';
      meta.textContent = kindName(doc[2]) + (doc[3] ? ' · ' + doc[3] : '');
      var p = document.createElement('p');
      p.className = 'result-snippet';
      li.appendChild(a);
      li.appendChild(meta);
      li.appendChild(p);
      list.appendChild(li);
      var pieces = current.pieces;
      pageText(doc[0]).then(function (page) { showSnippet(p, snippet(page, pieces)); });
    });
    more.hidden = list.children.length >= current.hits.length;
  }

  function run(query) {
    var ask = ++asked;
    var parsed = parse(query);
    list.textContent = '';
    more.hidden = true;
    current = null;
    if (!parsed.terms.length) { say(''); return Promise.resolve(); }
    say(text.loading);
    return loadHead().then(function (index) {
      var wanted = parsed.terms.map(function (t) { return shardOf(t, index.shards); });
      return Promise.all(wanted.map(loadShard)).then(function (loaded) {
        if (ask !== asked) return;
        var postings = parsed.terms.map(function (t, i) { return own(loaded[i], t); });
        var ranked = rank(index, parsed, postings);
        current = { index: index, hits: ranked.hits, pieces: parsed.pieces };
        if (!ranked.hits.length) {
          var lone = parsed.terms.every(function (t) { return Array.from(t).length === 1 && isHan(t.codePointAt(0)); });
          say(lone ? text.short : text.none.replace('{q}', function () { return query.trim(); }));
          return;
        }
        var count = text.results.replace('{n}', function () { return String(ranked.hits.length); });
        say(ranked.partial ? text.partial + ' ' + count : count);
        showMore();
      });
    }).catch(function () {
      if (ask === asked) say(text.failed);
    });
  }

  var timer = 0;
  function remember(query) {
    var url = new URL(window.location.href);
    if (query) url.searchParams.set('q', query); else url.searchParams.delete('q');
    window.history.replaceState(null, '', url);
  }
  // While an input method is composing (pinyin before the characters are chosen), wait.
  function later() {
    clearTimeout(timer);
    timer = setTimeout(function () { remember(input.value); run(input.value); }, 200);
  }
  input.addEventListener('input', function (e) { if (!e.isComposing) later(); });
  input.addEventListener('compositionend', later);
  if (form) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(timer);
      remember(input.value);
      run(input.value);
    });
  }
  var initial = new URLSearchParams(window.location.search).get('q');
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
