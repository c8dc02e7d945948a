/*
 * The graph page's script (out/index.html). src/export/html.ts inlines it after Cytoscape.js
 * and the graph data (a <script type="application/json" id="guanxi-data"> element built by
 * pageData() in that file). Plain browser JavaScript, no build step, no network: the page
 * must open from disk.
 *
 * Views: the graph (Cytoscape.js; search by Chinese name or pinyin, filter by label, click a
 * node for its properties, relations and evidence sentences with links to the articles) and
 * office timelines (holders of an office by date). The URL hash keeps the view
 * (#node=ID, #office=ID) so a link can be shared.
 */
/* global cytoscape */
(function () {
  'use strict';

  /** @type {{nodes: any[], edges: any[], labels: Record<string,string>, title: string, span: string}} */
  var DATA = JSON.parse(document.getElementById('guanxi-data').textContent);
  var byId = new Map();
  DATA.nodes.forEach(function (n) { byId.set(n.id, n); });
  var out = new Map(); var inc = new Map();
  DATA.edges.forEach(function (e) {
    if (!out.has(e.s)) out.set(e.s, []);
    if (!inc.has(e.t)) inc.set(e.t, []);
    out.get(e.s).push(e); inc.get(e.t).push(e);
  });

  var $ = function (sel) { return document.querySelector(sel); };
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'on') Object.keys(attrs.on).forEach(function (ev) { node.addEventListener(ev, attrs.on[ev]); });
      else if (attrs[k] !== undefined && attrs[k] !== null) node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.append(c); });
    return node;
  }
  function colour(label) { return DATA.labels[label] || '#888'; }
  function nameOf(n) { return n ? (n.name || n.id) : '?'; }

  /* ---------------- search ---------------- */
  function norm(s) { return String(s || '').replace(/[\s·・.]+/g, '').toLowerCase(); }
  /** Office spellings are compared with 市市 → 市 and no 中共 prefix, as `guanxi timeline` does. */
  function officeNorm(s) { return norm(s).replace(/^中共/, '').replace(/(省|市|县|区|州|镇|乡)\1/g, '$1'); }
  function search(q) {
    q = norm(q);
    if (!q) return [];
    var oq = officeNorm(q);
    var hits = [];
    DATA.nodes.forEach(function (n) {
      if (!enabled[n.label]) return;
      var best = Infinity;
      n.keys.forEach(function (k) {
        if (k === q || k === oq) best = Math.min(best, 0);
        else if (k.indexOf(q) === 0) best = Math.min(best, 1);
        else if (k.indexOf(q) > 0) best = Math.min(best, 2);
      });
      if (best < Infinity) hits.push([best, n]);
    });
    hits.sort(function (a, b) { return a[0] - b[0] || (b[1].deg - a[1].deg) || nameOf(a[1]).localeCompare(nameOf(b[1]), 'zh'); });
    return hits.slice(0, 30).map(function (h) { return h[1]; });
  }
  var input = $('#search');
  var results = $('#results');
  var activeIndex = 0;
  function showResults() {
    var hits = search(input.value);
    results.replaceChildren.apply(results, hits.map(function (n, i) {
      return el('li', { 'class': 'result' + (i === activeIndex ? ' active' : ''), 'data-id': n.id, on: { mousedown: function (ev) { ev.preventDefault(); pick(n.id); } } }, [
        el('span', { 'class': 'dot', style: 'background:' + colour(n.label) }),
        el('span', { text: nameOf(n) }),
        n.disambiguator ? el('small', { text: '（' + n.disambiguator + '）' }) : null,
        el('span', { 'class': 'py', text: n.pinyin ? n.pinyin + ' · ' + n.label : n.label }),
      ]);
    }));
  }
  function pick(id) {
    results.replaceChildren();
    input.blur();
    var n = byId.get(id);
    if (n && !enabled[n.label]) { enabled[n.label] = true; renderFilters(); applyFilters(); }
    setView('graph');
    select(id, true);
  }
  input.addEventListener('input', function () { activeIndex = 0; showResults(); });
  input.addEventListener('focus', showResults);
  // Close the list a moment after focus leaves (a click on a result lands first), unless focus came back.
  input.addEventListener('blur', function () { setTimeout(function () { if (document.activeElement !== input) results.replaceChildren(); }, 150); });
  input.addEventListener('keydown', function (ev) {
    var items = results.querySelectorAll('li');
    if (ev.key === 'ArrowDown') { activeIndex = Math.min(items.length - 1, activeIndex + 1); showResults(); ev.preventDefault(); }
    else if (ev.key === 'ArrowUp') { activeIndex = Math.max(0, activeIndex - 1); showResults(); ev.preventDefault(); }
    else if (ev.key === 'Enter' && items[activeIndex]) pick(items[activeIndex].getAttribute('data-id'));
    else if (ev.key === 'Escape') { results.replaceChildren(); input.blur(); }
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === '/' && document.activeElement !== input) { ev.preventDefault(); input.focus(); }
  });

  /* ---------------- label filters ---------------- */
  var counts = {};
  DATA.nodes.forEach(function (n) { counts[n.label] = (counts[n.label] || 0) + 1; });
  var enabled = {};
  // Articles and their MENTIONS edges outnumber everything else; start without them.
  Object.keys(DATA.labels).forEach(function (l) { enabled[l] = l !== 'Article'; });
  function renderFilters() {
    var box = $('#filters');
    box.replaceChildren.apply(box, Object.keys(DATA.labels).filter(function (l) { return counts[l]; }).map(function (l) {
      var cb = el('input', { type: 'checkbox', 'data-label': l });
      cb.checked = enabled[l];
      cb.addEventListener('change', function () { enabled[l] = cb.checked; renderFilters(); applyFilters(); });
      return el('label', { 'class': enabled[l] ? '' : 'off', title: 'show or hide ' + l + ' nodes' }, [
        cb, el('span', { 'class': 'dot', style: 'background:' + colour(l) }), el('span', { text: l }), el('span', { 'class': 'n', text: String(counts[l]) }),
      ]);
    }));
  }

  /* ---------------- graph ---------------- */
  // Cytoscape holds only what is on screen: the whole graph when it is small, else the
  // OVERVIEW_MAX most connected nodes, and on a search or click outside them the chosen
  // node's neighbourhood (focus mode). Thousands of nodes in one force layout would take
  // the page minutes to open and show nothing readable.
  var OVERVIEW_MAX = 200;
  var cy = null;
  var mode = 'overview';
  var focusId = null;
  var maxDeg = 1;
  DATA.nodes.forEach(function (n) { maxDeg = Math.max(maxDeg, n.deg); });
  /** A start position from the node's id: the same graph lays out the same way on every open. */
  function seedPosition(id) {
    var h = 2166136261;
    for (var i = 0; i < id.length; i++) { h ^= id.charCodeAt(i); h = Math.imul(h, 16777619); }
    return { x: (h & 0xffff) / 65.536, y: ((h >>> 16) & 0xffff) / 65.536 };
  }
  function nodeElement(n) {
    return { group: 'nodes', position: seedPosition(n.id), data: { id: n.id, label: n.label, name: n.short || nameOf(n), size: 16 + 34 * Math.sqrt(n.deg / maxDeg), color: colour(n.label) } };
  }
  function edgesAmong(set) {
    return DATA.edges.filter(function (e) { return set.has(e.s) && set.has(e.t); }).map(function (e) {
      return { group: 'edges', data: { id: e.id, source: e.s, target: e.t, type: e.type } };
    });
  }
  function enabledCount() { return DATA.nodes.filter(function (n) { return enabled[n.label]; }).length; }
  /** The most connected nodes, each with its neighbours, so the overview shows hubs with their links. */
  function overviewSet() {
    var pool = DATA.nodes.filter(function (n) { return enabled[n.label]; });
    if (pool.length <= OVERVIEW_MAX) return new Set(pool.map(function (n) { return n.id; }));
    pool.sort(function (a, b) { return b.deg - a.deg || (a.id < b.id ? -1 : 1); });
    var set = new Set();
    for (var i = 0; i < pool.length && set.size < OVERVIEW_MAX; i++) {
      var hub = pool[i].id;
      set.add(hub);
      (out.get(hub) || []).concat(inc.get(hub) || []).forEach(function (e) {
        var other = e.s === hub ? e.t : e.s;
        var n = byId.get(other);
        if (n && enabled[n.label] && set.size < OVERVIEW_MAX) set.add(other);
      });
    }
    return set;
  }
  /** The node, its neighbours, and their neighbours while the picture stays small. */
  function neighbourhoodSet(id) {
    var set = new Set([id]);
    var ring = [id];
    for (var depth = 0; depth < 2 && ring.length; depth++) {
      var next = [];
      var cap = depth === 0 ? 150 : 80;
      ring.forEach(function (x) {
        (out.get(x) || []).concat(inc.get(x) || []).forEach(function (e) {
          var other = e.s === x ? e.t : e.s;
          var n = byId.get(other);
          if (n && enabled[n.label] && !set.has(other) && set.size < cap) { set.add(other); next.push(other); }
        });
      });
      ring = next;
    }
    return set;
  }
  function render(set) {
    cy.batch(function () {
      cy.elements().remove();
      cy.add(Array.from(set).map(function (id) { return nodeElement(byId.get(id)); }).concat(edgesAmong(set)));
    });
    var n = set.size;
    cy.layout(n > 1500 ? { name: 'grid', animate: false } : { name: 'cose', animate: false, randomize: false, nodeRepulsion: function () { return 9000; }, idealEdgeLength: function () { return 70; }, numIter: n > 120 ? 500 : 1000, padding: 30 }).run();
    var total = enabledCount();
    $('#empty').textContent = DATA.nodes.length ? (total ? '' : 'All labels are hidden.') : 'The graph is empty: no entities were extracted.';
    var stats = $('#stats');
    stats.replaceChildren();
    if (mode === 'focus') {
      stats.append('Neighbourhood of ' + nameOf(byId.get(focusId)) + ': ' + n + (n === 1 ? ' node · ' : ' nodes · '));
      stats.append(el('button', { 'class': 'link', id: 'overview', text: 'back to the overview', on: { click: function () { mode = 'overview'; focusId = null; render(overviewSet()); if (current && cy.getElementById(current).length) highlight(current); } } }));
    } else {
      stats.append((n < total ? 'the ' + n + ' most connected of ' + total + ' nodes (search or click to see the rest)' : n + ' nodes') + ' · ' + cy.edges().length + ' relationships · ' + DATA.span);
    }
  }
  function makeGraph() {
    if (typeof cytoscape !== 'function') { $('#empty').textContent = 'The graph library did not load.'; return; }
    cy = cytoscape({
      container: $('#cy'),
      style: [
        { selector: 'node', style: {
          'background-color': 'data(color)', width: 'data(size)', height: 'data(size)', label: 'data(name)',
          'font-size': 11, color: '#1f2328', 'text-valign': 'bottom', 'text-margin-y': 3,
          'text-outline-color': '#f6f5f1', 'text-outline-width': 2, 'border-width': 1, 'border-color': '#ffffff',
          'min-zoomed-font-size': 7,
        } },
        { selector: 'edge', style: {
          width: 1.2, 'line-color': '#c9c5bb', 'target-arrow-color': '#c9c5bb', 'target-arrow-shape': 'triangle',
          'arrow-scale': 0.7, 'curve-style': 'bezier',
        } },
        { selector: 'edge[type = "HOLDS"]', style: { 'line-color': '#b3261e', 'target-arrow-color': '#b3261e', width: 2 } },
        { selector: '.faded', style: { opacity: 0.12 } },
        { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#1f2328' } },
        { selector: 'edge.hl', style: { label: 'data(type)', 'font-size': 9, color: '#6a6f76', 'text-rotation': 'autorotate', 'text-background-color': '#f6f5f1', 'text-background-opacity': 1 } },
      ],
      minZoom: 0.05,
      maxZoom: 4,
    });
    cy.on('tap', 'node', function (ev) { select(ev.target.id(), false); });
    cy.on('tap', function (ev) { if (ev.target === cy) clearSelection(); });
    applyFilters();
  }
  function applyFilters() {
    if (!cy) return;
    if (mode === 'focus' && focusId && enabled[byId.get(focusId).label]) render(neighbourhoodSet(focusId));
    else { mode = 'overview'; focusId = null; render(overviewSet()); }
    if (current) highlight(current);
  }
  var current = null;
  function highlight(id) {
    if (!cy) return;
    var node = cy.getElementById(id);
    cy.elements().removeClass('faded hl');
    cy.$(':selected').unselect();
    if (!node.length) return;
    var hood = node.closedNeighborhood();
    cy.elements().not(hood).addClass('faded');
    // Type labels help on a few edges and turn into a smear on many.
    if (hood.edges().length <= 12) hood.edges().addClass('hl');
    node.select();
    return hood;
  }
  function clearSelection() {
    current = null;
    if (cy) { cy.elements().removeClass('faded hl'); cy.$(':selected').unselect(); }
    renderIntro();
    if (location.hash) history.replaceState(null, '', location.pathname);
  }
  function select(id, focus) {
    current = id;
    var n = byId.get(id);
    // Outside the picture (a large graph's overview, or another neighbourhood): show its own.
    if (cy && n && enabled[n.label] && !cy.getElementById(id).length) {
      mode = 'focus';
      focusId = id;
      render(neighbourhoodSet(id));
    }
    var hood = highlight(id);
    if (focus && hood && cy) {
      // Fit the neighbourhood, but a lone node or a pair should not fill the screen.
      cy.animate({ fit: { eles: hood, padding: 80 } }, { duration: 300, complete: function () {
        if (cy.zoom() > 1.4) cy.animate({ zoom: { level: 1.4, position: cy.getElementById(id).position() } }, { duration: 150 });
      } });
    }
    renderDetails(id);
    history.replaceState(null, '', '#node=' + encodeURIComponent(id));
  }

  /* ---------------- details panel ---------------- */
  var details = $('#details');
  function renderIntro() {
    var top = DATA.nodes.filter(function (n) { return n.label === 'Person'; }).sort(function (a, b) { return b.deg - a.deg; }).slice(0, 8);
    details.replaceChildren(
      el('h2', { text: DATA.title }),
      el('p', { 'class': 'hint', text: 'Search a name in Chinese or pinyin (press /), click a node, or open Office timelines. Every relation shows the sentences it was read from.' }),
      top.length ? el('h3', { text: 'Most connected people' }) : null,
      el('div', null, top.map(function (n) {
        return el('div', { 'class': 'rel' }, [el('div', { 'class': 'rel-head' }, [nodeLink(n), el('span', { 'class': 'rel-type', text: n.pinyin || '' }), el('span', { 'class': 'dates', text: n.deg + ' links' })])]);
      })),
    );
  }
  function nodeLink(n) {
    return el('a', { 'class': 'node', href: '#node=' + encodeURIComponent(n.id), on: { click: function (ev) { ev.preventDefault(); pick(n.id); } } }, [
      el('span', { 'class': 'dot', style: 'background:' + colour(n.label) + ';margin-right:5px' }), document.createTextNode(nameOf(n)),
    ]);
  }
  function range(a, b) { return !a && !b ? '' : (!b || a === b) ? (a || b) : (a || '?') + ' – ' + b; }
  /** The sentence with the names of both ends marked, so the eye finds them. */
  function marked(sentence, words) {
    var parts = [document.createTextNode(sentence)];
    words.filter(Boolean).forEach(function (w) {
      var next = [];
      parts.forEach(function (p) {
        if (p.nodeType !== 3) { next.push(p); return; }
        var t = p.textContent; var i;
        while ((i = t.indexOf(w)) >= 0) {
          if (i) next.push(document.createTextNode(t.slice(0, i)));
          next.push(el('mark', { text: w }));
          t = t.slice(i + w.length);
        }
        if (t) next.push(document.createTextNode(t));
      });
      parts = next;
    });
    return parts;
  }
  /** Long sentences are cut around the first name they are about, with the full text on hover. */
  function clipAround(sentence, words, max) {
    var chars = Array.from(sentence);
    if (chars.length <= max) return sentence;
    var at = -1;
    words.filter(Boolean).some(function (w) { at = sentence.indexOf(w); return at >= 0; });
    at = at < 0 ? 0 : Array.from(sentence.slice(0, at)).length;
    var start = Math.max(0, Math.min(at - Math.floor(max / 3), chars.length - max));
    return (start > 0 ? '…' : '') + chars.slice(start, start + max).join('') + (start + max < chars.length ? '…' : '');
  }
  function evidenceList(e, words) {
    var ev = e.ev || [];
    var list = el('ul', { 'class': 'evidence' }, ev.slice(0, 5).map(function (x) {
      var art = byId.get(x.a);
      var href = (art && art.href) || x.href || '';
      var label = (art && (art.props.title || String(art.props.path || '').split(/[\\/]/).pop())) || x.a;
      var li = el('li', { title: x.s }, [el('span', { 'class': 'when', text: x.d || (art && art.props.date) || '' })].concat(marked(clipAround(x.s, words, 110), words)));
      if (href) li.append(el('a', { 'class': 'src', href: href, target: '_blank', rel: 'noopener', title: href, text: '↗ ' + label }));
      else if (label) li.append(el('span', { 'class': 'src', text: label }));
      return li;
    }));
    if (ev.length > 5) list.append(el('li', { 'class': 'more', text: '… ' + (ev.length - 5) + ' more sentences' }));
    return list;
  }
  var ORDER = ['HOLDS', 'PROMOTES', 'ATTENDED', 'LOCATED_IN', 'PART_OF', 'MENTIONS'];
  var TITLES = {
    'out:HOLDS': 'Offices held', 'in:HOLDS': 'Holders', 'out:PROMOTES': 'Campaigns promoted', 'in:PROMOTES': 'Promoted by',
    'out:ATTENDED': 'Events attended', 'in:ATTENDED': 'Attended by', 'out:LOCATED_IN': 'Located in', 'in:LOCATED_IN': 'Contains',
    'out:PART_OF': 'Part of', 'in:PART_OF': 'Parts', 'out:MENTIONS': 'Mentions', 'in:MENTIONS': 'Mentioned in',
  };
  function renderDetails(id) {
    var n = byId.get(id);
    if (!n) return renderIntro();
    var head = el('h2', null, [document.createTextNode(nameOf(n)), n.disambiguator ? el('small', { text: '（' + n.disambiguator + '）' }) : null, n.pinyin ? el('span', { 'class': 'py', text: n.pinyin }) : null]);
    var props = el('table', { 'class': 'props' }, Object.keys(n.props).filter(function (k) {
      var v = n.props[k]; return k !== 'name' && k !== 'id' && v !== '' && v !== null && !(Array.isArray(v) && !v.length);
    }).map(function (k) {
      var v = n.props[k];
      var cell = k === 'url' || k === 'path' ? el('a', { href: n.href || v, target: '_blank', rel: 'noopener', text: String(v) }) : document.createTextNode(Array.isArray(v) ? v.join('、') : String(v));
      return el('tr', null, [el('td', { text: k }), el('td', null, [cell])]);
    }));
    var sections = [];
    ORDER.forEach(function (type) {
      ['out', 'in'].forEach(function (dir) {
        var edges = ((dir === 'out' ? out : inc).get(id) || []).filter(function (e) { return e.type === type; });
        if (!edges.length) return;
        edges.sort(function (a, b) { return (a.f || '9999').localeCompare(b.f || '9999'); });
        var shown = type === 'MENTIONS' ? edges.slice(0, 30) : edges;
        sections.push(el('h3', { text: TITLES[dir + ':' + type] + ' (' + edges.length + ')' }));
        shown.forEach(function (e) {
          var other = byId.get(dir === 'out' ? e.t : e.s);
          if (!other) return;
          var extra = null;
          if (type === 'HOLDS') {
            var office = dir === 'out' ? other : n;
            extra = el('button', { 'class': 'link', title: 'all holders of this office by date', text: 'timeline', on: { click: function () { openTimeline(office.id); } } });
          }
          sections.push(el('div', { 'class': 'rel', 'data-type': type }, [
            el('div', { 'class': 'rel-head' }, [el('span', { 'class': 'rel-type', text: type }), nodeLink(other), extra, el('span', { 'class': 'dates', text: range(e.f, e.l) || (other.props.date || '') })]),
            e.ev && e.ev.length ? evidenceList(e, [nameOf(n), nameOf(other), n.props.title, other.props.title]) : null,
          ]));
        });
        if (shown.length < edges.length) sections.push(el('div', { 'class': 'more', text: '… and ' + (edges.length - shown.length) + ' more' }));
      });
    });
    details.replaceChildren.apply(details, [head, el('span', { 'class': 'badge', style: 'background:' + colour(n.label), text: n.label }), props].concat(sections));
    details.scrollTop = 0;
  }

  /* ---------------- office timelines ---------------- */
  var offices = DATA.nodes.filter(function (n) { return n.label === 'Office'; }).map(function (o) {
    return { node: o, holders: (inc.get(o.id) || []).filter(function (e) { return e.type === 'HOLDS'; }) };
  }).sort(function (a, b) { return b.holders.length - a.holders.length || nameOf(a.node).localeCompare(nameOf(b.node), 'zh'); });
  var officeFilter = $('#office-filter');
  var currentOffice = null;
  function renderOfficeList() {
    var q = officeNorm(officeFilter.value);
    var list = $('#office-list');
    list.replaceChildren.apply(list, offices.filter(function (o) {
      return !q || o.node.keys.some(function (k) { return k.indexOf(q) >= 0; });
    }).map(function (o) {
      return el('li', { 'class': o.node.id === currentOffice ? 'on' : '', 'data-id': o.node.id, on: { click: function () { openTimeline(o.node.id); } } }, [
        el('span', { text: nameOf(o.node) }), el('span', { 'class': 'n', text: String(o.holders.length) }),
      ]);
    }));
  }
  officeFilter.addEventListener('input', renderOfficeList);
  function openTimeline(id) {
    currentOffice = id;
    setView('timeline');
    renderOfficeList();
    renderTimeline(id);
    history.replaceState(null, '', '#office=' + encodeURIComponent(id));
  }
  function dayNumber(d) { var t = Date.parse(d); return isNaN(t) ? null : t / 864e5; }
  function renderTimeline(id) {
    var box = $('#timeline');
    var o = offices.find(function (x) { return x.node.id === id; });
    if (!o) {
      box.replaceChildren(el('p', { 'class': 'hint', text: offices.length ? 'Pick an office on the left to see who held it and when.' : 'No offices in this graph yet.' }));
      return;
    }
    var holders = o.holders.map(function (e) { return { e: e, p: byId.get(e.s) }; }).filter(function (h) { return h.p; })
      .sort(function (a, b) { return (a.e.f || '9999').localeCompare(b.e.f || '9999') || (a.e.l || '9999').localeCompare(b.e.l || '9999'); });
    var days = [];
    holders.forEach(function (h) { [h.e.f, h.e.l].concat((h.e.ev || []).map(function (x) { return x.d; })).forEach(function (d) { var n = dayNumber(d); if (n !== null) days.push(n); }); });
    var lo = Math.min.apply(null, days); var hi = Math.max.apply(null, days);
    if (!days.length) { lo = 0; hi = 1; }
    var pad = Math.max(15, (hi - lo) * 0.05); lo -= pad; hi += pad;
    var pct = function (d) { var n = dayNumber(d); return n === null ? null : ((n - lo) / (hi - lo)) * 100; };
    var axis = el('div', { 'class': 'axis' });
    var y0 = new Date(lo * 864e5).getUTCFullYear(); var y1 = new Date(hi * 864e5).getUTCFullYear();
    var step = Math.max(1, Math.ceil((y1 - y0 + 1) / 10));
    for (var y = y0; y <= y1 + 1; y += step) {
      var p = pct(y + '-01-01');
      if (p !== null && p >= 0 && p <= 100) axis.append(el('span', { style: 'left:' + p + '%', text: String(y) }));
    }
    if (y1 === y0 || axis.children.length < 2) {
      // Under two year marks say little: mark the first and last dates instead.
      axis.replaceChildren();
      (hi - pad - (lo + pad) < 1 ? [lo + pad] : [lo + pad, hi - pad]).forEach(function (d) { var iso = new Date(d * 864e5).toISOString().slice(0, 10); axis.append(el('span', { style: 'left:' + pct(iso) + '%', text: iso })); });
    }
    var rows = holders.map(function (h) {
      var a = pct(h.e.f); var b = pct(h.e.l);
      var track = el('div', { 'class': 'track' });
      if (a !== null) {
        track.append(el('div', { 'class': 'bar', style: 'left:' + a + '%;width:calc(' + Math.max(0, (b === null ? a : b) - a) + '% + 0px)' }));
        (h.e.ev || []).forEach(function (x) { var q = pct(x.d); if (q !== null) track.append(el('div', { 'class': 'tick', style: 'left:' + q + '%', title: x.d + ' ' + x.s })); });
        var end = b === null ? a : b;
        // Dates go after the bar, or before it when the bar reaches the right edge.
        track.append(end > 70
          ? el('span', { 'class': 'span', style: 'right:calc(' + (100 - a) + '% + 8px)', text: range(h.e.f, h.e.l) })
          : el('span', { 'class': 'span', style: 'left:calc(' + end + '% + 16px)', text: range(h.e.f, h.e.l) }));
      } else {
        track.append(el('span', { 'class': 'span', style: 'left:0', text: 'date unknown' }));
      }
      return el('div', { 'class': 'holder', 'data-id': h.p.id, on: { click: function () { pick(h.p.id); } } }, [
        el('div', { 'class': 'who', title: nameOf(h.p) }, [document.createTextNode(nameOf(h.p)), h.p.pinyin ? el('small', { text: h.p.pinyin }) : null]), track,
      ]);
    });
    var tenures = el('div', { 'class': 'tenures' }, holders.map(function (h) {
      return el('div', { 'class': 'tenure' }, [
        el('h4', null, [nodeLink(h.p), h.p.pinyin ? el('small', { text: ' ' + h.p.pinyin }) : null, el('span', { 'class': 'dates', text: range(h.e.f, h.e.l) })]),
        evidenceList(h.e, [nameOf(h.p), nameOf(o.node), o.node.props.title]),
      ]);
    }));
    box.replaceChildren(
      el('h2', { text: nameOf(o.node) }),
      el('div', { 'class': 'sub', text: holders.length + ' holder' + (holders.length === 1 ? '' : 's') + ' on record, by the first and last article date each was named with this office' + (o.node.props.jurisdiction ? ' · jurisdiction ' + o.node.props.jurisdiction : '') }),
      axis, el('div', null, rows), tenures,
    );
  }

  /* ---------------- views ---------------- */
  function setView(v) {
    $('#graph-view').hidden = v !== 'graph';
    $('#timeline-view').hidden = v !== 'timeline';
    $('#filters').hidden = v !== 'graph';
    document.querySelectorAll('.tabs button').forEach(function (b) { b.classList.toggle('on', b.getAttribute('data-view') === v); });
    if (v === 'graph' && cy) cy.resize();
  }
  document.querySelectorAll('.tabs button').forEach(function (b) {
    b.addEventListener('click', function () {
      var v = b.getAttribute('data-view');
      setView(v);
      if (v !== 'timeline') return;
      // Open the office in hand: the selected office, else the selected person's first office,
      // else (first visit) the office with the most holders rather than an empty pane.
      var sel = current && byId.get(current);
      if (sel && sel.label === 'Office') currentOffice = sel.id;
      else if (sel && sel.label === 'Person') {
        var held = (out.get(sel.id) || []).filter(function (e) { return e.type === 'HOLDS'; });
        if (held.length) currentOffice = held[0].t;
      }
      if (!currentOffice && offices[0] && offices[0].holders.length) currentOffice = offices[0].node.id;
      renderOfficeList();
      renderTimeline(currentOffice);
    });
  });

  renderFilters();
  renderIntro();
  makeGraph();
  setView('graph');
  var m = /^#(node|office)=(.+)$/.exec(location.hash);
  if (m) { var target = decodeURIComponent(m[2]); if (m[1] === 'node') pick(target); else openTimeline(target); }
  window.guanxi = { select: pick, openTimeline: openTimeline, search: search };
})();
