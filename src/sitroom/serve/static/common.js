/* sitroom pages: what every page shares.  Elements are built with textContent only; the one
   place markup from the API is used (search snippets) goes through safeMarked(), which keeps
   <mark> and nothing else. */
"use strict";

const Sitroom = (() => {
  const SVG_NS = "http://www.w3.org/2000/svg";

  /** el("a", {href: "/x", class: "y"}, "text", child, ...): an element; strings become text nodes. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function setAttrs(node, attrs) {
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
  }

  function append(node, children) {
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }

  /** Fetch JSON; resolves to {ok, status, data, message} and never throws. */
  async function getJSON(url) {
    try {
      const response = await fetch(url, {headers: {Accept: "application/json"}, credentials: "same-origin"});
      let data = null;
      try { data = await response.json(); } catch (_) { data = null; }
      const message = data && data.error && data.error.message ? data.error.message : response.statusText;
      return {ok: response.ok, status: response.status, data, message};
    } catch (error) {
      return {ok: false, status: 0, data: null, message: "the server cannot be reached (" + error.message + ")"};
    }
  }

  /** Whether a 404 means "this endpoint does not exist on this server" rather than "no such item". */
  function missingEndpoint(result) {
    return result.status === 404 && /no such endpoint/i.test(result.message || "");
  }

  /** HTML from the API that should hold only escaped text and <mark>: anything else becomes text. */
  function safeMarked(html) {
    const template = document.createElement("template");
    template.innerHTML = String(html || "");
    const out = document.createDocumentFragment();
    const walk = (source, target) => {
      for (const node of source.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) target.append(document.createTextNode(node.textContent));
        else if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "MARK") {
          const mark = document.createElement("mark");
          walk(node, mark);
          target.append(mark);
        } else if (node.nodeType === Node.ELEMENT_NODE) target.append(document.createTextNode(node.textContent));
      }
    };
    walk(template.content, out);
    return out;
  }

  const types = (() => {
    try { return JSON.parse(document.getElementById("sitroom-types").textContent) || {}; } catch (_) { return {}; }
  })();

  function typeColour(type) { return (types[type] && types[type].colour) || "#737373"; }
  function typeLabel(type) { return (types[type] && types[type].label) || humanise(type); }
  function subtypeLabel(type, subtype) {
    for (const entry of Object.values(types)) if (entry.subtypes && entry.subtypes[subtype]) return entry.subtypes[subtype];
    return humanise(subtype);
  }
  function humanise(key) {
    const text = String(key || "").replace(/_/g, " ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function typeBadge(type, subtype) {
    const badge = el("span", {class: "badge"}, el("span", {class: "swatch", "aria-hidden": "true"}),
      subtype ? subtypeLabel(type, subtype) : typeLabel(type));
    badge.firstChild.style.background = typeColour(type);
    badge.title = typeLabel(type) + (subtype ? " / " + subtypeLabel(type, subtype) : "");
    return badge;
  }

  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];

  /** "31 December 2022" from "2022-12-31"; with a time, "31 December 2022, 14:05 UTC". */
  function formatDate(iso) {
    if (!iso) return "date unknown";
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso);
    if (!m) return iso;
    const day = `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
    return m[4] ? `${day}, ${m[4]}:${m[5]} UTC` : day;
  }

  function shortDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1].slice(0, 3)} ${m[1]}` : (iso || "?");
  }

  function placeText(place) {
    if (!place) return "place unknown";
    const parts = [place.name];
    if (place.admin1 && place.admin1 !== place.name) parts.push(place.admin1);
    if (place.country && place.precision !== "country") parts.push(place.country);
    return parts.join(", ");
  }

  function formatNumber(value) {
    if (value === null || value === undefined) return "";
    return Number(value).toLocaleString("en-GB", {maximumFractionDigits: 1});
  }

  /** "89", "more than 70,000", "up to 10", "10–20". */
  function figureText(figure) {
    const {value, low, high} = figure;
    if (low !== null && low !== undefined && high !== null && high !== undefined && low !== high) {
      return `${formatNumber(low)}–${formatNumber(high)}`;
    }
    if (value === null || value === undefined) {
      if (low !== null && low !== undefined) return "at least " + formatNumber(low);
      if (high !== null && high !== undefined) return "up to " + formatNumber(high);
      return "?";
    }
    if (low !== null && low !== undefined && value === low && (high === null || high === undefined)) return "at least " + formatNumber(value);
    if (high !== null && high !== undefined && value === high && (low === null || low === undefined)) return "up to " + formatNumber(value);
    return formatNumber(value);
  }

  function figureLine(figure) {
    const what = [String(figure.measure || "").replace(/_/g, " "), figure.group ? `(${figure.group})` : "", figure.item ? figure.item : ""].filter(Boolean).join(" ");
    let text = `${figureText(figure)} ${what}`;
    if (figure.previous !== null && figure.previous !== undefined) text += `, up from ${formatNumber(figure.previous)}`;
    return text;
  }

  function attributionText(attribution) {
    if (!attribution) return "";
    const {organisation, person} = attribution;
    if (person && organisation) return `${person} (${organisation})`;
    return person || organisation || "";
  }

  /** A list of events (as /api/events gives them), each linking to the entry it was read from. */
  function eventList(events, {linkEntries = true} = {}) {
    if (!events || !events.length) return el("p", {class: "status"}, "No events.");
    const list = el("ul", {class: "events"});
    for (const event of events) {
      const item = el("li", {class: "event", id: "event-" + event.id});
      item.append(el("p", {class: "event-head"}, typeBadge(event.type, event.subtype), " ",
        el("span", {class: "event-date"}, formatDate(event.date)), " · ", el("span", {}, placeText(event.place)),
        event.certainty && event.certainty !== "reported" ? el("span", {class: "certainty c-" + event.certainty}, event.certainty) : null));
      const facts = [];
      for (const figure of event.figures || []) facts.push(el("li", {}, figureLine(figure)));
      if (event.weapon) facts.push(el("li", {}, "weapon: " + event.weapon));
      for (const actor of event.actors || []) {
        facts.push(el("li", {}, (actor.role === "target" ? "hit: " : actor.role === "actor" ? "by: " : "actor: ") + actor.name));
      }
      const says = attributionText(event.attribution);
      if (says) facts.push(el("li", {}, "according to " + says));
      if (facts.length) item.append(el("ul", {class: "facts"}, facts));
      if (event.evidence) item.append(el("blockquote", {class: "evidence"}, event.evidence));
      if (linkEntries && event.entry_id) item.append(el("p", {class: "small"}, el("a", {href: `/entries/${event.entry_id}#event-${event.id}`}, `Entry ${event.entry_id}`)));
      list.append(item);
    }
    return list;
  }

  function showError(container, message) {
    container.replaceChildren(el("p", {class: "notice error", role: "alert"}, message));
    container.removeAttribute("aria-busy");
  }

  function done(container, ...children) {
    container.replaceChildren(...children);
    container.removeAttribute("aria-busy");
  }

  return {el, svg, getJSON, missingEndpoint, safeMarked, types, typeColour, typeLabel, subtypeLabel, typeBadge,
    humanise, formatDate, shortDate, placeText, formatNumber, figureText, figureLine, attributionText, eventList,
    showError, done};
})();
