// The profile tab's "Tell it something" form: sends a message to POST /messages and shows what
// the extraction changed. Ctrl+Enter sends.
import { api, requireUser } from "./api.js";
import { $, showError } from "./dom.js";
import { showEvents } from "./events.js";
import { t } from "./i18n.js";
import { loadProfile } from "./profile.js";
import { state } from "./state.js";

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
  input.value = "";
  showEvents(Array.isArray(data.extracted_memories) ? data.extracted_memories : [],
    { extractor: data.extractor, ms: data.response_time_ms, rejected: data.rejected_facts });
  await loadProfile();
}

export function wireMessageForm() {
  $("message-form").addEventListener("submit", sendMessage);
  $("message-input").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); $("message-form").requestSubmit(); }
  });
}
