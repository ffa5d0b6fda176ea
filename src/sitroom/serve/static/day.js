/* The day page: the brief's key points, each citing the entries it rests on, and the day's
   incidents in the order they happened. */
"use strict";

(async () => {
  const {el, getJSON, missingEndpoint, typeColour, typeBadge, formatDate, placeText, formatNumber, showError, done} = Sitroom;
  const day = document.getElementById("day").dataset.day;
  const briefBox = document.getElementById("brief"), timelineBox = document.getElementById("timeline");

  /** On an empty day, say which days the stored coverage spans, with links to its ends. */
  async function coverageHint() {
    const stats = await getJSON("/api/stats");
    const first = stats.ok && (stats.data.first_posted || "").slice(0, 10), last = stats.ok && (stats.data.last_posted || "").slice(0, 10);
    if (!first || !last) return;
    briefBox.append(el("p", {class: "notice"}, "The stored coverage runs from ",
      el("a", {href: `/day/${first}`}, formatDate(first)), " to ", el("a", {href: `/day/${last}`}, formatDate(last)), "."));
  }

  document.getElementById("day-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = document.getElementById("day-input").value;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) location.href = "/day/" + value;
  });

  const sourceCount = (incident) => (Array.isArray(incident.sources) ? incident.sources.length : Number(incident.sources) || 0);

  const [brief, timeline] = await Promise.all([
    getJSON(`/api/brief/${day}`), getJSON(`/api/timeline?since=${day}&until=${day}`)]);

  if (!brief.ok) {
    showError(briefBox, missingEndpoint(brief) ? "This server does not write briefs yet." : "No brief: " + brief.message);
  } else if (!(brief.data.points || []).length) {
    done(briefBox, el("p", {class: "status"}, "Nothing was reported for this day."));
  } else {
    const list = el("ol", {class: "brief"});
    for (const point of brief.data.points) {
      const cites = el("span", {class: "cites"});
      (point.entry_ids || []).forEach((entryId, k) => cites.append(el("a", {href: `/entries/${entryId}`, title: `Entry ${entryId}`}, `[${k + 1}]`)));
      list.append(el("li", {}, point.text, " ", cites,
        point.incident_id ? el("a", {class: "small", href: `/incidents/${point.incident_id}`}, "incident") : null));
    }
    done(briefBox, list);
  }

  const emptyBrief = brief.ok && !(brief.data.points || []).length;
  const emptyTimeline = timeline.ok && !(timeline.data.items || []).length;
  if (emptyBrief && emptyTimeline) coverageHint();

  if (!timeline.ok) {
    showError(timelineBox, missingEndpoint(timeline) ? "This server has no timeline yet." : "No timeline: " + timeline.message);
    return;
  }
  const items = timeline.data.items || [];
  if (!items.length) { done(timelineBox, el("p", {class: "status"}, "No incidents on this day.")); return; }
  const list = el("ul", {class: "timeline"});
  for (const incident of items) {
    const figures = [];
    if (incident.killed !== null && incident.killed !== undefined) figures.push(`${formatNumber(incident.killed)} killed`);
    if (incident.injured !== null && incident.injured !== undefined) figures.push(`${formatNumber(incident.injured)} injured`);
    const item = el("li", {},
      el("p", {class: "when"}, incident.date_end && incident.date_end !== incident.date_start
        ? `${formatDate(incident.date_start)} – ${formatDate(incident.date_end)}` : formatDate(incident.date_start), " · ", placeText(incident.place), " ", typeBadge(incident.type, incident.subtype)),
      el("p", {}, el("a", {href: `/incidents/${incident.id}`}, incident.title || `Incident ${incident.id}`),
        figures.length ? " — " + figures.join(", ") : "",
        sourceCount(incident) ? el("span", {class: "small status"}, ` (${sourceCount(incident)} source${sourceCount(incident) === 1 ? "" : "s"})`) : null));
    item.style.setProperty("--dot", typeColour(incident.type));
    list.append(item);
  }
  done(timelineBox, list);
})();
