// The chat tab's memory knobs: their definitions, saved values and form, and the dry-run switch
// that is forced on when the server has no LLM.
import { $, h } from "./dom.js";
import { t } from "./i18n.js";
import { STORE, load, save, state } from "./state.js";

const KNOBS = [
  { key: "recent_turns", type: "int", def: 6, min: 0, max: 50, step: 1 },
  { key: "candidate_n", type: "int", def: 60, min: 0, max: 500, step: 1 },
  { key: "retrieve_k", type: "int", def: 5, min: 0, max: 50, step: 1 },
  { key: "gate_keep_max", type: "int", def: 30, min: 0, max: 500, step: 1 },
  { key: "use_gate", type: "bool", def: true },
  { key: "use_rerank", type: "bool", def: true },
  { key: "temperature", type: "float", def: 0.3, min: 0, max: 2, step: 0.1 },
  { key: "max_tokens", type: "int", def: 768, min: 1, max: 32768, step: 1 },
  { key: "stream", type: "bool", def: true },
  { key: "dry_run", type: "bool", def: false },
];

/** The current value of every knob, by key. */
export const knobs = {};

export function loadKnobs() {
  let saved = {};
  try { saved = JSON.parse(load(STORE.knobs, "{}")) || {}; } catch { saved = {}; }
  for (const knob of KNOBS) knobs[knob.key] = knob.key in saved ? saved[knob.key] : knob.def;
}

function saveKnobs() {
  save(STORE.knobs, JSON.stringify(knobs));
}

export function resetKnobs() {
  for (const knob of KNOBS) knobs[knob.key] = knob.def;
  saveKnobs();
  renderKnobs();
}

function knobInput(knob, id, helpId) {
  if (knob.type === "bool") {
    const input = h("input", { type: "checkbox", id, "aria-describedby": helpId, dataset: { testid: id } });
    input.checked = !!knobs[knob.key];
    input.addEventListener("change", () => { knobs[knob.key] = input.checked; saveKnobs(); });
    return input;
  }
  const input = h("input", { type: "number", id, min: knob.min, max: knob.max, step: knob.step, inputmode: knob.type === "int" ? "numeric" : "decimal",
    "aria-describedby": helpId, dataset: { testid: id } });
  input.value = knobs[knob.key];
  input.addEventListener("change", () => {
    const number = knob.type === "int" ? parseInt(input.value, 10) : parseFloat(input.value);
    if (Number.isFinite(number)) {
      knobs[knob.key] = Math.min(knob.max, Math.max(knob.min, number));
      saveKnobs();
    }
    input.value = knobs[knob.key];
  });
  return input;
}

export function renderKnobs() {
  const box = $("knob-list");
  box.replaceChildren();
  for (const knob of KNOBS) {
    const id = `knob-${knob.key.replace(/_/g, "-")}`;
    const helpId = `${id}-help`;
    const input = knobInput(knob, id, helpId);
    box.append(h("div", { className: `knob knob-${knob.type}` },
      knob.type === "bool"
        ? h("label", { for: id, className: "knob-check" }, input, " ", t(`knobs.${knob.key}`))
        : [h("label", { for: id }, t(`knobs.${knob.key}`)), input],
      h("p", { id: helpId, className: "help" }, t(`knobs.${knob.key}.help`))));
  }
  updateDryRunUi();
}

export function dryRunForced() { return state.llmConfigured === false; }

export function updateDryRunUi() {
  const forced = dryRunForced();
  $("dry-run-notice").hidden = !forced;
  const box = $("knob-dry-run");
  if (box) {
    box.disabled = forced;
    box.checked = forced || !!knobs.dry_run;
  }
}
