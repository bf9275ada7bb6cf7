// courseware/release/assets/scorm-codec.js, the LMS packages' saved-answer codec ("c2"), against the
// examples courseware/release/scorm.py's encoder writes (tests/scorm_examples.py; test_courseware.py
// checks the file is what Python writes now).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const { table, conversations, examples } = JSON.parse(readFileSync(ROOT + "tests/data/scorm-suspend-examples.json", "utf8"));
const window = {};
vm.runInContext(readFileSync(ROOT + "courseware/release/assets/scorm-codec.js", "utf8"), vm.createContext({ window }));
const codec = window.courseScormCodec(table, conversations);
const plain = (value) => JSON.parse(JSON.stringify(value));  // an object from the script's own context

test("the examples cover every kind of question, and conversations", () => {
  assert.ok(examples.length >= 3);
  assert.ok(examples.some((e) => e.data.split(".").filter((part) => part.startsWith("~")).length === conversations.length));
  assert.deepEqual(new Set(table.map((q) => q.type)), new Set(["choice", "fill"]));
  assert.ok(examples.some((e) => e.data.split(".").length > table.length - 1), "one has most questions answered");
});

for (const example of examples) {
  test(`encodes as Python does: ${example.name}`, () => {
    assert.equal(codec.encode(example.answers, example.paths), example.data);
  });

  test(`decodes Python's data to the same answers and paths and encodes them back: ${example.name}`, () => {
    const decoded = plain(codec.decode(example.data));
    const paths = plain(codec.decodePaths(example.data));
    assert.deepEqual(decoded, example.decoded);
    assert.deepEqual(paths, example.decodedPaths);
    assert.equal(codec.encode(decoded, paths), example.data);
    assert.equal(codec.readable(example.data), true);
  });
}

test("saved data in the first format (no day, no reviews) is still read; any other is not", () => {
  const full = examples[0].data.split(".")[1];  // code, state, day (2), reviews, choices
  const old = codec.decode("c1." + full.slice(0, 5) + full.slice(8));
  assert.deepEqual(Object.keys(old), [table[0].id]);
  assert.deepEqual(plain(old[table[0].id].selectedValues), examples[0].decoded[table[0].id].selectedValues);
  assert.equal(codec.readable("c9.Zz9a1Bb.q"), false);
  assert.deepEqual(plain(codec.decode("c9.Zz9a1Bb.q")), {});
  assert.equal(codec.readable(""), true, "nothing saved yet");
});

test("a part it cannot read (unknown code, wrong length, bad state) is left out, never guessed at", () => {
  const [format, first, ...rest] = examples[0].data.split(".");
  const broken = [format, "Zzzz" + first.slice(4), first + "A", first.slice(0, 4) + "x" + first.slice(5), ...rest];
  const decoded = plain(codec.decode(broken.join(".")));
  assert.deepEqual(Object.keys(decoded).sort(), rest.map((part) => table.find((q) => q.code === part.slice(0, 4)).id).sort());
});

test("a conversation changed by a release (another code) drops its saved path; the rest is read", () => {
  const example = examples.find((e) => e.name === "answers and conversations");
  const changed = conversations.map((c) => (c.id === "demo-talk" ? { ...c, code: "N3w1" } : c));
  const newer = window.courseScormCodec(table, changed);
  assert.deepEqual(Object.keys(plain(newer.decodePaths(example.data))), ["demo-short"]);
  assert.deepEqual(plain(newer.decode(example.data)), example.decoded, "the answers are all there");
});

test("data from the release before conversations restores its answers; that release skips the paths", () => {
  const example = examples.find((e) => e.name === "answers and conversations");
  const answersOnly = example.data.split(".").filter((part) => !part.startsWith("~")).join(".");
  assert.deepEqual(plain(codec.decode(answersOnly)), example.decoded);
  assert.deepEqual(plain(codec.decodePaths(answersOnly)), {});
  const before = window.courseScormCodec(table);  // a package with no conversation table
  assert.deepEqual(plain(before.decode(example.data)), example.decoded);
});

test("a conversation part it cannot read (a position past the node's choices, short) is left out", () => {
  const example = examples.find((e) => e.name === "answers and conversations");
  const talk = example.data.split(".").find((part) => part.startsWith("~T4lk"));
  for (const broken of [talk + "3", talk.slice(0, 8), talk.slice(0, 5) + "!!" + talk.slice(7)]) {
    assert.deepEqual(Object.keys(plain(codec.decodePaths("c2." + broken))), [], broken);
  }
});
