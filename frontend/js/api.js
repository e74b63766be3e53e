// Access to the service: one fetch wrapper that adds the API key, never throws, and turns a failed
// response into words a person can act on. Every URL is relative to the page.
import { $, showBanner, showError } from "./dom.js";
import { t } from "./i18n.js";

export function currentUser() { return $("user-id").value.trim(); }

export function userPath(suffix) { return `/users/${encodeURIComponent(currentUser())}${suffix}`; }

function apiUrl(path, query) {
  // Relative to the page, so the service also works behind a path prefix.
  let url = path.replace(/^\/+/, "") || "./";
  const pairs = Object.entries(query || {}).filter(([, v]) => v !== undefined && v !== null && v !== "");
  if (pairs.length) url += "?" + pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  return url;
}

function authHeaders(extra) {
  const headers = Object.assign({}, extra);
  const key = $("api-key").value.trim();
  if (key) headers.Authorization = `Bearer ${key}`;
  return headers;
}

/**
 * Calls the API and never throws. Returns {ok, status, data, text, code, message, field, details, ms};
 * with options.raw, {ok, status, response} instead. status 0 means the server could not be reached.
 */
export async function api(method, path, options = {}) {
  const started = performance.now();
  const init = { method, headers: authHeaders({ Accept: "application/json" }), signal: options.signal };
  if (options.body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  }
  let response;
  try {
    response = await fetch(apiUrl(path, options.query), init);
  } catch (error) {
    if (error && error.name === "AbortError") return { ok: false, status: 0, aborted: true, message: t("chat.stopped") };
    return { ok: false, status: 0, message: t("err.network", { reason: (error && error.message) || "network error" }), ms: 0 };
  }
  if (options.raw) return { ok: response.ok, status: response.status, response };
  return readResponse(response, started);
}

/** Reads a whole response: its JSON, the error object's parts, and a message when it failed. */
export async function readResponse(response, started) {
  let text = "";
  try { text = await response.text(); } catch { text = ""; }
  const result = { ok: response.ok, status: response.status, text, ms: Math.round(performance.now() - (started || performance.now())) };
  result.contentType = response.headers.get("content-type") || "";
  if (text) {
    try { result.data = JSON.parse(text); } catch { result.data = undefined; }
  }
  const error = result.data && result.data.error;
  if (error && typeof error === "object") {
    result.code = error.code;
    result.field = error.field;
    result.details = Array.isArray(error.details) ? error.details : [];
    result.serverMessage = error.message;
  }
  if (!response.ok) result.message = plainError(result);
  return result;
}

/** Turns a failed response into words a person can act on. */
function plainError(result) {
  const message = result.serverMessage || "";
  if (result.status === 0) return result.message || t("err.network", { reason: "network error" });
  if (result.code === "llm_not_configured") return t("err.llm_not_configured");
  if (result.status === 401) return t("err.unauthorized");
  if (result.status === 403) return message || t("err.forbidden");
  if (result.status === 413) return message || t("err.toolarge");
  if ((result.status === 502 || result.status === 503) && result.code && result.code.startsWith("llm")) {
    return t("err.llm", { message: message || result.code });
  }
  if (message) return message;
  if (result.status === 404) return t("err.notfound");
  if (result.status >= 500) return t("err.server", { status: result.status });
  return t("err.generic", { status: result.status, message: result.data === undefined && result.text ? t("err.badjson") : "" });
}

/** The user id, or "" after saying (in errorId's paragraph, or the banner) that one is needed. */
export function requireUser(errorId) {
  const user = currentUser();
  if (!user) {
    if (errorId) showError(errorId, t("err.nouser"));
    else showBanner(t("err.nouser"));
    $("user-id").focus();
  }
  return user;
}
