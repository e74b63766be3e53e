// Renders openapi.json as a readable reference (/docs): endpoints grouped by tag, parameters,
// request and response schemas, and examples. Offline: nothing is loaded from elsewhere.
import { h } from "./dom.js";
import { fetchOpenApi, operationsByTag, resolveRef } from "./openapi.js";

let doc = null;

/** Appends children, skipping empty ones and flattening arrays (Element.append would print them). */
function add(parent, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child);
  }
  return parent;
}

/** Inline `code` spans in a one-line text. */
function inline(text) {
  return String(text || "").split(/(`[^`]+`)/).map((part) => (part.startsWith("`") && part.endsWith("`") && part.length > 1
    ? h("code", {}, part.slice(1, -1)) : part));
}

/** A little Markdown: paragraphs and `code`. Text is never parsed as HTML. */
function prose(text, className) {
  if (!text) return null;
  return h("div", { className: className || "prose" }, String(text).split(/\n{2,}/).map((para) =>
    h("p", {}, inline(para))));
}

const resolve = (node) => resolveRef(doc, node);
const refName = (ref) => ref.split("/").pop();
const slug = (text) => String(text).replace(/[^a-zA-Z0-9]+/g, "-");

function typeLabel(schema) {
  if (!schema || typeof schema !== "object") return h("span", { className: "type" }, "any");
  if (schema.$ref) {
    const name = refName(schema.$ref);
    return h("a", { className: "type type-ref", href: `#schema-${slug(name)}` }, name);
  }
  if (schema.const !== undefined) return h("span", { className: "type" }, `const ${JSON.stringify(schema.const)}`);
  const variants = schema.anyOf || schema.oneOf;
  if (variants) {
    const parts = [];
    variants.forEach((v, i) => { if (i) parts.push(" | "); parts.push(typeLabel(v)); });
    return h("span", { className: "type" }, parts);
  }
  let type = Array.isArray(schema.type) ? schema.type.join(" | ") : schema.type;
  if (type === "array") return h("span", { className: "type" }, "array of ", typeLabel(schema.items));
  if (type === "object" && schema.additionalProperties && typeof schema.additionalProperties === "object" && !schema.properties) {
    return h("span", { className: "type" }, "object of string → ", typeLabel(schema.additionalProperties));
  }
  if (!type) type = schema.properties ? "object" : "any";
  return h("span", { className: "type" }, type + (schema.format ? ` (${schema.format})` : ""));
}

function constraints(schema) {
  const out = [];
  if (!schema || schema.$ref) return out;
  if (schema.enum) out.push(`one of: ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  if (schema.default !== undefined) out.push(`default ${JSON.stringify(schema.default)}`);
  if (schema.minimum !== undefined) out.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) out.push(`≤ ${schema.maximum}`);
  if (schema.minLength !== undefined) out.push(`min length ${schema.minLength}`);
  if (schema.maxLength !== undefined) out.push(`max length ${schema.maxLength}`);
  if (schema.minItems !== undefined) out.push(`at least ${schema.minItems} item(s)`);
  if (schema.minProperties !== undefined) out.push(`at least ${schema.minProperties} member(s)`);
  if (schema.pattern) out.push(`pattern ${schema.pattern}`);
  return out;
}

/** Properties of an object schema as a table; nested inline objects are expanded once. */
function schemaView(schema, depth = 0) {
  const wrap = h("div", { className: "schema" });
  if (!schema) return wrap;
  if (schema.$ref) {
    add(wrap, h("p", {}, typeLabel(schema)));
    if (schema.description) add(wrap, prose(schema.description, "prose muted"));
    return wrap;
  }
  if (schema.description && depth === 0) add(wrap, prose(schema.description, "prose muted"));
  const props = schema.properties;
  if (!props) {
    const extra = constraints(schema);
    add(wrap, h("p", {}, typeLabel(schema), extra.length ? h("span", { className: "muted" }, ` — ${extra.join("; ")}`) : null));
    return wrap;
  }
  const required = new Set(schema.required || []);
  const rows = Object.entries(props).map(([name, prop]) => {
    const item = prop.type === "array" ? prop.items : null;
    const nested = depth < 2 && !prop.$ref && (prop.properties || (item && !item.$ref && item.properties))
      ? schemaView(prop.properties ? prop : item, depth + 1) : null;
    const extra = constraints(prop);
    return h("tr", {},
      h("td", {}, h("code", {}, name), required.has(name) ? h("span", { className: "req", title: "required" }, " *") : null),
      h("td", {}, typeLabel(prop)),
      h("td", {}, prop.description ? prose(prop.description) : null,
        extra.length ? h("p", { className: "muted small" }, extra.join("; ")) : null, nested));
  });
  add(wrap, h("div", { className: "table-wrap" }, h("table", { className: "schema-table" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Name"), h("th", { scope: "col" }, "Type"), h("th", { scope: "col" }, "Description"))),
    h("tbody", {}, rows))));
  if (required.size) add(wrap, h("p", { className: "muted small" }, "* required"));
  return wrap;
}

function examplesView(media) {
  const items = [];
  if (media.example !== undefined) items.push({ title: "Example", value: media.example });
  for (const [name, example] of Object.entries(media.examples || {})) {
    const ex = resolve(example);
    items.push({ title: ex.summary || name, value: ex.value });
  }
  return items.map((item) => h("details", { className: "example", open: items.length === 1 || null },
    h("summary", {}, item.title),
    h("pre", { className: "api-output", tabindex: "0" }, typeof item.value === "string" ? item.value : JSON.stringify(item.value, null, 2))));
}

function contentView(content) {
  return Object.entries(content || {}).map(([type, media]) => h("div", { className: "media" },
    h("p", { className: "media-type" }, h("code", {}, type),
      media.schema && media.schema.$ref ? [" · ", typeLabel(media.schema)] : null),
    schemaView(media.schema && media.schema.$ref ? resolve(media.schema) : media.schema),
    examplesView(media)));
}

function operationView(path, method, op, params) {
  const id = `op-${slug(op.operationId || `${method}-${path}`)}`;
  const section = h("section", { className: "card doc-op", id, "data-testid": id },
    h("h3", { className: "doc-op-head" }, h("span", { className: `method method-${method}` }, method.toUpperCase()),
      " ", h("code", { className: "api-path" }, path)),
    op.summary ? h("p", { className: "doc-summary" }, op.summary) : null,
    prose(op.description));
  const security = op.security || doc.security || [];
  const needsKey = security.length > 0 && !security.some((s) => Object.keys(s).length === 0) ? "required" : (security.some((s) => Object.keys(s).length) ? "when the server sets API_KEYS" : null);
  add(section, h("p", { className: "muted small" }, needsKey ? `Authorization: Bearer key ${needsKey}.` : "No authorization needed."));

  if (params.length) {
    add(section, h("h4", {}, "Parameters"), h("div", { className: "table-wrap" }, h("table", { className: "schema-table" },
      h("thead", {}, h("tr", {}, ["Name", "In", "Type", "Description"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, params.map((p) => h("tr", {},
        h("td", {}, h("code", {}, p.name), p.required ? h("span", { className: "req", title: "required" }, " *") : null),
        h("td", {}, p.in), h("td", {}, typeLabel(p.schema)),
        h("td", {}, prose(p.description), p.example !== undefined ? h("p", { className: "muted small" }, "Example: ", h("code", {}, String(p.example))) : null)))))));
  }
  if (op.requestBody) {
    const body = resolve(op.requestBody);
    add(section, h("h4", {}, `Request body${body.required ? "" : " (optional)"}`), prose(body.description), contentView(body.content));
  }
  add(section, h("h4", {}, "Responses"));
  for (const [status, ref] of Object.entries(op.responses || {})) {
    const response = resolve(ref);
    const tone = status.startsWith("2") ? "ok" : status.startsWith("4") ? "warn" : "bad";
    add(section, h("details", { className: "response", open: status.startsWith("2") || null },
      h("summary", {}, h("span", { className: `status status-${tone}` }, status), " ", inline(response.description)),
      contentView(response.content)));
  }
  return section;
}

function render() {
  const main = document.getElementById("docs-main");
  const nav = document.getElementById("docs-nav");
  main.replaceChildren();
  nav.replaceChildren();
  const info = doc.info || {};
  document.title = `${info.title || "API"} reference`;
  document.getElementById("docs-title").textContent = `${info.title || "API"} API`;
  document.getElementById("docs-version").textContent = `OpenAPI ${doc.openapi} · version ${info.version || "?"}`;
  add(main, h("section", { className: "card intro" }, h("h2", {}, "Overview"),
    info.summary ? h("p", { className: "doc-summary" }, info.summary) : null, prose(info.description)));

  for (const tag of operationsByTag(doc)) {
    const tagId = `tag-${slug(tag.name)}`;
    add(main, h("section", { className: "doc-tag", id: tagId }, h("h2", {}, tag.name), prose(tag.description, "prose muted"),
      tag.operations.map((o) => operationView(o.path, o.method, o.op, o.params))));
    add(nav, h("h2", {}, h("a", { href: `#${tagId}` }, tag.name)),
      h("ul", {}, tag.operations.map((o) => h("li", {}, h("a", { href: `#op-${slug(o.op.operationId || `${o.method}-${o.path}`)}` },
        h("span", { className: `method method-${o.method}` }, o.method.toUpperCase()), " ", h("span", { className: "nav-path" }, o.path))))));
  }
  const schemas = (doc.components && doc.components.schemas) || {};
  if (Object.keys(schemas).length) {
    add(main, h("section", { className: "doc-tag", id: "schemas" }, h("h2", {}, "Schemas"),
      Object.entries(schemas).map(([name, schema]) => h("section", { className: "card doc-schema", id: `schema-${slug(name)}` },
        h("h3", {}, h("code", {}, name)), schemaView(schema),
        Array.isArray(schema.examples) ? examplesView({ examples: Object.fromEntries(schema.examples.map((v, i) => [`Example ${i + 1}`, { value: v }])) }) : null))));
    add(nav, h("h2", {}, h("a", { href: "#schemas" }, "Schemas")));
  }
  if (location.hash) {
    const target = document.getElementById(location.hash.slice(1));
    if (target) target.scrollIntoView();
  }
}

async function start() {
  try {
    doc = await fetchOpenApi();
    render();
  } catch (error) {
    const main = document.getElementById("docs-main");
    main.replaceChildren(h("p", { className: "form-error", role: "alert" }, `Could not load openapi.json (${error.message}).`));
  }
}

start(); // module scripts run once the document is parsed
