// The attendance form, enhanced: "Add another person" adds an empty row here
// instead of saving first, and choosing a capacity from the suggestions fills in
// its abbreviation. Without this script the form still offers empty rows and
// "Save and add more people".
(function () {
  "use strict";

  var form = document.querySelector("form[data-attendance]");
  if (!form) return;
  var rows = form.querySelector("tbody");
  var blank = document.getElementById("empty-attendee-row");
  var total = form.querySelector("input[name$='-TOTAL_FORMS']");

  function addPerson() {
    var index = Number(total.value);
    // Django's empty form says __prefix__ for the row's index; the labels count
    // people from one.
    var html = blank.innerHTML
      .replace(/__prefix__/g, index)
      .replace(/__number__/g, index + 1);
    rows.insertAdjacentHTML("beforeend", html);
    total.value = index + 1;
    rows.lastElementChild.querySelector("input").focus();
  }

  var add = document.createElement("button");
  add.type = "button";
  add.className = "btn btn-outline-secondary mb-3";
  add.textContent = "Add another person";
  add.addEventListener("click", addPerson);
  form.querySelector("table").after(add);

  // The known posts are listed once, as abbreviations labelled with the post.
  var abbreviations = {};
  document.querySelectorAll("#known-abbreviations option").forEach(function (option) {
    abbreviations[option.textContent] = option.value;
  });
  rows.addEventListener("input", function (event) {
    var capacity = event.target;
    if (!capacity.name || !capacity.name.endsWith("-capacity")) return;
    var abbreviation = form.elements[capacity.name.replace(/capacity$/, "abbreviation")];
    var known = abbreviations[capacity.value];
    // Only fill a box left empty, or one this script filled: never what was typed.
    if (known && (!abbreviation.value || abbreviation.dataset.filled)) {
      abbreviation.value = known;
      abbreviation.dataset.filled = "yes";
    }
  });
  rows.addEventListener("change", function (event) {
    if (event.target.name && event.target.name.endsWith("-abbreviation")) {
      delete event.target.dataset.filled;
    }
  });
})();
