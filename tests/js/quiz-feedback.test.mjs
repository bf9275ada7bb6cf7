// courseware/pages/assets/quiz-feedback.js: the course's quiz feedback rules (issue 23: M3, M4, m22).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const PATH = fileURLToPath(new URL("../../courseware/pages/assets/quiz-feedback.js", import.meta.url));
const context = vm.createContext({});
vm.runInContext(readFileSync(PATH, "utf8"), context, { filename: PATH });
const feedback = context.courseQuizFeedback;

const option = (label, right, chosen, html = `<p>${right ? "Yes." : "But no."} ${label}</p>`) =>
  ({ label, right, chosen, html });

test("a partly right multiple answer says it is incomplete and how many are right (M4)", () => {
  const result = feedback.multipleAnswer([option("Mon", false, false), option("Tue", true, true),
                                          option("Wed", true, false), option("Fri", true, false)]);
  assert.equal(result.right, false);
  const [summary, ...notes] = result.html.split('<div class="quiz-feedback-item ').slice(1);
  assert.match(summary, /^incorrect/);
  assert.match(summary, /Not complete yet\. You chose 1 of the 3 right answers/);
  assert.equal(notes.length, 1);
  assert.match(notes[0], /^correct">.*Right: Tue.*Yes\. Tue/s, "a right choice's note is never a red box");
});

test("a mixed answer counts its right choices; a right choice's note stays green (M4)", () => {
  const result = feedback.multipleAnswer([option("Mon", false, true), option("Tue", true, true),
                                          option("Wed", true, false)]);
  assert.match(result.html, /Not quite\. 1 of your 2 choices is right\. There are 2 right answers in all\./);
  assert.match(result.html, /quiz-feedback-item incorrect"><span class="quiz-feedback-badge">Not right: Mon/);
  assert.match(result.html, /quiz-feedback-item correct"><span class="quiz-feedback-badge">Right: Tue/);
  assert.doesNotMatch(result.html, /incorrect"><span[^>]*>[^<]*<\/span><div[^>]*><p>Yes\./);
});

test("an all-right multiple answer opens with an overall Right (M4)", () => {
  const result = feedback.multipleAnswer([option("A", true, true), option("B", true, true), option("C", false, false)]);
  assert.equal(result.right, true);
  assert.match(result.html, /^<div class="quiz-feedback-item correct"><div class="quiz-feedback-item-content"><p>Right\. You chose all 2 right answers\.<\/p>/);
  assert.doesNotMatch(result.html, /incorrect/);
});

test("a saved verdict wins where the saved choices were not kept", () => {
  const none = [option("A", true, false), option("B", true, false), option("C", false, false)];
  assert.match(feedback.multipleAnswer(none, true).html, /^<div class="quiz-feedback-item correct">.*Right\./s);
  assert.match(feedback.multipleAnswer(none, false).html, /You have not chosen an answer yet/);
  const all = [option("A", true, true), option("B", true, true)];
  assert.match(feedback.multipleAnswer(all, false).html, /^<div class="quiz-feedback-item incorrect">.*Not quite/s);
  assert.equal(feedback.multipleAnswer(all).right, true);
});

test("the summary's wording for nothing right, nothing chosen, and one of one", () => {
  assert.equal(feedback.multipleSummary(0, 1, 2).text,
               "Not quite. Your choice is not right. There are 2 right answers in all. Read the notes below, then try again.");
  assert.match(feedback.multipleSummary(0, 2, 3).text, /None of your 2 choices is right\./);
  assert.match(feedback.multipleSummary(2, 1, 3).text, /2 of your 3 choices are right\./);
  assert.match(feedback.multipleSummary(0, 0, 2).text, /^You have not chosen an answer yet\. There are 2 right answers/);
  assert.match(feedback.multipleSummary(1, 0, 1).text, /^Right\. You chose all 1 right answer\.$/);
});

test("an option's words are escaped in its label", () => {
  const result = feedback.multipleAnswer([option("<b>&", true, true), option("B", true, false)]);
  assert.match(result.html, /Right: &lt;b&gt;&amp;/);
});

test("a fill-in's explanation waits for a right answer or a second go (m22)", () => {
  assert.equal(feedback.showsExplanation(false, 1), false);
  assert.equal(feedback.showsExplanation(true, 1), true);
  assert.equal(feedback.showsExplanation(false, 2), true);
  assert.match(feedback.fillWrong(1), /explanation opens after your next try/);
  assert.match(feedback.fillWrong(2), /explanation below/);
});

test("Try again's focus goes to the question's first option or box (M3)", () => {
  let focusedOn = null;
  const first = { focus() { focusedOn = first; } };
  const quiz = { querySelector: (selector) => (selector.includes("fieldset input") ? first : null) };
  feedback.focusQuestion(quiz);
  assert.equal(focusedOn, first);
  feedback.focusQuestion({ querySelector: () => null });  // nothing to focus: nothing happens
});
