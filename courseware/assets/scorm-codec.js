// The SCORM packages' saved-answer codec: the course's answers <-> the LMS's suspend data.
// courseware/scorm.py holds the same encoder (encode_suspend_data) and writes the question
// table; tests/js/scorm-codec.test.mjs checks this one against examples it writes.
//
// Saved answers are encoded compactly (SCORM 1.2 keeps only 4,096 characters):
// "c2" then, per answered question, "." + its 4-character code (from the question's id,
// options and key, so a question that changes drops its old answer; the browser's store
// keeps the same code with each answer) + "1" right or "0" wrong
// + the day it was answered (2 characters, days since 1 January 2025) + how many spaced
// reviews it has behind it (1 character), so "Review my questions" spaces them in the LMS
// as on the web + its choices (6 options to a character, as a bitmask) or, for
// fill-in-the-blank, one character per blank ("y" right, "-" not). "c1" (no day, no
// reviews) is still read.
//
// window.courseScormCodec(questions) -> {encode(answers), decode(data), readable(data)},
// for the question table of courseware/scorm.py (question_table): [{id, code, type,
// options (sorted keys) | answers (blanks)}]. Answers are the store's: {id: {answered,
// correct, selectedValues, at, reviews, code}}.
(function () {
  "use strict";
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var FORMAT = "c2";
  var DAY = 86400000;
  var FIRST_DAY = Date.UTC(2025, 0, 1) / DAY;

  function normalise(text) {
    return String(text || "").trim().toLowerCase();  // as mkdocs-quiz compares blanks
  }

  window.courseScormCodec = function (questions) {
    var byCode = {};
    questions.forEach(function (question) { byCode[question.code] = question; });

    function encodeEntry(question, entry) {
      var choices = "";
      if (question.type === "fill") {
        question.answers.forEach(function (answer, index) {
          choices += normalise((entry.selectedValues || [])[index]) === normalise(answer) ? "y" : "-";
        });
      } else {
        var selected = entry.selectedValues || [];
        for (var start = 0; start < question.options.length; start += 6) {
          var bits = 0;
          question.options.slice(start, start + 6).forEach(function (key, index) {
            if (selected.indexOf(key) !== -1) bits += 1 << index;
          });
          choices += ALPHABET.charAt(bits);
        }
      }
      var day = Math.max(0, Math.min(4095, Math.floor((entry.at || Date.now()) / DAY) - FIRST_DAY));
      var reviews = Math.max(0, Math.min(63, Math.floor(entry.reviews || 0)));
      return question.code + (entry.correct ? "1" : "0") + ALPHABET.charAt(day >> 6) + ALPHABET.charAt(day & 63)
        + ALPHABET.charAt(reviews) + choices;
    }

    function encode(answers) {
      var parts = [FORMAT];
      questions.forEach(function (question) {
        var entry = answers[question.id];
        // An answer given to this question's earlier options (no code, or another) is not sent.
        if (entry && entry.answered && entry.code === question.code) parts.push(encodeEntry(question, entry));
      });
      return parts.join(".");
    }

    function decodeEntry(part, format) {
      var question = byCode[part.slice(0, 4)];
      var state = part.charAt(4);
      var at = Date.now();
      var reviews = 0;
      var choices = part.slice(5);
      if (format === "c2") {
        var day = ALPHABET.indexOf(part.charAt(5)) * 64 + ALPHABET.indexOf(part.charAt(6));
        reviews = ALPHABET.indexOf(part.charAt(7));
        if (day < 0 || part.charAt(5) === "" || reviews < 0) return null;
        at = (FIRST_DAY + day) * DAY;
        choices = part.slice(8);
      }
      if (!question || (state !== "0" && state !== "1")) return null;
      var values = [];
      if (question.type === "fill") {
        if (choices.length !== question.answers.length) return null;
        question.answers.forEach(function (answer, index) { values.push(choices.charAt(index) === "y" ? answer : ""); });
      } else {
        if (choices.length !== Math.ceil(question.options.length / 6)) return null;
        question.options.forEach(function (key, index) {
          var bits = ALPHABET.indexOf(choices.charAt(Math.floor(index / 6)));
          if (bits !== -1 && (bits >> (index % 6)) & 1) values.push(key);
        });
      }
      var entry = { answered: true, correct: state === "1", selectedValues: values, at: at, code: question.code };
      if (reviews > 0) entry.reviews = reviews;
      return { id: question.id, entry: entry };
    }

    // Whatever the LMS holds that this package cannot read (another format, a question that
    // has changed) is left out, never guessed at.
    function decode(data) {
      var answers = {};
      var parts = String(data || "").split(".");
      if (parts[0] !== FORMAT && parts[0] !== "c1") return answers;
      parts.slice(1).forEach(function (part) {
        var decoded = decodeEntry(part, parts[0]);
        if (decoded) answers[decoded.id] = decoded.entry;
      });
      return answers;
    }

    // Saved data in a format this package reads ("c2", "c1"), or none yet.
    function readable(data) {
      var format = String(data || "").split(".")[0];
      return !data || format === FORMAT || format === "c1";
    }

    return { encode: encode, decode: decode, readable: readable };
  };
})();
