// The chat tab's composer: sends a message to POST /v1/chat/completions with the knobs' settings,
// reads the answer whole or streamed (server-sent events), and falls back to dry-run mode when the
// server has no LLM.
import { api, currentUser, readResponse, requireUser } from "./api.js";
import { loadConversations, newConversation } from "./conversations.js";
import { $, showError } from "./dom.js";
import { t } from "./i18n.js";
import { dryRunForced, knobs, resetKnobs, updateDryRunUi } from "./knobs.js";
import { loadProfile } from "./profile.js";
import { state } from "./state.js";
import { renderStatus } from "./status.js";
import { answerWriter, renderThread } from "./thread.js";

function chatBody(text, dryRun, stream) {
  return {
    messages: [{ role: "user", content: text }],
    user: currentUser(),
    stream: stream && !dryRun,
    temperature: Number(knobs.temperature),
    max_tokens: Number(knobs.max_tokens),
    metadata: {
      conversation_id: state.conversationId,
      recent_turns: Number(knobs.recent_turns),
      candidate_n: Number(knobs.candidate_n),
      retrieve_k: Number(knobs.retrieve_k),
      use_gate: !!knobs.use_gate,
      gate_keep_max: Number(knobs.gate_keep_max),
      use_rerank: !!knobs.use_rerank,
      dry_run: !!dryRun,
    },
  };
}

/** Sends the composer's text, or stops the answer in flight. */
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
    let dryRun = dryRunForced() || !!knobs.dry_run;
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

const firstMessage = (data) => (data.choices && data.choices[0] && data.choices[0].message && data.choices[0].message.content) || "";

/** Runs one chat request into `item`; returns true when an answer (or prompt) arrived. */
async function runChat(item, text, dryRun) {
  const stream = !!knobs.stream && !dryRun;
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
    else item.content = firstMessage(data);
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
    item.content = firstMessage(data);
    return true;
  }
  return readStream(response, item);
}

/** Reads server-sent events into `item`: content deltas, the memory used, or an error. */
async function readStream(response, item) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const show = answerWriter();
  let buffer = "";
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
        if (delta && typeof delta.content === "string") { item.content += delta.content; show(item.content); }
        if (chunk.memory) item.memory = chunk.memory;
      }
    }
  } catch (error) {
    item.error = error && error.name === "AbortError" ? t("chat.stopped") : t("err.network", { reason: error.message });
    return false;
  }
  return !item.error;
}

export function wireChat() {
  $("chat-form").addEventListener("submit", sendChat);
  $("chat-input").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); $("chat-form").requestSubmit(); }
  });
  $("chat-new").addEventListener("click", () => { newConversation(); $("chat-input").focus(); });
  $("knobs-reset").addEventListener("click", resetKnobs);
}
