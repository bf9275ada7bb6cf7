// On a page of an older release, name the current release in the outdated banner.
// versions.json is written by mike beside the versions; "latest" marks the current one.
(function () {
  "use strict";
  var C = window.courseContract;  // the names shared with overrides/main.html (contract.js)
  var slot = document.querySelector("[" + C.data.latestVersion + "]");
  if (!slot) return;
  var config = JSON.parse(document.getElementById("__config").textContent);
  var versions = new URL(config.base.replace(/\/?$/, "/") + C.assets.versions, location.href);
  fetch(versions).then(function (response) { return response.json(); }).then(function (list) {
    var latest = list.filter(function (v) { return (v.aliases || []).indexOf("latest") !== -1; })[0];
    if (latest) slot.textContent = ", " + latest.version;
  }).catch(function () { /* the banner reads well without the number */ });
})();
