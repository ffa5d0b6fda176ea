/* The search page: ranked entries with their matches marked, each linking to the entry. */
"use strict";

(async () => {
  const {el, getJSON, safeMarked, formatDate, humanise} = Sitroom;
  const box = document.getElementById("search");
  const q = box.dataset.q || "";
  const offset = Number(box.dataset.offset || 0);
  const status = document.getElementById("search-status");
  const results = document.getElementById("results");
  const pager = document.getElementById("search-pages");
  const LIMIT = 50;
  if (!q) { status.textContent = "Type words to find in every stored entry."; return; }
  status.textContent = "Searching…";
  const result = await getJSON(`/api/search?q=${encodeURIComponent(q)}&limit=${LIMIT}&offset=${offset}`);
  if (!result.ok) {
    status.textContent = "The search failed: " + result.message;
    status.classList.add("error");
    return;
  }
  const {items, total} = result.data;
  if (!total) {
    status.textContent = result.data.query === null ? `“${q}” has no word to search for.` : `No entry matches “${q}”.`;
    return;
  }
  const last = Math.min(offset + items.length, total);
  status.textContent = `${total} result${total === 1 ? "" : "s"} for “${q}”` + (total > items.length ? `, ${offset + 1}–${last} shown` : "") + ".";
  for (const hit of items) {
    const heading = hit.headline_html ? safeMarked(hit.headline_html) : document.createTextNode(hit.document_title || `Entry ${hit.id}`);
    const meta = [humanise(hit.kind), formatDate(hit.posted_at)];
    if (hit.document_title && hit.headline && hit.document_title !== hit.headline) meta.push("in " + hit.document_title);
    if (hit.duplicate_of) meta.push(`repeats entry ${hit.duplicate_of}`);
    results.append(el("li", {},
      el("h2", {}, el("a", {href: `/entries/${hit.id}`}, heading)),
      el("p", {class: "result-meta"}, meta.join(" · ")),
      el("p", {class: "snippet"}, safeMarked(hit.snippet))));
  }
  const link = (at, text, rel) => el("a", {href: `/search?q=${encodeURIComponent(q)}&offset=${at}`, rel}, text);
  if (offset > 0) pager.append(link(Math.max(0, offset - LIMIT), "← Previous", "prev"));
  if (last < total) pager.append(link(last, "Next →", "next"));
})();
