// docs/assets/javascripts/answers.js: the one store of a learner's answers.
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
