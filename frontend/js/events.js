// The profile tab's "What changed" list: the ADD / UPDATE / DELETE events of the last write.
import { $, h } from "./dom.js";
import { valueText } from "./format.js";
import { t } from "./i18n.js";

let last = null; // {events, summary}; summary is null for edits made on the page

/** Shows the events of a write; summary {extractor, ms, rejected} when a message made them. */
export function showEvents(events, summary = null) {
  last = { events, summary };
  renderEvents();
}

export function clearEvents() {
  last = null;
  renderEvents();
}

export function renderEvents() {
  const box = $("events");
  const list = $("events-list");
  box.hidden = !last;
  list.replaceChildren();
  if (!last) return;
  if (!last.events.length) list.append(h("li", { className: "muted", dataset: { testid: "events-none" } }, t("profile.events.none")));
  for (const ev of last.events) {
    const kind = String(ev.event || "").toUpperCase();
    list.append(h("li", { className: `event event-${kind.toLowerCase()}`, dataset: { testid: "event", event: kind, field: ev.field } },
      h("span", { className: `badge badge-${kind.toLowerCase()}` }, t(`event.${kind}`)),
      h("code", { className: "event-field" }, ev.field),
      h("span", { className: "event-value" }, valueText(ev.value)),
      ev.old_value !== undefined && ev.old_value !== null
        ? h("span", { className: "event-old" }, `${t("profile.events.was")} ${valueText(ev.old_value)}`) : null));
  }
  const s = last.summary;
  const parts = [];
  if (s) {
    parts.push(t("profile.events.summary", { count: last.events.length, extractor: s.extractor || "?", ms: s.ms ?? "?" }));
    const rejected = Array.isArray(s.rejected) ? s.rejected.length : Number(s.rejected) || 0;
    if (rejected) parts.push(t("profile.events.rejected", { count: rejected }));
  }
  $("events-summary").textContent = parts.join(" · ");
}
