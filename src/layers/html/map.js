// athar web map: reads the JSON block written by `athar html` and draws it with Leaflet.
// Report text is untrusted: it only ever reaches the page through textContent / DOM nodes,
// never through innerHTML or Leaflet's string content (which uses innerHTML).
(function () {
  'use strict';

  var RAW = JSON.parse(document.getElementById('athar-data').textContent);
  var META = RAW.meta || {};

  // ---------------------------------------------------------------- Arabic folding
  // Port of src/text/normalize.rs fold_char: the same table, so search matches the CLI.
  function foldChar(c) {
    var u = c.codePointAt(0);
    if ((u >= 0x064B && u <= 0x065F) || (u >= 0x0610 && u <= 0x061A) || u === 0x0670 ||
        (u >= 0x06D6 && u <= 0x06ED) || u === 0x0640) return '';
    if ((u >= 0x200B && u <= 0x200F) || (u >= 0x202A && u <= 0x202E) ||
        (u >= 0x2066 && u <= 0x2069) || u === 0xFEFF || u === 0x061C || u === 0x00AD) return '';
    switch (c) {
      case 'أ': case 'إ': case 'آ': case 'ٱ': return 'ا';
      case 'ؤ': return 'و';
      case 'ئ': return 'ي';
      case 'ة': return 'ه';
      case 'ى': case 'ی': case 'ې': return 'ي';
      case 'ک': return 'ك';
      case 'ھ': case 'ە': case 'ۀ': return 'ه';
      case '_': return ' ';
    }
    if (u >= 0x0660 && u <= 0x0669) return String.fromCharCode(48 + u - 0x0660);
    if (u >= 0x06F0 && u <= 0x06F9) return String.fromCharCode(48 + u - 0x06F0);
    if (u >= 65 && u <= 90) return String.fromCharCode(u + 32);
    if (/\s/.test(c)) return ' ';
    return c;
  }
  function fold(s) {
    var out = '';
    var lastSpace = false;
    for (var ch of String(s)) {
      var f = foldChar(ch);
      if (f === '') continue;
      if (f === ' ') {
        if (lastSpace) continue;
        lastSpace = true;
      } else {
        lastSpace = false;
      }
      out += f;
    }
    return out.trim();
  }
  // Article and clitics before it: الصاخور, بالصاخور, والصاخور, للصاخور all key to صاخور.
  var CLITIC = /^(?:وبال|وال|بال|فال|كال|لل|ال)/;
  function searchKey(s) {
    return fold(s).split(' ').map(function (w) {
      var m = CLITIC.exec(w);
      if (m && w.length - m[0].length >= 2) return w.slice(m[0].length);
      return w;
    }).join(' ');
  }
  // Latin names: lower case, no accents, apostrophes or articles (as fold_latin in Rust).
  var LATIN_ARTICLES = { al: 1, el: 1, as: 1, ash: 1, ad: 1, ar: 1, az: 1, at: 1, an: 1, ath: 1, adh: 1 };
  function foldLatin(s) {
    var t = String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/['’‘ʿʾ`ʼ]/g, '').replace(/[-_.,()]/g, ' ');
    var words = t.split(/\s+/).filter(Boolean);
    return words.filter(function (w, i) { return !(LATIN_ARTICLES[w] && i + 1 < words.length); }).join(' ');
  }
  window.atharFold = { fold: fold, searchKey: searchKey, foldLatin: foldLatin };

  // ---------------------------------------------------------------- vocabularies
  var EVENT_TYPES = [
    ['airstrike', 'غارة جوية', 'Airstrike', '#d62728'],
    ['barrel_bomb', 'برميل متفجر', 'Barrel bomb', '#8c1a1a'],
    ['cluster_munition', 'ذخائر عنقودية', 'Cluster munition', '#e377c2'],
    ['chemical', 'هجوم كيميائي', 'Chemical', '#2ca02c'],
    ['incendiary', 'أسلحة حارقة', 'Incendiary', '#ff7f0e'],
    ['shelling', 'قصف مدفعي', 'Shelling', '#1f77b4'],
    ['rocket', 'صواريخ', 'Rocket', '#17becf'],
    ['rocket_artillery', 'راجمات صواريخ', 'Rocket artillery', '#0b6e7a'],
    ['cruise_missile', 'صاروخ مجنح', 'Cruise missile', '#9467bd'],
    ['ballistic_missile', 'صاروخ باليستي', 'Ballistic missile', '#5b2c83'],
    ['drone_strike', 'طائرة مسيرة', 'Drone strike', '#bcbd22'],
    ['car_bomb', 'سيارة مفخخة', 'Car bomb', '#8c564b'],
    ['suicide_bombing', 'تفجير انتحاري', 'Suicide bombing', '#5a3a2e'],
    ['ied', 'عبوة ناسفة', 'IED', '#c49c94'],
    ['landmine', 'لغم أرضي', 'Landmine', '#7f7f00'],
    ['attack_on_military', 'هجوم على موقع عسكري', 'Attack on military', '#393b79'],
    ['unspecified_attack', 'هجوم غير محدد', 'Unspecified attack', '#7f7f7f'],
    ['combat_deaths', 'قتلى اشتباكات', 'Combat deaths', '#637939'],
    ['daily_toll', 'حصيلة يومية', 'Daily toll', '#a55194'],
    ['cumulative_toll', 'حصيلة تراكمية', 'Cumulative toll', '#6b6ecf']
  ];
  var EXTRA_COLOURS = ['#e7969c', '#9edae5', '#dbdb8d', '#c5b0d5', '#f7b6d2', '#aec7e8', '#98df8a', '#ffbb78'];
  var ETYPE = {};
  EVENT_TYPES.forEach(function (r) { ETYPE[r[0]] = { ar: r[1], en: r[2], colour: r[3] }; });
  var QUALIFIER = {
    exact: 'بالضبط', at_least: 'على الأقل', more_than: 'أكثر من', approx: 'حوالي', vague: 'تقدير غير محدد'
  };
  var SCOPE = {
    place: 'لهذا المكان', event: 'للحدث كله (مشتركة بين أماكنه)', document: 'حصيلة التقرير كله', none: ''
  };

  // ---------------------------------------------------------------- incidents (columnar)
  var INC = RAW.incidents;
  var N = INC.rows.length;
  var COL = {};
  INC.cols.forEach(function (c, i) { COL[c] = i; });
  var STR = INC.strings;
  function val(i, name) {
    var c = COL[name];
    if (c === undefined) return null;
    var v = INC.rows[i][c + 2];
    if (v === null || v === undefined) return null;
    if (INC.kinds[c] === 's') return STR[v];
    return v;
  }
  function dayOf(s) {
    if (typeof s !== 'string') return null;
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
    if (!m) return null;
    return Math.floor(Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000);
  }
  function dayText(d) {
    return new Date(d * 86400000).toISOString().slice(0, 10);
  }
  function num(v) {
    if (typeof v === 'number' && isFinite(v)) return v;
    if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)) return +v;
    return null;
  }

  var lon = new Float64Array(N), lat = new Float64Array(N);
  var day = new Float64Array(N), killed = new Float64Array(N), radius = new Float32Array(N);
  var typeIdx = new Int32Array(N);
  var typeList = [];
  var typeOf = {};
  var typeCount = [];
  for (var i = 0; i < N; i++) {
    var r0 = INC.rows[i];
    lon[i] = r0[0];
    lat[i] = r0[1];
    var d = dayOf(val(i, 'date'));
    day[i] = d === null ? NaN : d;
    var k = num(val(i, 'killed'));
    killed[i] = k === null ? -1 : k;
    radius[i] = k === null || k <= 0 ? 4.5 : Math.min(5 + 2.2 * Math.sqrt(k), 22);
    var t = val(i, 'event_type') || 'unspecified_attack';
    if (typeOf[t] === undefined) {
      typeOf[t] = typeList.length;
      typeList.push(t);
      typeCount.push(0);
    }
    typeIdx[i] = typeOf[t];
    typeCount[typeIdx[i]]++;
  }
  var extra = 0;
  var typeColour = typeList.map(function (t) {
    if (ETYPE[t]) return ETYPE[t].colour;
    return EXTRA_COLOURS[(extra++) % EXTRA_COLOURS.length];
  });
  function typeLabel(t) {
    return ETYPE[t] ? ETYPE[t].ar : t;
  }
  // big circles first, so small ones stay visible on top
  var order = new Int32Array(N);
  for (i = 0; i < N; i++) order[i] = i;
  order.sort(function (a, b) { return radius[b] - radius[a] || a - b; });

  var minDay = Infinity, maxDay = -Infinity, undated = 0;
  for (i = 0; i < N; i++) {
    if (isNaN(day[i])) { undated++; continue; }
    if (day[i] < minDay) minDay = day[i];
    if (day[i] > maxDay) maxDay = day[i];
  }
  var hasDates = minDay <= maxDay;
  var range = { from: hasDates ? minDay : 0, to: hasDates ? maxDay : 0 };
  function fullRange() { return !hasDates || (range.from <= minDay && range.to >= maxDay); }
  var shown = new Uint8Array(N);
  function applyFilter() {
    var full = fullRange();
    var n = 0;
    for (var j = 0; j < N; j++) {
      var dd = day[j];
      var ok = isNaN(dd) ? full : (dd >= range.from && dd <= range.to);
      shown[j] = ok ? 1 : 0;
      if (ok) n++;
    }
    return n;
  }
  function overlaps(first, last) {
    if (fullRange()) return true;
    var a = dayOf(first), b = dayOf(last);
    if (a === null && b === null) return false;
    if (a === null) a = b;
    if (b === null) b = a;
    return b >= range.from && a <= range.to;
  }

  // ---------------------------------------------------------------- map
  var map = L.map('map', { preferCanvas: true, zoomControl: true, attributionControl: true, worldCopyJump: false });
  map.attributionControl.setPrefix(false);
  var canvasRenderer = L.canvas({ padding: 0.3 });
  // Attribution strings go through innerHTML in Leaflet: only fixed text or escaped text here.
  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  map.attributionControl.addAttribution('Leaflet (BSD-2-Clause)');
  map.attributionControl.addAttribution('athar');

  // ---- offline basemap: governorates, Aleppo neighbourhood outlines
  var baseAdmin = L.geoJSON(RAW.basemap.admin1, {
    renderer: canvasRenderer, interactive: false,
    style: function () { return { color: '#8a8174', weight: 1.2, fillColor: '#f4efe6', fillOpacity: 1, opacity: 0.9 }; }
  });
  var labelLayer = L.layerGroup();
  RAW.basemap.admin1.features.forEach(function (f) {
    var p = f.properties || {};
    if (!p.label) return;
    var el = document.createElement('div');
    el.className = 'athar-gov-label';
    el.textContent = p.name_ar || '';
    labelLayer.addLayer(L.marker([p.label[1], p.label[0]], {
      icon: L.divIcon({ className: 'athar-gov-label-icon', html: el, iconSize: null }),
      interactive: false, keyboard: false
    }));
  });
  var adminGroup = L.layerGroup([baseAdmin, labelLayer]);
  baseAdmin.getAttribution = function () {
    return 'Boundaries: UN OCHA / UNCS COD (not endorsed by the UN)';
  };
  var baseAleppo = L.geoJSON(RAW.basemap.aleppo, {
    renderer: canvasRenderer, interactive: false,
    style: function () { return { color: '#b3a894', weight: 0.8, fill: false }; }
  });
  baseAleppo.getAttribution = function () { return 'Aleppo neighbourhoods: Columbia CSR (MIT)'; };
  var basemap = L.layerGroup([adminGroup, baseAleppo]);
  basemap.addTo(map);
  function toggleLabels() {
    var z = map.getZoom();
    if (z <= 10 && map.hasLayer(adminGroup)) labelLayer.addTo(adminGroup);
    else adminGroup.removeLayer(labelLayer);
  }

  var tiles = null;
  if (META.tiles) {
    tiles = L.tileLayer(META.tiles, {
      maxZoom: 19, attribution: escapeHtml(META.tiles_attribution || 'Tiles: ' + META.tiles)
    });
    tiles.addTo(map);
  }

  // ---- neighbourhood choropleth (killed over the whole period)
  var CHORO = [[100, '#800026'], [50, '#bd0026'], [20, '#e31a1c'], [5, '#fc4e2a'], [1, '#feb24c'], [0, '#ffeda0']];
  function choroColour(k) {
    for (var j = 0; j < CHORO.length; j++) if (k >= CHORO[j][0]) return CHORO[j][1];
    return '#ffeda0';
  }
  var nbFeatures = (RAW.neighbourhoods && RAW.neighbourhoods.features) || [];
  var nbLayer = L.geoJSON({ type: 'FeatureCollection', features: nbFeatures }, {
    renderer: canvasRenderer, interactive: false,
    style: function (f) {
      var k = num((f.properties || {}).killed) || 0;
      return { color: '#6d4c41', weight: 1, fillColor: choroColour(k), fillOpacity: 0.55 };
    }
  });

  // ---- clusters and hulls, filtered by date
  var clFeatures = ((RAW.clusters && RAW.clusters.features) || []).filter(function (f) {
    return f.geometry && f.geometry.type === 'Point';
  });
  var hullFeatures = ((RAW.hulls && RAW.hulls.features) || []).filter(function (f) { return f.geometry; });
  var clusterById = {};
  clFeatures.forEach(function (f) { clusterById[String((f.properties || {}).cluster_id)] = f; });
  var clusterLayer = L.layerGroup();
  var hullLayer = L.layerGroup();
  var clusterItems = clFeatures.map(function (f) {
    var p = f.properties || {};
    var c = f.geometry.coordinates;
    var r = Math.max(num(p.radius_m) || 0, 60);
    return {
      f: f,
      layer: L.circle([c[1], c[0]], {
        renderer: canvasRenderer, interactive: false, radius: r,
        color: '#5e35b1', weight: 2, dashArray: '5 4', fillColor: '#7e57c2', fillOpacity: 0.12
      })
    };
  });
  var hullItems = hullFeatures.map(function (f) {
    return {
      f: f,
      layer: L.geoJSON(f, {
        renderer: canvasRenderer, interactive: false,
        style: function () { return { color: '#4527a0', weight: 1.5, fillColor: '#9575cd', fillOpacity: 0.18 }; }
      })
    };
  });
  function clusterVisible(f) {
    var p = f.properties || {};
    var c = clusterById[String(p.cluster_id)];
    var q = c ? c.properties : p;
    return overlaps(q.first_date, q.last_date);
  }
  function filterClusters() {
    var nc = 0;
    clusterItems.forEach(function (it) {
      var on = clusterVisible(it.f);
      if (on) nc++;
      if (on && !clusterLayer.hasLayer(it.layer)) clusterLayer.addLayer(it.layer);
      if (!on && clusterLayer.hasLayer(it.layer)) clusterLayer.removeLayer(it.layer);
    });
    hullItems.forEach(function (it) {
      var on = clusterVisible(it.f);
      if (on && !hullLayer.hasLayer(it.layer)) hullLayer.addLayer(it.layer);
      if (!on && hullLayer.hasLayer(it.layer)) hullLayer.removeLayer(it.layer);
    });
    return nc;
  }

  // ---- other places named in the reports (not where an attack landed)
  var placeFeatures = ((RAW.places && RAW.places.features) || []).filter(function (f) {
    return f.geometry && f.geometry.type === 'Point';
  });
  var placesLayer = L.layerGroup(placeFeatures.map(function (f) {
    var c = f.geometry.coordinates;
    return L.circleMarker([c[1], c[0]], {
      renderer: canvasRenderer, interactive: false, radius: 3.5, color: '#455a64', weight: 1.2,
      fillColor: '#ffffff', fillOpacity: 0.9
    });
  }));

  // ---- incidents: one canvas for all points (fast for 50,000), hit-tested by hand
  var drawn = { n: 0, xs: new Float32Array(N), ys: new Float32Array(N), idx: new Int32Array(N) };
  var proj = new Float64Array(2 * N);
  (function () {
    for (var j = 0; j < N; j++) {
      var p = map.options.crs.latLngToPoint(L.latLng(lat[j], lon[j]), 0);
      proj[2 * j] = p.x;
      proj[2 * j + 1] = p.y;
    }
  })();
  var IncidentLayer = L.Layer.extend({
    onAdd: function (m) {
      this._canvas = L.DomUtil.create('canvas', 'athar-incidents leaflet-zoom-animated');
      m.getPanes().overlayPane.appendChild(this._canvas);
      this._reset();
    },
    onRemove: function () {
      L.DomUtil.remove(this._canvas);
      drawn.n = 0;
      updateCount();
    },
    getEvents: function () {
      var ev = { moveend: this._reset, viewreset: this._reset, resize: this._reset, zoom: this._onZoom };
      if (this._map.options.zoomAnimation && L.Browser.any3d) ev.zoomanim = this._onAnim;
      return ev;
    },
    _onAnim: function (e) { this._transform(e.center, e.zoom); },
    _onZoom: function () { this._transform(this._map.getCenter(), this._map.getZoom()); },
    _transform: function (center, zoom) {
      var m = this._map;
      if (this._zoom === undefined) return;
      var scale = m.getZoomScale(zoom, this._zoom);
      var half = m.getSize().multiplyBy(0.5);
      var cur = m.project(this._center, zoom);
      var off = half.multiplyBy(-scale).add(cur).subtract(m._getNewPixelOrigin(center, zoom));
      L.DomUtil.setTransform(this._canvas, off, scale);
    },
    _reset: function () {
      var m = this._map;
      this._center = m.getCenter();
      this._zoom = m.getZoom();
      var size = m.getSize();
      var dpr = window.devicePixelRatio || 1;
      var cv = this._canvas;
      L.DomUtil.setPosition(cv, m.containerPointToLayerPoint([0, 0]));
      cv.width = Math.round(size.x * dpr);
      cv.height = Math.round(size.y * dpr);
      cv.style.width = size.x + 'px';
      cv.style.height = size.y + 'px';
      var ctx = cv.getContext('2d');
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      this._draw(ctx, size);
    },
    redraw: function () { if (this._map) this._reset(); },
    _draw: function (ctx, size) {
      var m = this._map;
      var scale = Math.pow(2, m.getZoom());
      var origin = m.getPixelOrigin();
      var pane = m._getMapPanePos();
      var ox = pane.x - origin.x, oy = pane.y - origin.y;
      var t0 = performance.now();
      ctx.clearRect(0, 0, size.x, size.y);
      var n = 0;
      // markers at one spot (many reports of one neighbourhood) form a stack: the largest is
      // labelled with its toll, the stack with how many incidents it holds
      var stacks = new Map();
      var many = countShown > 4000 && m.getZoom() < 13;
      for (var o = 0; o < N; o++) {
        var j = order[o];
        if (!shown[j]) continue;
        var x = proj[2 * j] * scale + ox, y = proj[2 * j + 1] * scale + oy;
        var r = radius[j];
        if (x < -r || y < -r || x > size.x + r || y > size.y + r) continue;
        ctx.beginPath();
        ctx.arc(x, y, r, 0, 6.283185307179586);
        ctx.fillStyle = typeColour[typeIdx[j]];
        ctx.globalAlpha = 0.85;
        ctx.fill();
        ctx.globalAlpha = 1;
        ctx.lineWidth = 1;
        ctx.strokeStyle = '#ffffff';
        ctx.stroke();
        drawn.xs[n] = x;
        drawn.ys[n] = y;
        drawn.idx[n] = j;
        n++;
        var key = (Math.round(x) + 64) * 16384 + Math.round(y) + 64;
        var st = stacks.get(key);
        if (st) st.c++;
        else stacks.set(key, { j: j, x: x, y: y, c: 1 });
      }
      if (stacks.size <= 5000) {
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        stacks.forEach(function (st) {
          var rr = radius[st.j];
          if (!many && killed[st.j] >= 1 && rr >= 9) {
            ctx.font = 'bold 11px "Noto Sans", "DejaVu Sans", sans-serif';
            ctx.lineWidth = 3;
            ctx.strokeStyle = 'rgba(0,0,0,0.55)';
            ctx.fillStyle = '#ffffff';
            var s = String(killed[st.j]);
            ctx.strokeText(s, st.x, st.y);
            ctx.fillText(s, st.x, st.y);
          }
          if (st.c > 1) {
            var label = st.c > 999 ? Math.round(st.c / 100) / 10 + 'k' : String(st.c);
            ctx.font = 'bold 10px "Noto Sans", "DejaVu Sans", sans-serif';
            var w = Math.max(16, ctx.measureText(label).width + 8);
            var bx = st.x + rr * 0.7, by = st.y - rr * 0.7;
            ctx.beginPath();
            ctx.fillStyle = '#263238';
            ctx.strokeStyle = '#ffffff';
            ctx.lineWidth = 1.5;
            if (ctx.roundRect) ctx.roundRect(bx - w / 2, by - 8, w, 16, 8); else ctx.rect(bx - w / 2, by - 8, w, 16);
            ctx.fill();
            ctx.stroke();
            ctx.fillStyle = '#ffffff';
            ctx.fillText(label, bx, by + 0.5);
          }
        });
      }
      drawn.n = n;
      drawn.ms = performance.now() - t0;
      updateCount();
    }
  });
  var incidentLayer = new IncidentLayer();

  // nearest drawn incident to a container point, within its radius plus a few pixels
  function hitIncident(pt) {
    var best = -1, bestD = Infinity;
    for (var h = 0; h < drawn.n; h++) {
      var dx = drawn.xs[h] - pt.x, dy = drawn.ys[h] - pt.y;
      var d2 = dx * dx + dy * dy;
      var rr = radius[drawn.idx[h]] + 3;
      if (d2 <= rr * rr && d2 < bestD) { bestD = d2; best = h; }
    }
    if (best < 0) return [];
    // every drawn incident at the same spot (e.g. many reports for one neighbourhood)
    var bx = drawn.xs[best], by = drawn.ys[best];
    var all = [];
    for (h = 0; h < drawn.n; h++) {
      if (Math.abs(drawn.xs[h] - bx) < 1 && Math.abs(drawn.ys[h] - by) < 1) all.push(drawn.idx[h]);
    }
    all.sort(function (a, b) {
      var da = isNaN(day[a]) ? -Infinity : day[a], db = isNaN(day[b]) ? -Infinity : day[b];
      return db - da || killed[b] - killed[a] || a - b;
    });
    return all;
  }

  // ---------------------------------------------------------------- DOM helpers (text only)
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function latin(text) {
    var b = el('bdi', 'latin', text);
    b.setAttribute('dir', 'ltr');
    return b;
  }
  function row(dl, label, value, ltr) {
    if (value === null || value === undefined || value === '') return;
    dl.appendChild(el('dt', null, label));
    var dd = el('dd');
    if (value instanceof Node) dd.appendChild(value);
    else if (ltr) dd.appendChild(latin(value));
    else dd.textContent = String(value);
    dl.appendChild(dd);
  }
  // The snippet with the place mention marked: found by plain search, else by folded search.
  function snippetNode(snippet, mention, name) {
    var q = el('blockquote', 'snippet');
    q.setAttribute('dir', 'rtl');
    var s = String(snippet || '');
    var at = -1, len = 0;
    [mention, name].some(function (m) {
      if (!m) return false;
      var k = s.indexOf(m);
      if (k >= 0) { at = k; len = m.length; return true; }
      return false;
    });
    if (at < 0 && mention) {
      // folded search (same table as the CLI, runs of space collapsed), mapped back to the original
      var folded = '', fStart = [], fEnd = [], pos = 0, lastSpace = false;
      Array.from(s).forEach(function (ch) {
        var f = foldChar(ch);
        var end = pos + ch.length;
        if (f === ' ') {
          if (lastSpace) { fEnd[fEnd.length - 1] = end; pos = end; return; }
          lastSpace = true;
        } else if (f !== '') {
          lastSpace = false;
        }
        for (var z = 0; z < f.length; z++) { folded += f[z]; fStart.push(pos); fEnd.push(end); }
        pos = end;
      });
      var fm = fold(mention);
      var fk = fm ? folded.indexOf(fm) : -1;
      if (fk >= 0) {
        at = fStart[fk];
        len = fEnd[fk + fm.length - 1] - at;
      }
    }
    if (at < 0) {
      q.textContent = s;
      return q;
    }
    q.appendChild(document.createTextNode(s.slice(0, at)));
    q.appendChild(el('mark', null, s.slice(at, at + len)));
    q.appendChild(document.createTextNode(s.slice(at + len)));
    return q;
  }
  function claimsNode(claims) {
    if (typeof claims === 'string') {
      try { claims = JSON.parse(claims); } catch (e) { return el('span', null, claims); }
    }
    if (!Array.isArray(claims) || !claims.length) return null;
    var ul = el('ul', 'claims');
    claims.forEach(function (c) {
      if (!c || typeof c !== 'object') { ul.appendChild(el('li', null, String(c))); return; }
      var li = el('li');
      var v = c.value === null || c.value === undefined ? '' : String(c.value);
      var qual = QUALIFIER[c.qualifier] || c.qualifier || '';
      li.appendChild(el('b', null, v ? v : '—'));
      if (qual) li.appendChild(el('span', 'qual', ' (' + qual + ')'));
      li.appendChild(el('span', 'src', ' — المصدر: ' + (c.source === 'text' ? 'نص التقرير' : (c.source || '؟'))));
      if (c.text) li.appendChild(el('q', null, c.text));
      ul.appendChild(li);
    });
    return ul;
  }
  function rangeText(v, lo, hi) {
    if (v === null && lo === null && hi === null) return null;
    var s = v === null ? '' : String(v);
    if (lo !== null && hi !== null && (lo !== hi || (v !== null && lo !== v))) s += (s ? ' ' : '') + '(' + lo + '–' + hi + ')';
    return s;
  }
  function incidentNode(i) {
    var box = el('div', 'inc');
    var h = el('div', 'place');
    h.appendChild(el('span', 'ar', val(i, 'place_name') || val(i, 'place_mention') || '؟'));
    var en = val(i, 'place_name_en');
    if (en) { h.appendChild(document.createTextNode(' · ')); h.appendChild(latin(en)); }
    box.appendChild(h);
    var admin = [val(i, 'admin2'), val(i, 'admin1'), val(i, 'country')].filter(Boolean);
    var uniq = admin.filter(function (a, k) { return admin.indexOf(a) === k; });
    if (uniq.length) box.appendChild(el('div', 'admin', uniq.join('، ')));
    var dl = el('dl');
    var dateS = val(i, 'date');
    var dt = val(i, 'date_text');
    row(dl, 'التاريخ', dateS ? dateS + (dt ? ' («' + dt + '»)' : '') : (dt ? '«' + dt + '»' : 'غير معروف'));
    var et = val(i, 'event_type');
    var sub = val(i, 'sub_event_type');
    var etNode = el('span');
    var sw = el('i', 'swatch');
    sw.style.background = typeColour[typeIdx[i]];
    etNode.appendChild(sw);
    etNode.appendChild(document.createTextNode(typeLabel(et || 'unspecified_attack') + (sub && sub !== et ? ' / ' + typeLabel(sub) : '')));
    row(dl, 'نوع الحدث', etNode);
    row(dl, 'السلاح', val(i, 'weapon'));
    row(dl, 'الهدف', val(i, 'target'));
    var actor = val(i, 'actor1'), actorN = val(i, 'actor1_norm');
    if (actor || actorN) {
      var an = el('span', null, actor || '');
      if (actorN) { if (actor) an.appendChild(document.createTextNode(' · ')); an.appendChild(latin(actorN)); }
      row(dl, 'الجهة المنفذة', an);
    }
    row(dl, 'القتلى', rangeText(num(val(i, 'killed')), num(val(i, 'killed_low')), num(val(i, 'killed_high'))));
    row(dl, 'روايات القتلى', claimsNode(val(i, 'killed_claims')));
    row(dl, 'الجرحى', rangeText(num(val(i, 'wounded')), num(val(i, 'wounded_low')), num(val(i, 'wounded_high'))));
    row(dl, 'روايات الجرحى', claimsNode(val(i, 'wounded_claims')));
    var scope = val(i, 'casualty_scope');
    if (scope && scope !== 'none') row(dl, 'نطاق الحصيلة', SCOPE[scope] || scope);
    box.appendChild(dl);
    var snip = val(i, 'snippet');
    if (snip) box.appendChild(snippetNode(snip, val(i, 'place_mention'), val(i, 'place_name')));
    var foot = el('div', 'foot');
    foot.appendChild(document.createTextNode('الوثيقة: '));
    foot.appendChild(latin(val(i, 'doc') || '؟'));
    var conf = num(val(i, 'confidence'));
    if (conf !== null) foot.appendChild(document.createTextNode(' · الثقة: ' + conf.toFixed(2)));
    var srcs = num(val(i, 'sources'));
    if (srcs !== null && srcs > 1) foot.appendChild(document.createTextNode(' · عدد التقارير: ' + srcs));
    var cid = val(i, 'cluster_id');
    if (cid !== null && cid !== -1) foot.appendChild(document.createTextNode(' · العنقود: ' + cid));
    box.appendChild(foot);
    var reason = val(i, 'reason');
    if (reason) box.appendChild(el('div', 'reason', 'سبب التحديد: ' + reason));
    return box;
  }
  var popup = L.popup({ maxWidth: 380, minWidth: 280, maxHeight: 420, autoPanPadding: [20, 20], className: 'athar-popup' });
  function showIncidents(list, k) {
    var wrap = el('div', 'athar-pop');
    wrap.setAttribute('dir', 'rtl');
    wrap.setAttribute('lang', 'ar');
    if (list.length > 1) {
      var nav = el('div', 'nav');
      var prev = el('button', null, '› السابق');
      var next = el('button', null, 'التالي ‹');
      prev.type = next.type = 'button';
      prev.disabled = k === 0;
      next.disabled = k === list.length - 1;
      prev.addEventListener('click', function (e) { e.stopPropagation(); showIncidents(list, k - 1); });
      next.addEventListener('click', function (e) { e.stopPropagation(); showIncidents(list, k + 1); });
      nav.appendChild(prev);
      nav.appendChild(el('span', 'pos', (k + 1) + ' من ' + list.length + ' حوادث في هذا الموقع'));
      nav.appendChild(next);
      wrap.appendChild(nav);
    }
    wrap.appendChild(incidentNode(list[k]));
    popup.setLatLng([lat[list[k]], lon[list[k]]]).setContent(wrap);
    if (!map.hasLayer(popup)) popup.openOn(map);
    else popup.update();
  }
  function clusterNode(p) {
    var wrap = el('div', 'athar-pop');
    wrap.setAttribute('dir', 'rtl');
    wrap.setAttribute('lang', 'ar');
    wrap.appendChild(el('div', 'place', 'عنقود رقم ' + p.cluster_id));
    var dl = el('dl');
    row(dl, 'عدد الحوادث', p.incidents);
    row(dl, 'القتلى', p.killed);
    row(dl, 'الفترة', [p.first_date, p.last_date].filter(Boolean).join(' ← '));
    var ets = p.event_types;
    if (typeof ets === 'string') ets = ets.split(/[;,]\s*/).filter(Boolean);
    if (Array.isArray(ets)) row(dl, 'أنواع الأحداث', ets.map(typeLabel).join('، '));
    var pl = p.places;
    if (Array.isArray(pl)) pl = pl.join('، ');
    row(dl, 'الأماكن', pl);
    if (num(p.radius_m) !== null) row(dl, 'نصف القطر', Math.round(num(p.radius_m)) + ' م');
    wrap.appendChild(dl);
    return wrap;
  }
  function neighbourhoodNode(p) {
    var wrap = el('div', 'athar-pop');
    wrap.setAttribute('dir', 'rtl');
    wrap.setAttribute('lang', 'ar');
    var h = el('div', 'place');
    h.appendChild(el('span', 'ar', p.name_ar || '؟'));
    if (p.name_en) { h.appendChild(document.createTextNode(' · ')); h.appendChild(latin(p.name_en)); }
    wrap.appendChild(h);
    var dl = el('dl');
    row(dl, 'عدد الحوادث', p.incidents);
    row(dl, 'القتلى', p.killed);
    row(dl, 'الفترة', [p.first_date, p.last_date].filter(Boolean).join(' ← '));
    wrap.appendChild(dl);
    return wrap;
  }
  function pointInRing(x, y, ring) {
    var inside = false;
    for (var a = 0, b = ring.length - 1; a < ring.length; b = a++) {
      var xa = ring[a][0], ya = ring[a][1], xb = ring[b][0], yb = ring[b][1];
      if ((ya > y) !== (yb > y) && x < (xb - xa) * (y - ya) / (yb - ya) + xa) inside = !inside;
    }
    return inside;
  }
  function inGeometry(g, x, y) {
    if (!g) return false;
    var polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    return polys.some(function (poly) {
      if (!poly.length || !pointInRing(x, y, poly[0])) return false;
      for (var h = 1; h < poly.length; h++) if (pointInRing(x, y, poly[h])) return false;
      return true;
    });
  }
  map.on('click', function (e) {
    if (map.hasLayer(incidentLayer)) {
      var list = hitIncident(e.containerPoint);
      if (list.length) { showIncidents(list, 0); return; }
    }
    var x = e.latlng.lng, y = e.latlng.lat;
    if (map.hasLayer(clusterLayer)) {
      var hit = clusterItems.filter(function (it) {
        return clusterLayer.hasLayer(it.layer) && it.layer.getLatLng().distanceTo(e.latlng) <= it.layer.getRadius();
      });
      if (hit.length) { popup.setLatLng(e.latlng).setContent(clusterNode(hit[0].f.properties || {})).openOn(map); return; }
    }
    if (map.hasLayer(hullLayer)) {
      var hh = hullItems.filter(function (it) { return hullLayer.hasLayer(it.layer) && inGeometry(it.f.geometry, x, y); });
      if (hh.length) {
        var hp = hh[0].f.properties || {};
        var cf = clusterById[String(hp.cluster_id)];
        popup.setLatLng(e.latlng).setContent(clusterNode(cf ? cf.properties : hp)).openOn(map);
        return;
      }
    }
    if (map.hasLayer(nbLayer)) {
      var nb = nbFeatures.filter(function (f) { return inGeometry(f.geometry, x, y); });
      if (nb.length) { popup.setLatLng(e.latlng).setContent(neighbourhoodNode(nb[0].properties || {})).openOn(map); }
    }
  });
  var hoverPending = false;
  map.on('mousemove', function (e) {
    if (hoverPending) return;
    hoverPending = true;
    requestAnimationFrame(function () {
      hoverPending = false;
      var on = map.hasLayer(incidentLayer) && hitIncident(e.containerPoint).length > 0;
      map.getContainer().classList.toggle('athar-hover', on);
    });
  });

  // ---------------------------------------------------------------- layer switcher
  var overlays = {};
  overlays['الحوادث (حسب النوع والقتلى)'] = incidentLayer;
  if (clusterItems.length) overlays['العناقيد'] = clusterLayer;
  if (hullItems.length) overlays['حدود العناقيد'] = hullLayer;
  if (nbFeatures.length) overlays['الأحياء: عدد القتلى'] = nbLayer;
  if (placeFeatures.length) overlays['أماكن أخرى مذكورة'] = placesLayer;
  overlays['الخريطة الأساس (محافظات، أحياء حلب)'] = basemap;
  if (tiles) overlays['بلاطات الخريطة (إنترنت)'] = tiles;
  if (nbFeatures.length) nbLayer.addTo(map);
  hullLayer.addTo(map);
  clusterLayer.addTo(map);
  incidentLayer.addTo(map);
  L.control.layers(null, overlays, { collapsed: window.innerWidth < 700, position: 'topleft' }).addTo(map);
  L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);

  // ---------------------------------------------------------------- panel: count, time, search
  var countEl = document.getElementById('athar-count');
  var countShown = applyFilter();
  function updateCount() {
    var s = map.hasLayer(incidentLayer) ? drawn.n : 0;
    countEl.textContent = 'معروض على الخريطة: ' + s.toLocaleString('ar') + ' من ' + N.toLocaleString('ar') + ' حادثة';
    countEl.setAttribute('data-drawn', String(s));
    countEl.setAttribute('data-shown', String(countShown));
    countEl.setAttribute('data-total', String(N));
  }
  var fromEl = document.getElementById('athar-from');
  var toEl = document.getElementById('athar-to');
  var fromLbl = document.getElementById('athar-from-label');
  var toLbl = document.getElementById('athar-to-label');
  var undatedEl = document.getElementById('athar-undated');
  function setupTime() {
    if (!hasDates) {
      fromEl.disabled = toEl.disabled = true;
      document.getElementById('athar-time').classList.add('disabled');
      fromLbl.textContent = toLbl.textContent = '—';
      undatedEl.textContent = 'لا توجد تواريخ في الحوادث';
      return;
    }
    [fromEl, toEl].forEach(function (inp) {
      inp.min = String(minDay);
      inp.max = String(maxDay);
      inp.step = '1';
    });
    fromEl.value = String(minDay);
    toEl.value = String(maxDay);
    if (undated) undatedEl.textContent = 'حوادث بلا تاريخ: ' + undated + ' (تظهر عند عرض الفترة كاملة)';
  }
  function onTime(e) {
    var a = +fromEl.value, b = +toEl.value;
    if (a > b) {
      if (e && e.target === fromEl) { b = a; toEl.value = String(b); } else { a = b; fromEl.value = String(a); }
    }
    range.from = a;
    range.to = b;
    fromLbl.textContent = dayText(a);
    toLbl.textContent = dayText(b);
    refresh();
  }
  function refresh() {
    countShown = applyFilter();
    filterClusters();
    incidentLayer.redraw();
    updateCount();
  }
  setupTime();
  fromEl.addEventListener('input', onTime);
  toEl.addEventListener('input', onTime);
  document.getElementById('athar-reset').addEventListener('click', function () {
    if (!hasDates) return;
    fromEl.value = String(minDay);
    toEl.value = String(maxDay);
    onTime();
  });
  if (hasDates) { fromLbl.textContent = dayText(minDay); toLbl.textContent = dayText(maxDay); }

  // search index: incident places and neighbourhoods, keyed by folded Arabic and Latin names
  var places = [];
  var placeAt = {};
  for (i = 0; i < N; i++) {
    var id = val(i, 'place_id') || (val(i, 'place_name') || '') + '@' + lat[i].toFixed(5) + ',' + lon[i].toFixed(5);
    var pl = placeAt[id];
    if (!pl) {
      pl = placeAt[id] = { name: val(i, 'place_name') || val(i, 'place_mention') || '', en: val(i, 'place_name_en') || '',
        lat: lat[i], lon: lon[i], n: 0, first: i, keys: [], lkeys: [] };
      places.push(pl);
    }
    pl.n++;
    [val(i, 'place_name'), val(i, 'place_mention')].forEach(function (s) {
      if (!s) return;
      var kk = searchKey(s);
      if (pl.keys.indexOf(kk) < 0) pl.keys.push(kk);
    });
    if (pl.en && !pl.lkeys.length) pl.lkeys.push(foldLatin(pl.en));
  }
  nbFeatures.forEach(function (f) {
    var p = f.properties || {};
    var id = p.place_id ? String(p.place_id) : null;
    if (id && placeAt[id]) return;
    var c = L.geoJSON(f).getBounds().getCenter();
    var entry = { name: p.name_ar || '', en: p.name_en || '', lat: c.lat, lon: c.lng, n: num(p.incidents) || 0, first: -1,
      keys: p.name_ar ? [searchKey(p.name_ar)] : [], lkeys: p.name_en ? [foldLatin(p.name_en)] : [] };
    places.push(entry);
  });
  function searchPlaces(q) {
    var qa = searchKey(q).split(' ').filter(Boolean);
    var ql = foldLatin(q).split(' ').filter(Boolean);
    if (!qa.length) return [];
    var hits = places.filter(function (p) {
      var ar = p.keys.some(function (k) { return qa.every(function (w) { return k.indexOf(w) >= 0; }); });
      var la = ql.length && p.lkeys.some(function (k) { return ql.every(function (w) { return k.indexOf(w) >= 0; }); });
      return ar || la;
    });
    hits.sort(function (a, b) { return b.n - a.n || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0); });
    return hits.slice(0, 12);
  }
  var searchEl = document.getElementById('athar-search');
  var resultsEl = document.getElementById('athar-results');
  var marker = null;
  function goTo(p) {
    map.setView([p.lat, p.lon], Math.max(map.getZoom(), 14));
    if (marker) map.removeLayer(marker);
    marker = L.circleMarker([p.lat, p.lon], { radius: 26, color: '#000', weight: 2, fill: false, interactive: false, dashArray: '4 3' }).addTo(map);
    if (p.first >= 0 && shown[p.first]) {
      var list = [];
      for (var j = 0; j < N; j++) if (shown[j] && lat[j] === p.lat && lon[j] === p.lon) list.push(j);
      list.sort(function (a, b) { return (isNaN(day[b]) ? -1e9 : day[b]) - (isNaN(day[a]) ? -1e9 : day[a]) || a - b; });
      if (list.length) showIncidents(list, 0);
    }
  }
  function renderResults() {
    while (resultsEl.firstChild) resultsEl.removeChild(resultsEl.firstChild);
    var q = searchEl.value;
    if (!q.trim()) return;
    var hits = searchPlaces(q);
    if (!hits.length) { resultsEl.appendChild(el('li', 'none', 'لا نتائج')); return; }
    hits.forEach(function (p) {
      var li = el('li');
      var b = el('button');
      b.type = 'button';
      b.appendChild(el('span', 'ar', p.name));
      if (p.en) { b.appendChild(document.createTextNode(' · ')); b.appendChild(latin(p.en)); }
      b.appendChild(el('span', 'n', ' (' + p.n + ')'));
      b.addEventListener('click', function () { goTo(p); });
      li.appendChild(b);
      resultsEl.appendChild(li);
    });
  }
  searchEl.addEventListener('input', renderResults);
  searchEl.addEventListener('keydown', function (e) {
    if (e.key === 'Enter') {
      var hits = searchPlaces(searchEl.value);
      if (hits.length) goTo(hits[0]);
    }
  });

  // ---------------------------------------------------------------- legend
  (function legend() {
    var box = document.getElementById('athar-legend');
    box.appendChild(el('h3', null, 'نوع الحدث'));
    var ul = el('ul', 'types');
    var idx = typeList.map(function (t, j) { return j; });
    idx.sort(function (a, b) { return typeCount[b] - typeCount[a] || (typeList[a] < typeList[b] ? -1 : 1); });
    idx.forEach(function (j) {
      var li = el('li');
      var sw = el('i', 'swatch');
      sw.style.background = typeColour[j];
      li.appendChild(sw);
      li.appendChild(el('span', null, typeLabel(typeList[j])));
      li.appendChild(el('span', 'n', ' ' + typeCount[j]));
      ul.appendChild(li);
    });
    box.appendChild(ul);
    box.appendChild(el('h3', null, 'حجم الدائرة: عدد القتلى'));
    var sizes = el('div', 'sizes');
    [0, 5, 20, 50].forEach(function (k) {
      var r = k <= 0 ? 4.5 : Math.min(5 + 2.2 * Math.sqrt(k), 22);
      var s = el('span', 'size');
      var c = el('i', 'dot');
      c.style.width = c.style.height = (2 * r) + 'px';
      s.appendChild(c);
      s.appendChild(el('span', null, k === 0 ? 'غير معروف/0' : String(k)));
      sizes.appendChild(s);
    });
    box.appendChild(sizes);
    if (nbFeatures.length) {
      box.appendChild(el('h3', null, 'الأحياء: القتلى (الفترة كاملة)'));
      var ch = el('ul', 'choro');
      var rev = CHORO.slice().reverse();
      rev.forEach(function (c, j) {
        var li = el('li');
        var sw = el('i', 'swatch sq');
        sw.style.background = c[1];
        li.appendChild(sw);
        var hi = j + 1 < rev.length ? rev[j + 1][0] - 1 : null;
        li.appendChild(el('span', null, hi === null ? c[0] + '+' : (c[0] === hi ? String(c[0]) : c[0] + '–' + hi)));
        ch.appendChild(li);
      });
      box.appendChild(ch);
    }
    if (clusterItems.length || hullItems.length) {
      var cl = el('div', 'cl');
      var sw2 = el('i', 'swatch sq hull');
      cl.appendChild(sw2);
      cl.appendChild(el('span', null, 'عنقود (DBSCAN) وحدوده'));
      box.appendChild(cl);
    }
  })();

  // ---------------------------------------------------------------- first view
  function dataBounds() {
    var b = null;
    for (var j = 0; j < N; j++) {
      var ll = L.latLng(lat[j], lon[j]);
      if (!b) b = L.latLngBounds(ll, ll); else b.extend(ll);
    }
    return b;
  }
  var bounds = dataBounds();
  if (bounds && bounds.isValid()) {
    var sw0 = bounds.getSouthWest(), ne0 = bounds.getNorthEast();
    if (sw0.equals(ne0)) map.setView(sw0, 13); else map.fitBounds(bounds, { padding: [40, 40], maxZoom: 15 });
  } else {
    map.fitBounds(baseAdmin.getBounds());
  }
  map.on('zoomend', toggleLabels);
  toggleLabels();
  updateCount();

  // a small API for tests and for people who script the page
  window.athar = {
    total: N,
    map: map,
    drawnCount: function () { return map.hasLayer(incidentLayer) ? drawn.n : 0; },
    shownCount: function () { return countShown; },
    clusterCount: function () { return clusterLayer.getLayers().length; },
    drawMs: function () { return drawn.ms; },
    pointOf: function (j) { return map.latLngToContainerPoint([lat[j], lon[j]]); },
    latLng: function (j) { return L.latLng(lat[j], lon[j]); },
    value: function (j, name) { return val(j, name); },
    find: function (pred) {
      for (var j = 0; j < N; j++) if (pred(function (name) { return val(j, name); })) return j;
      return -1;
    },
    search: function (q) { return searchPlaces(q).map(function (p) { return p.name; }); }
  };
})();
