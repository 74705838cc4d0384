// While someone types into a form, tell the server at most every five minutes:
// typing is activity, so the idle limit does not sign out a person mid-minutes
// and lose what they typed when they press Save.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script.dataset.url;
  var token = script.dataset.token;
  var every = 5 * 60 * 1000;
  var last = Date.now();

  document.addEventListener("input", function (event) {
    var form = event.target.form;
    if (!form || form.method.toLowerCase() !== "post" || Date.now() - last < every) {
      return;
    }
    last = Date.now();
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token },
    });
  });
})();
