// The course's own words and rules for quiz feedback, which mkdocs-quiz's quiz.js calls
// through the PATCHES in courseware/pages/quizzes.py (the build puts this file before quiz.js in
// the one quiz script). Plain functions of what the learner chose, so Node can test them
// (tests/js/quiz-feedback.test.mjs).
var courseQuizFeedback = (function () {
  "use strict";

  function escapeHtml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function answers(n) {
    return n + (n === 1 ? " right answer" : " right answers");
  }

  // One feedback box as mkdocs-quiz draws it; the badge names the option, and says in
  // words (not colour alone) whether that choice is right.
  function box(cssClass, content, badge) {
    return '<div class="quiz-feedback-item ' + cssClass + '">' +
      (badge ? '<span class="quiz-feedback-badge">' + escapeHtml(badge) + "</span>" : "") +
      '<div class="quiz-feedback-item-content">' + content + "</div></div>";
  }

  // What a multiple-answer result says overall: right, incomplete, or not quite, with how
  // many answers are right, so "Yes." on one choice never reads as the whole answer.
  // judgedRight: quiz.js's own verdict, which a saved answer keeps even where its choices
  // were not kept (an old release's, an LMS's); without it, the choices decide.
  function multipleSummary(rightChosen, wrongChosen, rightTotal, judgedRight) {
    var allRight = rightChosen === rightTotal && wrongChosen === 0;
    if (judgedRight === undefined ? allRight : judgedRight) {
      return { right: true, text: "Right. You chose all " + answers(rightTotal) + "." };
    }
    if (allRight) {
      return { right: false, text: "Not quite. There are " + answers(rightTotal) + ": try again and choose them all." };
    }
    if (rightChosen === 0 && wrongChosen === 0) {
      return { right: false, text: "You have not chosen an answer yet. There are " + answers(rightTotal) +
        ": try again and choose them all." };
    }
    if (wrongChosen === 0) {
      return { right: false, text: "Not complete yet. You chose " + rightChosen + " of the " + answers(rightTotal) +
        ", so some are missing. Read the notes below, then try again and choose all " + rightTotal + "." };
    }
    var chosen = rightChosen + wrongChosen;
    var which = rightChosen === 0
      ? (chosen === 1 ? "Your choice is not right." : "None of your " + chosen + " choices is right.")
      : rightChosen + " of your " + chosen + " choices " + (rightChosen === 1 ? "is" : "are") + " right.";
    return { right: false, text: "Not quite. " + which + " There are " + answers(rightTotal) +
      " in all. Read the notes below, then try again." };
  }

  // The feedback area's HTML for a multiple-answer question: the summary first, then each
  // chosen option's note, coloured and labelled by whether that option is right.
  // options: [{label, html (the option's feedback), right, chosen}].
  function multipleAnswer(options, judgedRight) {
    var chosen = options.filter(function (o) { return o.chosen; });
    var rightChosen = chosen.filter(function (o) { return o.right; }).length;
    var rightTotal = options.filter(function (o) { return o.right; }).length;
    var summary = multipleSummary(rightChosen, chosen.length - rightChosen, rightTotal, judgedRight);
    var html = box(summary.right ? "correct" : "incorrect", "<p>" + summary.text + "</p>");
    chosen.forEach(function (o) {
      if (!o.html || !o.html.trim()) return;
      html += box(o.right ? "correct" : "incorrect", o.html, (o.right ? "Right: " : "Not right: ") + o.label);
    });
    return { right: summary.right, html: html };
  }

  // Fill in the blank: the explanation names the answer, so it opens only once the answer
  // is right or the learner has had a second go.
  function showsExplanation(right, tries) {
    return right || tries >= 2;
  }

  function fillWrong(tries) {
    return showsExplanation(false, tries)
      ? "Not quite. The explanation below shows how to get there."
      : "Not quite. Have another go: change your answer and check it again. The explanation opens after your next try.";
  }

  // After "Try again", keyboard focus goes back to the question itself (its first option
  // or box), not to the page: the button that had it is hidden.
  function focusQuestion(quiz) {
    var first = quiz.querySelector('fieldset input[name="answer"], input.quiz-blank-input');
    if (first) first.focus();
  }

  return { multipleSummary: multipleSummary, multipleAnswer: multipleAnswer, showsExplanation: showsExplanation,
           fillWrong: fillWrong, focusQuestion: focusQuestion };
})();
