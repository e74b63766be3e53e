// The profile tab's "Delete everything" card: asks for confirmation, deletes the user's memories
// and starts over with an empty profile and a new conversation.
import { api, requireUser, userPath } from "./api.js";
import { loadConversations, newConversation } from "./conversations.js";
import { $, showBanner } from "./dom.js";
import { clearEvents } from "./events.js";
import { t } from "./i18n.js";
import { loadProfile } from "./profile.js";

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
  clearEvents();
  newConversation();
  await Promise.all([loadProfile(), loadConversations()]);
}

export function wireDeleteAll() {
  $("delete-all").addEventListener("click", deleteAll);
}
