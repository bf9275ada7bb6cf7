// Question-level reports for the LMS: every answered self-check question becomes a SCORM
// interaction (cmi.interactions.n), so an LMS's reports show which questions a cohort
// gets wrong. The launcher (scorm-launch.js) creates one reporter per session and hands it
// the learner's answers after each change; this file knows nothing of storage or pages.
//
// What is sent, per answer: the question's id, its type (choice or fill-in), the
// learner's response, the result, the correct response, the objective it checks
// ("MODULE-objective-N", from the bank) and the time; in 2004 also its description (the
// question's text, at most 250 characters: courseware/release/scorm.py cuts it). The question
// table (window.courseScorm.questions) comes from courseware/release/scorm.py.
//
// The versions differ, as their books require:
// - SCORM 1.2's interactions are write-only: a re-answer adds a record at _count.
//   A choice response is single characters a-z/0-9 separated by commas: each option's
//   letter in its bank (a is the first option, as the answer key, Moodle XML and QTI list
//   them; the page shuffles them), not its key. Fill-in words are joined by commas, the
//   whole cut to 255 characters (CMIString255).
// - SCORM 2004 finds the question's interaction by id and updates it; a new one is added
//   at _count. A choice response is the options' keys (short identifiers) separated by
//   "[,]"; fill-in words are cut to 250 characters each, and the reserved "[,]" and a
//   leading "{" (which would read as a delimiter) are changed to "," and "(".
//
// Conversations (issue 26): each choice a learner makes in a branching conversation is a
// record too (`fromStep`): id "CONVERSATION--NODE" ("--" is in no question id), type
// "choice", the response the choice's id (2004) or its letter a-d (1.2, its position at the
// node, as the branch map letters it), the correct response the experienced path's choice
// at that node and the result against it, or, where that path does not pass the node, no
// correct response and result "neutral"; the objective the conversation's module, and in
// 2004 the description what the other person said. The launcher hands the store's paths
// to `sendPaths` after each change; the steps past those already seen are the new choices
// (going back one step and choosing again is a new choice at the same node: 2004 updates
// the node's interaction, 1.2 adds a record).
//
// The LMS's limit: SCORM 2004 obliges an LMS to keep only 250 interactions, and 1.2 sets no
// number. The learner's state never depends on them (it is in the suspend data), so when
// the LMS refuses a new interaction (SetValue "false" for its id), the reporter notes it
// (`refused()`) and adds no more for the rest of the session; 2004 updates to interactions
// the LMS already holds still go through. Nothing here throws into the launcher.
var courseScormInteractions = (function () {
  "use strict";

  var WORDS_12 = 255;    // 1.2 student_response and pattern: CMIString255
  var WORDS_2004 = 250;  // 2004 fill-in: each localized string, 250 characters

  var VERSIONS = {
    "1.2": { time: "time", response: "student_response", wrong: "wrong", updates: false },
    "2004": { time: "timestamp", response: "learner_response", wrong: "incorrect", updates: true }
  };

  function pad(number, width) {
    var text = String(number);
    while (text.length < (width || 2)) text = "0" + text;
    return text;
  }

  // 1.2 CMITime is a time of day, HH:MM:SS, with no date or zone: the learner's own clock.
  function time12(at) {
    var date = new Date(at);
    return pad(date.getHours()) + ":" + pad(date.getMinutes()) + ":" + pad(date.getSeconds());
  }

  // 2004 time(second,10,0): a zone is allowed only after fractions of a second.
  function time2004(at) {
    return new Date(at).toISOString().slice(0, 22) + "Z";
  }

  function oneLine(text) {
    return String(text === undefined || text === null ? "" : text).replace(/\s+/g, " ").trim();
  }

  // A learner's words as a 2004 localized string: no "[,]" inside, no leading "{".
  function words2004(text) {
    return oneLine(text).split("[,]").join(",").replace(/^\{/, "(").slice(0, WORDS_2004);
  }

  // The record of one answer, or null when there is nothing to report: not answered, or
  // answered to the question's earlier options (another code), which no longer apply.
  function fromAnswer(question, entry) {
    if (!entry || !entry.answered || entry.code !== question.code || typeof entry.correct !== "boolean") return null;
    var record = {
      id: question.id, at: entry.at || Date.now(), result: entry.correct ? "correct" : "wrong",
      objective: question.objective, description: question.text
    };
    var values = Array.isArray(entry.selectedValues) ? entry.selectedValues : [];
    if (question.type === "fill") {
      record.type = "fill-in";
      record.response = question.answers.map(function (answer, index) { return oneLine(values[index]); });
      record.correct = question.answers.map(oneLine);
    } else {
      record.type = "choice";
      record.letters = {};
      question.options.forEach(function (key, index) { record.letters[key] = question.letters.charAt(index); });
      record.response = question.options.filter(function (key) { return values.indexOf(key) !== -1; });
      record.correct = question.right.slice();
    }
    return record;
  }

  // The record of one conversation step ("node/choice"), or null for a step the table does
  // not know (a rewrite removed it).
  function fromStep(conversation, step, at) {
    var parts = String(step).split("/");
    var known = Object.prototype.hasOwnProperty.call(conversation.nodes, parts[0]);
    var node = known ? conversation.nodes[parts[0]] : null;
    var index = node ? node.choices.indexOf(parts[1]) : -1;
    if (index === -1) return null;
    var record = {
      id: node.interaction, type: "choice", at: at || Date.now(), objective: conversation.objective,
      description: node.text, response: [parts[1]], correct: node.right ? [node.right] : [],
      result: !node.right ? "neutral" : node.right === parts[1] ? "correct" : "wrong", letters: {}
    };
    node.choices.forEach(function (choice, position) { record.letters[choice] = "abcd".charAt(position); });
    return record;
  }

  function choices12(keys, letters) {
    return keys.map(function (key) { return letters[key]; }).filter(Boolean).sort().join(",");
  }

  // [element under cmi.interactions.n., value] in the order the books require (id first,
  // type before any response), for one version.
  function elements(version, record) {
    var v = VERSIONS[version];
    var response;
    var correct;
    if (record.type === "choice" && version === "1.2") {
      response = choices12(record.response, record.letters);
      correct = choices12(record.correct, record.letters);
    } else if (record.type === "choice") {
      response = record.response.join("[,]");
      correct = record.correct.join("[,]");
    } else if (version === "1.2") {
      response = record.response.map(oneLine).join(",").slice(0, WORDS_12);
      correct = record.correct.map(oneLine).join(",").slice(0, WORDS_12);
    } else {
      response = record.response.map(words2004).join("[,]");
      correct = record.correct.map(words2004).join("[,]");
    }
    var list = [["id", record.id], ["type", record.type]];
    if (record.objective) list.push(["objectives.0.id", record.objective]);
    list.push([v.time, version === "1.2" ? time12(record.at) : time2004(record.at)]);
    if (correct !== "") list.push(["correct_responses.0.pattern", correct]);
    // A choice with nothing chosen has no identifier to send (an empty one is invalid).
    if (response !== "" || record.type !== "choice") list.push([v.response, response]);
    list.push(["result", record.result === "wrong" ? v.wrong : record.result]);
    if (version === "2004" && record.description) {
      list.push(["description", record.description.replace(/^\{/, "(")]);  // "{" opens a language tag
    }
    return list;
  }

  // What identifies an answer once given: a new `at`, choice or verdict is a new answer.
  function signature(entry) {
    return JSON.stringify([entry.correct, entry.selectedValues, entry.at]);
  }

  // One session's reporter. `lms` is {get, set} on the LMS's API; `answers` and `paths` are
  // those the learner already has at launch (sent in an earlier session: not sent again);
  // `conversations` is the launcher's conversation table (courseware/release/scorm.py).
  function reporter(version, questions, lms, answers, conversations, paths) {
    var v = VERSIONS[version];
    var last = {};
    var walked = {};  // conversation id -> the steps already reported
    var full = false;  // the LMS refused a new interaction: add none for the rest of the session
    conversations = conversations || [];
    var where = {};  // 2004: interaction id -> index, read once at launch
    var next = 0;
    try {
      next = parseInt(lms.get("cmi.interactions._count"), 10) || 0;
      if (v.updates) {
        for (var n = 0; n < next; n += 1) where[String(lms.get("cmi.interactions." + n + ".id"))] = n;
      }
    } catch (error) { /* an LMS that throws here: new records from 0, as in a first session */ }

    function remember(all) {
      questions.forEach(function (question) {
        var record = fromAnswer(question, (all || {})[question.id]);
        if (record) last[question.id] = signature(all[question.id]); else delete last[question.id];
      });
    }

    // Write one record; false when the LMS refused it (the course carries on regardless).
    function write(record) {
      var index = v.updates && Object.prototype.hasOwnProperty.call(where, record.id) ? where[record.id] : null;
      var adding = index === null;
      if (adding && full) return false;
      var prefix = "cmi.interactions." + (adding ? next : index) + ".";
      var ok = true;
      elements(version, record).forEach(function (pair) {
        // Updating in 2004: send only what changed (an LMS may refuse a correct
        // response it already holds as a duplicate).
        if (!ok || (!adding && String(lms.get(prefix + pair[0])) === pair[1])) return;
        var done = String(lms.set(prefix + pair[0], pair[1])) === "true";
        if (!done && pair[0] === "id") ok = false;
      });
      if (!ok && adding) full = true;
      if (ok && adding) {
        if (v.updates) where[record.id] = next;
        next += 1;
      }
      return ok;
    }

    function steps(all, id) {
      var entry = (all || {})[id];
      return entry && Array.isArray(entry.steps) ? entry.steps.slice() : [];
    }

    remember(answers);
    conversations.forEach(function (conversation) { walked[conversation.id] = steps(paths, conversation.id); });
    return {
      write: write,
      refused: function () { return full; },
      // Report each choice made since the last call (the steps past those the two paths
      // share); returns how many were written.
      sendPaths: function (all) {
        var written = 0;
        conversations.forEach(function (conversation) {
          var now = steps(all, conversation.id);
          var before = walked[conversation.id] || [];
          var shared = 0;
          while (shared < now.length && shared < before.length && now[shared] === before[shared]) shared += 1;
          walked[conversation.id] = now;
          now.slice(shared).forEach(function (step) {
            var record = fromStep(conversation, step, all[conversation.id].at);
            try {
              if (record && write(record)) written += 1;
            } catch (error) { /* as for answers: the path is saved all the same */ }
          });
        });
        return written;
      },
      // Report every answer given since the last call; returns how many were written.
      send: function (all) {
        var written = 0;
        questions.forEach(function (question) {
          var entry = (all || {})[question.id];
          var record = fromAnswer(question, entry);
          if (!record) {
            delete last[question.id];
            return;
          }
          var seen = signature(entry);
          if (last[question.id] === seen) return;
          last[question.id] = seen;
          try {
            if (write(record)) written += 1;
          } catch (error) { /* an LMS that throws on a report must not stop the answers being saved */ }
        });
        return written;
      }
    };
  }

  return {
    fromAnswer: fromAnswer, fromStep: fromStep, elements: elements, reporter: reporter, time12: time12, time2004: time2004
  };
})();
