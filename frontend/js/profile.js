// The profile tab's profile card: the user's fields grouped by category, each with an inline
// editor, and the loading of everything the tab shows (profile, context text, history).
import { api, currentUser, requireUser, userPath } from "./api.js";
import { showContextAndHistory } from "./context-history.js";
import { $, h, showBanner, showToast } from "./dom.js";
import { showEvents } from "./events.js";
import { categoryOrder, categoryTitle, fieldCategory, fieldDef, fieldKind, fieldPosition } from "./fields.js";
import { valueText } from "./format.js";
import { t } from "./i18n.js";
import { state } from "./state.js";

export async function loadProfile() {
  const user = currentUser();
  if (!user) {
    state.memories = {};
    renderProfile();
    showContextAndHistory(null, []);
    return;
  }
  const [raw, context, history] = await Promise.all([
    api("GET", userPath("/memories/raw")),
    api("GET", userPath("/context/text")),
    api("GET", userPath("/memories/history")),
  ]);
  if (user !== currentUser()) return; // the user id changed while loading
  if (raw.ok && raw.data) state.memories = raw.data.memories || {};
  else { state.memories = {}; showBanner(raw.message); }
  renderProfile();
  showContextAndHistory(
    context.ok && context.data ? context.data : { error: context.message },
    history.ok && history.data && Array.isArray(history.data.history) ? history.data.history : [],
    history.ok ? null : history.message);
}

export function renderProfile() {
  const view = $("profile-view");
  const openEditor = view.querySelector(".field-row.editing");
  const editing = openEditor ? openEditor.dataset.field : null;
  view.replaceChildren();
  const names = Object.keys(state.memories || {});
  $("profile-empty").hidden = names.length > 0;
  $("profile-count").textContent = names.length ? t("profile.view.count", { count: names.length }) : "";
  for (const category of categoryOrder()) {
    const inCategory = names.filter((n) => fieldCategory(n) === category)
      .sort((a, b) => fieldPosition(a) - fieldPosition(b) || a.localeCompare(b));
    if (!inCategory.length) continue;
    const group = h("section", { className: "category", dataset: { category, testid: `category-${category}` } },
      h("h3", {}, categoryTitle(category)));
    for (const name of inCategory) group.append(fieldRow(name, state.memories[name]));
    view.append(group);
  }
  if (editing && state.memories[editing] !== undefined) openInlineEditor(editing);
}

/** A typed rendering of one profile value: numbers, chips for lists, small cards for objects. */
function renderValue(value) {
  if (typeof value === "number") return h("span", { className: "value value-int" }, String(value));
  if (Array.isArray(value)) {
    if (value.some((item) => item && typeof item === "object")) {
      return h("ul", { className: "value value-objects" }, value.map((item) => h("li", { className: "object-card" },
        Object.keys(item || {}).sort().map((k) => h("span", { className: "object-member" },
          h("span", { className: "object-key" }, k), " ", valueText(item[k]))))));
    }
    return h("ul", { className: "value chips" }, value.map((item) => h("li", { className: "chip" }, valueText(item))));
  }
  if (value && typeof value === "object") return h("code", { className: "value" }, JSON.stringify(value));
  return h("span", { className: "value value-text" }, valueText(value));
}

function fieldRow(name, value) {
  const def = fieldDef(name);
  return h("div", { className: "field-row", dataset: { field: name, testid: `field-${name}` } },
    h("div", { className: "field-name", title: def && def.description ? def.description : null },
      h("code", {}, name)),
    h("div", { className: "field-value" }, renderValue(value)),
    h("div", { className: "field-actions" },
      h("button", { type: "button", className: "btn btn-small", "aria-label": `${t("profile.edit")} ${name}`,
        dataset: { testid: `edit-${name}` }, onclick: () => openInlineEditor(name) }, t("profile.edit")),
      h("button", { type: "button", className: "btn btn-small btn-quiet", "aria-label": `${t("profile.remove")} ${name}`,
        dataset: { testid: `remove-${name}` }, onclick: () => removeField(name) }, t("profile.remove"))));
}

/** A value as the text an editor of this kind starts with: one list item per line, objects as JSON. */
export function editorText(kind, value) {
  if (value === undefined || value === null) return "";
  if (kind === "list") return Array.isArray(value) ? value.map(valueText).join("\n") : valueText(value);
  if (kind === "objects") return JSON.stringify(value, null, 2);
  return valueText(value);
}

/** Reads an editor's text into the JSON value sent to the batch endpoint; the server validates types. */
function parseEditorValue(kind, text) {
  const trimmed = text.trim();
  if (kind === "integer") return /^-?\d+$/.test(trimmed) ? Number(trimmed) : text;
  if (kind === "list") return text.split(/\n/).map((s) => s.trim()).filter(Boolean);
  if (kind === "objects") {
    try { return { value: JSON.parse(trimmed || "null") }; } catch (error) { return { invalid: error.message }; }
  }
  return text;
}

function openInlineEditor(name) {
  const row = document.querySelector(`.field-row[data-field="${CSS.escape(name)}"]`);
  if (!row) return;
  if (row.classList.contains("editing")) { row.querySelector("textarea, input").focus(); return; }
  const kind = fieldKind(name, state.memories[name]);
  const inputId = `edit-input-${name}`;
  const errorId = `field-error-${name}`;
  const multi = kind === "list" || kind === "objects";
  const input = h(multi ? "textarea" : "input", {
    id: inputId, className: "edit-input", rows: multi ? 4 : null, type: multi ? null : "text",
    inputmode: kind === "integer" ? "numeric" : null, "aria-describedby": `${errorId}`, dataset: { testid: inputId },
  });
  input.value = editorText(kind, state.memories[name]);
  const error = h("p", { id: errorId, className: "field-error", role: "alert", hidden: true, dataset: { testid: errorId } });
  const form = h("form", { className: "field-editor inline", novalidate: true },
    h("label", { for: inputId }, t("profile.edit.label", { field: name })),
    input,
    h("p", { className: "help" }, t(`profile.edit.hint.${kind}`)),
    error,
    h("div", { className: "form-row" },
      h("button", { type: "submit", className: "btn btn-primary btn-small", dataset: { testid: `save-${name}` } }, t("profile.edit.save")),
      h("button", { type: "button", className: "btn btn-small", onclick: () => renderProfile() }, t("profile.edit.cancel"))));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    saveField(name, kind, input.value, { input, error });
  });
  form.addEventListener("keydown", (event) => { if (event.key === "Escape") { event.preventDefault(); renderProfile(); } });
  row.classList.add("editing");
  row.append(form);
  input.focus();
}

/** Stores one field through POST /memories/batch; shows the server's error next to target.input. */
export async function saveField(name, kind, text, target) {
  const setError = (message) => {
    target.error.textContent = message || "";
    target.error.hidden = !message;
    if (message) target.input.setAttribute("aria-invalid", "true"); else target.input.removeAttribute("aria-invalid");
    target.error.dataset.field = name;
  };
  setError("");
  if (!requireUser()) return false;
  if (!name) { setError(t("profile.edit.nofield")); return false; }
  let value = parseEditorValue(kind, text);
  if (kind === "objects") {
    if (value.invalid) { setError(t("profile.edit.badjson", { reason: value.invalid })); return false; }
    value = value.value;
  }
  const result = await api("POST", userPath("/memories/batch"), { body: { [name]: value } });
  if (!result.ok) {
    const detail = (result.details || []).find((d) => d.field === name);
    setError(detail ? detail.message : result.message);
    target.input.focus();
    return false;
  }
  showToast(t("profile.edit.saved", { field: name }));
  if (result.data && Array.isArray(result.data.events)) showEvents(result.data.events);
  await loadProfile();
  return true;
}

async function removeField(name) {
  if (!requireUser()) return;
  const result = await api("POST", userPath("/memories/batch"), { body: { [name]: null } });
  if (!result.ok) { showBanner(result.message); return; }
  showToast(t("profile.edit.removed", { field: name }));
  if (result.data && Array.isArray(result.data.events)) showEvents(result.data.events);
  await loadProfile();
}
