// A small stand-in for the browser around the course's scripts, so their logic runs under
// Node's own test runner: localStorage (shared between "tabs", with a quota), window
// events, and the quizzes a page holds. Each tab runs the script in a fresh context.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CONTRACT = "docs/assets/javascripts/contract.js";  // courseware/contract.py's names

export function storage(quota = Infinity) {
  const items = new Map();
  const used = () => [...items].reduce((sum, [key, value]) => sum + key.length + value.length, 0);
  return {
    items,
    get length() { return items.size; },
    key(index) { return [...items.keys()][index] ?? null; },
    getItem(key) { return items.has(key) ? items.get(key) : null; },
    setItem(key, value) {
      const before = items.get(key);
      items.set(key, String(value));
      if (used() > quota) {
        if (before === undefined) items.delete(key); else items.set(key, before);
        throw new Error("QuotaExceededError");
      }
    },
    removeItem(key) { items.delete(key); },
  };
}

// One tab: `script` (a path under the repository) run with `quizzes` on the page, given
// as [{id, reviewAsk}], and the question codes of this release. contract.js runs first, as
// on every page (the first of mkdocs.yml's extra_javascript).
export function tab(store, { scripts = ["docs/assets/javascripts/store.js"], quizzes = [], codes = {},
                             course = "demo" } = {}) {
  const listeners = {};
  const events = [];
  const elements = quizzes.map((q) => ({
    id: q.id,
    attributes: { "data-review-ask": q.reviewAsk ? "" : undefined },
    removeAttribute(name) { this.attributes[name] = undefined; },
  }));
  const document = {
    currentScript: { getAttribute: (name) => (name === "data-course" ? course : null) },
    querySelectorAll(selector) {
      if (selector === ".quiz[id]") return elements;
      if (selector === ".quiz[id][data-review-ask]") {
        return elements.filter((e) => e.attributes["data-review-ask"] !== undefined);
      }
      return [];
    },
  };
  class CustomEvent { constructor(type) { this.type = type; } }
  const window = {
    courseQuestionCodes: codes,
    addEventListener(type, handler) { (listeners[type] ||= []).push(handler); },
    dispatchEvent(event) { events.push(event.type); (listeners[event.type] || []).forEach((h) => h(event)); },
  };
  const context = vm.createContext({ window, document, localStorage: store, CustomEvent, console });
  for (const path of [CONTRACT, ...scripts]) {
    vm.runInContext(readFileSync(ROOT + path, "utf8"), context, { filename: path });
  }
  return { window, events, elements, storageEvent: (key) => (listeners.storage || []).forEach((h) => h({ key })) };
}
