// The three tabs: selecting one by click, arrow keys or the URL's #hash, and loading what it
// shows the first time it opens.
import { loadConversations } from "./conversations.js";
import { $ } from "./dom.js";
import { loadOpenApi } from "./endpoints.js";

const TABS = ["profile", "chat", "api"];

export function selectTab(name, focus) {
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

export function wireTabs() {
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
