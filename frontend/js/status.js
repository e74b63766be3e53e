// The status bar under the header: the server, database, extractor, embedder and LLM as pills.
import { api } from "./api.js";
import { $, h } from "./dom.js";
import { t } from "./i18n.js";
import { updateDryRunUi } from "./knobs.js";
import { state } from "./state.js";

let health = null; // {reachable, data, message, code, llm, embed}; null while checking

export async function refreshStatus() {
  health = null;
  renderStatus();
  const result = await api("GET", "/health");
  const status = { reachable: result.status !== 0, data: result.data || {}, message: result.message, code: result.status };
  health = status;
  if (status.reachable && result.data && typeof result.data.llm_configured === "boolean") {
    state.llmConfigured = result.data.llm_configured;
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

function embedderPill(data, embed) {
  let tone = "info", title = null;
  let value = data.embedder || (embed && embed.data && embed.data.model) || "";
  if (embed) {
    if (embed.ok && embed.data) {
      tone = "ok";
      title = `${embed.data.model || ""} · ${embed.data.dims || "?"} dims · ${t("status.ms", { ms: embed.data.latency_ms ?? "?" })}`;
    } else {
      tone = "bad";
      title = embed.message;
      value = value ? `${value} (${t("status.unavailable")})` : t("status.unavailable");
    }
  }
  return pill("embedder", t("status.embedder"), value, tone, title);
}

function llmPill(llm) {
  if (state.llmConfigured === false) return pill("llm", t("status.llm"), t("status.not_configured"), "muted");
  if (!llm) return pill("llm", t("status.llm"), t("status.checking"), "muted");
  if (llm.ok && llm.data) {
    return pill("llm", t("status.llm"), `${llm.data.model || t("status.ok")} · ${t("status.ms", { ms: llm.data.latency_ms ?? "?" })}`, "ok");
  }
  return pill("llm", t("status.llm"), t("status.unavailable"), "bad", llm.message);
}

export function renderStatus() {
  const list = $("status-list");
  list.replaceChildren();
  const status = health;
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
  list.append(embedderPill(data, status.embed));
  list.append(llmPill(status.llm));
}
