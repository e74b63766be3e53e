// The profile tab's "Add or edit a field" form: a field picker grouped by category (or a new
// field name), a value box shaped for the field's type, and the server's error next to it.
import { $, h, showError } from "./dom.js";
import { categoryOrder, categoryTitle, fieldDef, fieldKind, fieldsIn } from "./fields.js";
import { t } from "./i18n.js";
import { editorText, saveField } from "./profile.js";
import { state } from "./state.js";

export function renderFieldPicker() {
  const select = $("add-field-name");
  const previous = select.value;
  select.replaceChildren(h("option", { value: "" }, t("profile.edit.choose")));
  for (const category of categoryOrder()) {
    const fields = fieldsIn(category);
    if (!fields.length) continue;
    select.append(h("optgroup", { label: categoryTitle(category) },
      fields.map((f) => h("option", { value: f.name, title: f.description || null }, `${f.name} (${f.type})`))));
  }
  select.append(h("option", { value: "__custom__" }, t("profile.edit.custom")));
  select.value = [...select.options].some((o) => o.value === previous) ? previous : "";
  updateHint();
}

function chosenName() {
  const choice = $("add-field-name").value;
  return choice === "__custom__" ? $("add-field-custom").value.trim() : choice;
}

function updateHint() {
  const choice = $("add-field-name").value;
  $("add-field-custom-wrap").hidden = choice !== "__custom__";
  const name = chosenName();
  const kind = name ? fieldKind(name, state.memories[name]) : "text";
  const def = fieldDef(name);
  $("add-field-hint").textContent = [def && def.description, t(`profile.edit.hint.${kind}`)].filter(Boolean).join(" — ");
  $("add-field-value").rows = kind === "list" || kind === "objects" ? 4 : 1;
}

export function wireAddField() {
  $("add-field-name").addEventListener("change", () => {
    updateHint();
    const name = chosenName();
    $("add-field-value").value = name ? editorText(fieldKind(name, state.memories[name]), state.memories[name]) : "";
    showError("add-field-error", "");
    $("add-field-value").removeAttribute("aria-invalid");
  });
  $("add-field-custom").addEventListener("input", updateHint);
  $("add-field-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const name = chosenName();
    const target = { input: $("add-field-value"), error: $("add-field-error") };
    if (!name) { showError("add-field-error", t("profile.edit.nofield")); $("add-field-name").focus(); return; }
    const ok = await saveField(name, fieldKind(name, state.memories[name]), target.input.value, target);
    if (ok) target.input.value = "";
  });
}
