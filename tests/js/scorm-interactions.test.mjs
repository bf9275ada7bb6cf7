// courseware/assets/scorm-interactions.js: answers as SCORM interactions (issue 25, item 2),
// written to scorm-again's real SCORM 1.2 and 2004 run-times (pinned in tests/node), which
// check every value against the data model as an LMS would.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SCRIPT = "courseware/assets/scorm-interactions.js";
const context = vm.createContext({});
vm.runInContext(readFileSync(ROOT + SCRIPT, "utf8"), context, { filename: SCRIPT });
const interactions = context.courseScormInteractions;

// scorm-again is installed by `make test` (npm ci in tests/node); without it this fails.
const AGAIN = ROOT + "tests/node/node_modules/scorm-again/dist/esm/";
const { Scorm12API } = await import(AGAIN + "scorm12.js");
const { Scorm2004API } = await import(AGAIN + "scorm2004.js");

// A question table as courseware/scorm.py writes it (options sorted by key, letters in
// the bank's order).
const QUESTIONS = [
  { id: "coach-when-to-direct", code: "AAAA", objective: "02-coaching-objective-1", type: "choice",
    text: "Which of these are cases for directing? Choose every one that applies.",
    options: ["1111aaaaaa", "2222bbbbbb", "3333cccccc"], right: ["2222bbbbbb", "3333cccccc"], letters: "cab" },
  { id: "coach-one-right", code: "BBBB", objective: "02-coaching-objective-2", type: "choice",
    text: "Which one is right?", options: ["4444dddddd", "5555eeeeee"], right: ["5555eeeeee"], letters: "ab" },
  { id: "coach-qa-weighted-score", code: "CCCC", objective: "02-coaching-objective-3", type: "fill",
    text: "What does the call score? ___%", answers: ["70"] },
];
const [MULTIPLE, SINGLE, FILL] = QUESTIONS;
const AT = Date.UTC(2026, 11, 6, 11, 30, 5, 120);

const entry = (question, values, correct, at = AT) =>
  ({ answered: true, correct, selectedValues: values, at, code: question.code });

// An LMS: scorm-again, initialised, with `saved` (flattened CMI) from an earlier session;
// every value set is kept, as the LMS stores it, in `values`.
function lms(version, saved = null) {
  const modern = version === "2004";
  const api = modern ? new Scorm2004API({ logLevel: 5 }) : new Scorm12API({ logLevel: 5 });
  if (saved) api.loadFromFlattenedJSON(saved, "");
  const values = { ...(saved || {}) };
  const refused = [];
  api.on(`${modern ? "" : "LMS"}SetValue.cmi.*`, (element, value) => { values[element] = value; });
  assert.equal(String(modern ? api.Initialize("") : api.LMSInitialize("")), "true");
  const get = modern ? (key) => api.GetValue(key) : (key) => api.LMSGetValue(key);
  const set = (key, value) => {
    const done = modern ? api.SetValue(key, value) : api.LMSSetValue(key, value);
    const error = String(modern ? api.GetLastError() : api.LMSGetLastError());
    if (String(done) !== "true" || error !== "0") refused.push([key, value, error]);
    return done;
  };
  return { api, values, refused, port: { get, set } };
}

const interaction = (values, n) => Object.fromEntries(Object.entries(values)
  .filter(([key]) => key.startsWith(`cmi.interactions.${n}.`))
  .map(([key, value]) => [key.slice(`cmi.interactions.${n}.`.length), value]));

test("SCORM 2004: three answers become three interactions, and a re-answer updates its own", () => {
  const first = lms("2004");
  const reporter = interactions.reporter("2004", QUESTIONS, first.port, {});
  const answers = {
    [SINGLE.id]: entry(SINGLE, ["5555eeeeee"], true),
    [MULTIPLE.id]: entry(MULTIPLE, ["1111aaaaaa", "3333cccccc"], false),
    [FILL.id]: entry(FILL, ["  not   it "], false),
  };
  assert.equal(reporter.send(answers), 3);
  assert.deepEqual(first.refused, []);
  assert.equal(String(first.api.GetValue("cmi.interactions._count")), "3");
  // In the table's order (course order), whatever order the answers came in.
  assert.deepEqual(interaction(first.values, 0), {
    id: MULTIPLE.id, type: "choice", "objectives.0.id": "02-coaching-objective-1",
    timestamp: "2026-12-06T11:30:05.12Z", "correct_responses.0.pattern": "2222bbbbbb[,]3333cccccc",
    learner_response: "1111aaaaaa[,]3333cccccc", result: "incorrect", description: MULTIPLE.text,
  });
  assert.equal(first.values["cmi.interactions.1.learner_response"], "5555eeeeee");
  assert.equal(first.values["cmi.interactions.1.result"], "correct");
  assert.deepEqual(interaction(first.values, 2), {
    id: FILL.id, type: "fill-in", "objectives.0.id": "02-coaching-objective-3",
    timestamp: "2026-12-06T11:30:05.12Z", "correct_responses.0.pattern": "70",
    learner_response: "not it", result: "incorrect", description: FILL.text,
  });
  assert.equal(reporter.send(answers), 0, "an answer is reported once");

  // Next session: what the LMS holds is not sent again; the wrong one answered again, right.
  const second = lms("2004", first.values);
  const again = interactions.reporter("2004", QUESTIONS, second.port, answers);
  const later = AT + 86400000;
  const changed = { ...answers, [MULTIPLE.id]: entry(MULTIPLE, ["2222bbbbbb", "3333cccccc"], true, later) };
  assert.equal(again.send(changed), 1);
  assert.deepEqual(second.refused, []);
  assert.equal(String(second.api.GetValue("cmi.interactions._count")), "3", "updated, not added");
  assert.equal(second.api.GetValue("cmi.interactions.0.id"), MULTIPLE.id);
  assert.equal(second.api.GetValue("cmi.interactions.0.learner_response"), "2222bbbbbb[,]3333cccccc");
  assert.equal(second.api.GetValue("cmi.interactions.0.result"), "correct");
  assert.equal(second.api.GetValue("cmi.interactions.0.timestamp"), "2026-12-07T11:30:05.12Z");
  assert.equal(second.api.GetValue("cmi.interactions.2.learner_response"), "not it", "the others stay");
});

test("SCORM 1.2: letters for options, and a re-answer adds a record (interactions are write-only)", () => {
  const first = lms("1.2");
  const reporter = interactions.reporter("1.2", QUESTIONS, first.port, {});
  const answers = {
    [MULTIPLE.id]: entry(MULTIPLE, ["1111aaaaaa", "3333cccccc"], false),
    [SINGLE.id]: entry(SINGLE, ["5555eeeeee"], true),
    [FILL.id]: entry(FILL, ["not it"], false),
  };
  assert.equal(reporter.send(answers), 3);
  assert.deepEqual(first.refused, []);
  assert.equal(String(first.api.LMSGetValue("cmi.interactions._count")), "3");
  // 1111aaaaaa is the bank's third option (c), 3333cccccc its second (b).
  assert.deepEqual(interaction(first.values, 0), {
    id: MULTIPLE.id, type: "choice", "objectives.0.id": "02-coaching-objective-1",
    time: interactions.time12(AT), "correct_responses.0.pattern": "a,b", student_response: "b,c", result: "wrong",
  });
  assert.match(first.values["cmi.interactions.0.time"], /^\d\d:\d\d:\d\d$/);
  assert.equal(first.values["cmi.interactions.1.student_response"], "b");
  assert.equal(first.values["cmi.interactions.2.student_response"], "not it");
  assert.equal(first.values["cmi.interactions.2.result"], "wrong");
  assert.equal(first.values["cmi.interactions.2.description"], undefined, "1.2 has no description");

  const second = lms("1.2", first.values);
  const again = interactions.reporter("1.2", QUESTIONS, second.port, answers);
  const changed = { ...answers, [MULTIPLE.id]: entry(MULTIPLE, ["2222bbbbbb", "3333cccccc"], true, AT + 60000) };
  assert.equal(again.send(changed), 1);
  assert.deepEqual(second.refused, []);
  assert.equal(String(second.api.LMSGetValue("cmi.interactions._count")), "4", "a new record");
  assert.equal(second.values["cmi.interactions.3.id"], MULTIPLE.id);
  assert.equal(second.values["cmi.interactions.3.student_response"], "a,b");
  assert.equal(second.values["cmi.interactions.3.result"], "correct");
  assert.equal(second.values["cmi.interactions.0.student_response"], "b,c", "the first record stays");
});

test("nothing is reported for an answer not given, given to earlier options, or unchanged", () => {
  const port = lms("2004");
  const reporter = interactions.reporter("2004", QUESTIONS, port.port, {
    [SINGLE.id]: entry(SINGLE, ["5555eeeeee"], true),
  });
  assert.equal(reporter.send({
    [SINGLE.id]: entry(SINGLE, ["5555eeeeee"], true),                       // held at launch
    [MULTIPLE.id]: { ...entry(MULTIPLE, ["2222bbbbbb"], false), code: "OLD1" },  // another code
    [FILL.id]: { answered: false, selectedValues: [] },                      // not answered
  }), 0);
  assert.equal(String(port.api.GetValue("cmi.interactions._count")), "0");
  // Cleared, then answered the same way again later: a new answer.
  reporter.send({});
  assert.equal(reporter.send({ [SINGLE.id]: entry(SINGLE, ["5555eeeeee"], true, AT + 1000) }), 1);
});

test("a learner's words are kept within each version's limits and formats", () => {
  const long = "x".repeat(300);
  const record = interactions.fromAnswer(FILL, entry(FILL, ["{odd[,]words"], false));
  const words = interactions.elements("2004", record).find(([key]) => key === "learner_response")[1];
  assert.equal(words, "(odd,words");
  for (const version of ["1.2", "2004"]) {
    const port = lms(version);
    const reporter = interactions.reporter(version, QUESTIONS, port.port, {});
    assert.equal(reporter.send({ [FILL.id]: entry(FILL, [long], false) }), 1);
    assert.deepEqual(port.refused, [], version);
    const sent = port.values[`cmi.interactions.0.${version === "1.2" ? "student" : "learner"}_response`];
    assert.equal(sent.length, version === "1.2" ? 255 : 250, version);
    assert.equal(reporter.send({ [FILL.id]: entry(FILL, ["{odd[,]words"], false, AT + 1) }), 1);
    assert.deepEqual(port.refused, [], version);
  }
});

test("an LMS that refuses a record (or throws) never stops the answers being saved", () => {
  const refusing = { get: () => "0", set: (key) => (key.endsWith(".id") ? "false" : "true") };
  const reporter = interactions.reporter("1.2", QUESTIONS, refusing, {});
  assert.equal(reporter.send({ [SINGLE.id]: entry(SINGLE, ["5555eeeeee"], true) }), 0);
  const throwing = { get: () => { throw new Error("LMS"); }, set: () => { throw new Error("LMS"); } };
  const quiet = interactions.reporter("2004", QUESTIONS, throwing, {});
  assert.equal(quiet.send({ [SINGLE.id]: entry(SINGLE, ["5555eeeeee"], true) }), 0);
});
