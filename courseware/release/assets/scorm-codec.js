// The SCORM packages' saved-answer codec: the course's answers <-> the LMS's suspend data.
// courseware/release/scorm.py holds the same encoder (encode_suspend_data) and writes the question
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
// Then, per conversation with a step taken or an ending reached, "." + "~" (never in a
// question's code, so a release before conversations skips the part) + the conversation's
// 4-character code (from its structure: a release that renames, removes or reorders a node
// or a choice drops the old path) + the day it last changed (2) + the endings reached (a
// bit per ending in the table's order, 6 to a character) + one character per step, the
// position (0-3) of the choice taken at that node, from the start.
//
// window.courseScormCodec(questions, conversations) -> {encode(answers, paths),
// decode(data), decodePaths(data), readable(data)}, for the question table of
// courseware/release/scorm.py (question_table): [{id, code, type, options (sorted keys) | answers
// (blanks)}] and its conversation table (conversation_table): [{id, code, start, endings,
// nodes: {node id: {choices, to}}}]. Answers are the store's: {id: {answered, correct,
// selectedValues, at, reviews, code}}; paths too: {id: {steps: ["node/choice"], endings, at}}.
(function () {
  "use strict";
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var FORMAT = "c2";
  var DAY = 86400000;
  var FIRST_DAY = Date.UTC(2025, 0, 1) / DAY;
  var CONVERSATION = "~";

  function normalise(text) {
    return String(text || "").trim().toLowerCase();  // as mkdocs-quiz compares blanks
  }

  function dayOf(at) {
    return Math.max(0, Math.min(4095, Math.floor((at || Date.now()) / DAY) - FIRST_DAY));
  }

  window.courseScormCodec = function (questions, conversations) {
    conversations = conversations || [];
    var byCode = {};
    questions.forEach(function (question) { byCode[question.code] = question; });
    var conversationByCode = {};
    conversations.forEach(function (conversation) { conversationByCode[conversation.code] = conversation; });

    // One conversation's part, or "" when there is nothing to keep.
    function encodePath(conversation, entry) {
      var positions = "";
      var node = conversation.start;
      var steps = Array.isArray(entry.steps) ? entry.steps : [];
      for (var i = 0; i < steps.length; i += 1) {
        var parts = String(steps[i]).split("/");
        var here = conversation.nodes[node];
        var index = here && parts[0] === node ? here.choices.indexOf(parts[1]) : -1;
        if (index === -1) break;  // a step this conversation does not have ends the path here
        positions += String(index);
        node = here.to[index];
      }
      var reached = Array.isArray(entry.endings) ? entry.endings : [];
      var bits = "";
      var any = false;
      for (var start = 0; start < conversation.endings.length; start += 6) {
        var value = 0;
        conversation.endings.slice(start, start + 6).forEach(function (ending, index) {
          if (reached.indexOf(ending) !== -1) {
            value += 1 << index;
            any = true;
          }
        });
        bits += ALPHABET.charAt(value);
      }
      if (!positions && !any) return "";
      var day = dayOf(entry.at);
      return CONVERSATION + conversation.code + ALPHABET.charAt(day >> 6) + ALPHABET.charAt(day & 63) + bits
        + positions;
    }

    function decodePath(part) {
      var conversation = conversationByCode[part.slice(1, 5)];
      if (!conversation) return null;  // another release's conversation, or one since changed
      var high = ALPHABET.indexOf(part.charAt(5));
      var low = ALPHABET.indexOf(part.charAt(6));
      if (part.length < 7 || high < 0 || low < 0) return null;
      var day = high * 64 + low;
      var width = Math.ceil(conversation.endings.length / 6);
      var bits = part.slice(7, 7 + width);
      if (bits.length !== width) return null;
      var endings = [];
      for (var e = 0; e < conversation.endings.length; e += 1) {
        var value = ALPHABET.indexOf(bits.charAt(Math.floor(e / 6)));
        if (value < 0) return null;
        if ((value >> (e % 6)) & 1) endings.push(conversation.endings[e]);
      }
      var steps = [];
      var node = conversation.start;
      var positions = part.slice(7 + width);
      for (var i = 0; i < positions.length; i += 1) {
        var here = conversation.nodes[node];
        var index = "0123".indexOf(positions.charAt(i));
        if (!here || index < 0 || index >= here.choices.length) return null;
        steps.push(node + "/" + here.choices[index]);
        node = here.to[index];
      }
      return { id: conversation.id, entry: { steps: steps, endings: endings, at: (FIRST_DAY + day) * DAY } };
    }

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
      var day = dayOf(entry.at);
      var reviews = Math.max(0, Math.min(63, Math.floor(entry.reviews || 0)));
      return question.code + (entry.correct ? "1" : "0") + ALPHABET.charAt(day >> 6) + ALPHABET.charAt(day & 63)
        + ALPHABET.charAt(reviews) + choices;
    }

    function encode(answers, paths) {
      var parts = [FORMAT];
      questions.forEach(function (question) {
        var entry = answers[question.id];
        // An answer given to this question's earlier options (no code, or another) is not sent.
        if (entry && entry.answered && entry.code === question.code) parts.push(encodeEntry(question, entry));
      });
      conversations.forEach(function (conversation) {
        var entry = (paths || {})[conversation.id];
        var part = entry ? encodePath(conversation, entry) : "";
        if (part) parts.push(part);
      });
      return parts.join(".");
    }

    // The paths in saved data: a part for a conversation whose code has changed is dropped.
    function decodePaths(data) {
      var paths = {};
      var parts = String(data || "").split(".");
      if (parts[0] !== FORMAT) return paths;
      parts.slice(1).forEach(function (part) {
        if (part.charAt(0) !== CONVERSATION) return;
        var decoded = decodePath(part);
        if (decoded) paths[decoded.id] = decoded.entry;
      });
      return paths;
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

    return { encode: encode, decode: decode, decodePaths: decodePaths, readable: readable };
  };
})();
