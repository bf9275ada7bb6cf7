// courseware/release/assets/scorm-interactions.js: answers as SCORM interactions (issue 25, item 2),
// written to scorm-again's real SCORM 1.2 and 2004 run-times (pinned in tests/node), which
// check every value against the data model as an LMS would.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SCRIPT = "courseware/release/assets/scorm-interactions.js";
const context = vm.createContext({});
vm.runInContext(readFileSync(ROOT + SCRIPT, "utf8"), context, { filename: SCRIPT });
const interactions = context.courseScormInteractions;

// scorm-again is installed by `make test` (npm ci in tests/node); without it this fails.
const AGAIN = ROOT + "tests/node/node_modules/scorm-again/dist/esm/";
const { Scorm12API } = await import(AGAIN + "scorm12.js");
const { Scorm2004API } = await import(AGAIN + "scorm2004.js");

// A question table as courseware/release/scorm.py writes it (options sorted by key, letters in
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

// A conversation as courseware/release/scorm.py's conversation_table writes it (2004: with texts).
const TALK = {
  id: "07-callum-return-to-work", code: "T4lk", start: "arrive", objective: "07-people-processes",
  endings: ["end-plan", "end-cold"],
  nodes: {
    arrive: { interaction: "07-callum-return-to-work--arrive", choices: ["welcome", "paperwork", "joke"],
      to: ["how-are-you", "end-cold", "how-are-you"], right: "welcome", text: "Callum: Morning. Room two, is it?" },
    "how-are-you": { interaction: "07-callum-return-to-work--how-are-you", choices: ["open", "dates"],
      to: ["side", "end-plan"], right: "open", text: "Callum: Fine, really." },
    side: { interaction: "07-callum-return-to-work--side", choices: ["listen", "rush"], to: ["end-plan", "end-cold"],
      right: null, text: "Callum: There is something else." },
  },
};
const path = (steps, at = AT) => ({ [TALK.id]: { steps, endings: [], at } });

test("SCORM 2004: each conversation choice is an interaction; choosing again at a node updates it", () => {
  const port = lms("2004");
  const reporter = interactions.reporter("2004", QUESTIONS, port.port, {}, [TALK], {});
  // Three choices, the second off the experienced path (joke, not welcome, is wrong at arrive).
  assert.equal(reporter.sendPaths(path(["arrive/welcome"])), 1);
  assert.equal(reporter.sendPaths(path(["arrive/welcome", "how-are-you/dates"])), 1);
  assert.deepEqual(port.refused, []);
  assert.deepEqual(interaction(port.values, 0), {
    id: "07-callum-return-to-work--arrive", type: "choice", "objectives.0.id": "07-people-processes",
    timestamp: "2026-12-06T11:30:05.12Z", "correct_responses.0.pattern": "welcome", learner_response: "welcome",
    result: "correct", description: "Callum: Morning. Room two, is it?",
  });
  assert.equal(port.values["cmi.interactions.1.result"], "incorrect");
  // Back one step, then another choice at the same node: the node's interaction, updated.
  assert.equal(reporter.sendPaths(path(["arrive/welcome"])), 0, "going back is no choice");
  assert.equal(reporter.sendPaths(path(["arrive/welcome", "how-are-you/open"], AT + 1000)), 1);
  assert.equal(String(port.api.GetValue("cmi.interactions._count")), "2", "updated in place");
  assert.equal(port.api.GetValue("cmi.interactions.1.learner_response"), "open");
  assert.equal(port.api.GetValue("cmi.interactions.1.result"), "correct");
  // Where the experienced path does not pass: no correct response, result neutral.
  assert.equal(reporter.sendPaths(path(["arrive/welcome", "how-are-you/open", "side/rush"])), 1);
  assert.deepEqual(port.refused, []);
  const side = interaction(port.values, 2);
  assert.equal(side.result, "neutral");
  assert.equal(side["correct_responses.0.pattern"], undefined);
  assert.equal(side.learner_response, "rush");

  // Next session, the same path held at launch: nothing is sent again; a new choice at a
  // node the LMS holds updates that node's interaction.
  const second = lms("2004", port.values);
  const held = path(["arrive/welcome", "how-are-you/open", "side/rush"]);
  const again = interactions.reporter("2004", QUESTIONS, second.port, {}, [TALK], held);
  assert.equal(again.sendPaths(held), 0);
  assert.equal(again.sendPaths(path(["arrive/joke"])), 1);
  assert.equal(String(second.api.GetValue("cmi.interactions._count")), "3");
  assert.equal(second.api.GetValue("cmi.interactions.0.result"), "incorrect");
});

test("SCORM 1.2: each conversation choice adds a record, its letter as the response", () => {
  const port = lms("1.2");
  const talk = { ...TALK, nodes: Object.fromEntries(Object.entries(TALK.nodes).map(([id, node]) => {
    const { text, ...rest } = node;  // courseware/release/scorm.py leaves 1.2 without descriptions
    return [id, rest];
  })) };
  const reporter = interactions.reporter("1.2", QUESTIONS, port.port, {}, [talk], {});
  assert.equal(reporter.sendPaths(path(["arrive/joke", "how-are-you/open"])), 2);
  assert.equal(reporter.sendPaths(path(["arrive/joke"])), 0);
  assert.equal(reporter.sendPaths(path(["arrive/joke", "how-are-you/dates"])), 1);
  assert.deepEqual(port.refused, []);
  assert.equal(String(port.api.LMSGetValue("cmi.interactions._count")), "3", "a record per choice");
  assert.deepEqual(interaction(port.values, 0), {
    id: "07-callum-return-to-work--arrive", type: "choice", "objectives.0.id": "07-people-processes",
    time: interactions.time12(AT), "correct_responses.0.pattern": "a", student_response: "c", result: "wrong",
  });
  assert.equal(port.values["cmi.interactions.2.id"], "07-callum-return-to-work--how-are-you");
  assert.equal(port.values["cmi.interactions.2.student_response"], "b");
});

// An LMS that keeps only `limit` interactions (as SCORM 2004 allows at 250): scorm-again
// behind a door that refuses a new interaction's elements past it.
function limited(version, limit) {
  const inner = lms(version);
  const refusals = [];
  const set = (key, value) => {
    const found = /^cmi\.interactions\.(\d+)\./.exec(key);
    if (found && Number(found[1]) >= limit) {
      refusals.push(key);
      return "false";
    }
    return inner.port.set(key, value);
  };
  return { ...inner, refusals, port: { get: inner.port.get, set } };
}

for (const version of ["1.2", "2004"]) {
  test(`SCORM ${version}: an LMS that keeps only N interactions: the rest are not sent, nothing stops`, () => {
    const port = limited(version, 2);
    const reporter = interactions.reporter(version, QUESTIONS, port.port, {}, [TALK], {});
    const answers = { [SINGLE.id]: entry(SINGLE, ["5555eeeeee"], true), [FILL.id]: entry(FILL, ["70"], true) };
    assert.equal(reporter.send(answers), 2);
    assert.equal(reporter.refused(), false);
    // The third interaction is refused: noted, and no new one is tried in this session.
    assert.equal(reporter.sendPaths(path(["arrive/welcome"])), 0);
    assert.equal(reporter.refused(), true);
    assert.deepEqual(port.refusals, ["cmi.interactions.2.id"], "one refusal, then nothing more is tried");
    assert.equal(reporter.sendPaths(path(["arrive/welcome", "how-are-you/open"])), 0);
    assert.equal(reporter.send({ ...answers, [MULTIPLE.id]: entry(MULTIPLE, ["2222bbbbbb"], false) }), 0);
    assert.deepEqual(port.refusals, ["cmi.interactions.2.id"]);
    // What the LMS holds can still be updated in 2004 (1.2 adds, so adds nothing now).
    const changed = { ...answers, [SINGLE.id]: entry(SINGLE, ["4444dddddd"], false, AT + 5) };
    assert.equal(reporter.send(changed), version === "2004" ? 1 : 0);
    assert.deepEqual(port.refused, [], "scorm-again itself refused nothing");
    // The session goes on: the saved data, the score and the status are set and committed.
    const get = version === "2004" ? (k) => port.api.GetValue(k) : (k) => port.api.LMSGetValue(k);
    const setOk = (k, v) => String(port.port.set(k, v));
    assert.equal(setOk("cmi.suspend_data", "c2.~T4lkLAA0"), "true");
    assert.equal(setOk(version === "2004" ? "cmi.score.raw" : "cmi.core.score.raw", "50"), "true");
    assert.equal(setOk(version === "2004" ? "cmi.completion_status" : "cmi.core.lesson_status", "incomplete"), "true");
    assert.equal(String(version === "2004" ? port.api.Commit("") : port.api.LMSCommit("")), "true");
    assert.equal(get("cmi.suspend_data"), "c2.~T4lkLAA0");
  });
}
