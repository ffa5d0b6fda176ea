/* A small SVG map in Web Mercator: an offline vector base layer (GeoJSON of land, lakes, borders
   and oblasts), optional raster tiles under it, markers on top; pan by dragging or the arrow keys,
   zoom with the wheel, a double click, + and −.

   Geometry is projected once into "world units" (the whole world is 256 wide, as a zoom-0 tile)
   and drawn inside one group whose transform is the view, so a pan or zoom changes one attribute;
   strokes keep their width (vector-effect) and markers keep their size in pixels.

   Markers closer than CLUSTER_PX on screen are drawn as one bubble with their count, grouped again
   at each zoom level; a click on a bubble zooms in until they part, and a bubble whose markers
   share one point (many incidents "in Kyiv") opens into a ring or spiral of them around it. */
"use strict";

const SitroomMap = (() => {
  const {svg, el} = Sitroom;
  const WORLD = 256;
  const MAX_LAT = 85.0511;
  const CLUSTER_PX = 20;  // markers whose centres are closer than this on screen are one bubble

  function project(lon, lat) {
    const phi = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI / 180;
    const s = Math.sin(phi);
    return [(lon + 180) / 360 * WORLD, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * WORLD];
  }

  function unproject(x, y) {
    const lon = x / WORLD * 360 - 180;
    const n = Math.PI - 2 * Math.PI * y / WORLD;
    return [lon, 180 / Math.PI * Math.atan(Math.sinh(n))];
  }

  /** SVG path data for rings or lines of [lon, lat] in world units (4 decimals: ~0.25 px at zoom 10). */
  function pathData(lines, close) {
    const parts = [];
    for (const line of lines) {
      if (line.length < 2) continue;
      let previous = "";
      line.forEach((point, k) => {
        const [x, y] = project(point[0], point[1]);
        const text = x.toFixed(4) + " " + y.toFixed(4);
        if (text === previous) return;
        parts.push((k === 0 ? "M" : "L") + text);
        previous = text;
      });
      if (close) parts.push("Z");
    }
    return parts.join("");
  }

  function geometryLines(geometry) {
    if (!geometry) return [];
    switch (geometry.type) {
      case "Polygon": return geometry.coordinates;
      case "MultiPolygon": return geometry.coordinates.flat();
      case "LineString": return [geometry.coordinates];
      case "MultiLineString": return geometry.coordinates;
      default: return [];
    }
  }

  /** A point inside a polygon for its label: the area-weighted centroid of its largest ring. */
  function labelPoint(geometry) {
    let best = null, bestArea = 0;
    for (const ring of geometryLines(geometry)) {
      let area = 0, cx = 0, cy = 0;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [x1, y1] = ring[j], [x2, y2] = ring[i];
        const cross = x1 * y2 - x2 * y1;
        area += cross; cx += (x1 + x2) * cross; cy += (y1 + y2) * cross;
      }
      if (Math.abs(area) > bestArea) { bestArea = Math.abs(area); best = [cx / (3 * area), cy / (3 * area)]; }
    }
    return best;
  }

  class MapView {
    constructor(container, {tileUrl = "", minZoom = 2, maxZoom = 13, onViewChange = null} = {}) {
      this.container = container;
      this.tileUrl = tileUrl;
      this.minScale = 2 ** minZoom;
      this.maxScale = 2 ** maxZoom;
      this.onViewChange = onViewChange;
      this.scale = 16; this.tx = 0; this.ty = 0;
      this.markers = [];
      this.clusters = [];
      this.spider = null;
      this._clusterScale = null;
      this.labelNodes = [];
      this.tileNodes = new Map();

      // Only markers and bubbles are for assistive technology (each a button); the drawing is not.
      this.root = svg("svg", {class: "mapsvg", width: "100%", height: "100%", role: "group", "aria-label": "Map markers"});
      this.world = svg("g", {class: "world"});
      this.tileLayer = svg("g", {class: "tiles", "aria-hidden": "true"});
      this.baseLayer = svg("g", {class: "base", "aria-hidden": "true"});
      this.spiderLayer = svg("g", {class: "spider", "aria-hidden": "true"});
      this.markerLayer = svg("g", {class: "markers"});
      this.world.append(this.tileLayer, this.baseLayer, this.spiderLayer, this.markerLayer);
      this.labelLayer = svg("g", {class: "labels", "aria-hidden": "true"});
      this.clusterLayer = svg("g", {class: "clusters"});
      this.root.append(this.world, this.labelLayer, this.clusterLayer);
      this.controls = el("div", {class: "mapcontrols"},
        el("button", {type: "button", "aria-label": "Zoom in", title: "Zoom in", onclick: () => this.zoomBy(2)}, "+"),
        el("button", {type: "button", "aria-label": "Zoom out", title: "Zoom out", onclick: () => this.zoomBy(0.5)}, "−"),
        el("button", {type: "button", "aria-label": "Show all of Ukraine", title: "Show all of Ukraine", class: "fit",
          onclick: () => this.fitBounds(this.homeBounds || [22, 44.3, 40.3, 52.4])}, "⌂"));
      container.append(this.root, this.controls);
      if (tileUrl) container.classList.add("has-tiles");
      this._bindEvents();
      new ResizeObserver(() => this.render()).observe(container);
    }

    get width() { return this.container.clientWidth || 800; }
    get height() { return this.container.clientHeight || 600; }

    toScreen(lon, lat) {
      const [x, y] = project(lon, lat);
      return [x * this.scale + this.tx, y * this.scale + this.ty];
    }

    fromScreen(sx, sy) { return unproject((sx - this.tx) / this.scale, (sy - this.ty) / this.scale); }

    fitBounds([west, south, east, north], padding = 24) {
      const [x1, y1] = project(west, north), [x2, y2] = project(east, south);
      const sx = (this.width - 2 * padding) / Math.max(x2 - x1, 1e-6);
      const sy = (this.height - 2 * padding) / Math.max(y2 - y1, 1e-6);
      this.scale = Math.max(this.minScale, Math.min(this.maxScale, Math.min(sx, sy)));
      this.tx = this.width / 2 - (x1 + x2) / 2 * this.scale;
      this.ty = this.height / 2 - (y1 + y2) / 2 * this.scale;
      this.render();
    }

    zoomBy(factor, sx = this.width / 2, sy = this.height / 2) {
      const scale = Math.max(this.minScale, Math.min(this.maxScale, this.scale * factor));
      const k = scale / this.scale;
      this.tx = sx - (sx - this.tx) * k;
      this.ty = sy - (sy - this.ty) * k;
      this.scale = scale;
      this.render();
    }

    panBy(dx, dy) { this.tx += dx; this.ty += dy; this.render(); }

    get zoom() { return Math.log2(this.scale); }

    /** Draw the base layer: a GeoJSON FeatureCollection whose features have a `kind`. */
    setBaseLayer(collection) {
      const groups = {};
      for (const kind of ["land", "lake", "oblast", "border"]) {
        groups[kind] = svg("g", {class: "layer-" + kind});
      }
      this.labelLayer.replaceChildren();
      this.labelNodes = [];
      for (const feature of collection.features || []) {
        const p = feature.properties || {};
        if (p.kind === "label") {
          const [lon, lat] = feature.geometry.coordinates;
          this._addLabel(p.name, lon, lat, "label-" + (p.label || "country"), p.rank || 0);
          continue;
        }
        const group = groups[p.kind];
        if (!group) continue;
        const closed = feature.geometry.type.endsWith("Polygon");
        const path = svg("path", {d: pathData(geometryLines(feature.geometry), closed), class: "shape shape-" + p.kind,
          "vector-effect": "non-scaling-stroke", "fill-rule": p.kind === "oblast" ? "evenodd" : "nonzero"});
        if (p.name) {
          path.setAttribute("data-name", p.name);
          path.append(svg("title", {text: p.name}));
          const at = p.kind === "oblast" ? labelPoint(feature.geometry) : null;
          if (at && / Oblast$|Crimea/.test(p.name)) {
            this._addLabel(p.name.replace("Autonomous Republic of Crimea", "Crimea"), at[0], at[1], "label-oblast");
          }
        }
        group.append(path);
      }
      const frame = [];
      if (Array.isArray(collection.bbox) && collection.bbox.length === 4) {
        // The area the layer covers, in sea colour; outside it the map says "no base layer".
        const [west, south, east, north] = collection.bbox;
        const [x1, y1] = project(west, north), [x2, y2] = project(east, south);
        frame.push(svg("rect", {class: "region", x: x1, y: y1, width: x2 - x1, height: y2 - y1}));
        this.minScale = Math.max(2 ** 2, 0.8 * Math.min(this.width / (x2 - x1), this.height / (y2 - y1)));
      }
      this.baseLayer.replaceChildren(...frame, groups.land, groups.lake, groups.oblast, groups.border);
      this.render();
    }

    _addLabel(text, lon, lat, cls, rank = 0) {
      let node;
      if (cls === "label-town") {
        // a dot at the town and its name beside it
        node = svg("g", {class: `maplabel label-town rank-${rank}`},
          svg("circle", {r: rank === 1 ? 3 : 2.4}), svg("text", {x: 5, y: 4, text}));
      } else {
        node = svg("text", {class: "maplabel " + cls, "text-anchor": "middle", text});
      }
      this.labelNodes.push({node, lon, lat, cls, rank});
      this.labelLayer.append(node);
    }

    /** Whether a label shows at this zoom: countries first, towns by rank, oblasts close in. */
    static labelShown(label, zoom) {
      if (label.cls === "label-town") return zoom >= [0, 4.6, 5.8, 6.8][label.rank || 3];
      if (label.cls === "label-oblast") return zoom >= 7;
      if (label.cls === "label-sea") return zoom >= 4;
      return zoom >= 3.5 && zoom < 8.5;
    }

    /** Replace the markers: items with lon, lat, radius (px), colour.  Returns one record per
        item, {item, circle, hidden}: set `hidden` and call refresh() to filter them.
        onClick(item, circle, spread) is told whether the marker was opened out of a bubble. */
    setMarkers(items, onClick) {
      this.collapse();
      this.markerLayer.replaceChildren();
      this.markers = items.map((item) => {
        const [x, y] = project(item.lon, item.lat);
        const circle = svg("circle", {class: "marker", cx: x.toFixed(5), cy: y.toFixed(5), r: 1,
          "vector-effect": "non-scaling-stroke", "data-type": item.type || "", "data-id": item.id,
          tabindex: "0", role: "button", "aria-label": item.title || "marker"});
        circle.style.fill = item.colour;
        if (item.vague) { circle.classList.add("vague"); circle.style.stroke = item.colour; }
        const marker = {item, circle, x, y, hidden: false, at: null};
        const open = () => onClick && onClick(item, circle, marker.at !== null);
        circle.addEventListener("click", (event) => {
          if (this._dragged) return;
          event.stopPropagation();
          open();
        });
        pressable(circle, open);
        this.markerLayer.append(circle);
        return marker;
      });
      this.refresh();
      return this.markers;
    }

    /** Group the markers again after their `hidden` flags changed. */
    refresh() {
      this._clusterScale = null;
      this.render();
    }

    /** Where a marker is on screen now (opened out of its bubble, or at its place). */
    markerScreen(marker) {
      const [x, y] = marker.at || [marker.x, marker.y];
      return [x * this.scale + this.tx, y * this.scale + this.ty];
    }

    /** Whether the marker is drawn on its own (not hidden, not inside a closed bubble). */
    markerShown(marker) { return !marker.hidden && (!marker.cluster || marker.at !== null); }

    render() {
      this.world.setAttribute("transform", `translate(${this.tx.toFixed(2)} ${this.ty.toFixed(2)}) scale(${this.scale})`);
      if (this._clusterScale !== this.scale) this._cluster();
      for (const {item, circle} of this.markers) circle.setAttribute("r", (item.radius / this.scale).toFixed(6));
      for (const cluster of this.clusters) {
        cluster.node.setAttribute("transform", `translate(${(cluster.x * this.scale + this.tx).toFixed(1)} ${(cluster.y * this.scale + this.ty).toFixed(1)})`);
      }
      const zoom = this.zoom;
      for (const label of this.labelNodes) {
        const [x, y] = this.toScreen(label.lon, label.lat);
        if (label.cls === "label-town") {
          label.node.setAttribute("transform", `translate(${x.toFixed(1)} ${y.toFixed(1)})`);
        } else {
          label.node.setAttribute("x", x.toFixed(1));
          label.node.setAttribute("y", y.toFixed(1));
        }
        label.node.classList.toggle("off", !MapView.labelShown(label, zoom));
      }
      this._renderTiles();
      if (this.onViewChange) this.onViewChange(this);
    }

    // --- clusters --------------------------------------------------------------------------

    /** Greedy grouping on a grid of CLUSTER_PX cells: each marker not yet taken, largest first
        (the order they are drawn in), takes every free marker within CLUSTER_PX of it. */
    _cluster() {
      this.collapse(false);
      this._clusterScale = this.scale;
      const reach = CLUSTER_PX / this.scale;
      const grid = new Map();
      const cell = (x, y) => `${Math.floor(x / reach)},${Math.floor(y / reach)}`;
      const shown = this.markers.filter((m) => !m.hidden);
      for (const marker of shown) {
        marker.cluster = null;
        const key = cell(marker.x, marker.y);
        if (!grid.has(key)) grid.set(key, []);
        grid.get(key).push(marker);
      }
      for (const marker of this.markers) if (marker.hidden) marker.cluster = null;
      const groups = [];
      for (const seed of shown) {
        if (seed.cluster) continue;
        const members = [seed];
        seed.cluster = members;
        const cx = Math.floor(seed.x / reach), cy = Math.floor(seed.y / reach);
        for (let dx = -1; dx <= 1; dx++) {
          for (let dy = -1; dy <= 1; dy++) {
            for (const other of grid.get(`${cx + dx},${cy + dy}`) || []) {
              if (other.cluster || Math.hypot(other.x - seed.x, other.y - seed.y) > reach) continue;
              other.cluster = members;
              members.push(other);
            }
          }
        }
        groups.push(members);
      }
      this.clusters = [];
      const nodes = [];
      for (const members of groups) {
        if (members.length === 1) {
          members[0].cluster = null;
          members[0].circle.classList.remove("clustered");
          continue;
        }
        for (const member of members) member.circle.classList.add("clustered");
        const cluster = this._bubble(members);
        this.clusters.push(cluster);
        nodes.push(cluster.node);
      }
      this.clusterLayer.replaceChildren(...nodes);
      this.container.dataset.clusters = String(this.clusters.length);
    }

    _bubble(members) {
      const n = members.length;
      const x = members.reduce((sum, m) => sum + m.x, 0) / n, y = members.reduce((sum, m) => sum + m.y, 0) / n;
      const r = Math.min(26, 10 + 2.2 * Math.sqrt(n));
      const killed = members.reduce((sum, m) => sum + (m.item.killed || 0), 0);
      const injured = members.reduce((sum, m) => sum + (m.item.injured || 0), 0);
      const places = [...new Set(members.map((m) => m.item.place && m.item.place.name).filter(Boolean))];
      const where = places.length === 1 ? ` in ${places[0]}` : places.length ? ` in ${places.slice(0, 3).join(", ")}${places.length > 3 ? "…" : ""}` : "";
      const figures = [killed ? `${killed.toLocaleString("en-GB")} killed` : "", injured ? `${injured.toLocaleString("en-GB")} injured` : ""].filter(Boolean).join(", ");
      const title = `${n} here${where}${figures ? ` (${figures})` : ""}; click or press Enter to see them`;
      const types = new Set(members.map((m) => m.item.colour));
      const node = svg("g", {class: "cluster", "data-count": n, tabindex: "0", role: "button", "aria-label": title},
        svg("circle", {class: "cluster-ring", r: r + 3}),
        svg("circle", {class: "cluster-dot", r}),
        svg("text", {class: "cluster-count", "text-anchor": "middle", dy: "0.35em", text: n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n)}),
        svg("title", {text: title}));
      if (types.size === 1) node.firstChild.style.stroke = members[0].item.colour;  // all of one type: its colour
      const cluster = {members, x, y, node};
      node.addEventListener("click", (event) => {
        if (this._dragged) return;
        event.stopPropagation();
        this.expand(cluster);
      });
      pressable(node, () => {
        // The bubble is redrawn away: the keyboard goes on from its first marker, or the map.
        this.expand(cluster);
        (this.spider === cluster ? cluster.members[0].circle : this.container).focus({preventScroll: true});
      });
      return cluster;
    }

    /** Zoom in until the bubble's markers part; if they share one point, open them out around it. */
    expand(cluster) {
      const xs = cluster.members.map((m) => m.x), ys = cluster.members.map((m) => m.y);
      const extent = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
      if (extent * this.maxScale > CLUSTER_PX && this.scale < this.maxScale) {
        const fit = 0.5 * Math.min(this.width, this.height) / Math.max(extent, 1e-9);
        const scale = Math.min(this.maxScale, Math.max(this.scale * 2, fit));
        const cx = (Math.min(...xs) + Math.max(...xs)) / 2, cy = (Math.min(...ys) + Math.max(...ys)) / 2;
        this.scale = scale;
        this.tx = this.width / 2 - cx * scale;
        this.ty = this.height / 2 - cy * scale;
        this.render();
      } else {
        this._spread(cluster);
      }
    }

    /** Open a bubble: its markers on a ring (a few) or a sunflower spiral (many) around its
        point, each on a leg to it, until the next zoom, filter or click elsewhere. */
    _spread(cluster) {
      this.collapse(false);
      const n = cluster.members.length;
      const spacing = Math.max(22, 2 * Math.max(...cluster.members.map((m) => m.item.radius)) + 4);
      const offsets = [];
      if (n <= 10) {
        const ring = Math.max(28, spacing * n / (2 * Math.PI));
        for (let i = 0; i < n; i++) {
          const angle = -Math.PI / 2 + 2 * Math.PI * i / n;
          offsets.push([ring * Math.cos(angle), ring * Math.sin(angle)]);
        }
      } else {
        const step = spacing * 0.62, golden = Math.PI * (3 - Math.sqrt(5));
        for (let i = 0; i < n; i++) {
          const distance = step * Math.sqrt(i + 1.5);
          offsets.push([distance * Math.cos(i * golden), distance * Math.sin(i * golden)]);
        }
      }
      const legs = [];
      cluster.members.forEach((marker, i) => {
        const x = cluster.x + offsets[i][0] / this.scale, y = cluster.y + offsets[i][1] / this.scale;
        marker.at = [x, y];
        marker.circle.setAttribute("cx", x.toFixed(5));
        marker.circle.setAttribute("cy", y.toFixed(5));
        marker.circle.classList.remove("clustered");
        marker.circle.classList.add("spread");
        legs.push(svg("line", {class: "leg", x1: cluster.x, y1: cluster.y, x2: x, y2: y, "vector-effect": "non-scaling-stroke"}));
      });
      this.spiderLayer.replaceChildren(...legs);
      cluster.node.classList.add("open");
      this.spider = cluster;
      this.container.dataset.spread = String(n);
      if (this.onViewChange) this.onViewChange(this);
    }

    /** Close an opened bubble (and redraw unless told not to). */
    collapse(redraw = true) {
      const cluster = this.spider;
      if (!cluster) return;
      this.spider = null;
      for (const marker of cluster.members) {
        marker.at = null;
        marker.circle.setAttribute("cx", marker.x.toFixed(5));
        marker.circle.setAttribute("cy", marker.y.toFixed(5));
        marker.circle.classList.remove("spread");
        if (marker.cluster) marker.circle.classList.add("clustered");
      }
      this.spiderLayer.replaceChildren();
      cluster.node.classList.remove("open");
      delete this.container.dataset.spread;
      if (redraw) this.render();
    }

    _renderTiles() {
      if (!this.tileUrl) return;
      const z = Math.max(0, Math.min(19, Math.round(this.zoom)));
      const n = 2 ** z, size = WORLD / n;
      const x0 = Math.floor((-this.tx / this.scale) / size), x1 = Math.floor(((this.width - this.tx) / this.scale) / size);
      const y0 = Math.max(0, Math.floor((-this.ty / this.scale) / size));
      const y1 = Math.min(n - 1, Math.floor(((this.height - this.ty) / this.scale) / size));
      const wanted = new Set();
      for (let x = x0; x <= x1; x++) {
        for (let y = y0; y <= y1; y++) {
          const wrapped = ((x % n) + n) % n;
          const key = `${z}/${x}/${y}`;
          wanted.add(key);
          if (this.tileNodes.has(key)) continue;
          const href = this.tileUrl.replace("{z}", z).replace("{x}", wrapped).replace("{y}", y).replace("{s}", "abc"[(x + y) % 3]);
          const image = svg("image", {href, x: x * size, y: y * size, width: size, height: size, preserveAspectRatio: "none"});
          this.tileNodes.set(key, image);
          this.tileLayer.append(image);
        }
      }
      for (const [key, node] of this.tileNodes) {
        if (!wanted.has(key)) { node.remove(); this.tileNodes.delete(key); }
      }
    }

    _bindEvents() {
      const box = this.container;
      box.addEventListener("wheel", (event) => {
        event.preventDefault();
        const rect = box.getBoundingClientRect();
        const factor = Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.002));
        this.zoomBy(factor, event.clientX - rect.left, event.clientY - rect.top);
      }, {passive: false});
      box.addEventListener("dblclick", (event) => {
        if (event.target.closest(".mapcontrols, .popup, .cluster, .marker")) return;
        const rect = box.getBoundingClientRect();
        this.zoomBy(event.shiftKey ? 0.5 : 2, event.clientX - rect.left, event.clientY - rect.top);
      });
      let start = null;
      box.addEventListener("pointerdown", (event) => {
        if (event.button !== 0 || event.target.closest(".mapcontrols, .popup")) return;
        start = {x: event.clientX, y: event.clientY, tx: this.tx, ty: this.ty, id: event.pointerId};
        this._dragged = false;
      });
      box.addEventListener("pointermove", (event) => {
        if (!start || event.pointerId !== start.id) return;
        const dx = event.clientX - start.x, dy = event.clientY - start.y;
        if (!this._dragged && Math.hypot(dx, dy) < 4) return;
        if (!this._dragged) { box.setPointerCapture(event.pointerId); box.classList.add("dragging"); }
        this._dragged = true;
        this.tx = start.tx + dx; this.ty = start.ty + dy;
        this.render();
      });
      const end = (event) => {
        if (!start || event.pointerId !== start.id) return;
        start = null;
        box.classList.remove("dragging");
        setTimeout(() => { this._dragged = false; }, 0);
      };
      box.addEventListener("pointerup", end);
      box.addEventListener("pointercancel", end);
      box.addEventListener("keydown", (event) => {
        if (event.target !== box) return;
        const step = 80;
        const actions = {ArrowLeft: () => this.panBy(step, 0), ArrowRight: () => this.panBy(-step, 0),
          ArrowUp: () => this.panBy(0, step), ArrowDown: () => this.panBy(0, -step),
          "+": () => this.zoomBy(2), "=": () => this.zoomBy(2), "-": () => this.zoomBy(0.5)};
        if (actions[event.key]) { event.preventDefault(); actions[event.key](); }
      });
    }
  }

  /** Enter or Space on a focused marker or bubble does what a click does. */
  function pressable(node, action) {
    node.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation();
      action();
    });
  }

  return {MapView, project, unproject};
})();
