// The test LMS: ?edition=1.2 or 2004. Saved data from an earlier session comes in
// sessionStorage "lms-initial" (flattened CMI JSON, set by the test before loading).
(function () {
  "use strict";
  var edition = new URLSearchParams(location.search).get("edition");
  var modern = edition === "2004";
  var api = modern ? new window.Scorm2004API({ logLevel: 5 }) : new window.Scorm12API({ logLevel: 5 });
  var initial = JSON.parse(sessionStorage.getItem("lms-initial") || "null");
  if (initial) api.loadFromFlattenedJSON(initial, "");
  var log = [];
  var values = {};
  window.lmsLog = log;
  window.lmsValues = values;           // every value set, as the LMS would store it
  window.lmsCommits = [];              // a copy of the values at each Commit and at Finish
  var prefix = modern ? "" : "LMS";
  api.on(prefix + "Initialize", function () { log.push(["Initialize"]); });
  api.on(prefix + "SetValue.cmi.*", function (element, value) {
    log.push(["SetValue", element, value]);
    values[element] = value;
  });
  api.on(prefix + "Commit", function () {
    log.push(["Commit"]);
    window.lmsCommits.push(Object.assign({}, values));
  });
  api.on(modern ? "Terminate" : "LMSFinish", function () {
    log.push(["Finish"]);
    window.lmsCommits.push(Object.assign({ finished: true }, values));
  });
  window[modern ? "API_1484_11" : "API"] = api;
  window.addEventListener("DOMContentLoaded", function () {
    document.getElementById("sco").src = "package/scorm-launch.html";
  });
})();
