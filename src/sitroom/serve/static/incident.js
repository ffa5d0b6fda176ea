/* The incident page: what happened, where and when, who reported it, the events it gathers, and
   a chart per figure of every source's claims over time (revisions as steps, conflicts marked). */
"use strict";

(async () => {
  const {el, svg, getJSON, missingEndpoint, typeBadge, formatDate, shortDate, placeText, formatNumber, eventList, showError, done} = Sitroom;
  const id = document.getElementById("incident").dataset.incidentId;
  const body = document.getElementById("incident-body"), claimsBox = document.getElementById("claims");
  const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];

  const [incidentResult, claimsResult] = await Promise.all([getJSON(`/api/incidents/${id}`), getJSON(`/api/incidents/${id}/claims`)]);
  if (!incidentResult.ok) {
    const message = missingEndpoint(incidentResult) ? "This server does not link incidents yet."
      : incidentResult.status === 404 ? `There is no incident ${id}.` : "The incident could not be loaded: " + incidentResult.message;
    showError(body, message);
    showError(claimsBox, "No claims to show.");
    return;
  }
  const incident = incidentResult.data;
  if (String(incident.id) !== String(id)) {
    // The API followed a merge: this incident's reports were found to tell another's happening.
    history.replaceState(null, "", `/incidents/${incident.id}${location.search}`);
    document.getElementById("incident-body").before(
      el("p", {class: "notice", role: "status"}, `Incident ${id} was merged into incident ${incident.id}: the same happening.`));
  }
  const title = incident.title || `Incident ${incident.id}`;
  document.getElementById("incident-title").textContent = title;
  document.title = `${title} · sitroom`;
  document.getElementById("incident-kicker").textContent = `Incident ${incident.id}`;

  const facts = el("dl", {class: "facts-grid"});
  const fact = (term, ...value) => facts.append(el("dt", {}, term), el("dd", {}, ...value));
  fact("Type", typeBadge(incident.type, incident.subtype));
  const when = incident.date_end && incident.date_end !== incident.date_start
    ? `${formatDate(incident.date_start)} – ${formatDate(incident.date_end)}` : formatDate(incident.date_start);
  fact("When", el("a", {href: `/day/${(incident.date_start || "").slice(0, 10)}`}, when));
  fact("Where", placeText(incident.place));
  if (incident.first_reported) fact("First reported", formatDate(incident.first_reported));
  if (incident.killed !== null && incident.killed !== undefined) fact("Killed", formatNumber(incident.killed), el("span", {class: "hint"}, " (largest current figure of any source)"));
  if (incident.injured !== null && incident.injured !== undefined) fact("Injured", formatNumber(incident.injured));
  // Who says what: the sources named by the figures and the events' attributions.
  const named = new Set();
  for (const f of incident.figures || []) if (f.source) named.add(f.source);
  for (const e of incident.events || []) { const who = Sitroom.attributionText(e.attribution); if (who) named.add(who); }
  const count = Array.isArray(incident.sources) ? incident.sources.length : Number(incident.sources) || 0;
  if (count || named.size) {
    fact("Sources", count ? `${count} source${count === 1 ? "" : "s"}` : "", named.size ? el("ul", {class: "sourcelist"}, [...named].map((n) => el("li", {}, n))) : null);
  }
  if ((incident.document_ids || []).length) fact("Documents", `${incident.document_ids.length} (${incident.document_ids.map((d) => "#" + d).join(", ")})`);
  const parts = [facts];
  if ((incident.figures || []).length) {
    const table = el("table", {class: "list"},
      el("caption", {class: "visually-hidden"}, "Current figures by source"),
      el("thead", {}, el("tr", {}, ["Figure", "Group", "Value", "Source", "Reported"].map((h, k) => el("th", {scope: "col", class: k === 2 ? "num" : null}, h)))));
    const rows = el("tbody");
    for (const f of incident.figures) {
      rows.append(el("tr", {}, el("td", {}, f.measure), el("td", {}, f.group || ""), el("td", {class: "num"}, Sitroom.figureText(f)),
        el("td", {}, f.source || "unattributed"), el("td", {class: "nowrap"}, f.reported_at ? formatDate(f.reported_at) : "")));
    }
    table.append(rows);
    parts.push(el("h2", {}, "Figures"), table);
  }
  done(body, ...parts);
  done(document.getElementById("incident-events"), eventList(incident.events || []));

  if (!claimsResult.ok) {
    showError(claimsBox, missingEndpoint(claimsResult) ? "This server does not keep claim histories yet." : "No claims: " + claimsResult.message);
    return;
  }
  const series = claimsResult.data.series || [];
  if (!series.length) { done(claimsBox, el("p", {class: "status"}, "No figures were reported for this incident.")); return; }
  const keyOf = (s) => [s.measure, s.group || "", s.scope || ""].join("|");
  const groups = new Map();
  for (const s of series) { if (!groups.has(keyOf(s))) groups.set(keyOf(s), []); groups.get(keyOf(s)).push(s); }
  const conflicts = new Map((claimsResult.data.conflicts || []).map((c) => [keyOf(c), c]));
  const charts = [];
  const rank = (key) => ({killed: 0, injured: 1}[key.split("|")[0]] ?? 2);
  // Killed, then injured, then the rest; within each, the figure reported most often first.
  const reports = (members) => members.reduce((sum, s) => sum + (s.claims || []).length, 0);
  const ordered = [...groups].sort((a, b) => rank(a[0]) - rank(b[0]) || reports(b[1]) - reports(a[1]));
  for (const [key, members] of ordered) charts.push(chart(members, conflicts.get(key)));
  done(claimsBox, ...charts);

  function claimValue(c) { return c.value ?? c.high ?? c.low; }

  function chart(members, conflict) {
    const {measure, group, scope} = members[0];
    const name = [measure, group ? `(${group})` : "", scope ? `— ${scope}` : ""].filter(Boolean).join(" ");
    const W = 760, H = 260, M = {left: 56, right: 48, top: 14, bottom: 40};
    const all = members.flatMap((s) => s.claims.filter((c) => claimValue(c) !== null && claimValue(c) !== undefined && c.reported_at));
    const figure = el("figure", {class: "chart"});
    const caption = el("figcaption", {}, name.charAt(0).toUpperCase() + name.slice(1));
    if (conflict) {
      caption.append(" ", el("span", {class: "conflict"}, "⚠ sources disagree: " +
        conflict.claims.map((c) => `${c.source || "unattributed"} ${formatNumber(c.value)}`).join(" vs ")));
    }
    figure.append(caption);
    if (!all.length) { figure.append(el("p", {class: "status"}, "No dated values.")); return figure; }
    const times = all.map((c) => Date.parse(c.reported_at));
    let t0 = Math.min(...times), t1 = Math.max(...times);
    const pad = Math.max((t1 - t0) * 0.08, 3 * 3600e3);
    t0 -= pad; t1 += pad;
    const vmax = niceMax(Math.max(...all.map(claimValue)) * 1.08);
    const x = (t) => M.left + (t - t0) / (t1 - t0) * (W - M.left - M.right);
    const y = (v) => H - M.bottom - v / vmax * (H - M.top - M.bottom);
    const plot = svg("svg", {viewBox: `0 0 ${W} ${H}`, role: "img",
      "aria-label": `${name}: ` + members.map((s) => `${s.source || "unattributed"} ` + s.claims.map((c) => formatNumber(claimValue(c))).join(" then ")).join("; ")});
    // grid and axes
    for (const v of ticks(vmax)) {
      plot.append(svg("line", {class: "grid", x1: M.left, x2: W - M.right, y1: y(v), y2: y(v)}),
        svg("text", {class: "tick", x: M.left - 6, y: y(v) + 4, "text-anchor": "end", text: formatNumber(v)}));
    }
    plot.append(svg("line", {class: "axis", x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom}),
      svg("line", {class: "axis", x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom}));
    // time ticks on round hours or days (UTC), four to eight of them
    const HOUR = 3600e3, DAY = 24 * HOUR, span = t1 - t0;
    const step = [HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 90 * DAY, 365 * DAY]
      .find((candidate) => span / candidate <= 8) || 365 * DAY;
    for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
      const iso = new Date(t).toISOString();
      const text = step >= DAY ? shortDate(iso).replace(/ \d{4}$/, "") : `${shortDate(iso).replace(/ \d{4}$/, "")} ${iso.slice(11, 16)}`;
      plot.append(svg("line", {class: "grid", x1: x(t), x2: x(t), y1: M.top, y2: H - M.bottom}),
        svg("text", {class: "tick", x: x(t), y: H - M.bottom + 16, "text-anchor": "middle", text}));
    }
    plot.append(svg("text", {class: "tick", x: (M.left + W - M.right) / 2, y: H - 6, "text-anchor": "middle", text: "reported at (UTC)"}));
    // one step line per source
    const conflicting = new Set(conflict ? conflict.claims.map((c) => c.source || "") : []);
    const legend = el("ul", {class: "chart-legend"});
    members.forEach((s, k) => {
      const colour = PALETTE[k % PALETTE.length];
      const claims = s.claims.filter((c) => claimValue(c) !== null && claimValue(c) !== undefined && c.reported_at)
        .sort((a, b) => Date.parse(a.reported_at) - Date.parse(b.reported_at));
      if (!claims.length) return;
      let d = "";
      claims.forEach((c, i) => {
        const cx = x(Date.parse(c.reported_at)), cy = y(claimValue(c));
        d += i === 0 ? `M${cx} ${cy}` : `H${cx}V${cy}`;
      });
      d += `H${x(t1)}`;
      const line = svg("path", {class: "series", d});
      line.style.stroke = colour;
      plot.append(line);
      for (const c of claims) {
        const cx = x(Date.parse(c.reported_at)), cy = y(claimValue(c));
        const dot = svg("circle", {class: "pt" + (c.current === false ? " superseded" : ""), cx, cy, r: 5},
          svg("title", {text: `${s.source || "unattributed"}: ${Sitroom.figureText(c)} (${formatDate(c.reported_at)})` + (c.text ? ` — “${c.text}”` : "")}));
        dot.style.fill = colour;
        plot.append(dot);
        if (c.current !== false && conflicting.has(s.source || "")) plot.append(svg("circle", {class: "conflict-ring", cx, cy, r: 9}));
      }
      const lastClaim = claims[claims.length - 1];
      const label = svg("text", {class: "value-label", x: x(t1) + 6, y: y(claimValue(lastClaim)) + 4, text: formatNumber(claimValue(lastClaim))});
      label.style.fill = colour;
      plot.append(label);
      const swatch = el("span", {class: "swatch", "aria-hidden": "true"});
      swatch.style.background = colour;
      const values = claims.map((c) => formatNumber(claimValue(c))).filter((v, i, all) => i === 0 || v !== all[i - 1]);
      legend.append(el("li", {}, swatch, s.source || "unattributed", el("span", {class: "hint"}, " " + values.join(" → ")),
        conflicting.has(s.source || "") ? el("span", {class: "conflict"}, " ⚠") : null));
    });
    figure.append(plot, legend, dataTable(members));
    return figure;
  }

  function dataTable(members) {
    const rows = el("tbody");
    for (const s of members) {
      for (const c of s.claims) {
        rows.append(el("tr", {}, el("td", {}, s.source || "unattributed"), el("td", {class: "num"}, Sitroom.figureText(c)),
          el("td", {class: "nowrap"}, formatDate(c.reported_at)), el("td", {}, c.current === false ? "revised" : "current"),
          el("td", {}, c.entry_id ? el("a", {href: `/entries/${c.entry_id}`}, `entry ${c.entry_id}`) : "")));
      }
    }
    return el("details", {}, el("summary", {}, "The claims as a table"),
      el("table", {class: "list"}, el("thead", {}, el("tr", {}, ["Source", "Value", "Reported", "", "From"].map((h) => el("th", {scope: "col"}, h)))), rows));
  }

  function niceMax(v) {
    if (!(v > 0)) return 1;
    const p = 10 ** Math.floor(Math.log10(v));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
    return 10 * p;
  }

  function ticks(max) { return [0, 1, 2, 3, 4, 5].map((k) => (max * k) / 5); }
})();
