// termalign review page. Reads the JSON block embedded by `termalign
// review`, renders beads lazily (a window of rows around the cursor, grown
// as the reader scrolls), applies the reviewer's edits, keeps them in
// localStorage under each document's content hash, and exports TMX and CSV
// exactly as termalign's own writers would.
//
// Text from the data only ever reaches the page through putText() (text
// nodes), never as markup.
(function () {
  'use strict';

  var DATA = JSON.parse(document.getElementById('review-data').textContent);
  var CHUNK = 120;          // rows added at a time
  var UNDO_MAX = 500;
  var STORE = 'termalign-review:';

  // ---- one document's working state -----------------------------------
  // A bead is [zhStart, zhEnd, enStart, enEnd, confidence‰ (-1 unknown),
  // status (0 open, 1 approved, 2 rejected), edited (0/1)].
  function Doc(d, index) {
    this.d = d;
    this.index = index;
    this.original = [];
    for (var i = 0; i < d.b.length; i += 5) {
      this.original.push([d.b[i], d.b[i + 1], d.b[i + 2], d.b[i + 3], d.b[i + 4], 0, 0]);
    }
    this.beads = this.original.map(function (b) { return b.slice(); });
    this.undo = [];
    this.marks = null;   // per-sentence marks, built on first display
    this.load();
  }

  Doc.prototype.key = function () { return STORE + this.d.hash; };

  Doc.prototype.load = function () {
    var raw = null;
    try { raw = window.localStorage.getItem(this.key()); } catch (e) { raw = null; }
    if (!raw) { return; }
    try {
      var s = JSON.parse(raw);
      if (s && Array.isArray(s.b) && validBeads(s.b, this.d)) {
        this.beads = s.b;
        this.undo = Array.isArray(s.u) ? s.u : [];
      }
    } catch (e) { /* a corrupt entry is ignored: the page starts afresh */ }
  };

  Doc.prototype.save = function () {
    try {
      if (this.undo.length === 0 && same(this.beads, this.original)) {
        window.localStorage.removeItem(this.key());
      } else {
        window.localStorage.setItem(this.key(), JSON.stringify({ b: this.beads, u: this.undo }));
      }
    } catch (e) { toast('Could not save the review state: ' + e.message); }
  };

  function same(a, b) {
    if (a.length !== b.length) { return false; }
    for (var i = 0; i < a.length; i++) {
      for (var j = 0; j < 7; j++) { if (a[i][j] !== b[i][j]) { return false; } }
    }
    return true;
  }

  // Saved beads must still cover the document's sentences in order.
  function validBeads(beads, d) {
    var z = 0, e = 0;
    for (var i = 0; i < beads.length; i++) {
      var b = beads[i];
      if (!Array.isArray(b) || b.length !== 7 || b[0] !== z || b[2] !== e || b[1] < b[0] || b[3] < b[2]) { return false; }
      z = b[1]; e = b[3];
    }
    return z === d.zh.length && e === d.en.length;
  }

  // Replace beads[i, i+n) by `repl`, remembering how to undo it.
  Doc.prototype.splice = function (i, n, repl) {
    var old = this.beads.slice(i, i + n);
    Array.prototype.splice.apply(this.beads, [i, n].concat(repl));
    this.undo.push([i, repl.length, old]);
    if (this.undo.length > UNDO_MAX) { this.undo.shift(); }
    this.save();
  };

  Doc.prototype.undoLast = function () {
    var u = this.undo.pop();
    if (!u) { return -1; }
    Array.prototype.splice.apply(this.beads, [u[0], u[1]].concat(u[2]));
    this.save();
    return u[0];
  };

  // Marks of each sentence: terms and numbers, built once per document.
  Doc.prototype.buildMarks = function () {
    if (this.marks) { return this.marks; }
    var d = this.d, i;
    var m = { zt: [], et: [], zn: [], en: [], fz: [] };
    for (i = 0; i < d.zh.length; i++) { m.zt.push([]); m.zn.push([]); m.fz.push(null); }
    for (i = 0; i < d.en.length; i++) { m.et.push([]); m.en.push([]); }
    for (i = 0; i < d.zt.length; i += 4) { m.zt[d.zt[i]].push([d.zt[i + 1], d.zt[i + 2], d.zt[i + 3]]); }
    for (i = 0; i < d.et.length; i += 5) { m.et[d.et[i]].push([d.et[i + 1], d.et[i + 2], d.et[i + 3], d.et[i + 4]]); }
    for (i = 0; i < d.zn.length; i += 4) { m.zn[d.zn[i]].push([d.zn[i + 1], d.zn[i + 2], d.zn[i + 3]]); }
    for (i = 0; i < d.en_n.length; i += 4) { m.en[d.en_n[i]].push([d.en_n[i + 1], d.en_n[i + 2], d.en_n[i + 3]]); }
    // A finding stays with the bead holding its first Chinese sentence.
    for (i = 0; i < d.f.length; i++) {
      var s = d.f[i][0];
      if (s < m.fz.length) { (m.fz[s] = m.fz[s] || []).push(d.f[i]); }
    }
    this.marks = m;
    return m;
  };

  // What a bead holds: terms on each side, missing and forbidden ones,
  // numbers without a counterpart, findings.
  Doc.prototype.info = function (b) {
    var m = this.buildMarks(), s, k, h;
    var zhTerms = {}, enOk = {}, forbidden = {}, zKeys = {}, eKeys = {}, findings = [];
    for (s = b[0]; s < b[1]; s++) {
      for (k = 0; k < m.zt[s].length; k++) { zhTerms[m.zt[s][k][2]] = true; }
      for (k = 0; k < m.zn[s].length; k++) { h = m.zn[s][k][2]; zKeys[h] = (zKeys[h] || 0) + 1; }
      if (m.fz[s]) { findings = findings.concat(m.fz[s]); }
    }
    for (s = b[2]; s < b[3]; s++) {
      for (k = 0; k < m.et[s].length; k++) {
        var t = m.et[s][k];
        if (t[3] === 2) { forbidden[t[2]] = true; } else { enOk[t[2]] = true; }
      }
      for (k = 0; k < m.en[s].length; k++) { h = m.en[s][k][2]; eKeys[h] = (eKeys[h] || 0) + 1; }
    }
    var pair = b[1] > b[0] && b[3] > b[2];
    return { zhTerms: zhTerms, enOk: enOk, forbidden: forbidden, zKeys: zKeys, eKeys: eKeys,
      findings: findings, pair: pair };
  };

  // Shared terms of a bead, sorted as the TMX writer sorts them.
  Doc.prototype.sharedTerms = function (b) {
    var inf = this.info(b), out = [];
    Object.keys(inf.zhTerms).forEach(function (t) { if (inf.enOk[t]) { out.push(+t); } });
    out.sort(function (x, y) { return x - y; });
    return out.map(function (t) { return DATA.terms[t][0]; });
  };

  // ---- the page's state ------------------------------------------------
  var docs = DATA.docs.map(function (d, i) { return new Doc(d, i); });
  var state = { doc: 0, view: [], lo: 0, hi: 0, cur: -1 };
  var $ = function (id) { return document.getElementById(id); };
  var beadsEl = $('beads');
  var filters = {
    low: $('f-low'), threshold: $('f-threshold'), onesided: $('f-onesided'),
    findings: $('f-findings'), open: $('f-open'), search: $('f-search')
  };
  filters.threshold.value = String(DATA.low);
  if (DATA.focus === 'findings') { filters.findings.checked = true; }

  function curDoc() { return docs[state.doc]; }

  function shape(b) { return (b[1] - b[0]) + '-' + (b[3] - b[2]); }

  function isLow(b, threshold) { return b[4] >= 0 && b[1] > b[0] && b[3] > b[2] && b[4] / 1000 < threshold; }

  function doubtful(doc, b) {
    if (b[5] !== 0) { return false; }
    if (b[1] === b[0] || b[3] === b[2]) { return true; }
    if (isLow(b, DATA.low)) { return true; }
    return doc.info(b).findings.length > 0;
  }

  // ---- filters and the view ---------------------------------------------
  function matches(doc, b) {
    var thr = parseFloat(filters.threshold.value);
    if (!(thr >= 0)) { thr = DATA.low; }
    if (filters.low.checked && !isLow(b, thr)) { return false; }
    if (filters.onesided.checked && b[1] > b[0] && b[3] > b[2]) { return false; }
    if (filters.open.checked && b[5] !== 0) { return false; }
    if (filters.findings.checked && doc.info(b).findings.length === 0) { return false; }
    var q = filters.search.value.trim().toLowerCase();
    if (q) {
      var text = doc.d.zh.slice(b[0], b[1]).join('') + '\u0000' + doc.d.en.slice(b[2], b[3]).join(' ');
      if (text.toLowerCase().indexOf(q) < 0) { return false; }
    }
    return true;
  }

  function filtering() {
    return filters.low.checked || filters.onesided.checked || filters.open.checked ||
      filters.findings.checked || filters.search.value.trim() !== '';
  }

  function computeView() {
    var doc = curDoc(), v = [];
    if (!filtering()) {
      for (var i = 0; i < doc.beads.length; i++) { v.push(i); }
    } else {
      for (var j = 0; j < doc.beads.length; j++) { if (matches(doc, doc.beads[j])) { v.push(j); } }
    }
    state.view = v;
    $('viewcount').textContent = v.length === doc.beads.length
      ? v.length + ' beads' : v.length + ' of ' + doc.beads.length + ' beads shown';
  }

  // Position in the view of bead `i`, or of the first bead after it.
  function viewPos(i) {
    var v = state.view, lo = 0, hi = v.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (v[mid] < i) { lo = mid + 1; } else { hi = mid; } }
    return lo;
  }

  // ---- rendering ----------------------------------------------------------
  var CTL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufffe\uffff]/;

  // The one place where data text enters the document: as text nodes, with
  // invisible and direction-changing characters shown as visible badges.
  function putText(el, s) {
    if (!CTL.test(s)) { el.appendChild(document.createTextNode(s)); return; }
    var run = '';
    for (var i = 0; i < s.length; i++) {
      var c = s.charAt(i);
      if (CTL.test(c)) {
        if (run) { el.appendChild(document.createTextNode(run)); run = ''; }
        var badge = document.createElement('span');
        badge.className = 'ctl';
        var hex = c.charCodeAt(0).toString(16).toUpperCase();
        badge.textContent = 'U+' + ('0000' + hex).slice(-4);
        el.appendChild(badge);
      } else {
        run += c;
      }
    }
    if (run) { el.appendChild(document.createTextNode(run)); }
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { putText(e, text); }
    return e;
  }

  function hue(t) { return Math.round((t * 137.508) % 360); }

  // A sentence with its marks; marks never overlap (terms win over numbers,
  // the first-starting over later ones).
  function sentence(text, marks) {
    var span = el('span', 's');
    if (marks.length === 0) { putText(span, text); return span; }
    marks.sort(function (a, b) { return a.a - b.a || (b.b - b.a) - (a.b - a.a); });
    var pos = 0;
    for (var i = 0; i < marks.length; i++) {
      var mk = marks[i];
      if (mk.a < pos) { continue; }
      if (mk.a > pos) { putText(span, text.slice(pos, mk.a)); }
      var m = el('span', mk.cls, text.slice(mk.a, mk.b));
      if (mk.h !== undefined) { m.style.setProperty('--h', String(mk.h)); }
      if (mk.title) { m.title = mk.title; }
      span.appendChild(m);
      pos = mk.b;
    }
    if (pos < text.length) { putText(span, text.slice(pos)); }
    return span;
  }

  // A sentence boundary inside a bead: clicking it splits the bead there.
  function cut(i, side, s) {
    var c = el('span', 'cut', '│');
    c.title = 'split the bead here';
    c.dataset.side = side;
    c.dataset.s = String(s);
    c.addEventListener('click', function (ev) {
      ev.stopPropagation();
      state.cur = i;
      edit(function (doc, j) { return split(doc, j, side, s); });
    });
    return c;
  }

  function beadRow(doc, i) {
    var b = doc.beads[i], inf = doc.info(b), m = doc.buildMarks(), d = doc.d, s, k;
    var row = el('div', 'bead');
    row.dataset.i = String(i);
    if (b[5] === 1) { row.classList.add('approved'); }
    if (b[5] === 2) { row.classList.add('rejected'); }
    if (b[6]) { row.classList.add('edited'); }

    var meta = el('div', 'meta');
    meta.appendChild(el('span', 'idx', '#' + (i + 1)));
    var sh = el('span', 'shape' + (inf.pair ? '' : ' one'), shape(b));
    meta.appendChild(sh);
    var conf = el('div', 'conf');
    var bar = el('i');
    if (b[4] >= 0) {
      bar.style.width = (b[4] / 10) + '%';
      bar.style.setProperty('--c', String(Math.round(b[4] * 0.12)));
      conf.title = 'confidence ' + score(b[4]);
    } else {
      conf.title = b[6] ? 'edited: no confidence' : 'confidence unknown';
    }
    conf.appendChild(bar);
    meta.appendChild(conf);
    meta.appendChild(el('span', 'cv', b[4] >= 0 ? score(b[4]) : '–'));
    meta.appendChild(el('span', 'st'));
    meta.appendChild(el('span', 'ed'));
    row.appendChild(meta);

    var zh = el('div', 'zh');
    zh.lang = 'zh';
    for (s = b[0]; s < b[1]; s++) {
      var zm = [];
      for (k = 0; k < m.zt[s].length; k++) {
        var t = m.zt[s][k], ok = !!inf.enOk[t[2]];
        zm.push({ a: t[0], b: t[1], h: hue(t[2]), cls: ok ? 'term' : 'term missing',
          title: ok ? DATA.terms[t[2]][1] : 'approved rendering missing: ' + DATA.terms[t[2]][1] });
      }
      for (k = 0; k < m.zn[s].length; k++) {
        var n = m.zn[s][k];
        if (!inf.eKeys[n[2]]) { zm.push({ a: n[0], b: n[1], cls: 'num diff', title: 'not in the English: ' + d.nk[n[2]] }); }
      }
      if (s > b[0]) { zh.appendChild(cut(i, 'zh', s)); }
      zh.appendChild(sentence(d.zh[s], zm));
    }
    row.appendChild(zh);

    var en = el('div', 'en');
    en.lang = 'en';
    for (s = b[2]; s < b[3]; s++) {
      var em = [];
      for (k = 0; k < m.et[s].length; k++) {
        var e = m.et[s][k], term = DATA.terms[e[2]];
        if (e[3] === 2) {
          em.push({ a: e[0], b: e[1], h: hue(e[2]), cls: 'term forbidden',
            title: 'forbidden rendering of ' + term[0] + '; approved: ' + term[1] });
        } else {
          em.push({ a: e[0], b: e[1], h: hue(e[2]), cls: e[3] === 1 ? 'term variant' : 'term',
            title: term[0] + (e[3] === 1 ? ' (variant)' : '') });
        }
      }
      for (k = 0; k < m.en[s].length; k++) {
        var x = m.en[s][k];
        if (!inf.zKeys[x[2]]) { em.push({ a: x[0], b: x[1], cls: 'num diff', title: 'not in the Chinese: ' + d.nk[x[2]] }); }
      }
      if (s > b[2]) { en.appendChild(cut(i, 'en', s)); }
      en.appendChild(sentence(d.en[s], em));
    }
    row.appendChild(en);

    if (inf.findings.length) {
      var ul = el('ul', 'findings');
      inf.findings.forEach(function (f) {
        var li = el('li', f[3]);
        li.appendChild(el('span', 'rule', f[2]));
        putText(li, f[4]);
        ul.appendChild(li);
      });
      row.appendChild(ul);
    }
    if (i === state.cur) { row.classList.add('cur'); }
    row.addEventListener('click', function () { setCursor(i, false); });
    return row;
  }

  function score(permille) {
    return Math.floor(permille / 1000) + '.' + ('00' + (permille % 1000)).slice(-3);
  }

  var topSentinel = el('div', 'sentinel');
  var bottomSentinel = el('div', 'sentinel');

  // Render view positions [lo, hi).
  function renderWindow(lo, hi) {
    var doc = curDoc(), frag = document.createDocumentFragment();
    lo = Math.max(0, lo); hi = Math.min(state.view.length, hi);
    state.lo = lo; state.hi = hi;
    beadsEl.textContent = '';
    beadsEl.appendChild(topSentinel);
    for (var p = lo; p < hi; p++) { frag.appendChild(beadRow(doc, state.view[p])); }
    beadsEl.appendChild(frag);
    beadsEl.appendChild(bottomSentinel);
    if (state.view.length === 0) {
      beadsEl.insertBefore(el('div', 'empty', 'No bead matches the filters.'), bottomSentinel);
    }
  }

  function growDown() {
    if (state.hi >= state.view.length) { return; }
    var doc = curDoc(), frag = document.createDocumentFragment();
    var hi = Math.min(state.view.length, state.hi + CHUNK);
    for (var p = state.hi; p < hi; p++) { frag.appendChild(beadRow(doc, state.view[p])); }
    beadsEl.insertBefore(frag, bottomSentinel);
    state.hi = hi;
  }

  function growUp() {
    if (state.lo <= 0) { return; }
    var doc = curDoc(), frag = document.createDocumentFragment();
    var lo = Math.max(0, state.lo - CHUNK);
    for (var p = lo; p < state.lo; p++) { frag.appendChild(beadRow(doc, state.view[p])); }
    // Chromium's scroll anchoring keeps the rows in view where they were.
    beadsEl.insertBefore(frag, topSentinel.nextSibling);
    state.lo = lo;
  }

  if ('IntersectionObserver' in window) {
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (en) {
        if (!en.isIntersecting) { return; }
        if (en.target === bottomSentinel) { growDown(); } else { growUp(); }
      });
    }, { rootMargin: '600px 0px' });
    io.observe(topSentinel);
    io.observe(bottomSentinel);
  }

  function rowOf(i) { return beadsEl.querySelector('.bead[data-i="' + i + '"]'); }

  // Move the cursor to bead i (rendering around it when needed).
  function setCursor(i, scroll) {
    var old = rowOf(state.cur);
    if (old) { old.classList.remove('cur'); }
    state.cur = i;
    var p = viewPos(i);
    if (p < state.lo || p >= state.hi) { renderWindow(p - 20, p + CHUNK); }
    var row = rowOf(i);
    if (row) {
      row.classList.add('cur');
      if (scroll) { row.scrollIntoView({ block: 'nearest' }); }
    }
  }

  // Re-render after an edit, keeping the cursor row where it was on screen.
  function refresh(cursorBead) {
    var before = rowOf(state.cur), top = before ? before.getBoundingClientRect().top : null;
    computeView();
    var p = viewPos(cursorBead);
    if (p >= state.view.length) { p = state.view.length - 1; }
    state.cur = p >= 0 ? state.view[p] : -1;
    // A bounded window around the cursor, so an edit costs the same deep
    // in a long document; scrolling grows it again.
    renderWindow(Math.max(state.lo, p - CHUNK), Math.min(Math.max(state.hi, p + 40), p + CHUNK));
    var row = rowOf(state.cur);
    if (row) {
      row.classList.add('cur');
      if (top !== null) { window.scrollBy(0, row.getBoundingClientRect().top - top); }
      var r = row.getBoundingClientRect(), head = $('top').getBoundingClientRect().bottom;
      if (r.top < head || r.bottom > window.innerHeight) { row.scrollIntoView({ block: 'center' }); }
    }
    summary();
    docList();
  }

  // ---- summary and document list -----------------------------------------
  function counts(doc) {
    var c = { beads: 0, shapes: {}, low: 0, approved: 0, rejected: 0, edited: 0 };
    doc.beads.forEach(function (b) {
      c.beads++;
      var s = shape(b);
      c.shapes[s] = (c.shapes[s] || 0) + 1;
      if (isLow(b, DATA.low)) { c.low++; }
      if (b[5] === 1) { c.approved++; }
      if (b[5] === 2) { c.rejected++; }
      if (b[6]) { c.edited++; }
    });
    c.rules = {};
    c.findings = doc.d.f.length;
    doc.d.f.forEach(function (f) { c.rules[f[2]] = (c.rules[f[2]] || 0) + 1; });
    return c;
  }

  function addCounts(a, b) {
    ['beads', 'low', 'approved', 'rejected', 'edited', 'findings'].forEach(function (k) { a[k] += b[k]; });
    Object.keys(b.shapes).forEach(function (k) { a.shapes[k] = (a.shapes[k] || 0) + b.shapes[k]; });
    Object.keys(b.rules).forEach(function (k) { a.rules[k] = (a.rules[k] || 0) + b.rules[k]; });
  }

  var docCounts = docs.map(counts);

  function shapeOrder(a, b) {
    var pa = a.split('-').map(Number), pb = b.split('-').map(Number);
    var oa = pa[0] && pa[1] ? 0 : 1, ob = pb[0] && pb[1] ? 0 : 1;
    return oa - ob || pa[0] - pb[0] || pa[1] - pb[1];
  }

  function summaryGroup(box, label, c, id) {
    var g = el('span', 'grp');
    g.dataset.scope = id;
    g.appendChild(el('span', '', label + ': '));
    var add = function (name, value, key) {
      var s = el('span');
      s.dataset.count = key;
      putText(s, name + ' ');
      s.appendChild(el('b', '', String(value)));
      g.appendChild(s);
      g.appendChild(document.createTextNode(' '));
    };
    add('beads', c.beads, 'beads');
    Object.keys(c.shapes).sort(shapeOrder).forEach(function (k) { add(k, c.shapes[k], 'shape:' + k); });
    add('low-confidence', c.low, 'low');
    add('findings', c.findings, 'findings');
    Object.keys(c.rules).sort().forEach(function (k) { add(k, c.rules[k], 'rule:' + k); });
    if (c.approved) { add('approved', c.approved, 'approved'); }
    if (c.rejected) { add('rejected', c.rejected, 'rejected'); }
    if (c.edited) { add('edited', c.edited, 'edited'); }
    box.appendChild(g);
  }

  function summary() {
    docCounts[state.doc] = counts(curDoc());
    var total = { beads: 0, shapes: {}, low: 0, approved: 0, rejected: 0, edited: 0, findings: 0, rules: {} };
    docCounts.forEach(function (c) { addCounts(total, c); });
    var box = $('summary');
    box.textContent = '';
    if (docs.length > 1) {
      summaryGroup(box, docs.length + ' documents', total, 'all');
      summaryGroup(box, 'this document', docCounts[state.doc], 'doc');
    } else {
      summaryGroup(box, 'document', total, 'all');
    }
    // The document list sits right under the header, whatever its height.
    document.documentElement.style.setProperty('--head', $('top').offsetHeight + 'px');
  }

  var docLinks = [];
  function docList() {
    var nav = $('doclist');
    if (docs.length < 2) { nav.hidden = true; return; }
    if (docLinks.length === 0) {
      docs.forEach(function (doc, i) {
        var a = el('a', '', doc.d.name);
        a.dataset.doc = String(i);
        a.appendChild(el('small'));
        a.addEventListener('click', function () { openDoc(i); });
        docLinks.push(a);
        nav.appendChild(a);
      });
    }
    var sel = docLinks[state.doc];
    if (sel && (sel.offsetTop < nav.scrollTop || sel.offsetTop + sel.offsetHeight > nav.scrollTop + nav.clientHeight)) {
      nav.scrollTop = sel.offsetTop - nav.clientHeight / 3;
    }
    docLinks.forEach(function (a, i) {
      var c = docCounts[i];
      a.classList.toggle('sel', i === state.doc);
      a.lastChild.textContent = c.beads + ' beads · ' + c.low + ' low · ' + c.findings + ' findings' +
        (c.approved + c.rejected + c.edited ? ' · ' + (c.approved + c.rejected + c.edited) + ' reviewed' : '');
    });
  }

  function openDoc(i) {
    if (i < 0 || i >= docs.length) { return; }
    state.doc = i;
    $('docname').textContent = '';
    putText($('docname'), docs[i].d.name);
    computeView();
    state.cur = state.view.length ? state.view[0] : -1;
    renderWindow(0, CHUNK);
    if (state.cur >= 0) { var r = rowOf(state.cur); if (r) { r.classList.add('cur'); } }
    window.scrollTo(0, 0);
    summary();
    docList();
  }

  // ---- edits ------------------------------------------------------------
  function edited(zs, ze, es, ee) { return [zs, ze, es, ee, -1, 0, 1]; }

  function mergeNext(doc, i) {
    if (i < 0 || i + 1 >= doc.beads.length) { return -1; }
    var a = doc.beads[i], b = doc.beads[i + 1];
    doc.splice(i, 2, [edited(a[0], b[1], a[2], b[3])]);
    return i;
  }

  // Split where the two parts' shares of the text are closest on both
  // sides; both parts keep at least one sentence. `fixed` ('zh' or 'en')
  // and `at` (a sentence index) impose the cut on one side.
  function split(doc, i, fixed, at) {
    var b = doc.beads[i], d = doc.d;
    var nz = b[1] - b[0], ne = b[3] - b[2];
    if (nz + ne < 2) { return -1; }
    var cum = function (sents, from, n) {
      var out = [0], t = 0;
      for (var k = 0; k < n; k++) { t += sents[from + k].length; out.push(t); }
      return out;
    };
    var cz = cum(d.zh, b[0], nz), ce = cum(d.en, b[2], ne);
    var best = null;
    for (var kz = 0; kz <= nz; kz++) {
      if (fixed === 'zh' && kz !== at - b[0]) { continue; }
      for (var ke = 0; ke <= ne; ke++) {
        if (fixed === 'en' && ke !== at - b[2]) { continue; }
        if (kz + ke === 0 || kz + ke === nz + ne) { continue; }
        var rz = nz ? cz[kz] / Math.max(1, cz[nz]) : null, re = ne ? ce[ke] / Math.max(1, ce[ne]) : null;
        // A side without sentences has no say; keeping pairs is preferred.
        var cost = (rz === null || re === null) ? 0 : Math.abs(rz - re);
        var onesided = ((kz === 0) !== (ke === 0)) || ((kz === nz) !== (ke === ne));
        if (nz && ne && onesided) { cost += 1; }
        if (best === null || cost < best[0] - 1e-9) { best = [cost, kz, ke]; }
      }
    }
    if (best === null) { return -1; }
    var z = b[0] + best[1], e = b[2] + best[2];
    doc.splice(i, 1, [edited(b[0], z, b[2], e), edited(z, b[1], e, b[3])]);
    return i;
  }

  // Detach the last (or first) sentence of one side into its own bead.
  function detach(doc, i, side, first) {
    var b = doc.beads[i], lo = side === 'zh' ? 0 : 2;
    var n = b[lo + 1] - b[lo], other = b[3 - lo] - b[2 - lo];
    if (n === 0 || (n === 1 && other === 0)) { return -1; }
    var rest, alone;
    if (side === 'zh') {
      if (first) { alone = edited(b[0], b[0] + 1, b[2], b[2]); rest = edited(b[0] + 1, b[1], b[2], b[3]); }
      else { rest = edited(b[0], b[1] - 1, b[2], b[3]); alone = edited(b[1] - 1, b[1], b[3], b[3]); }
    } else {
      if (first) { alone = edited(b[0], b[0], b[2], b[2] + 1); rest = edited(b[0], b[1], b[2] + 1, b[3]); }
      else { rest = edited(b[0], b[1], b[2], b[3] - 1); alone = edited(b[1], b[1], b[3] - 1, b[3]); }
    }
    doc.splice(i, 1, first ? [alone, rest] : [rest, alone]);
    return first ? i + 1 : i;
  }

  function setStatus(doc, i, status) {
    var b = doc.beads[i].slice();
    b[5] = b[5] === status ? 0 : status;
    doc.splice(i, 1, [b]);
    return i;
  }

  function edit(fn) {
    var doc = curDoc();
    if (state.cur < 0) { return; }
    var at = fn(doc, state.cur);
    if (at < 0) { toast('Nothing to do here'); return; }
    refresh(at);
  }

  function undo() {
    var at = curDoc().undoLast();
    if (at < 0) { toast('Nothing to undo'); return; }
    refresh(at);
  }

  // ---- navigation -----------------------------------------------------------
  function move(delta) {
    if (!state.view.length) { return; }
    var p = viewPos(state.cur);
    if (state.view[p] !== state.cur) { p = delta > 0 ? p - 1 : p; }
    p = Math.max(0, Math.min(state.view.length - 1, p + delta));
    setCursor(state.view[p], true);
  }

  function nextDoubtful(dir) {
    var doc = curDoc(), v = state.view;
    var p = viewPos(state.cur);
    // The cursor may sit on a bead the filters hide: start next to it.
    var start = v[p] === state.cur ? p + dir : (dir > 0 ? p : p - 1);
    for (var q = start; q >= 0 && q < v.length; q += dir) {
      if (doubtful(doc, doc.beads[v[q]])) { setCursor(v[q], true); return; }
    }
    // None left here: go on in the next (or previous) documents.
    for (var k = state.doc + dir; k >= 0 && k < docs.length; k += dir) {
      var other = docs[k], use = filtering(), i, found = -1;
      for (i = dir > 0 ? 0 : other.beads.length - 1; i >= 0 && i < other.beads.length; i += dir) {
        var b = other.beads[i];
        if (doubtful(other, b) && (!use || matches(other, b))) { found = i; break; }
      }
      if (found >= 0) {
        openDoc(k);
        setCursor(found, true);
        return;
      }
    }
    toast(dir > 0 ? 'No doubtful bead below' : 'No doubtful bead above');
  }

  // ---- export ---------------------------------------------------------------
  // Mirrors termalign::tm::write::clean_text: XML-forbidden characters
  // removed, tabs and line breaks to one space, trimmed (Rust's notion of
  // white space, which unlike JavaScript's trim() leaves U+FEFF alone).
  var WS = '\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';
  function rtrim(s) {
    var a = 0, b = s.length;
    while (a < b && WS.indexOf(s.charAt(a)) >= 0) { a++; }
    while (b > a && WS.indexOf(s.charAt(b - 1)) >= 0) { b--; }
    return s.slice(a, b);
  }
  function clean(s) {
    var out = '', lastSpace = false;
    for (var i = 0; i < s.length; i++) {
      var c = s.charAt(i), code = s.charCodeAt(i);
      if ((code < 0x20 && c !== '\t' && c !== '\n' && c !== '\r') || code === 0xfffe || code === 0xffff) { continue; }
      if (c === '\t' || c === '\n' || c === '\r') {
        if (!lastSpace) { out += ' '; }
        lastSpace = true;
      } else {
        lastSpace = c === ' ';
        out += c;
      }
    }
    return rtrim(out);
  }
  function escText(s) { return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'); }
  function escAttr(s) { return escText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;'); }

  function tmxDate() {
    if (DATA.date) { return DATA.date; }
    var d = new Date(), p = function (n) { return (n < 10 ? '0' : '') + n; };
    return d.getUTCFullYear() + p(d.getUTCMonth() + 1) + p(d.getUTCDate()) + 'T' +
      p(d.getUTCHours()) + p(d.getUTCMinutes()) + p(d.getUTCSeconds()) + 'Z';
  }

  function reviewedMark(b) { return b[5] === 1 ? 'approved' : (b[6] ? 'edited' : ''); }

  // Every bead to export, in order: rejected ones left out.
  function exportRecords() {
    var out = [];
    docs.forEach(function (doc) {
      doc.beads.forEach(function (b) {
        if (b[5] === 2) { return; }
        out.push({
          zh: doc.d.zh.slice(b[0], b[1]).join(''),
          en: doc.d.en.slice(b[2], b[3]).join(' '),
          score: b[4], bead: shape(b), doc: doc.d.name,
          terms: doc.sharedTerms(b), reviewed: reviewedMark(b)
        });
      });
    });
    return out;
  }

  function prop(type, value) {
    value = clean(value);
    return value ? '      <prop type="' + type + '">' + escText(value) + '</prop>\n' : '';
  }

  function exportTmx() {
    var parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n',
      '  <header creationtool="termalign" creationtoolversion="' + DATA.version + '" segtype="sentence"',
      ' o-tmf="termalign" adminlang="en-US" srclang="' + escAttr(DATA.src) + '" datatype="plaintext"',
      ' creationdate="' + escAttr(tmxDate()) + '"/>\n  <body>\n'];
    exportRecords().forEach(function (r) {
      var src = clean(r.zh), tgt = clean(r.en);
      if (!src || !tgt) { return; }
      var tu = '    <tu>\n' + prop('x-doc', r.doc) + prop('x-bead', r.bead);
      if (r.score >= 0) { tu += '      <prop type="x-confidence">' + score(r.score) + '</prop>\n'; }
      var terms = r.terms.map(clean).filter(function (t) { return t; });
      if (terms.length) { tu += '      <prop type="x-terms">' + terms.map(escText).join('|') + '</prop>\n'; }
      if (r.reviewed) { tu += prop('x-reviewed', r.reviewed); }
      if (r.score >= 0 && r.score / 1000 < DATA.review_below) {
        tu += '      <note>low alignment confidence (' + score(r.score) + '): review this pair</note>\n';
      }
      tu += '      <tuv xml:lang="' + escAttr(DATA.src) + '">\n        <seg>' + escText(src) + '</seg>\n      </tuv>\n';
      tu += '      <tuv xml:lang="' + escAttr(DATA.tgt) + '">\n        <seg>' + escText(tgt) + '</seg>\n      </tuv>\n';
      parts.push(tu + '    </tu>\n');
    });
    parts.push('  </body>\n</tmx>\n');
    return parts.join('');
  }

  // RFC 4180 as the csv crate writes it: quoted only when needed.
  function csvField(s) { return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }

  function exportCsv() {
    var recs = exportRecords();
    var marked = recs.some(function (r) { return r.reviewed; });
    var head = ['zh', 'en', 'score', 'bead', 'doc', 'terms'];
    if (marked) { head.push('x-reviewed'); }
    var lines = [head.join(',')];
    recs.forEach(function (r) {
      var f = [clean(r.zh), clean(r.en), r.score >= 0 ? score(r.score) : '', clean(r.bead), clean(r.doc),
        clean(r.terms.join('|'))];
      if (marked) { f.push(r.reviewed); }
      lines.push(f.map(csvField).join(','));
    });
    return lines.join('\n') + '\n';
  }

  function baseName() {
    var n = docs.length === 1 ? docs[0].d.name : DATA.title;
    n = n.replace(/^.*[\/\\]/, '').replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_');
    return (n || 'review') + '.reviewed';
  }

  function download(text, name, type) {
    var blob = new Blob([text], { type: type });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    toast('Exported ' + name);
  }

  // ---- small UI bits -----------------------------------------------------
  var toastTimer = null;
  function toast(msg) {
    var t = document.querySelector('.toast');
    if (!t) { t = el('div', 'toast'); document.body.appendChild(t); }
    t.textContent = msg;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { t.remove(); }, 1800);
  }

  function help(show) { $('help').hidden = !show; }

  document.addEventListener('keydown', function (ev) {
    var target = ev.target;
    // Keys go to text boxes; a focused checkbox or button leaves them to the page.
    var typing = target && (target.tagName === 'TEXTAREA' ||
      (target.tagName === 'INPUT' && /^(text|search|number)$/.test(target.type)));
    if (ev.key === 'Escape') {
      if (!$('help').hidden) { help(false); ev.preventDefault(); return; }
      if (typing) { target.blur(); beadsEl.focus(); ev.preventDefault(); }
      return;
    }
    if (typing) { return; }
    if ((ev.ctrlKey || ev.metaKey) && ev.key === 'z') { undo(); ev.preventDefault(); return; }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var actions = {
      'j': function () { move(1); }, 'ArrowDown': function () { move(1); },
      'k': function () { move(-1); }, 'ArrowUp': function () { move(-1); },
      'n': function () { nextDoubtful(1); }, 'p': function () { nextDoubtful(-1); },
      ']': function () { openDoc(state.doc + 1); }, '[': function () { openDoc(state.doc - 1); },
      'm': function () { edit(mergeNext); },
      'M': function () { edit(function (d, i) { return mergeNext(d, i - 1); }); },
      's': function () { edit(split); },
      'z': function () { edit(function (d, i) { return detach(d, i, 'zh', false); }); },
      'Z': function () { edit(function (d, i) { return detach(d, i, 'zh', true); }); },
      'e': function () { edit(function (d, i) { return detach(d, i, 'en', false); }); },
      'E': function () { edit(function (d, i) { return detach(d, i, 'en', true); }); },
      'a': function () { edit(function (d, i) { return setStatus(d, i, 1); }); },
      'r': function () { edit(function (d, i) { return setStatus(d, i, 2); }); },
      'u': undo,
      '/': function () { filters.search.focus(); },
      '?': function () { help($('help').hidden); },
      'T': function () { download(exportTmx(), baseName() + '.tmx', 'application/x-tmx+xml'); },
      'C': function () { download(exportCsv(), baseName() + '.csv', 'text/csv'); }
    };
    var f = actions[ev.key];
    if (f) { f(); ev.preventDefault(); }
  });

  function onFilter() {
    var keep = state.cur;
    computeView();
    var p = Math.min(viewPos(keep), Math.max(0, state.view.length - 1));
    state.cur = state.view.length ? state.view[p] : -1;
    renderWindow(p - 20, p + CHUNK);
    var r = rowOf(state.cur);
    if (r) {
      r.classList.add('cur');
      // The old scroll position may lie past a shorter list.
      var box = r.getBoundingClientRect();
      if (box.top < $('top').getBoundingClientRect().bottom || box.bottom > window.innerHeight) {
        r.scrollIntoView({ block: 'center' });
      }
    } else {
      window.scrollTo(0, 0);
    }
  }
  ['low', 'onesided', 'findings', 'open'].forEach(function (k) { filters[k].addEventListener('change', onFilter); });
  filters.threshold.addEventListener('input', function () { if (filters.low.checked) { onFilter(); } });
  var searchTimer = null;
  filters.search.addEventListener('input', function () { clearTimeout(searchTimer); searchTimer = setTimeout(onFilter, 150); });
  $('filters').addEventListener('submit', function (ev) { ev.preventDefault(); });
  $('export-tmx').addEventListener('click', function () { download(exportTmx(), baseName() + '.tmx', 'application/x-tmx+xml'); });
  $('export-csv').addEventListener('click', function () { download(exportCsv(), baseName() + '.csv', 'text/csv'); });
  $('undo').addEventListener('click', undo);
  $('help-btn').addEventListener('click', function () { help(true); });
  $('help').addEventListener('click', function (ev) { if (ev.target === $('help')) { help(false); } });

  // For tests and scripts: the exports as strings, and the live counts.
  window.termalignReview = {
    exportTmx: exportTmx,
    exportCsv: exportCsv,
    counts: function () { return docCounts.slice(); },
    beads: function () { return curDoc().beads.map(function (b) { return b.slice(); }); },
    cursor: function () { return state.cur; },
    doc: function () { return state.doc; }
  };

  openDoc(0);
  // Interactive once the first rows are laid out and painted: the frame
  // after this one.
  window.requestAnimationFrame(function () {
    setTimeout(function () { document.body.dataset.ready = String(Math.round(performance.now())); }, 0);
  });
}());
