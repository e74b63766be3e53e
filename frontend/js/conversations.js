// The chat tab's conversation list: the user's conversations, a new one, and opening an old one.
import { api, currentUser, userPath } from "./api.js";
import { $, h, showError } from "./dom.js";
import { formatTime } from "./format.js";
import { t } from "./i18n.js";
import { state } from "./state.js";
import { renderThread } from "./thread.js";

let conversations = [];
let conversationsError = null;

/** chat-YYYYMMDD-HHMMSS-xxxx in local time. */
export function newConversationId() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `chat-${stamp}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Starts a new conversation; stops the answer in flight. */
export function newConversation() {
  if (state.chatAbort) state.chatAbort.abort();
  state.conversationId = newConversationId();
  state.thread = [];
  renderConversations();
  renderThread();
}

/** Forgets the list (another user); loadConversations fills it again. */
export function clearConversations() {
  conversations = [];
}

export async function loadConversations() {
  const user = currentUser();
  if (!user) { conversations = []; renderConversations(); return; }
  const result = await api("GET", userPath("/conversations"));
  if (user !== currentUser()) return;
  conversations = result.ok && result.data && Array.isArray(result.data.conversations) ? result.data.conversations : [];
  conversationsError = result.ok ? null : result.message;
  renderConversations();
}

export function renderConversations() {
  const list = $("conversation-list");
  list.replaceChildren();
  const items = [...conversations].sort((a, b) => String(b.last_ts || "").localeCompare(String(a.last_ts || "")));
  $("conversation-empty").hidden = items.length > 0;
  $("conversation-empty").textContent = conversationsError || t("chat.noconv");
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
