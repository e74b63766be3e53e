// PersonalMem test page. Plain JavaScript, no build step. Every call goes to the same origin
// through relative URLs; every visible string comes from i18n.js through t().
(() => {
  "use strict";

  const DICT = window.PM_I18N || { en: {} };
  const STORE = { user: "pm.userId", lang: "pm.lang", key: "pm.apiKey", knobs: "pm.knobs", conv: "pm.conversation" };
  const CATEGORY_ORDER = ["identity", "location", "work", "skills", "preferences", "lifestyle", "relationships",
    "languages", "health", "personality", "possessions", "social", "other"];
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

  const state = {
    lang: "en",
    fields: [],
    fieldByName: {},
    health: null,          // {reachable, data, llm, embed}
    llmConfigured: null,   // true / false / null (unknown)
    memories: {},
    lastEvents: null,      // {events, summary}
    history: [],
    context: null,
    conversations: [],
    conversationId: "",
    thread: [],            // [{role:"user"|"assistant", content, memory, prompt, error, loaded, pending}]
    chatAbort: null,
    knobs: {},
    openapi: null,
    openapiError: null,
  };

  const $ = (id) => document.getElementById(id);

  // ---------------------------------------------------------------- storage and i18n

  function load(key, fallback) {
    try {
      const value = localStorage.getItem(key);
      return value === null ? fallback : value;
    } catch { return fallback; }
  }

  function save(key, value) {
    try {
      if (value === null || value === undefined || value === "") localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    } catch { /* private mode: settings just are not remembered */ }
  }

  function t(key, params) {
    const table = DICT[state.lang] || {};
    let text = key in table ? table[key] : (DICT.en && key in DICT.en ? DICT.en[key] : key);
    if (params) text = text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
    return text;
  }

  function applyStaticStrings() {
    document.documentElement.lang = state.lang === "zh" ? "zh-CN" : state.lang;
    document.querySelectorAll("[data-i18n]").forEach((node) => { node.textContent = t(node.dataset.i18n); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach((node) => { node.placeholder = t(node.dataset.i18nPlaceholder); });
    document.querySelectorAll("[data-i18n-aria-label]").forEach((node) => { node.setAttribute("aria-label", t(node.dataset.i18nAriaLabel)); });
    document.querySelectorAll("[data-i18n-title]").forEach((node) => { node.title = t(node.dataset.i18nTitle); });
  }

  function setLanguage(lang) {
    state.lang = DICT[lang] ? lang : "en";
    save(STORE.lang, state.lang);
    $("lang-select").value = state.lang;
    applyStaticStrings();
    renderStatus();
    renderFieldPicker();
    renderProfile();
    renderEvents();
    renderContext();
    renderHistory();
    renderKnobs();
    renderConversations();
    renderThread();
    renderApi();
  }

  // ---------------------------------------------------------------- DOM helpers

  /** Creates an element; attrs may hold text, className, dataset, on* handlers and attributes. */
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = value;
      else if (name === "className") node.className = value;
      else if (name === "dataset") Object.assign(node.dataset, value);
      else if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function showToast(text) {
    const toast = $("toast");
    toast.textContent = text;
    toast.hidden = false;
    clearTimeout(showToast.timer);
    showToast.timer = setTimeout(() => { toast.hidden = true; }, 3500);
  }

  function showBanner(text) {
    $("banner-text").textContent = text;
    $("banner").hidden = false;
  }

  function showError(id, text) {
    const node = $(id);
    if (!node) return;
    node.textContent = text || "";
    node.hidden = !text;
  }

  function formatTime(value) {
    if (value === null || value === undefined || value === "") return "";
    let date;
    if (typeof value === "number") date = new Date(value < 1e12 ? value * 1000 : value);
    else date = new Date(value);
    if (Number.isNaN(date.getTime())) return String(value);
    return date.toLocaleString(state.lang === "zh" ? "zh-CN" : undefined, {
      year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit",
    });
  }

  function valueText(value) {
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

  // ---------------------------------------------------------------- API access

  function currentUser() { return $("user-id").value.trim(); }

  function userPath(suffix) { return `/users/${encodeURIComponent(currentUser())}${suffix}`; }

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
   * Calls the API and never throws. Returns {ok, status, data, text, code, message, field, details, ms}.
   * status 0 means the server could not be reached.
   */
  async function api(method, path, options = {}) {
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

  async function readResponse(response, started) {
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

  function requireUser(errorId) {
    const user = currentUser();
    if (!user) {
      if (errorId) showError(errorId, t("err.nouser"));
      else showBanner(t("err.nouser"));
      $("user-id").focus();
    }
    return user;
  }

  // ---------------------------------------------------------------- status header

  async function refreshStatus() {
    state.health = null;
    renderStatus();
    const health = await api("GET", "/health");
    const status = { reachable: health.status !== 0, data: health.data || {}, message: health.message, code: health.status };
    state.health = status;
    if (status.reachable && health.data && typeof health.data.llm_configured === "boolean") {
      state.llmConfigured = health.data.llm_configured;
    }
    renderStatus();
    updateDryRunUi();
    if (!status.reachable) return;
    const [llm, embed] = await Promise.all([
      state.llmConfigured === false ? Promise.resolve(null) : api("GET", "/health/llm"),
      api("GET", "/health/embed"),
    ]);
    status.llm = llm;
    status.embed = embed;
    if (llm && llm.code === "llm_not_configured") {
      state.llmConfigured = false;
      updateDryRunUi();
    }
    renderStatus();
  }

  function pill(name, label, value, tone, title) {
    return h("li", { className: `pill pill-${tone}`, title: title || null, dataset: { testid: `status-${name}`, tone } },
      h("span", { className: "pill-dot", "aria-hidden": "true" }), h("strong", {}, label), " ", h("span", {}, value));
  }

  function renderStatus() {
    const list = $("status-list");
    list.replaceChildren();
    const status = state.health;
    if (!status) {
      list.append(h("li", { className: "pill pill-muted" }, t("status.checking")));
      return;
    }
    if (!status.reachable) {
      list.append(pill("server", t("status.server"), t("status.unreachable"), "bad", status.message));
      return;
    }
    const data = status.data;
    const serverOk = data.status === "ok";
    list.append(pill("server", t("status.server"), serverOk ? t("status.ok") : t("status.unavailable"),
      serverOk ? "ok" : "bad", data.version ? t("status.version", { version: data.version }) : status.message));
    if (data.database) list.append(pill("database", t("status.database"), data.database === "ok" ? t("status.ok") : data.database, data.database === "ok" ? "ok" : "bad"));
    if (data.extractor) list.append(pill("extractor", t("status.extractor"), data.extractor, "info"));

    const embed = status.embed;
    let embedTone = "info", embedTitle = null;
    let embedValue = data.embedder || (embed && embed.data && embed.data.model) || "";
    if (embed) {
      if (embed.ok && embed.data) {
        embedTone = "ok";
        embedTitle = `${embed.data.model || ""} · ${embed.data.dims || "?"} dims · ${t("status.ms", { ms: embed.data.latency_ms ?? "?" })}`;
      } else {
        embedTone = "bad";
        embedTitle = embed.message;
        embedValue = embedValue ? `${embedValue} (${t("status.unavailable")})` : t("status.unavailable");
      }
    }
    list.append(pill("embedder", t("status.embedder"), embedValue, embedTone, embedTitle));

    const llm = status.llm;
    if (state.llmConfigured === false) {
      list.append(pill("llm", t("status.llm"), t("status.not_configured"), "muted"));
    } else if (!llm) {
      list.append(pill("llm", t("status.llm"), t("status.checking"), "muted"));
    } else if (llm.ok && llm.data) {
      list.append(pill("llm", t("status.llm"), `${llm.data.model || t("status.ok")} · ${t("status.ms", { ms: llm.data.latency_ms ?? "?" })}`, "ok"));
    } else {
      list.append(pill("llm", t("status.llm"), t("status.unavailable"), "bad", llm.message));
    }
  }

  // ---------------------------------------------------------------- field catalog

  async function loadFields() {
    const result = await api("GET", "/fields");
    if (result.ok && result.data && Array.isArray(result.data.fields)) {
      state.fields = result.data.fields;
      state.fieldByName = Object.fromEntries(state.fields.map((f) => [f.name, f]));
    }
    renderFieldPicker();
    renderProfile();
  }

  function fieldKind(name, value) {
    const def = state.fieldByName[name];
    if (def && def.type) return def.type;
    if (typeof value === "number") return "integer";
    if (Array.isArray(value)) return value.some((v) => v && typeof v === "object") ? "objects" : "list";
    return "text";
  }

  function fieldCategory(name) {
    const def = state.fieldByName[name];
    if (def && def.category) return def.category;
    return name.startsWith("favorite_") ? "preferences" : "other";
  }

  function categoryTitle(category) {
    const key = `cat.${category}`;
    const text = t(key);
    return text === key ? category.charAt(0).toUpperCase() + category.slice(1).replace(/_/g, " ") : text;
  }

  function categoryOrder() {
    const order = [...CATEGORY_ORDER];
    for (const field of state.fields) if (!order.includes(field.category)) order.push(field.category);
    return order;
  }

  function renderFieldPicker() {
    const select = $("add-field-name");
    const previous = select.value;
    select.replaceChildren(h("option", { value: "" }, t("profile.edit.choose")));
    for (const category of categoryOrder()) {
      const fields = state.fields.filter((f) => f.category === category);
      if (!fields.length) continue;
      select.append(h("optgroup", { label: categoryTitle(category) },
        fields.map((f) => h("option", { value: f.name, title: f.description || null }, `${f.name} (${f.type})`))));
    }
    select.append(h("option", { value: "__custom__" }, t("profile.edit.custom")));
    select.value = [...select.options].some((o) => o.value === previous) ? previous : "";
    updateAddFieldHint();
  }

  function addFieldName() {
    const choice = $("add-field-name").value;
    return choice === "__custom__" ? $("add-field-custom").value.trim() : choice;
  }

  function updateAddFieldHint() {
    const choice = $("add-field-name").value;
    $("add-field-custom-wrap").hidden = choice !== "__custom__";
    const name = addFieldName();
    const kind = name ? fieldKind(name, state.memories[name]) : "text";
    const def = state.fieldByName[name];
    $("add-field-hint").textContent = [def && def.description, t(`profile.edit.hint.${kind}`)].filter(Boolean).join(" — ");
    $("add-field-value").rows = kind === "list" || kind === "objects" ? 4 : 1;
  }

  // ---------------------------------------------------------------- profile

  async function loadProfile() {
    const user = currentUser();
    if (!user) {
      state.memories = {};
      state.history = [];
      state.context = null;
      renderProfile(); renderContext(); renderHistory();
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
    state.context = context.ok && context.data ? context.data : { error: context.message };
    state.history = history.ok && history.data && Array.isArray(history.data.history) ? history.data.history : [];
    state.historyError = history.ok ? null : history.message;
    renderProfile();
    renderContext();
    renderHistory();
  }

  function renderProfile() {
    const view = $("profile-view");
    const openEditor = view.querySelector(".field-row.editing");
    const editing = openEditor ? openEditor.dataset.field : null;
    view.replaceChildren();
    const names = Object.keys(state.memories || {});
    $("profile-empty").hidden = names.length > 0;
    $("profile-count").textContent = names.length ? t("profile.view.count", { count: names.length }) : "";
    const position = (name) => {
      const index = state.fields.findIndex((f) => f.name === name);
      return index < 0 ? state.fields.length : index;
    };
    for (const category of categoryOrder()) {
      const inCategory = names.filter((n) => fieldCategory(n) === category)
        .sort((a, b) => position(a) - position(b) || a.localeCompare(b));
      if (!inCategory.length) continue;
      const group = h("section", { className: "category", dataset: { category, testid: `category-${category}` } },
        h("h3", {}, categoryTitle(category)));
      for (const name of inCategory) group.append(fieldRow(name, state.memories[name]));
      view.append(group);
    }
    if (editing && state.memories[editing] !== undefined) openInlineEditor(editing);
  }

  function fieldRow(name, value) {
    const def = state.fieldByName[name];
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

  function editorText(kind, value) {
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

  async function saveField(name, kind, text, target) {
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
    if (result.data && Array.isArray(result.data.events)) {
      state.lastEvents = { events: result.data.events, summary: null };
      renderEvents();
    }
    await loadProfile();
    return true;
  }

  async function removeField(name) {
    if (!requireUser()) return;
    const result = await api("POST", userPath("/memories/batch"), { body: { [name]: null } });
    if (!result.ok) { showBanner(result.message); return; }
    showToast(t("profile.edit.removed", { field: name }));
    if (result.data && Array.isArray(result.data.events)) {
      state.lastEvents = { events: result.data.events, summary: null };
      renderEvents();
    }
    await loadProfile();
  }

  async function sendMessage(event) {
    event.preventDefault();
    showError("message-error", "");
    const user = requireUser("message-error");
    const input = $("message-input");
    const message = input.value.trim();
    if (!user || !message) { if (user) input.focus(); return; }
    const button = $("message-send");
    button.disabled = true;
    button.textContent = t("profile.send.sending");
    const body = { user_id: user, message };
    if (state.conversationId) body.conversation_id = state.conversationId;
    const result = await api("POST", "/messages", { body });
    button.disabled = false;
    button.textContent = t("profile.send.button");
    if (!result.ok || !result.data) {
      showError("message-error", result.message || t("err.badjson"));
      return;
    }
    const data = result.data;
    state.lastEvents = {
      events: Array.isArray(data.extracted_memories) ? data.extracted_memories : [],
      summary: { extractor: data.extractor, ms: data.response_time_ms, rejected: data.rejected_facts },
    };
    input.value = "";
    renderEvents();
    await loadProfile();
  }

  function renderEvents() {
    const box = $("events");
    const list = $("events-list");
    const last = state.lastEvents;
    box.hidden = !last;
    list.replaceChildren();
    if (!last) return;
    if (!last.events.length) list.append(h("li", { className: "muted", dataset: { testid: "events-none" } }, t("profile.events.none")));
    for (const ev of last.events) {
      const kind = String(ev.event || "").toUpperCase();
      list.append(h("li", { className: `event event-${kind.toLowerCase()}`, dataset: { testid: "event", event: kind, field: ev.field } },
        h("span", { className: `badge badge-${kind.toLowerCase()}` }, t(`event.${kind}`)),
        h("code", { className: "event-field" }, ev.field),
        h("span", { className: "event-value" }, valueText(ev.value)),
        ev.old_value !== undefined && ev.old_value !== null
          ? h("span", { className: "event-old" }, `${t("profile.events.was")} ${valueText(ev.old_value)}`) : null));
    }
    const s = last.summary;
    const parts = [];
    if (s) {
      parts.push(t("profile.events.summary", { count: last.events.length, extractor: s.extractor || "?", ms: s.ms ?? "?" }));
      const rejected = Array.isArray(s.rejected) ? s.rejected.length : Number(s.rejected) || 0;
      if (rejected) parts.push(t("profile.events.rejected", { count: rejected }));
    }
    $("events-summary").textContent = parts.join(" · ");
  }

  function renderContext() {
    const pre = $("context-text");
    const ctx = state.context;
    pre.classList.remove("is-empty", "is-error");
    if (!ctx) { pre.textContent = ""; return; }
    if (ctx.error) { pre.textContent = ctx.error; pre.classList.add("is-error"); return; }
    if (!ctx.context) { pre.textContent = t("profile.context.empty"); pre.classList.add("is-empty"); return; }
    pre.textContent = ctx.context; // exactly as returned
  }

  function renderHistory() {
    const list = $("history-list");
    list.replaceChildren();
    const entries = [...(state.history || [])].reverse(); // newest first
    $("history-empty").hidden = entries.length > 0 || !!state.historyError;
    if (state.historyError) list.append(h("li", { className: "form-error" }, state.historyError));
    for (const entry of entries) {
      const kind = String(entry.event || "").toUpperCase();
      const change = [];
      if (entry.old_value !== undefined && entry.old_value !== null) {
        change.push(h("span", { className: "muted" }, `${t("profile.history.from")} `), h("del", {}, valueText(entry.old_value)), " ");
      }
      if (entry.new_value !== undefined && entry.new_value !== null) {
        change.push(h("span", { className: "muted" }, `${t("profile.history.to")} `), h("ins", {}, valueText(entry.new_value)));
      } else if (entry.value !== undefined && entry.value !== null && !change.length) {
        change.push(h("span", {}, valueText(entry.value)));
      }
      list.append(h("li", { className: `timeline-item tl-${kind.toLowerCase()}`, dataset: { testid: "history-item", event: kind, field: entry.field } },
        h("div", { className: "timeline-head" },
          h("span", { className: `badge badge-${kind.toLowerCase()}` }, t(`event.${kind}`)),
          h("code", {}, entry.field),
          h("time", { datetime: entry.created_at || null, className: "muted" }, formatTime(entry.created_at))),
        h("div", { className: "timeline-body" }, change),
        h("div", { className: "timeline-meta muted" },
          `${t("profile.history.source")}: ${entry.source || "?"}${entry.extractor ? ` · ${entry.extractor}` : ""}`)));
    }
  }

  function confirmDelete(user) {
    const dialog = $("confirm-dialog");
    $("confirm-body").textContent = t("profile.danger.confirm.body", { user });
    if (typeof dialog.showModal !== "function") return Promise.resolve(window.confirm($("confirm-body").textContent));
    return new Promise((resolve) => {
      dialog.returnValue = "";
      dialog.addEventListener("close", () => resolve(dialog.returnValue === "confirm"), { once: true });
      dialog.showModal();
      $("confirm-cancel").focus();
    });
  }

  async function deleteAll() {
    const user = requireUser();
    if (!user) return;
    $("delete-status").textContent = "";
    if (!(await confirmDelete(user))) { $("delete-all").focus(); return; }
    const result = await api("DELETE", userPath("/memories"));
    if (!result.ok) { showBanner(result.message); return; }
    $("delete-status").textContent = t("profile.danger.done", { user });
    state.lastEvents = null;
    renderEvents();
    state.thread = [];
    newConversation();
    await Promise.all([loadProfile(), loadConversations()]);
  }

  // ---------------------------------------------------------------- chat

  function loadKnobs() {
    let saved = {};
    try { saved = JSON.parse(load(STORE.knobs, "{}")) || {}; } catch { saved = {}; }
    for (const knob of KNOBS) state.knobs[knob.key] = knob.key in saved ? saved[knob.key] : knob.def;
  }

  function saveKnobs() {
    save(STORE.knobs, JSON.stringify(state.knobs));
  }

  function renderKnobs() {
    const box = $("knob-list");
    box.replaceChildren();
    for (const knob of KNOBS) {
      const id = `knob-${knob.key.replace(/_/g, "-")}`;
      const helpId = `${id}-help`;
      let input;
      if (knob.type === "bool") {
        input = h("input", { type: "checkbox", id, "aria-describedby": helpId, dataset: { testid: id } });
        input.checked = !!state.knobs[knob.key];
        input.addEventListener("change", () => { state.knobs[knob.key] = input.checked; saveKnobs(); });
      } else {
        input = h("input", { type: "number", id, min: knob.min, max: knob.max, step: knob.step, inputmode: knob.type === "int" ? "numeric" : "decimal",
          "aria-describedby": helpId, dataset: { testid: id } });
        input.value = state.knobs[knob.key];
        input.addEventListener("change", () => {
          const number = knob.type === "int" ? parseInt(input.value, 10) : parseFloat(input.value);
          if (Number.isFinite(number)) {
            state.knobs[knob.key] = Math.min(knob.max, Math.max(knob.min, number));
            saveKnobs();
          }
          input.value = state.knobs[knob.key];
        });
      }
      box.append(h("div", { className: `knob knob-${knob.type}` },
        knob.type === "bool"
          ? h("label", { for: id, className: "knob-check" }, input, " ", t(`knobs.${knob.key}`))
          : [h("label", { for: id }, t(`knobs.${knob.key}`)), input],
        h("p", { id: helpId, className: "help" }, t(`knobs.${knob.key}.help`))));
    }
    updateDryRunUi();
  }

  function dryRunForced() { return state.llmConfigured === false; }

  function updateDryRunUi() {
    const forced = dryRunForced();
    $("dry-run-notice").hidden = !forced;
    const box = $("knob-dry-run");
    if (box) {
      box.disabled = forced;
      box.checked = forced || !!state.knobs.dry_run;
    }
  }

  function newConversationId() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
    return `chat-${stamp}-${Math.random().toString(36).slice(2, 6)}`;
  }

  function newConversation() {
    if (state.chatAbort) state.chatAbort.abort();
    state.conversationId = newConversationId();
    state.thread = [];
    renderConversations();
    renderThread();
  }

  async function loadConversations() {
    const user = currentUser();
    if (!user) { state.conversations = []; renderConversations(); return; }
    const result = await api("GET", userPath("/conversations"));
    if (user !== currentUser()) return;
    state.conversations = result.ok && result.data && Array.isArray(result.data.conversations) ? result.data.conversations : [];
    state.conversationsError = result.ok ? null : result.message;
    renderConversations();
  }

  function renderConversations() {
    const list = $("conversation-list");
    list.replaceChildren();
    const items = [...state.conversations].sort((a, b) => String(b.last_ts || "").localeCompare(String(a.last_ts || "")));
    $("conversation-empty").hidden = items.length > 0;
    $("conversation-empty").textContent = state.conversationsError || t("chat.noconv");
    for (const conv of items) {
      const current = conv.conversation_id === state.conversationId;
      list.append(h("li", {},
        h("button", { type: "button", className: `conv-item${current ? " current" : ""}`, "aria-current": current ? "true" : null,
          dataset: { testid: "conversation-item", conversation: conv.conversation_id }, onclick: () => openConversation(conv.conversation_id) },
          h("span", { className: "conv-id" }, conv.conversation_id),
          h("span", { className: "conv-meta muted" }, [t("chat.turns", { count: conv.turns ?? 0 }), formatTime(conv.last_ts)].filter(Boolean).join(" · ")))));
    }
    $("chat-title").textContent = t("chat.current", { id: state.conversationId });
  }

  async function openConversation(id) {
    if (state.chatAbort) state.chatAbort.abort();
    state.conversationId = id;
    state.thread = [];
    renderConversations();
    renderThread();
    const result = await api("GET", userPath(`/conversations/${encodeURIComponent(id)}`));
    if (!result.ok || !result.data) { showError("chat-error", result.message); return; }
    for (const turn of result.data.turns || []) {
      state.thread.push({ role: "user", content: turn.user || "", loaded: true, ts: turn.ts });
      state.thread.push({ role: "assistant", content: turn.assistant || "", loaded: true, ts: turn.ts, turnId: turn.turn_id });
    }
    renderThread();
  }

  function memoryPanel(memory) {
    const m = memory || {};
    const section = (title, content) => h("div", { className: "mem-section" }, h("h4", {}, title), content);
    const none = () => h("p", { className: "muted" }, t("memory.none"));
    const score = (s) => (typeof s === "number" ? h("span", { className: "score" }, t("memory.score", { score: s.toFixed(3) })) : null);
    const replayed = Array.isArray(m.replayed) ? m.replayed : [];
    const summaries = Array.isArray(m.summaries) ? m.summaries : [];
    const fields = Array.isArray(m.profile_fields) ? m.profile_fields : [];
    const recent = Array.isArray(m.recent_turn_ids) ? m.recent_turn_ids : [];
    return h("aside", { className: "memory-panel", dataset: { testid: "memory-panel" }, "aria-label": t("memory.title") },
      h("h3", {}, t("memory.title")),
      section(t("memory.replayed"), replayed.length ? h("ul", { className: "mem-list", dataset: { testid: "memory-replayed" } }, replayed.map((r) =>
        h("li", {}, h("div", { className: "mem-head" }, h("span", { className: "muted" }, t("memory.turn", { conv: r.conv_id ?? "?", turn: r.turn_id ?? "?" })), score(r.score)),
          h("div", {}, r.summary || "")))) : none()),
      section(t("memory.summaries"), summaries.length ? h("ul", { className: "mem-list", dataset: { testid: "memory-summaries" } }, summaries.map((s) =>
        h("li", {}, h("div", { className: "mem-head" }, h("span", { className: "muted" }, formatTime(s.ts)), score(s.score)),
          h("div", {}, s.summary || "")))) : none()),
      section(t("memory.profile"), fields.length ? h("ul", { className: "chips", dataset: { testid: "memory-profile-fields" } }, fields.map((f) => h("li", { className: "chip" }, f))) : none()),
      h("p", { className: "mem-foot muted" },
        `${t("memory.recent")}: ${recent.length ? recent.join(", ") : t("memory.none")} · ${t("memory.candidates")}: ${m.candidates ?? 0}`));
  }

  function promptView(messages) {
    return h("div", { className: "prompt-view", dataset: { testid: "dry-run-prompt" } },
      h("p", { className: "prompt-title" }, t("chat.dryrun.title")),
      (messages || []).map((msg) => h("div", { className: `prompt-msg role-${msg.role}` },
        h("span", { className: "role-tag" }, msg.role), h("pre", {}, typeof msg.content === "string" ? msg.content : JSON.stringify(msg.content, null, 2)))));
  }

  function assistantNode(item) {
    const body = h("div", { className: "bubble assistant", dataset: { testid: "assistant-message" } },
      h("span", { className: "who" }, t("chat.assistant")));
    if (item.prompt) body.append(promptView(item.prompt));
    else if (item.pending && !item.content) body.append(h("p", { className: "muted typing" }, t("chat.thinking")));
    else body.append(h("div", { className: "answer-text" }, item.content));
    if (item.error) body.append(h("p", { className: "form-error" }, item.error));
    const row = h("div", { className: "answer-row" }, body);
    if (item.memory) row.append(memoryPanel(item.memory));
    else if (!item.loaded) row.classList.add("no-memory");
    return row;
  }

  function renderThread() {
    const thread = $("chat-thread");
    thread.replaceChildren();
    const loaded = state.thread.some((m) => m.loaded);
    if (loaded) thread.append(h("p", { className: "help" }, t("chat.loaded")));
    state.thread.forEach((item, index) => {
      const node = item.role === "user"
        ? h("div", { className: "bubble user", dataset: { testid: "user-message" } }, h("span", { className: "who" }, t("chat.you")), h("div", {}, item.content))
        : assistantNode(item);
      node.dataset.index = String(index);
      thread.append(node);
    });
    $("chat-empty").hidden = state.thread.length > 0;
    const busy = !!state.chatAbort;
    $("chat-send").textContent = busy ? t("chat.stop") : t("chat.send");
    $("chat-send").classList.toggle("btn-danger", busy);
    thread.scrollTop = thread.scrollHeight;
  }

  function chatBody(text, dryRun, stream) {
    const k = state.knobs;
    return {
      messages: [{ role: "user", content: text }],
      user: currentUser(),
      stream: stream && !dryRun,
      temperature: Number(k.temperature),
      max_tokens: Number(k.max_tokens),
      metadata: {
        conversation_id: state.conversationId,
        recent_turns: Number(k.recent_turns),
        candidate_n: Number(k.candidate_n),
        retrieve_k: Number(k.retrieve_k),
        use_gate: !!k.use_gate,
        gate_keep_max: Number(k.gate_keep_max),
        use_rerank: !!k.use_rerank,
        dry_run: !!dryRun,
      },
    };
  }

  async function sendChat(event) {
    event.preventDefault();
    if (state.chatAbort) { state.chatAbort.abort(); return; }
    showError("chat-error", "");
    const user = requireUser("chat-error");
    const input = $("chat-input");
    const text = input.value.trim();
    if (!user || !text) { if (user) input.focus(); return; }
    input.value = "";
    state.thread.push({ role: "user", content: text });
    const item = { role: "assistant", content: "", pending: true };
    state.thread.push(item);
    state.chatAbort = new AbortController();
    renderThread();
    try {
      let dryRun = dryRunForced() || !!state.knobs.dry_run;
      let done = await runChat(item, text, dryRun);
      if (!done && !dryRun && item.code === "llm_not_configured") {
        // The server has no LLM: switch to dry-run mode and show the prompt instead.
        state.llmConfigured = false;
        updateDryRunUi();
        renderStatus();
        item.error = null;
        dryRun = true;
        done = await runChat(item, text, true);
      }
      if (done && !dryRun) { loadConversations(); loadProfile(); }
    } finally {
      item.pending = false;
      state.chatAbort = null;
      renderThread();
      input.focus();
    }
  }

  /** Runs one chat request into `item`; returns true when an answer (or prompt) arrived. */
  async function runChat(item, text, dryRun) {
    const stream = !!state.knobs.stream && !dryRun;
    const body = chatBody(text, dryRun, stream);
    const signal = state.chatAbort.signal;
    if (!stream) {
      const result = await api("POST", "/v1/chat/completions", { body, signal });
      item.code = result.code;
      if (!result.ok || !result.data) {
        item.error = result.aborted ? t("chat.stopped") : (result.message || t("err.badjson"));
        return false;
      }
      const data = result.data;
      item.memory = data.memory || {};
      if (data.dry_run || dryRun) item.prompt = Array.isArray(data.messages) ? data.messages : [];
      else item.content = (data.choices && data.choices[0] && data.choices[0].message && data.choices[0].message.content) || "";
      return true;
    }
    const started = performance.now();
    const result = await api("POST", "/v1/chat/completions", { body, signal, raw: true });
    if (!result.response) { item.error = result.aborted ? t("chat.stopped") : result.message; return false; }
    const response = result.response;
    const type = response.headers.get("content-type") || "";
    if (!response.ok || !type.includes("text/event-stream")) {
      const parsed = await readResponse(response, started);
      item.code = parsed.code;
      if (!parsed.ok) { item.error = parsed.message; return false; }
      const data = parsed.data || {};
      item.memory = data.memory || {};
      item.content = (data.choices && data.choices[0] && data.choices[0].message && data.choices[0].message.content) || "";
      return true;
    }
    return readStream(response, item);
  }

  async function readStream(response, item) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    let answerNode = null;
    const render = () => {
      if (!answerNode) { renderThread(); answerNode = $("chat-thread").querySelector(".bubble.assistant:last-of-type .answer-text"); }
      if (answerNode) answerNode.textContent = item.content;
      const thread = $("chat-thread");
      thread.scrollTop = thread.scrollHeight;
    };
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf("\n")) >= 0) {
          const line = buffer.slice(0, cut).replace(/\r$/, "");
          buffer = buffer.slice(cut + 1);
          if (!line.startsWith("data:")) continue;
          const payload = line.slice(5).trim();
          if (!payload || payload === "[DONE]") continue;
          let chunk;
          try { chunk = JSON.parse(payload); } catch { continue; }
          if (chunk.error) { item.error = chunk.error.message || String(chunk.error.code || "error"); continue; }
          const delta = chunk.choices && chunk.choices[0] && chunk.choices[0].delta;
          if (delta && typeof delta.content === "string") { item.content += delta.content; render(); }
          if (chunk.memory) item.memory = chunk.memory;
        }
      }
    } catch (error) {
      item.error = error && error.name === "AbortError" ? t("chat.stopped") : t("err.network", { reason: error.message });
      return false;
    }
    return !item.error;
  }

  // ---------------------------------------------------------------- API tab

  async function loadOpenApi() {
    if (state.openapi || state.openapiLoading) return;
    state.openapiLoading = true;
    try {
      const response = await fetch("openapi.json", { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      state.openapi = await response.json();
      state.openapiError = null;
    } catch (error) {
      state.openapiError = t("err.network", { reason: error.message });
    }
    state.openapiLoading = false;
    renderApi();
  }

  function resolveRef(doc, node) {
    let current = node;
    for (let i = 0; current && current.$ref && i < 10; i++) {
      current = current.$ref.replace(/^#\//, "").split("/").reduce((o, k) => (o ? o[k.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined), doc);
    }
    return current || {};
  }

  function firstExample(doc, media) {
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

  function renderApi() {
    const box = $("api-list");
    if (!box) return;
    if (!state.openapi) {
      box.replaceChildren(h("p", { className: state.openapiError ? "form-error" : "muted" }, state.openapiError || t("api.loading")));
      return;
    }
    const doc = state.openapi;
    const open = new Set([...box.querySelectorAll("details[open]")].map((d) => d.dataset.op));
    box.replaceChildren();
    const tags = (doc.tags || []).map((tag) => tag.name);
    const operations = [];
    for (const [path, item] of Object.entries(doc.paths || {})) {
      for (const method of ["get", "post", "put", "patch", "delete"]) {
        if (!item[method]) continue;
        const op = item[method];
        const tag = (op.tags && op.tags[0]) || "Other";
        if (!tags.includes(tag)) tags.push(tag);
        operations.push({ path, method, op, tag, params: [...(item.parameters || []), ...(op.parameters || [])].map((p) => resolveRef(doc, p)) });
      }
    }
    for (const tag of tags) {
      const ops = operations.filter((o) => o.tag === tag);
      if (!ops.length) continue;
      const section = h("section", { className: "api-group", dataset: { tag } }, h("h2", {}, tag));
      for (const entry of ops) section.append(apiOperation(doc, entry, open));
      box.append(section);
    }
  }

  function apiOperation(doc, entry, open) {
    const { path, method, op, params } = entry;
    const opId = op.operationId || `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, "-");
    const details = h("details", { className: "card api-op", dataset: { op: opId, testid: `api-op-${opId}` }, open: open.has(opId) });
    details.append(h("summary", {},
      h("span", { className: `method method-${method}` }, method.toUpperCase()),
      h("code", { className: "api-path" }, path),
      h("span", { className: "api-summary" }, op.summary || "")));
    if (op.description) details.append(h("p", { className: "help" }, op.description));

    const form = h("form", { className: "api-form", novalidate: true });
    const inputs = [];
    const shownParams = params.filter((p) => p.in === "path" || p.in === "query");
    if (shownParams.length) {
      const grid = h("div", { className: "form-grid" });
      for (const p of shownParams) {
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
      form.append(h("h4", {}, t("api.params")), grid);
    }

    let bodyInput = null;
    const media = op.requestBody && resolveRef(doc, op.requestBody).content && resolveRef(doc, op.requestBody).content["application/json"];
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

  // ---------------------------------------------------------------- tabs and wiring

  const TABS = ["profile", "chat", "api"];

  function selectTab(name, focus) {
    if (!TABS.includes(name)) name = "profile";
    for (const tab of TABS) {
      const button = $(`tab-${tab}`);
      const selected = tab === name;
      button.setAttribute("aria-selected", String(selected));
      button.tabIndex = selected ? 0 : -1;
      $(`panel-${tab}`).hidden = !selected;
      if (selected && focus) button.focus();
    }
    if (location.hash !== `#${name}`) history.replaceState(null, "", `#${name}`);
    if (name === "api") loadOpenApi();
    if (name === "chat") loadConversations();
  }

  function wireTabs() {
    const tablist = document.querySelector("[role=tablist]");
    tablist.addEventListener("click", (event) => {
      const button = event.target.closest("[role=tab]");
      if (button) selectTab(button.dataset.tab);
    });
    tablist.addEventListener("keydown", (event) => {
      const current = TABS.indexOf(document.activeElement && document.activeElement.dataset.tab);
      if (current < 0) return;
      let next = null;
      if (event.key === "ArrowRight") next = (current + 1) % TABS.length;
      else if (event.key === "ArrowLeft") next = (current + TABS.length - 1) % TABS.length;
      else if (event.key === "Home") next = 0;
      else if (event.key === "End") next = TABS.length - 1;
      if (next === null) return;
      event.preventDefault();
      selectTab(TABS[next], true);
    });
    window.addEventListener("hashchange", () => selectTab(location.hash.slice(1)));
  }

  function onUserChanged() {
    save(STORE.user, currentUser());
    state.lastEvents = null;
    $("delete-status").textContent = "";
    renderEvents();
    state.conversations = [];
    newConversation();
    loadProfile();
    loadConversations();
    if (state.openapi) renderApi();
  }

  function wire() {
    const languages = Object.keys(DICT);
    $("lang-select").replaceChildren(...languages.map((code) => h("option", { value: code }, DICT[code]["lang.name"] || code)));
    $("lang-select").addEventListener("change", (event) => setLanguage(event.target.value));

    const user = $("user-id");
    user.value = load(STORE.user, "") || `user-${Math.random().toString(36).slice(2, 8)}`;
    save(STORE.user, user.value);
    user.addEventListener("change", onUserChanged);
    user.addEventListener("keydown", (event) => { if (event.key === "Enter") { event.preventDefault(); user.blur(); user.focus(); } });
    $("random-user").addEventListener("click", () => {
      user.value = `user-${Math.random().toString(36).slice(2, 8)}`;
      onUserChanged();
    });

    const key = $("api-key");
    key.value = load(STORE.key, "");
    key.addEventListener("change", () => { save(STORE.key, key.value.trim()); refreshStatus(); loadFields(); loadProfile(); });

    $("status-recheck").addEventListener("click", () => { refreshStatus(); loadFields(); });
    $("banner-close").addEventListener("click", () => { $("banner").hidden = true; });

    $("message-form").addEventListener("submit", sendMessage);
    $("message-input").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); $("message-form").requestSubmit(); }
    });
    $("profile-refresh").addEventListener("click", () => loadProfile());
    $("add-field-name").addEventListener("change", () => {
      updateAddFieldHint();
      const name = addFieldName();
      $("add-field-value").value = name ? editorText(fieldKind(name, state.memories[name]), state.memories[name]) : "";
      showError("add-field-error", "");
      $("add-field-value").removeAttribute("aria-invalid");
    });
    $("add-field-custom").addEventListener("input", updateAddFieldHint);
    $("add-field-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const name = addFieldName();
      const target = { input: $("add-field-value"), error: $("add-field-error") };
      if (!name) { showError("add-field-error", t("profile.edit.nofield")); $("add-field-name").focus(); return; }
      const ok = await saveField(name, fieldKind(name, state.memories[name]), target.input.value, target);
      if (ok) target.input.value = "";
    });
    $("context-copy").addEventListener("click", async () => {
      try { await navigator.clipboard.writeText(state.context && state.context.context ? state.context.context : ""); showToast(t("profile.context.copied")); }
      catch { /* clipboard not allowed: nothing to do */ }
    });
    $("delete-all").addEventListener("click", deleteAll);

    $("chat-form").addEventListener("submit", sendChat);
    $("chat-input").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); $("chat-form").requestSubmit(); }
    });
    $("chat-new").addEventListener("click", () => { newConversation(); $("chat-input").focus(); });
    $("knobs-reset").addEventListener("click", () => {
      for (const knob of KNOBS) state.knobs[knob.key] = knob.def;
      saveKnobs();
      renderKnobs();
    });
    wireTabs();
  }

  function installErrorHandlers() {
    window.addEventListener("error", (event) => showBanner(t("err.page", { message: event.message || "error" })));
    window.addEventListener("unhandledrejection", (event) => {
      const reason = event.reason;
      showBanner(t("err.page", { message: (reason && reason.message) || String(reason) }));
    });
  }

  function start() {
    installErrorHandlers();
    const saved = load(STORE.lang, "");
    const preferred = saved || ((navigator.language || "").toLowerCase().startsWith("zh") ? "zh" : "en");
    state.lang = DICT[preferred] ? preferred : "en";
    loadKnobs();
    wire();
    state.conversationId = newConversationId();
    setLanguage(state.lang);
    selectTab(location.hash.slice(1) || "profile");
    refreshStatus();
    loadFields();
    loadProfile();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
