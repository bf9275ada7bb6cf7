// docs/assets/javascripts/conversation.js: the branching conversation player's walk (issue 26).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const PATH = fileURLToPath(new URL("../../docs/assets/javascripts/conversation.js", import.meta.url));
const context = vm.createContext({ module: { exports: {} } });
vm.runInContext(readFileSync(PATH, "utf8"), context, { filename: PATH });
const { Walk } = context.module.exports;

// start -> (a: mid | b: bad end); mid -> (c: good end | d: bad end)
const SCRIPT = {
  start: "start",
  nodes: {
    start: { choices: [{ id: "a", to: "mid" }, { id: "b", to: "bad" }], ending: null },
    mid: { choices: [{ id: "c", to: "good" }, { id: "d", to: "bad" }], ending: null },
    good: { choices: [], ending: "good" },
    bad: { choices: [], ending: "recoverable" },
  },
};

test("a walk starts at the start, and each choice moves it on", () => {
  const walk = new Walk(SCRIPT);
  assert.equal(walk.at(), "start");
  assert.equal(walk.choose("a"), true);
  assert.equal(walk.at(), "mid");
  assert.equal(walk.ended(), false);
  assert.equal(walk.choose("c"), true);
  assert.equal(walk.at(), "good");
  assert.equal(walk.ended(), true);
  assert.deepEqual([...walk.steps], ["start/a", "mid/c"], "steps are kept as node/choice ids");
});

test("a choice that is not the current node's, or any choice after an ending, is refused", () => {
  const walk = new Walk(SCRIPT);
  assert.equal(walk.choose("c"), false, "c belongs to mid, not start");
  assert.equal(walk.choose("b"), true);
  assert.equal(walk.choose("a"), false, "the conversation has ended");
  assert.deepEqual([...walk.steps], ["start/b"]);
});

test("going back undoes one step, and never goes before the start", () => {
  const walk = new Walk(SCRIPT);
  walk.choose("a");
  walk.choose("d");
  assert.equal(walk.back(), true);
  assert.equal(walk.at(), "mid");
  assert.equal(walk.back(), true);
  assert.equal(walk.at(), "start");
  assert.equal(walk.back(), false);
  assert.equal(walk.at(), "start");
});

test("starting again clears the path", () => {
  const walk = new Walk(SCRIPT);
  walk.choose("a");
  walk.restart();
  assert.equal(walk.at(), "start");
  assert.equal(walk.steps.length, 0);
});

test("the shared start with the experienced path is counted step by step", () => {
  const walk = new Walk(SCRIPT);
  walk.choose("a");
  walk.choose("d");
  assert.equal(walk.sharedWith(["start/a", "mid/c"]), 1);
  walk.restart();
  walk.choose("b");
  assert.equal(walk.sharedWith(["start/a", "mid/c"]), 0);
});
