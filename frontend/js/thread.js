// The chat tab's thread: the messages of the open conversation, each answer with the memories it
// used (or, in dry-run mode, the prompt the model would have received).
import { $, h } from "./dom.js";
import { formatTime } from "./format.js";
import { t } from "./i18n.js";
import { state } from "./state.js";

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

export function renderThread() {
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
  scrollThreadToEnd();
}

/**
 * A function that shows the streamed text of the newest answer: the first call builds the thread
 * (the answer replaces "thinking…"), later calls only change that answer's text.
 */
export function answerWriter() {
  let node = null;
  return (text) => {
    if (!node) {
      renderThread();
      // The newest answer's text, or null while it still says "thinking…" (no text yet).
      const answers = $("chat-thread").querySelectorAll(".bubble.assistant");
      node = answers.length ? answers[answers.length - 1].querySelector(".answer-text") : null;
    }
    if (node) node.textContent = text;
    scrollThreadToEnd();
  };
}

function scrollThreadToEnd() {
  const thread = $("chat-thread");
  thread.scrollTop = thread.scrollHeight;
}
