// The API tab: a form for every operation of openapi.json, filled with the document's examples and
// the header's user id, that sends the request and shows the response.
import { api, currentUser } from "./api.js";
import { $, h } from "./dom.js";
import { t } from "./i18n.js";
import { fetchOpenApi, firstExample, operationsByTag, resolveRef } from "./openapi.js";
import { state } from "./state.js";

let doc = null;
let loadError = null;
let loading = false;

/** Loads openapi.json once, the first time the tab opens. */
export async function loadOpenApi() {
  if (doc || loading) return;
  loading = true;
  try {
    doc = await fetchOpenApi();
    loadError = null;
  } catch (error) {
    loadError = t("err.network", { reason: error.message });
  }
  loading = false;
  renderApi();
}

/** Puts the header's user id into an example body so "Send" works for the current user. */
function personalise(example) {
  const user = currentUser();
  if (!example || typeof example !== "object" || !user) return example;
  const copy = JSON.parse(JSON.stringify(example));
  if ("user_id" in copy) copy.user_id = user;
  if ("user" in copy) copy.user = user;
  if (copy.metadata && typeof copy.metadata === "object" && "conversation_id" in copy.metadata && state.conversationId) {
    copy.metadata.conversation_id = state.conversationId;
  }
  return copy;
}

/** Builds the tab again (after loading, or a change of language or user); open forms stay open. */
export function renderApi() {
  const box = $("api-list");
  if (!box) return;
  if (!doc) {
    box.replaceChildren(h("p", { className: loadError ? "form-error" : "muted" }, loadError || t("api.loading")));
    return;
  }
  const open = new Set([...box.querySelectorAll("details[open]")].map((d) => d.dataset.op));
  box.replaceChildren();
  for (const group of operationsByTag(doc)) {
    box.append(h("section", { className: "api-group", dataset: { tag: group.name } }, h("h2", {}, group.name),
      group.operations.map((entry) => apiOperation(entry, open))));
  }
}

function paramInputs(opId, params) {
  const inputs = [];
  const grid = h("div", { className: "form-grid" });
  for (const p of params.filter((q) => q.in === "path" || q.in === "query")) {
    const id = `api-${opId}-${p.in}-${p.name}`;
    const input = h("input", { id, type: "text", spellcheck: "false", dataset: { testid: id }, "aria-describedby": p.description ? `${id}-help` : null });
    if (p.name === "user_id") input.value = currentUser() || (p.example ?? "");
    else if (p.name === "conversation_id") input.value = state.conversationId || (p.example ?? "");
    else if (p.in === "path" && p.example !== undefined) input.value = p.example;
    inputs.push({ p, input });
    grid.append(h("div", {},
      h("label", { for: id }, `${p.name} `, h("span", { className: "muted" }, `(${p.in}${p.required ? `, ${t("api.required")}` : ""})`)),
      input,
      p.description ? h("p", { id: `${id}-help`, className: "help" }, p.description) : null));
  }
  return { inputs, grid };
}

function apiOperation(entry, open) {
  const { path, method, op, params } = entry;
  const opId = op.operationId || `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, "-");
  const details = h("details", { className: "card api-op", dataset: { op: opId, testid: `api-op-${opId}` }, open: open.has(opId) });
  details.append(h("summary", {},
    h("span", { className: `method method-${method}` }, method.toUpperCase()),
    h("code", { className: "api-path" }, path),
    h("span", { className: "api-summary" }, op.summary || "")));
  if (op.description) details.append(h("p", { className: "help" }, op.description));

  const form = h("form", { className: "api-form", novalidate: true });
  const { inputs, grid } = paramInputs(opId, params);
  if (inputs.length) form.append(h("h4", {}, t("api.params")), grid);

  let bodyInput = null;
  const requestBody = op.requestBody && resolveRef(doc, op.requestBody);
  const media = requestBody && requestBody.content && requestBody.content["application/json"];
  const exampleText = () => {
    const example = personalise(firstExample(doc, media));
    return example === undefined ? "{}" : JSON.stringify(example, null, 2);
  };
  if (media) {
    const id = `api-${opId}-body`;
    bodyInput = h("textarea", { id, className: "code-input", rows: 8, spellcheck: "false", dataset: { testid: id } });
    bodyInput.value = exampleText();
    form.append(h("div", { className: "label-row" }, h("label", { for: id }, t("api.body")),
      h("button", { type: "button", className: "btn btn-link btn-small", onclick: () => { bodyInput.value = exampleText(); } }, t("api.reset"))),
      bodyInput);
  }
  const output = h("pre", { className: "api-output", tabindex: "0", dataset: { testid: `api-${opId}-response` } }, t("api.noresponse"));
  const statusLine = h("p", { className: "api-status muted", role: "status", dataset: { testid: `api-${opId}-status` } });
  const send = h("button", { type: "submit", className: "btn btn-primary", dataset: { testid: `api-${opId}-send` } }, t("api.send"));
  form.append(h("div", { className: "form-row" }, send), statusLine, h("h4", {}, t("api.response")), output);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    let url = path;
    const query = {};
    for (const { p, input } of inputs) {
      const value = input.value.trim();
      if (p.in === "path") url = url.replace(`{${p.name}}`, encodeURIComponent(value));
      else if (value) query[p.name] = value;
    }
    let body;
    if (bodyInput) {
      try { JSON.parse(bodyInput.value); } catch (error) {
        statusLine.textContent = t("err.invalidjson", { reason: error.message });
        statusLine.className = "api-status form-error";
        return;
      }
      body = bodyInput.value;
    }
    send.disabled = true;
    statusLine.className = "api-status muted";
    statusLine.textContent = t("common.loading");
    const result = await api(method.toUpperCase(), url, { body, query });
    send.disabled = false;
    if (result.status === 0) {
      statusLine.textContent = result.message;
      statusLine.className = "api-status form-error";
      output.textContent = "";
      return;
    }
    statusLine.textContent = t("api.status", { status: result.status, ms: result.ms }) + (result.ok ? "" : ` — ${result.message}`);
    statusLine.className = `api-status ${result.ok ? "ok-text" : "form-error"}`;
    output.textContent = result.data !== undefined ? JSON.stringify(result.data, null, 2) : result.text.slice(0, 20000);
  });
  details.append(form);
  return details;
}
