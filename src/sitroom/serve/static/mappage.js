/* The map page: incidents (or, on a server without them yet, events) as circles sized by the
   people killed and injured and coloured by type, grouped into numbered bubbles where they crowd
   (map.js), filtered in the browser by a two-handled date range and by type; a click opens what
   is known about the place. */
"use strict";

(() => {
  const {el, svg, getJSON, typeColour, typeLabel, subtypeLabel, formatDate, shortDate, placeText, formatNumber} = Sitroom;
  const UKRAINE = [21.5, 44.0, 40.8, 52.8];
  // Places known only to the oblast, a region or the country: drawn as rings, not dots.
  const VAGUE = new Set(["oblast", "region", "country"]);
  const PAGE = 1000, MAX_PAGES = 20;
  const mapBox = document.getElementById("map");
  const status = document.getElementById("map-status");
  const fromInput = document.getElementById("date-from"), toInput = document.getElementById("date-to");
  const fromOut = document.getElementById("date-from-out"), toOut = document.getElementById("date-to-out");
  const typeBox = document.getElementById("type-filters");
  const tableBody = document.querySelector("#marker-table tbody");

  let popup = null;
  const view = new SitroomMap.MapView(mapBox, {tileUrl: mapBox.dataset.tileUrl || "", onViewChange: placePopup});
  view.homeBounds = UKRAINE;
  view.fitBounds(UKRAINE);

  /** sqrt scale: a dot for none, then the area grows with the number of people. */
  function radius(casualties) {
    return casualties > 0 ? Math.min(42, 4 + 2.6 * Math.sqrt(casualties)) : 3.5;
  }

  function largest(figures, measure) {
    let best = null;
    for (const figure of figures || []) {
      if (figure.measure !== measure) continue;
      const value = figure.value ?? figure.high ?? figure.low;
      if (value !== null && value !== undefined && (best === null || value > best)) best = value;
    }
    return best;
  }

  /** One shape for incidents and events: what the markers, filters and popups need. */
  function normalise(feature, source) {
    const p = feature.properties || {};
    const [lon, lat] = feature.geometry.coordinates;
    const killed = p.killed ?? largest(p.figures, "killed");
    const injured = p.injured ?? largest(p.figures, "injured");
    const date = (p.date_start || p.date || "").slice(0, 10);
    const isIncident = source === "incidents";
    const label = subtypeLabel(p.type, p.subtype);
    return {
      id: p.id ?? feature.id, lon, lat, type: p.type || "", subtype: p.subtype || "", date,
      dateEnd: (p.date_end || "").slice(0, 10),
      title: p.title || (p.place ? `${label} in ${p.place.name}` : label),
      place: p.place || null, killed, injured, figures: p.figures || [],
      sources: Array.isArray(p.sources) ? p.sources.length : (typeof p.sources === "number" ? p.sources : 0),
      attribution: p.attribution || null, certainty: p.certainty || null, evidence: p.evidence || null,
      href: isIncident ? `/incidents/${p.id ?? feature.id}` : `/entries/${p.entry_id}#event-${p.id ?? feature.id}`,
      linkText: isIncident ? "Open the incident" : `Open entry ${p.entry_id}`,
      colour: typeColour(p.type), radius: radius((killed || 0) + (injured || 0)),
      vague: Boolean(p.place && VAGUE.has(p.place.precision)),
    };
  }

  async function loadAll(base) {
    const features = [];
    let total = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await getJSON(`${base}&limit=${PAGE}&offset=${page * PAGE}`);
      if (!result.ok) return page === 0 ? {error: result} : {features, total};
      features.push(...(result.data.features || []));
      total = result.data.total ?? features.length;
      if ((page + 1) * PAGE >= total) break;
    }
    return {features, total};
  }

  /** Incidents when the server links them (else events), or events when asked for. */
  async function loadItems(wanted) {
    let source = wanted === "events" ? "events" : "incidents";
    let loaded = await loadAll(`/api/${source}?format=geojson`);
    if (loaded.error && source === "incidents") {
      source = "events";
      loaded = await loadAll("/api/events?format=geojson");
    }
    if (loaded.error) return {error: loaded.error};
    return {source, total: loaded.total, items: loaded.features.filter((f) => f.geometry && f.geometry.coordinates).map((f) => normalise(f, source))};
  }

  // --- filters ---------------------------------------------------------------------------------

  const state = {days: [], types: new Set(), source: "incidents", items: [], markers: []};

  function dayIndex(iso) {
    // days since the first day, by binary search over the sorted distinct days
    let lo = 0, hi = state.days.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (state.days[mid] < iso) lo = mid + 1; else if (state.days[mid] > iso) hi = mid - 1; else return mid;
    }
    return lo;
  }

  function allDays(first, last) {
    const days = [];
    const d = new Date(first + "T00:00:00Z"), end = new Date(last + "T00:00:00Z");
    while (d <= end && days.length < 20000) { days.push(d.toISOString().slice(0, 10)); d.setUTCDate(d.getUTCDate() + 1); }
    return days;
  }

  // One slider with two handles: two native range inputs on one track (each keeps its keyboard
  // use, label and value for assistive technology), the span between them filled, and under it a
  // histogram of the items per day.  A handle pushed past the other takes it along.

  const slider = document.getElementById("date-slider"), fill = document.getElementById("date-fill");
  const histogram = document.getElementById("date-histogram");
  const MAX_BARS = 120;

  function setupDates(items) {
    const dated = items.map((i) => i.date).filter(Boolean).sort();
    document.getElementById("date-range").hidden = !dated.length;
    state.days = dated.length ? allDays(dated[0], dated[dated.length - 1]) : [];
    const last = Math.max(0, state.days.length - 1);
    for (const input of [fromInput, toInput]) { input.min = 0; input.max = last; }
    fromInput.value = 0; toInput.value = last;
    document.getElementById("date-first").textContent = state.days.length ? shortDate(state.days[0]) : "";
    document.getElementById("date-last").textContent = state.days.length ? shortDate(state.days[last]) : "";
  }

  function dateMoved(which) {
    let a = Number(fromInput.value), b = Number(toInput.value);
    if (a > b) { if (which === fromInput) toInput.value = b = a; else fromInput.value = a = b; }
    applyFilters();
  }
  fromInput.addEventListener("input", () => dateMoved(fromInput));
  toInput.addEventListener("input", () => dateMoved(toInput));
  // Page Up / Page Down move a week (the browser's own step is a tenth of the range).
  for (const input of [fromInput, toInput]) {
    input.addEventListener("keydown", (event) => {
      if (event.key !== "PageUp" && event.key !== "PageDown") return;
      event.preventDefault();
      const moved = Number(input.value) + (event.key === "PageUp" ? 7 : -7);
      input.value = Math.max(0, Math.min(Number(input.max), moved));
      dateMoved(input);
    });
  }
  // A press on the track (not on a handle) moves the nearer handle there.
  slider.addEventListener("pointerdown", (event) => {
    if (event.target === fromInput || event.target === toInput || !state.days.length) return;
    const rect = slider.getBoundingClientRect(), inset = 9;
    const share = (event.clientX - rect.left - inset) / Math.max(1, rect.width - 2 * inset);
    const value = Math.round(Math.max(0, Math.min(1, share)) * Number(toInput.max));
    const a = Number(fromInput.value), b = Number(toInput.value);
    const input = value < a || (value <= b && value - a < b - value) ? fromInput : toInput;
    input.value = value;
    dateMoved(input);
    input.focus();
  });

  /** The filled span, the handle on top (so two handles at one end can still be parted), the
      values read out as dates, and the histogram of what the type filters let through. */
  function drawDates(from, to, typed) {
    const last = Math.max(1, Number(toInput.max));
    const a = Number(fromInput.value), b = Number(toInput.value);
    fill.style.left = (100 * a / last) + "%";
    fill.style.width = (100 * (b - a) / last) + "%";
    fromInput.style.zIndex = a === b && a > last / 2 ? 3 : 1;
    fromInput.setAttribute("aria-valuetext", from ? formatDate(from) : "");
    toInput.setAttribute("aria-valuetext", to ? formatDate(to) : "");
    const days = state.days.length;
    if (!days) { histogram.replaceChildren(); return; }
    const bars = Math.min(MAX_BARS, days), per = days / bars;
    const counts = new Array(bars).fill(0);
    for (const item of typed) {
      if (!item.date) continue;
      counts[Math.min(bars - 1, Math.floor(dayIndex(item.date) / per))] += 1;
    }
    const most = Math.max(1, ...counts);
    histogram.setAttribute("viewBox", `0 0 ${bars} 1`);
    histogram.replaceChildren(...counts.map((count, i) => {
      const inside = (i + 1) * per - 1 >= a && i * per <= b;
      return svg("rect", {x: i + 0.1, width: 0.8, y: 1 - count / most, height: count / most, class: inside ? "in" : "out"});
    }));
  }

  function setupTypes(items) {
    const counts = new Map();
    for (const item of items) counts.set(item.type, (counts.get(item.type) || 0) + 1);
    const ordered = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    typeBox.replaceChildren();
    state.types.clear();
    for (const [type, count] of ordered) {
      state.types.add(type);
      const id = "type-" + type.replace(/[^a-z0-9_-]/gi, "");
      const box = el("input", {type: "checkbox", id, value: type, checked: true, "data-type": type});
      box.addEventListener("change", () => { box.checked ? state.types.add(type) : state.types.delete(type); applyFilters(); });
      const swatch = el("span", {class: "swatch", "aria-hidden": "true"});
      swatch.style.background = typeColour(type);
      typeBox.append(el("div", {class: "typerow"}, box, el("label", {for: id}, swatch, typeLabel(type) || "(no type)",
        el("span", {class: "count"}, String(count)))));
    }
  }

  function setAllTypes(on) {
    for (const box of typeBox.querySelectorAll("input")) {
      box.checked = on;
      on ? state.types.add(box.value) : state.types.delete(box.value);
    }
    applyFilters();
  }
  document.getElementById("types-all").addEventListener("click", () => setAllTypes(true));
  document.getElementById("types-none").addEventListener("click", () => setAllTypes(false));

  function applyFilters() {
    const full = !state.days.length || (Number(fromInput.value) === 0 && Number(toInput.value) === state.days.length - 1);
    const from = state.days[Number(fromInput.value)] || "", to = state.days[Number(toInput.value)] || "";
    fromOut.textContent = from ? shortDate(from) : "";
    toOut.textContent = to ? shortDate(to) : "";
    drawDates(from, to, state.items.filter((item) => state.types.has(item.type)));
    let shown = 0;
    const rows = [];
    for (const marker of state.markers) {
      const {item, circle} = marker;
      const inDates = full || (item.date && item.date <= to && (item.dateEnd || item.date) >= from);
      const visible = inDates && state.types.has(item.type);
      circle.classList.toggle("filtered", !visible);
      marker.hidden = !visible;
      if (visible) { shown++; rows.push(item); }
    }
    view.refresh();
    mapBox.dataset.shown = String(shown);
    const noun = state.source === "incidents" ? "incidents" : "events";
    status.textContent = `Showing ${shown} of ${state.items.length} ${noun}` +
      (state.fallback ? " (incidents are not available on this server yet, so each extracted event is shown)" : "") + ".";
    if (popup && popup.item && !rows.includes(popup.item)) closePopup();
    fillTable(rows);
  }

  function fillTable(rows) {
    rows = rows.slice().sort((a, b) => (a.date || "").localeCompare(b.date || "") || String(a.id).localeCompare(String(b.id)));
    const body = [];
    for (const item of rows.slice(0, 500)) {
      body.push(el("tr", {},
        el("td", {class: "nowrap"}, item.date ? shortDate(item.date) : "?"),
        el("td", {}, Sitroom.typeBadge(item.type, item.subtype)),
        el("td", {}, el("a", {href: item.href}, item.title)),
        el("td", {}, placeText(item.place)),
        el("td", {class: "num"}, formatNumber(item.killed)),
        el("td", {class: "num"}, formatNumber(item.injured))));
    }
    if (rows.length > 500) body.push(el("tr", {}, el("td", {colspan: 6}, `… and ${rows.length - 500} more; narrow the dates or types.`)));
    tableBody.replaceChildren(...body);
  }

  // --- popup -----------------------------------------------------------------------------------

  function closePopup() {
    if (!popup) return;
    const had = popup.node.contains(document.activeElement) && popup.marker;
    popup.node.remove();
    popup = null;
    if (had && view.markerShown(had)) had.circle.focus({preventScroll: true});  // back where the reader was
  }

  function popupEntry(item) {
    const figures = [];
    if (item.killed !== null && item.killed !== undefined) figures.push(`${formatNumber(item.killed)} killed`);
    if (item.injured !== null && item.injured !== undefined) figures.push(`${formatNumber(item.injured)} injured`);
    for (const figure of item.figures) {
      if (figure.measure !== "killed" && figure.measure !== "injured") figures.push(Sitroom.figureLine(figure));
    }
    const dates = item.dateEnd && item.dateEnd !== item.date ? `${formatDate(item.date)} – ${formatDate(item.dateEnd)}` : formatDate(item.date);
    const says = Sitroom.attributionText(item.attribution);
    return el("article", {class: "popup-item"},
      el("h3", {}, item.title),
      el("p", {class: "popup-meta"}, Sitroom.typeBadge(item.type, item.subtype)),
      el("p", {}, el("span", {class: "label"}, "When "), dates),
      el("p", {}, el("span", {class: "label"}, "Where "), placeText(item.place),
        item.vague ? el("span", {class: "hint"}, ` (known only to the ${item.place.precision}: the marker is at its middle)`) : null),
      figures.length ? el("p", {}, el("span", {class: "label"}, "Figures "), [...new Set(figures)].join("; ")) : null,
      says ? el("p", {}, el("span", {class: "label"}, "Source "), says) : null,
      item.sources > 1 ? el("p", {}, el("span", {class: "label"}, "Reported by "), `${item.sources} sources`) : null,
      el("p", {}, el("a", {href: item.href}, item.linkText + " →")));
  }

  /** The popup of a marker; with the others drawn at the same point, unless it was opened out
      of a bubble (then the others are beside it on the map). */
  function openPopup(item, circle, spread) {
    closePopup();
    const marker = state.markers.find((m) => m.item === item);
    const here = spread ? [] : state.markers.filter((other) => other.item !== item && view.markerShown(other) &&
      other.item.lon === item.lon && other.item.lat === item.lat).map((other) => other.item);
    const node = el("div", {class: "popup", role: "dialog", "aria-label": item.title},
      el("button", {type: "button", class: "close", "aria-label": "Close", onclick: closePopup}, "×"));
    const body = el("div", {class: "popup-body"}, popupEntry(item));
    for (const other of here.slice(0, 9)) body.append(popupEntry(other));
    if (here.length > 9) body.append(el("p", {class: "small"}, `… and ${here.length - 9} more here.`));
    node.append(body);
    mapBox.append(node);
    popup = {node, item, marker};
    placePopup();
    node.querySelector("a, button").focus({preventScroll: true});
  }

  function placePopup() {
    if (!popup) return;
    if (!view.markerShown(popup.marker)) { closePopup(); return; }  // zoomed out into a bubble
    const [x, y] = view.markerScreen(popup.marker);
    const width = popup.node.offsetWidth, height = popup.node.offsetHeight;
    let left = x - width / 2, top = y - height - popup.item.radius - 8;
    if (top < 4) top = y + popup.item.radius + 8;
    left = Math.max(4, Math.min(view.width - width - 4, left));
    popup.node.style.left = left + "px";
    popup.node.style.top = Math.max(4, top) + "px";
  }

  mapBox.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    if (popup) closePopup(); else view.collapse();  // one step back at a time
  });
  mapBox.addEventListener("click", (event) => {
    if (event.target.closest(".popup, .marker, .mapcontrols, .cluster") || view._dragged) return;
    closePopup();
    view.collapse();
  });

  // --- legend ----------------------------------------------------------------------------------

  function sizeLegend() {
    const box = document.getElementById("size-legend");
    const samples = [[0, "none"], [10, "10"], [100, "100"]];
    const top = 2 * radius(100) + 4;
    let x = 14;
    for (const [value, text] of samples) {
      const r = radius(value);
      x += Math.max(r, 10);
      box.append(svg("circle", {cx: x, cy: top - r, r, class: "legend-circle"}));
      box.append(svg("text", {x, y: top + 15, "text-anchor": "middle", class: "legend-text", text}));
      x += Math.max(r, 10) + 12;
    }
    box.append(svg("circle", {cx: x + 14, cy: top - 14, r: 14, class: "legend-circle vague"}));
    box.append(svg("text", {x: x + 14, y: top + 15, "text-anchor": "middle", class: "legend-text", text: "area"}));
    box.setAttribute("width", x + 34);
    box.setAttribute("height", top + 20);
  }

  // --- start -----------------------------------------------------------------------------------

  async function load(wanted) {
    closePopup();
    mapBox.dataset.ready = "false";
    status.classList.remove("error");
    status.textContent = "Loading…";
    const loaded = await loadItems(wanted);
    if (loaded.error) {
      status.textContent = "Nothing to show: " + loaded.error.message;
      status.classList.add("error");
      return;
    }
    state.source = loaded.source;
    state.fallback = loaded.source === "events" && wanted !== "events";
    for (const radio of document.querySelectorAll("input[name=source]")) {
      radio.checked = radio.value === state.source;
      if (radio.value === "incidents" && state.source === "events" && wanted !== "events") radio.disabled = true;
    }
    // Big circles first, so the small ones stay clickable on top of them.
    state.items = loaded.items.sort((a, b) => b.radius - a.radius);
    setupDates(state.items);
    setupTypes(state.items);
    state.markers = view.setMarkers(state.items, openPopup);
    mapBox.dataset.source = state.source;
    applyFilters();
    mapBox.dataset.ready = "true";
  }

  async function start() {
    sizeLegend();
    for (const radio of document.querySelectorAll("input[name=source]")) {
      radio.addEventListener("change", () => { if (radio.checked) load(radio.value); });
    }
    const base = getJSON("/api/boundaries.geojson");
    const data = load(new URLSearchParams(location.search).get("show"));
    const layer = await base;
    if (layer.ok) {
      view.setBaseLayer(layer.data);
      mapBox.dataset.baseFeatures = String((layer.data.features || []).length);
      if (layer.data.error) document.getElementById("map-attribution").textContent = layer.data.error;
    } else {
      document.getElementById("map-attribution").textContent = "The base map could not be loaded: " + layer.message;
    }
    mapBox.dataset.base = layer.ok ? "ready" : "failed";
    await data;
  }

  start();
})();
