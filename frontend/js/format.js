// Values and times as text, in the page's language.
import { locale } from "./i18n.js";

/** A time from an ISO string or a Unix time in seconds or milliseconds. */
export function formatTime(value) {
  if (value === null || value === undefined || value === "") return "";
  let date;
  if (typeof value === "number") date = new Date(value < 1e12 ? value * 1000 : value);
  else date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toLocaleString(locale(), {
    year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit",
  });
}

/** A profile value on one line: lists joined by commas, objects as (key: value, …). */
export function valueText(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    return value.map((item) => (item && typeof item === "object"
      ? "(" + Object.keys(item).sort().map((k) => `${k}: ${valueText(item[k])}`).join(", ") + ")"
      : valueText(item))).join(", ");
  }
  return JSON.stringify(value);
}
