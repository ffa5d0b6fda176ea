/* The entry page: the analysed text with every mention marked by kind (nested where one mention
   lies inside another), the events read from it, and the paragraphs left out of the analysis. */
"use strict";

(async () => {
  const {el, getJSON, formatDate, humanise, eventList, showError, done} = Sitroom;
  const root = document.getElementById("entry");
  const id = root.dataset.entryId;
  const textBox = document.getElementById("entry-text");
  const KINDS = ["place", "actor", "figure", "weapon", "date", "attribution"];
  const result = await getJSON(`/api/entries/${id}`);
  if (!result.ok) {
    showError(textBox, result.status === 404 ? `There is no entry ${id}.` : "The entry could not be loaded: " + result.message);
    document.getElementById("entry-events").replaceChildren();
    return;
  }
  const entry = result.data;
  const title = entry.headline || entry.document_title || `Entry ${id}`;
  document.getElementById("entry-title").textContent = title;
  document.title = `${title} · sitroom`;
  document.getElementById("entry-kicker").textContent = `${humanise(entry.kind)} · entry ${entry.id}`;
  const meta = document.getElementById("entry-meta");
  meta.append(formatDate(entry.posted_at));
  if (entry.document_title && entry.document_title !== title) meta.append(" · in ", el("cite", {}, entry.document_title));
  const notes = document.getElementById("entry-notes");
  const note = (text, href, linkText) => notes.append(el("p", {class: "notice"}, text, href ? el("a", {href}, linkText) : null));
  if (entry.duplicate_of) note("This entry repeats an earlier one: ", `/entries/${entry.duplicate_of}`, `entry ${entry.duplicate_of}`);
  if (entry.superseded_by) note("A later edit replaces this entry: ", `/entries/${entry.superseded_by}`, `entry ${entry.superseded_by}`);
  if (entry.revises) note("This is an edit of ", `/entries/${entry.revises}`, `entry ${entry.revises}`);

  done(textBox, markedText(entry.text, entry.mentions || []));
  kindSwitches(entry.mentions || []);
  done(document.getElementById("entry-events"), eventList(entry.events || [], {linkEntries: false}));
  leftOut(entry.paragraphs || []);
  if (location.hash) { const target = document.getElementById(location.hash.slice(1)); if (target) target.scrollIntoView(); }

  /** Text split at every mention boundary; each piece wrapped in its mentions, outermost first.
      Offsets count code points (as Python does), so the text is split with Array.from. */
  function markedText(text, mentions) {
    const chars = Array.from(text);
    const spans = mentions.filter((m) => m.start >= 0 && m.end > m.start && m.end <= chars.length)
      .map((m, k) => ({...m, k}));
    const cuts = new Set([0, chars.length]);
    for (const m of spans) { cuts.add(m.start); cuts.add(m.end); }
    const points = [...cuts].sort((a, b) => a - b);
    const out = document.createDocumentFragment();
    for (let i = 0; i + 1 < points.length; i++) {
      const from = points[i], to = points[i + 1];
      const piece = chars.slice(from, to).join("");
      const covering = spans.filter((m) => m.start <= from && m.end >= to)
        .sort((a, b) => (b.end - b.start) - (a.end - a.start) || a.k - b.k);
      let node = document.createTextNode(piece);
      covering.forEach((m, depth) => {
        // innermost gets depth 0 (filled); each outer one sits lower, as an underline
        const level = covering.length - 1 - depth;
        const kind = KINDS.includes(m.kind) ? m.kind : "other";
        const span = el("span", {class: `mention k-${kind} depth-${Math.min(level, 2)}`, "data-kind": m.kind, title: describe(m)});
        span.append(node);
        node = span;
      });
      out.append(node);
    }
    return out;
  }

  function describe(m) {
    const v = m.value || {};
    switch (m.kind) {
      case "place": return `place: ${v.name || m.text}` + (v.admin1 ? `, ${v.admin1}` : "") + (v.country ? `, ${v.country}` : "") +
        (v.lat !== undefined && v.lat !== null ? ` (${Number(v.lat).toFixed(3)}, ${Number(v.lon).toFixed(3)}; ${v.precision || ""})` : "");
      case "actor": return `actor: ${v.name || m.text}` + (v.role ? ` (${v.role})` : "");
      case "figure": return `figure: ${v.measure || ""} ${Sitroom.figureText(v)}` + (v.group ? ` (${v.group})` : "");
      case "weapon": return `weapon: ${v.name || v.model || v.class || m.text}`;
      case "date": return `date: ${v.date || v.value || m.text}`;
      case "attribution": return `according to: ${[v.person, v.organisation].filter(Boolean).join(", ") || m.text}`;
      default: return `${m.kind}: ${m.text}`;
    }
  }

  function kindSwitches(mentions) {
    const present = new Set(mentions.map((m) => (KINDS.includes(m.kind) ? m.kind : "other")));
    const box = document.getElementById("mention-kinds");
    const order = [...KINDS, "other"].filter((k) => present.has(k));
    if (!order.length) { box.append(el("span", {class: "hint"}, "Nothing was found to mark.")); return; }
    for (const kind of order) {
      const count = mentions.filter((m) => (KINDS.includes(m.kind) ? m.kind : "other") === kind).length;
      const input = el("input", {type: "checkbox", value: kind, checked: true, id: "kind-" + kind});
      input.addEventListener("change", () => textBox.classList.toggle("hide-" + kind, !input.checked));
      box.append(el("label", {for: "kind-" + kind}, input, el("span", {class: `kind-key k-${kind}`, "aria-hidden": "true"}), `${kind} (${count})`));
    }
  }

  function leftOut(paragraphs) {
    const kept = paragraphs.filter((p) => p.role !== "text" && p.role !== "quote");
    if (!kept.length) return;
    const list = document.getElementById("left-out-list");
    for (const p of kept) list.append(el("li", {}, el("span", {class: "badge"}, p.role), " ", p.text));
    document.getElementById("left-out").hidden = false;
  }
})();
