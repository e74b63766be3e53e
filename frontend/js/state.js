// The page's shared state and what it remembers in localStorage.

export const STORE = { user: "pm.userId", lang: "pm.lang", key: "pm.apiKey", knobs: "pm.knobs" };

/** What more than one tab reads or writes; each module keeps its private state to itself. */
export const state = {
  llmConfigured: null,   // true / false / null (unknown)
  memories: {},          // the current user's profile, field name → value
  conversationId: "",
  thread: [],            // [{role:"user"|"assistant", content, memory, prompt, error, loaded, pending}]
  chatAbort: null,       // the AbortController of the chat request in flight
};

export function load(key, fallback) {
  try {
    const value = localStorage.getItem(key);
    return value === null ? fallback : value;
  } catch { return fallback; }
}

export function save(key, value) {
  try {
    if (value === null || value === undefined || value === "") localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch { /* private mode: settings just are not remembered */ }
}
