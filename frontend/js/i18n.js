// Every visible string comes from js/lang/<code>.js through t(). To add a language, add one file
// with the same keys (a missing key falls back to English) and import it below; the language
// switch lists every language here.
import en from "./lang/en.js";
import zh from "./lang/zh.js";

const DICT = { en, zh };
let current = "en";

/** The language codes, in the order the language switch shows them. */
export function languages() { return Object.keys(DICT); }

export function languageName(code) { return (DICT[code] && DICT[code]["lang.name"]) || code; }

export function hasLanguage(code) { return Boolean(DICT[code]); }

/** Sets the language t() uses; an unknown code means English. Returns the code in use. */
export function useLanguage(code) {
  current = hasLanguage(code) ? code : "en";
  return current;
}

/** The locale for dates, or undefined for the browser's own. */
export function locale() { return current === "zh" ? "zh-CN" : undefined; }

export function t(key, params) {
  const table = DICT[current] || {};
  let text = key in table ? table[key] : (key in DICT.en ? DICT.en[key] : key);
  if (params) text = text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
  return text;
}

/** Fills every element marked with data-i18n, data-i18n-placeholder, -aria-label or -title. */
export function applyStaticStrings() {
  document.documentElement.lang = locale() || current;
  document.querySelectorAll("[data-i18n]").forEach((node) => { node.textContent = t(node.dataset.i18n); });
  document.querySelectorAll("[data-i18n-placeholder]").forEach((node) => { node.placeholder = t(node.dataset.i18nPlaceholder); });
  document.querySelectorAll("[data-i18n-aria-label]").forEach((node) => { node.setAttribute("aria-label", t(node.dataset.i18nAriaLabel)); });
  document.querySelectorAll("[data-i18n-title]").forEach((node) => { node.title = t(node.dataset.i18nTitle); });
}
