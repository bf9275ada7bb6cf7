// docs/assets/javascripts/store.js: the one store of a learner's saved data (answers, notebook).
import assert from "node:assert/strict";
import { test } from "node:test";

import { storage, tab } from "./browser-env.mjs";

const KEY = "course-answers:demo";
const PAGE = ["q1", "q2", "q3", "q4"].map((id) => ({ id }));
const CODES = { q1: "AAAA", q2: "BBBB", q3: "CCCC", q4: "DDDD", q9: "ZZZZ" };

const answer = (correct = true, values = ["k1"]) => ({ answered: true, correct, selectedValues: values });
const stored = (store) => JSON.parse(store.getItem(KEY)).answers;
const plain = (value) => JSON.parse(JSON.stringify(value));  // an object from the script's own context

// What mkdocs-quiz does: read the page once, then write its whole in-memory page each time.
function quizJs(page) {
  const storageView = page.window.courseAnswers.pageStorage;
  const known = JSON.parse(storageView.getItem("quiz_progress_/page/") || "{}");
  return {
    answer(id, entry) { known[id] = entry; storageView.setItem("quiz_progress_/page/", JSON.stringify(known)); },
    tryAgain(id) { delete known[id]; storageView.setItem("quiz_progress_/page/", JSON.stringify(known)); },
  };
}

test("a tab opened earlier never erases what another tab answered since (DEF-1)", () => {
  const store = storage();
  const a = tab(store, { quizzes: PAGE, codes: CODES });
  const b = tab(store, { quizzes: PAGE, codes: CODES });
  const quizA = quizJs(a);
  const quizB = quizJs(b);  // loaded before anything was answered
  quizA.answer("q1", answer());
  quizB.answer("q4", answer(false));
  assert.deepEqual(Object.keys(stored(store)).sort(), ["q1", "q4"]);
  assert.equal(stored(store).q1.code, "AAAA");

  // Tab B still holds q4; tab A clears it with Try again; B's next answer leaves it cleared.
  const quizA2 = quizJs(tab(store, { quizzes: PAGE, codes: CODES }));
  quizA2.tryAgain("q4");
  quizB.answer("q2", answer());
  assert.deepEqual(Object.keys(stored(store)).sort(), ["q1", "q2"]);
});

test("a review page left open keeps every answer given elsewhere since", () => {
  const store = storage();
  const review = tab(store, { quizzes: [...PAGE, { id: "q9" }], codes: CODES });
  const reviewQuiz = quizJs(review);
  const lesson = tab(store, { quizzes: PAGE, codes: CODES });
  lesson.window.courseAnswers.put(["q1", "q2"], { q1: answer(), q2: answer() });
  reviewQuiz.answer("q9", answer());
  assert.deepEqual(Object.keys(stored(store)).sort(), ["q1", "q2", "q9"]);
});

test("mkdocs-quiz's size guard cannot clear anything (DEF-2), and one answer's size is capped", () => {
  const store = storage();
  const page = tab(store, { quizzes: PAGE, codes: CODES });
  page.window.courseAnswers.put(["q1", "q2"], { q1: answer(), q2: answer(true, ["change" + " ".repeat(30000)]) });
  page.window.courseAnswers.pageStorage.removeItem("quiz_progress_/page/");
  assert.deepEqual(Object.keys(stored(store)).sort(), ["q1", "q2"]);
  assert.equal(stored(store).q2.selectedValues[0].length, 200);
  assert.ok(store.getItem(KEY).length < 1000);
});

test("an oversized answer arriving from outside is left out, the rest kept", () => {
  const store = storage();
  store.setItem(KEY, JSON.stringify({ version: 1, answers: {
    q1: { ...answer(), code: "AAAA", at: 1 },
    q2: { ...answer(true, ["x".repeat(60000)]), code: "BBBB", at: 1 },
  } }));
  const page = tab(store, { quizzes: PAGE, codes: CODES });
  assert.deepEqual(Object.keys(page.window.courseAnswers.all()), ["q1"]);
  assert.equal(page.window.courseAnswers.current("q2", { ...answer(true, Array(13).fill("k")), code: "BBBB" }), false);
  assert.equal(page.window.courseAnswers.current("__proto__", answer()), false);
});

test("an answer to other options (another code) is dropped; other releases' answers are kept", () => {
  const store = storage();
  store.setItem(KEY, JSON.stringify({ version: 1, answers: {
    q1: { ...answer(), code: "OLD1", at: 1 },
    q2: { ...answer(), at: 1 },  // saved before codes
    "q-next-release": { ...answer(), code: "NEW1", at: 1 },
  } }));
  const page = tab(store, { quizzes: PAGE, codes: CODES });
  assert.deepEqual(plain(page.window.courseAnswers.all()), { "q-next-release": { ...answer(), code: "NEW1", at: 1 } });
  assert.equal(page.window.courseAnswers.pageStorage.getItem("x"), null, "nothing shown on the page");
  page.window.courseAnswers.put(["q3"], { q3: answer() });
  assert.deepEqual(Object.keys(stored(store)).sort(), ["q-next-release", "q3"]);
});

test("when the browser refuses to store, the page is told and nothing else changes (DEF-9)", () => {
  const store = storage(400);
  const page = tab(store, { quizzes: PAGE, codes: CODES });
  assert.equal(page.window.courseAnswers.put(["q1"], { q1: answer() }), true);
  const before = store.getItem(KEY);
  quizJs(page).answer("q2", answer(true, ["k".repeat(150), "k2".repeat(50)]));
  assert.equal(store.getItem(KEY), before);
  assert.ok(page.events.includes("courseanswersnotsaved"));
});

test("a store this format cannot read is kept aside before it is replaced (DEF-15)", () => {
  const store = storage();
  const newer = JSON.stringify({ version: 2, answers: { q1: { state: "right" } } });
  store.setItem(KEY, newer);
  const page = tab(store, { quizzes: PAGE, codes: CODES });
  page.window.courseAnswers.put(["q2"], { q2: answer() });
  assert.equal(store.getItem(KEY + ":unreadable"), newer);
  assert.deepEqual(Object.keys(stored(store)), ["q2"]);
});

test("clearing everything removes the copy kept aside too (a shared PC keeps nothing)", () => {
  const store = storage();
  store.setItem(KEY, "not json");
  const page = tab(store, { quizzes: PAGE, codes: CODES });
  page.window.courseAnswers.put(["q2"], { q2: answer() });
  assert.equal(store.getItem(KEY + ":unreadable"), "not json");
  assert.equal(page.window.courseAnswers.clear(), true);
  assert.equal(store.getItem(KEY), null);
  assert.equal(store.getItem(KEY + ":unreadable"), null);
});

test("another tab's change reaches this page as courseanswerschange", () => {
  const page = tab(storage(), { quizzes: PAGE, codes: CODES });
  page.storageEvent("course-answers:other");
  assert.ok(!page.events.includes("courseanswerschange"));
  page.storageEvent(KEY);
  assert.ok(page.events.includes("courseanswerschange"));
});

test("a question asked again on the review page counts as a review; left alone, its answer stays", () => {
  const store = storage();
  const first = tab(store, { quizzes: PAGE, codes: CODES });
  first.window.courseAnswers.put(["q1", "q2"], { q1: answer(), q2: answer() });
  const review = tab(store, { quizzes: [{ id: "q1", reviewAsk: true }, { id: "q2", reviewAsk: true }], codes: CODES });
  const quiz = quizJs(review);
  assert.equal(review.window.courseAnswers.pageStorage.getItem("x"), null, "both are asked as new");
  quiz.answer("q1", answer());
  assert.equal(stored(store).q1.reviews, 1);
  assert.deepEqual(stored(store).q2.selectedValues, ["k1"], "not answered again: kept as it was");
  assert.equal(review.elements[0].attributes["data-review-ask"], undefined);
});

test("mkdocs-quiz's own per-page answers are folded in once, only where no code says otherwise", () => {
  const store = storage();
  store.setItem("quiz_progress_/training/page/", JSON.stringify({ q1: answer(), "q-gone": answer() }));
  const page = tab(store, { quizzes: PAGE, codes: CODES });
  assert.equal(store.getItem("quiz_progress_/training/page/"), null);
  assert.deepEqual(Object.keys(page.window.courseAnswers.all()), ["q-gone"]);
});

// --- the notebook, and every kind at once ------------------------------------------------------

const NOTEBOOK = "course-notebook:demo";
const notebookIn = (store) => JSON.parse(store.getItem(NOTEBOOK));

test("the notebook keeps an entry's time while its text stays the same, and drops unsound items", () => {
  const store = storage();
  const page = tab(store);
  assert.equal(page.window.courseNotebook.put("modules/01-demo/lesson#practice", "First go."), true);
  const at = notebookIn(store).entries["modules/01-demo/lesson#practice"].at;
  assert.equal(typeof at, "number");
  page.window.courseNotebook.put("modules/01-demo/lesson#practice", "First go.");
  assert.equal(notebookIn(store).entries["modules/01-demo/lesson#practice"].at, at, "the same text is no change");
  assert.equal(page.window.courseNotebook.put(null, "x"), false);
  assert.equal(page.window.courseNotebook.put("__proto__", "x"), false);
  assert.ok(page.events.includes("coursenotebookchange"));

  store.setItem(NOTEBOOK, JSON.stringify({ version: 1,
    entries: { kept: { text: "kept", at: 5, extra: "dropped" }, bad: { text: 3, at: 1 }, worse: null },
    plan: { "plan:01-demo:abc": { done: "yes", at: 1 }, "plan:01-demo:def": { done: true, at: 2 } } }));
  assert.deepEqual(plain(page.window.courseNotebook.all()), { version: 1, entries: { kept: { text: "kept", at: 5 } },
    plan: { "plan:01-demo:def": { done: true, at: 2 } } });
});

test("a notebook this format cannot read is kept aside, never thrown on; another tab's change is told", () => {
  const store = storage();
  store.setItem(NOTEBOOK, "{not json");
  const page = tab(store);
  assert.deepEqual(plain(page.window.courseNotebook.all()), { version: 1, entries: {}, plan: {} });
  assert.equal(page.window.courseNotebook.setPlan("plan:01-demo:abc", true), true);
  assert.equal(store.getItem(NOTEBOOK + ":unreadable"), "{not json");
  assert.equal(notebookIn(store).plan["plan:01-demo:abc"].done, true);
  page.events.length = 0;
  page.storageEvent(NOTEBOOK);
  assert.deepEqual(page.events, ["coursenotebookchange"]);
});

const saved = (at) => ({
  answers: { q1: { ...answer(), code: "AAAA", at }, q2: { ...answer(false, ["k2"]), code: "BBBB", at } },
  notebook: { entries: { "modules/01-demo/lesson#practice": { text: "Mine at " + at, at } },
              plan: { "plan:01-demo:abc": { done: true, at } } },
  conversations: {},
});

test("export and import round trip: every item comes back with its own time", () => {
  const first = storage();
  tab(first, { codes: CODES }).window.courseStore.importAll(saved(1000));
  const exported = plain(tab(first, { codes: CODES }).window.courseStore.exportAll());
  assert.deepEqual(exported, saved(1000));

  const second = storage();
  const page = tab(second, { codes: CODES });
  assert.deepEqual(plain(page.window.courseStore.importAll(exported)), { answers: 2, entries: 1, plan: 1, paths: 0 });
  assert.deepEqual(plain(page.window.courseStore.exportAll()), exported);
  assert.deepEqual(JSON.parse(second.getItem(KEY)), { version: 1, answers: exported.answers }, "the stored format");
  assert.deepEqual(notebookIn(second), { version: 1, ...exported.notebook });
  assert.ok(page.events.includes("courseanswerschange") && page.events.includes("coursenotebookchange"));
});

test("importing merges item by item, and the newest `at` wins either way", () => {
  const store = storage();
  const page = tab(store, { codes: CODES });
  page.window.courseStore.importAll(saved(2000));
  const older = saved(1000);
  older.answers.q3 = { ...answer(), code: "CCCC", at: 500 };  // only in the file: taken whatever its age
  older.notebook.entries["modules/01-demo/other#practice"] = { text: "Only in the file", at: 10 };
  assert.deepEqual(plain(page.window.courseStore.importAll(older)), { answers: 1, entries: 1, plan: 0, paths: 0 });
  assert.equal(stored(store).q1.at, 2000, "the newer answer held here is kept");
  assert.equal(notebookIn(store).entries["modules/01-demo/lesson#practice"].text, "Mine at 2000");

  const newer = saved(3000);
  assert.deepEqual(plain(page.window.courseStore.importAll(newer)), { answers: 2, entries: 1, plan: 1, paths: 0 });
  assert.equal(stored(store).q2.at, 3000);
  assert.equal(notebookIn(store).entries["modules/01-demo/lesson#practice"].text, "Mine at 3000");
  assert.equal(Object.keys(stored(store)).length, 3);
});

test("an import leaves out unsound items: other options, not answered, bad values, bad ids", () => {
  const store = storage();
  const page = tab(store, { codes: CODES });
  const file = saved(1000);
  Object.assign(file.answers, {
    q3: { ...answer(), code: "OLD1", at: 1 },                    // given to other options
    q4: { answered: false, correct: false, selectedValues: [], code: "DDDD", at: 1 },
    "q-next": { ...answer(true, ["x".repeat(201)]), at: 1 },     // over the cap
    "Not An Id": { ...answer(), at: 1 },
    "q-when": { ...answer(), at: "yesterday" },
    ["__proto__"]: { ...answer(), at: 1 },
  });
  file.notebook.entries.bad = { text: 3, at: 1 };
  file.notebook.plan.bad = { done: true };
  assert.deepEqual(plain(page.window.courseStore.importAll(file)), { answers: 2, entries: 1, plan: 1, paths: 0 });
  assert.deepEqual(Object.keys(stored(store)).sort(), ["q1", "q2"]);
  assert.deepEqual(Object.keys(notebookIn(store).entries), ["modules/01-demo/lesson#practice"]);
});

test("an import is all or nothing: a damaged part, or a browser that refuses, changes nothing", () => {
  const store = storage(600);
  const page = tab(store, { codes: CODES });
  page.window.courseAnswers.put(["q1"], { q1: answer() });
  page.window.courseNotebook.put("a", "short");
  const before = [...store.items];
  assert.equal(page.window.courseStore.importAll({ answers: saved(1).answers, notebook: { entries: {} } }), null);
  assert.equal(page.window.courseStore.importAll({ notebook: saved(1).notebook }), null, "answers asked for, none given");
  const big = saved(9e12);
  big.notebook.entries.long = { text: "x".repeat(400), at: 9e12 };  // the answers fit; the notebook does not
  page.events.length = 0;
  assert.equal(page.window.courseStore.importAll(big), false);
  assert.deepEqual([...store.items], before);
  assert.deepEqual(page.events, [], "nothing changed, nothing told");
});

test("an import into answers the store cannot read keeps them aside first", () => {
  const store = storage();
  store.setItem(KEY, "not json");
  const page = tab(store, { codes: CODES });
  page.window.courseStore.importAll(saved(1000), ["answers"]);
  assert.equal(store.getItem(KEY + ":unreadable"), "not json");
  assert.deepEqual(Object.keys(stored(store)).sort(), ["q1", "q2"]);
  assert.equal(store.getItem(NOTEBOOK), null, "only the kinds named");
});

test("replaceAll (an LMS) replaces every answer, drops old keys and what was kept aside", () => {
  const store = storage();
  store.setItem(KEY, JSON.stringify({ version: 1, answers: { q9: { ...answer(), code: "ZZZZ", at: 1 } } }));
  store.setItem(KEY + ":unreadable", "someone else's");
  store.setItem("quiz_progress_/training/page/", JSON.stringify({ q2: answer() }));
  store.setItem(NOTEBOOK, JSON.stringify({ version: 1, entries: { a: { text: "mine", at: 1 } }, plan: {} }));
  const launcher = tab(store, { codes: null });  // the launcher knows no question codes
  assert.ok(store.getItem("quiz_progress_/training/page/"), "never folded in where codes are unknown");
  const fromLms = { q1: { ...answer(), code: "AAAA", at: 86400000 }, "Not An Id": answer() };
  assert.equal(launcher.window.courseAnswers.replaceAll(fromLms), true);
  assert.deepEqual(JSON.parse(store.getItem(KEY)), { version: 1, answers: { q1: fromLms.q1 } });
  assert.equal(store.getItem(KEY + ":unreadable"), null);
  assert.equal(store.getItem("quiz_progress_/training/page/"), null);
  assert.deepEqual(notebookIn(store).entries, { a: { text: "mine", at: 1 } }, "the notebook is not the LMS's");
});

test("conversations' replaceAll (an LMS) replaces every path, drops what was kept aside and what is unsound", () => {
  const store = storage();
  const CONVERSATIONS = "course-conversations:demo";
  store.setItem(CONVERSATIONS, JSON.stringify({ version: 1, paths: {
    "07-talk": { steps: ["arrive/quick"], endings: ["end-plan"], at: 5 } } }));
  store.setItem(CONVERSATIONS + ":unreadable", "someone else's");
  const launcher = tab(store, { codes: null });
  const fromLms = { "07-talk": { steps: ["arrive/welcome", "how/open"], endings: [], at: 86400000 },
    "Not An Id": { steps: [], endings: [], at: 1 }, "08-other": { steps: ["not a step"], endings: [], at: 1 } };
  assert.equal(launcher.window.courseConversations.replaceAll(fromLms), true);
  assert.deepEqual(JSON.parse(store.getItem(CONVERSATIONS)), { version: 1, paths: { "07-talk": fromLms["07-talk"] } });
  assert.equal(store.getItem(CONVERSATIONS + ":unreadable"), null);
  assert.equal(launcher.window.courseConversations.replaceAll({}), true);
  assert.deepEqual(plain(launcher.window.courseConversations.all()), {}, "nothing saved in the LMS: nothing here");
});

test("the notebook is kept for the learner who wrote it, cleared for anyone else", () => {
  const store = storage();
  const page = tab(store);
  page.window.courseNotebook.put("a", "learner A's note");
  page.window.courseNotebook.keepFor("learner-a");
  assert.equal(store.getItem(NOTEBOOK), null, "nobody was named as its owner before");
  page.window.courseNotebook.put("a", "learner A's note");
  page.window.courseNotebook.keepFor("learner-a");
  assert.equal(page.window.courseNotebook.all().entries.a.text, "learner A's note");
  store.setItem(NOTEBOOK + ":unreadable", "older notes");
  page.window.courseNotebook.keepFor("learner-b");
  assert.equal(store.getItem(NOTEBOOK), null);
  assert.equal(store.getItem(NOTEBOOK + ":unreadable"), null);
  page.window.courseNotebook.put("b", "B's");
  page.window.courseNotebook.keepFor("");
  assert.equal(store.getItem(NOTEBOOK), null, "a learner the LMS does not name gets an empty notebook");
});

test("clearing one kind leaves the others", () => {
  const store = storage();
  const page = tab(store, { codes: CODES });
  page.window.courseStore.importAll(saved(1000));
  assert.equal(page.window.courseStore.clearAll(["notebook"]), true);
  assert.equal(store.getItem(NOTEBOOK), null);
  assert.deepEqual(Object.keys(stored(store)).sort(), ["q1", "q2"]);
  page.window.courseStore.clearAll();
  assert.equal(store.getItem(KEY), null);
});

test("a conversation's path and the endings reached are kept, unsound ones dropped", () => {
  const store = storage();
  const page = tab(store, {});
  const talks = page.window.courseConversations;
  assert.equal(talks.put("07-demo", ["arrive/welcome", "how-are-you/open"]), true);
  assert.deepEqual(plain(talks.get("07-demo")).steps, ["arrive/welcome", "how-are-you/open"]);
  talks.put("07-demo", ["arrive/welcome", "how-are-you/open", "records/facts"], "end-plan");
  talks.put("07-demo", [], null);  // Start again: the ending reached stays reached
  assert.deepEqual(plain(talks.get("07-demo")), { ...plain(talks.get("07-demo")), steps: [], endings: ["end-plan"] });
  assert.equal(talks.put("07-demo", ["not a step"]), false, "a step that is not node/choice");
  assert.equal(talks.put("Not An Id", []), false);
  assert.deepEqual(plain(talks.get("07-demo")).endings, ["end-plan"], "a refused path changes nothing");

  // Another tab hears of it; a progress file brings it back, and an older file without
  // conversations still loads.
  const other = tab(store, {});
  talks.put("08-demo", ["desk/step-out"]);
  assert.ok(page.events.includes("courseconversationschange"));
  other.storageEvent("course-conversations:demo");  // what the browser tells the other tab
  assert.deepEqual(other.events, ["courseconversationschange"]);
  const file = plain(page.window.courseStore.exportAll());
  assert.deepEqual(Object.keys(file.conversations).sort(), ["07-demo", "08-demo"]);
  const fresh = tab(storage(), {});
  const taken = fresh.window.courseStore.importAll(file);
  assert.equal(taken.paths, 2);
  assert.deepEqual(plain(fresh.window.courseConversations.get("07-demo")).endings, ["end-plan"]);
  const older = { answers: file.answers, notebook: file.notebook };
  assert.notEqual(tab(storage(), {}).window.courseStore.importAll(older), null);
});
