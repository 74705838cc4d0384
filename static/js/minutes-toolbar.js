// A formatting toolbar for the item discussion box. It only edits the text: bold
// and underline wrap the selection in <strong> or <u>, and the list buttons start
// each selected line with "- " or "1. ". The server turns that text into minutes
// HTML and sanitises it, so without this script the box works the same way by hand.
(function () {
  "use strict";

  var BULLET = /^\s*[-*•]\s+/;
  var NUMBER = /^\s*\d+\.\s+/;

  function wrap(box, tag) {
    var start = box.selectionStart;
    var end = box.selectionEnd;
    var open = "<" + tag + ">";
    box.setRangeText(open + box.value.slice(start, end) + "</" + tag + ">", start, end);
    // Keep the same words selected, now inside the tags, so typing carries on.
    box.setSelectionRange(start + open.length, end + open.length);
  }

  function list(box, numbered) {
    // The whole lines the selection touches.
    var start = box.value.lastIndexOf("\n", box.selectionStart - 1) + 1;
    var end = box.value.indexOf("\n", box.selectionEnd);
    if (end === -1) end = box.value.length;
    var lines = box.value.slice(start, end).split("\n");
    var marker = numbered ? NUMBER : BULLET;
    // A second press takes the list off again, as in a word processor.
    var undo = lines.every(function (line) { return !line.trim() || marker.test(line); });
    var n = 0;
    var changed = lines.map(function (line) {
      var text = line.replace(BULLET, "").replace(NUMBER, "");
      if (undo || !text.trim()) return text;
      n += 1;
      return (numbered ? n + ". " : "- ") + text;
    }).join("\n");
    box.setRangeText(changed, start, end, "select");
  }

  function button(label, shortcut, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "btn btn-outline-secondary btn-sm";
    b.textContent = label;
    if (shortcut) b.setAttribute("aria-keyshortcuts", shortcut);
    b.addEventListener("click", action);
    return b;
  }

  function enhance(box) {
    function apply(change) {
      return function () {
        box.focus();
        change();
        box.dispatchEvent(new Event("input", { bubbles: true }));
      };
    }
    var bold = apply(function () { wrap(box, "strong"); });
    var underline = apply(function () { wrap(box, "u"); });
    var buttons = [
      button("Bold", "Control+B", bold),
      button("Underline", "Control+U", underline),
      button("Bulleted list", null, apply(function () { list(box, false); })),
      button("Numbered list", null, apply(function () { list(box, true); })),
    ];
    var bar = document.createElement("div");
    bar.className = "btn-group mb-1";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "Formatting");
    bar.setAttribute("aria-controls", box.id);
    buttons.forEach(function (b, i) {
      // One tab stop for the toolbar; the arrow keys move along it.
      b.tabIndex = i === 0 ? 0 : -1;
      bar.appendChild(b);
    });
    bar.addEventListener("keydown", function (event) {
      var step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      var at = buttons.indexOf(document.activeElement);
      if (!step || at === -1) return;
      var next = buttons[(at + step + buttons.length) % buttons.length];
      buttons[at].tabIndex = -1;
      next.tabIndex = 0;
      next.focus();
      event.preventDefault();
    });
    box.addEventListener("keydown", function (event) {
      if (!(event.ctrlKey || event.metaKey)) return;
      var action = { b: bold, u: underline }[event.key.toLowerCase()];
      if (action) {
        event.preventDefault();
        action();
      }
    });
    box.before(bar);
  }

  document.querySelectorAll("textarea[data-minutes-toolbar]").forEach(enhance);
})();
