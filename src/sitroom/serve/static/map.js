/* A small SVG map in Web Mercator: an offline vector base layer (GeoJSON of land, lakes, borders
   and oblasts), optional raster tiles under it, markers on top; pan by dragging or the arrow keys,
   zoom with the wheel, a double click, + and −.

   Geometry is projected once into "world units" (the whole world is 256 wide, as a zoom-0 tile)
   and drawn inside one group whose transform is the view, so a pan or zoom changes one attribute;
   strokes keep their width (vector-effect) and markers keep their size in pixels. */
"use strict";

const SitroomMap = (() => {
  const {svg, el} = Sitroom;
  const WORLD = 256;
  const MAX_LAT = 85.0511;

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
      this.labelNodes = [];
      this.tileNodes = new Map();

      this.root = svg("svg", {class: "mapsvg", width: "100%", height: "100%", "aria-hidden": "true", focusable: "false"});
      this.world = svg("g", {class: "world"});
      this.tileLayer = svg("g", {class: "tiles"});
      this.baseLayer = svg("g", {class: "base"});
      this.markerLayer = svg("g", {class: "markers"});
      this.world.append(this.tileLayer, this.baseLayer, this.markerLayer);
      this.labelLayer = svg("g", {class: "labels"});
      this.root.append(this.world, this.labelLayer);
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

    /** Replace the markers: items with lon, lat, radius (px), colour; returns their circles. */
    setMarkers(items, onClick) {
      this.markerLayer.replaceChildren();
      this.markers = items.map((item) => {
        const [x, y] = project(item.lon, item.lat);
        const circle = svg("circle", {class: "marker", cx: x.toFixed(5), cy: y.toFixed(5), r: 1,
          "vector-effect": "non-scaling-stroke", "data-type": item.type || "", "data-id": item.id});
        circle.style.fill = item.colour;
        if (item.vague) { circle.classList.add("vague"); circle.style.stroke = item.colour; }
        circle.addEventListener("click", (event) => {
          if (this._dragged) return;
          event.stopPropagation();
          onClick && onClick(item, circle);
        });
        this.markerLayer.append(circle);
        return {item, circle};
      });
      this.render();
      return this.markers;
    }

    render() {
      this.world.setAttribute("transform", `translate(${this.tx.toFixed(2)} ${this.ty.toFixed(2)}) scale(${this.scale})`);
      for (const {item, circle} of this.markers) circle.setAttribute("r", (item.radius / this.scale).toFixed(6));
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
        if (event.target.closest(".mapcontrols, .popup")) return;
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

  return {MapView, project, unproject};
})();
