// The profile tab's right column: the context text exactly as a chatbot receives it, and the
// user's change history, newest first.
import { $, h, showToast } from "./dom.js";
import { formatTime, valueText } from "./format.js";
import { t } from "./i18n.js";

let context = null;      // the body of GET /users/{id}/context/text, or {error}
let history = [];
let historyError = null;

/** Shows what loadProfile read; null context means no user. */
export function showContextAndHistory(newContext, newHistory, newHistoryError = null) {
  context = newContext;
  history = newHistory;
  historyError = newHistoryError;
  renderContext();
  renderHistory();
}

function contextText() { return context && context.context ? context.context : ""; }

export function renderContext() {
  const pre = $("context-text");
  pre.classList.remove("is-empty", "is-error");
  if (!context) { pre.textContent = ""; return; }
  if (context.error) { pre.textContent = context.error; pre.classList.add("is-error"); return; }
  if (!context.context) { pre.textContent = t("profile.context.empty"); pre.classList.add("is-empty"); return; }
  pre.textContent = context.context; // exactly as returned
}

function historyItem(entry) {
  const kind = String(entry.event || "").toUpperCase();
  const change = [];
  if (entry.old_value !== undefined && entry.old_value !== null) {
    change.push(h("span", { className: "muted" }, `${t("profile.history.from")} `), h("del", {}, valueText(entry.old_value)), " ");
  }
  if (entry.new_value !== undefined && entry.new_value !== null) {
    change.push(h("span", { className: "muted" }, `${t("profile.history.to")} `), h("ins", {}, valueText(entry.new_value)));
  } else if (entry.value !== undefined && entry.value !== null && !change.length) {
    change.push(h("span", {}, valueText(entry.value)));
  }
  return h("li", { className: `timeline-item tl-${kind.toLowerCase()}`, dataset: { testid: "history-item", event: kind, field: entry.field } },
    h("div", { className: "timeline-head" },
      h("span", { className: `badge badge-${kind.toLowerCase()}` }, t(`event.${kind}`)),
      h("code", {}, entry.field),
      h("time", { datetime: entry.created_at || null, className: "muted" }, formatTime(entry.created_at))),
    h("div", { className: "timeline-body" }, change),
    h("div", { className: "timeline-meta muted" },
      `${t("profile.history.source")}: ${entry.source || "?"}${entry.extractor ? ` · ${entry.extractor}` : ""}`));
}

export function renderHistory() {
  const list = $("history-list");
  list.replaceChildren();
  const entries = [...(history || [])].reverse(); // newest first
  $("history-empty").hidden = entries.length > 0 || !!historyError;
  if (historyError) list.append(h("li", { className: "form-error" }, historyError));
  for (const entry of entries) list.append(historyItem(entry));
}

export function wireContextCopy() {
  $("context-copy").addEventListener("click", async () => {
    try { await navigator.clipboard.writeText(contextText()); showToast(t("profile.context.copied")); }
    catch { /* clipboard not allowed: nothing to do */ }
  });
}
