// Reading the API document (openapi.json, served next to the page): fetching it, following
// $refs, and listing its operations by tag. Used by the API tab and by /docs.

const METHODS = ["get", "post", "put", "patch", "delete"];

/** The parsed openapi.json; throws on a network error or a failed response. */
export async function fetchOpenApi() {
  const response = await fetch("openapi.json", { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

/** Follows local $refs ("#/components/…") to the object they name; {} when one does not resolve. */
export function resolveRef(doc, node) {
  let current = node;
  for (let i = 0; current && current.$ref && i < 20; i++) {
    current = current.$ref.replace(/^#\//, "").split("/")
      .reduce((o, k) => (o ? o[k.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined), doc);
  }
  return current || {};
}

/**
 * The operations grouped by their first tag, in the document's tag order (tags it does not declare
 * come after, then "Other"): [{name, description, operations: [{path, method, op, params}]}], where
 * params are the path's and the operation's parameters, resolved. Empty tags are left out.
 */
export function operationsByTag(doc) {
  const groups = (doc.tags || []).map((tag) => ({ name: tag.name, description: tag.description, operations: [] }));
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = (op.tags && op.tags[0]) || "Other";
      let group = groups.find((g) => g.name === tag);
      if (!group) { group = { name: tag, operations: [] }; groups.push(group); }
      const params = [...(item.parameters || []), ...(op.parameters || [])].map((p) => resolveRef(doc, p));
      group.operations.push({ path, method, op, params });
    }
  }
  return groups.filter((g) => g.operations.length);
}

/** The first example of a media type object: its example, first named example, or schema example. */
export function firstExample(doc, media) {
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  if (media.examples) {
    const first = Object.values(media.examples)[0];
    if (first) return resolveRef(doc, first).value;
  }
  const schema = resolveRef(doc, media.schema || {});
  if (Array.isArray(schema.examples)) return schema.examples[0];
  return undefined;
}
