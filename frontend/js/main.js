// PersonalMem test page: plain JavaScript modules, no build step. Every call goes to the same
// origin through relative URLs; every visible string comes from js/lang/ through t().
// This module wires the header (user id, language, API key, status) and the tabs together.
import { renderFieldPicker, wireAddField } from "./add-field.js";
import { wireChat } from "./chat.js";
import { renderContext, renderHistory, wireContextCopy } from "./context-history.js";
import { clearConversations, loadConversations, newConversation, newConversationId, renderConversations } from "./conversations.js";
import { wireDeleteAll } from "./danger.js";
import { $, h, showBanner } from "./dom.js";
import { renderApi } from "./endpoints.js";
import { clearEvents, renderEvents } from "./events.js";
import { loadFields } from "./fields.js";
import { applyStaticStrings, hasLanguage, languageName, languages, t, useLanguage } from "./i18n.js";
import { loadKnobs, renderKnobs } from "./knobs.js";
import { wireMessageForm } from "./message.js";
import { loadProfile, renderProfile } from "./profile.js";
import { STORE, load, save, state } from "./state.js";
import { refreshStatus, renderStatus } from "./status.js";
import { selectTab, wireTabs } from "./tabs.js";
import { renderThread } from "./thread.js";

/** Switches every string on the page, static and rendered, to another language. */
function setLanguage(lang) {
  const code = useLanguage(lang);
  save(STORE.lang, code);
  $("lang-select").value = code;
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

async function reloadFields() {
  await loadFields();
  renderFieldPicker();
  renderProfile();
}

function randomUser() { return `user-${Math.random().toString(36).slice(2, 8)}`; }

function onUserChanged() {
  save(STORE.user, $("user-id").value.trim());
  $("delete-status").textContent = "";
  clearEvents();
  clearConversations();
  newConversation();
  loadProfile();
  loadConversations();
  renderApi();
}

function wireHeader() {
  $("lang-select").replaceChildren(...languages().map((code) => h("option", { value: code }, languageName(code))));
  $("lang-select").addEventListener("change", (event) => setLanguage(event.target.value));

  const user = $("user-id");
  user.value = load(STORE.user, "") || randomUser();
  save(STORE.user, user.value);
  user.addEventListener("change", onUserChanged);
  user.addEventListener("keydown", (event) => { if (event.key === "Enter") { event.preventDefault(); user.blur(); user.focus(); } });
  $("random-user").addEventListener("click", () => {
    user.value = randomUser();
    onUserChanged();
  });

  const key = $("api-key");
  key.value = load(STORE.key, "");
  key.addEventListener("change", () => { save(STORE.key, key.value.trim()); refreshStatus(); reloadFields(); loadProfile(); });

  $("status-recheck").addEventListener("click", () => { refreshStatus(); reloadFields(); });
  $("banner-close").addEventListener("click", () => { $("banner").hidden = true; });
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
  loadKnobs();
  wireHeader();
  wireMessageForm();
  $("profile-refresh").addEventListener("click", () => loadProfile());
  wireAddField();
  wireContextCopy();
  wireDeleteAll();
  wireChat();
  wireTabs();
  state.conversationId = newConversationId();
  setLanguage(hasLanguage(preferred) ? preferred : "en");
  selectTab(location.hash.slice(1) || "profile");
  refreshStatus();
  reloadFields();
  loadProfile();
}

start(); // module scripts run once the document is parsed
