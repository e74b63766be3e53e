// The field catalog from GET /fields: each field's type, category and description, and the order
// the profile shows categories and fields in.
import { api } from "./api.js";
import { t } from "./i18n.js";

const CATEGORY_ORDER = ["identity", "location", "work", "skills", "preferences", "lifestyle", "relationships",
  "languages", "health", "personality", "possessions", "social", "other"];

let fields = [];
let fieldByName = {};

/** Loads the catalog; keeps the previous one when the call fails. */
export async function loadFields() {
  const result = await api("GET", "/fields");
  if (result.ok && result.data && Array.isArray(result.data.fields)) {
    fields = result.data.fields;
    fieldByName = Object.fromEntries(fields.map((f) => [f.name, f]));
  }
}

/** The catalog entry for a field name, or undefined for a custom field. */
export function fieldDef(name) { return fieldByName[name]; }

export function fieldsIn(category) { return fields.filter((f) => f.category === category); }

/** A field's place in the catalog; custom fields come after all known ones. */
export function fieldPosition(name) {
  const index = fields.findIndex((f) => f.name === name);
  return index < 0 ? fields.length : index;
}

/** integer, text, list or objects: from the catalog, else guessed from the value. */
export function fieldKind(name, value) {
  const def = fieldByName[name];
  if (def && def.type) return def.type;
  if (typeof value === "number") return "integer";
  if (Array.isArray(value)) return value.some((v) => v && typeof v === "object") ? "objects" : "list";
  return "text";
}

export function fieldCategory(name) {
  const def = fieldByName[name];
  if (def && def.category) return def.category;
  return name.startsWith("favorite_") ? "preferences" : "other";
}

export function categoryTitle(category) {
  const key = `cat.${category}`;
  const text = t(key);
  return text === key ? category.charAt(0).toUpperCase() + category.slice(1).replace(/_/g, " ") : text;
}

export function categoryOrder() {
  const order = [...CATEGORY_ORDER];
  for (const field of fields) if (!order.includes(field.category)) order.push(field.category);
  return order;
}
