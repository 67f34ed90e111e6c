// A glossary term shows its definition where it stands. A mouse shows it on hover and the
// keyboard on focus (CSS); on a touch screen a tap opens it instead of leaving the page, and a
// second tap on the term, a tap anywhere else or Escape closes it. The entry in the glossary
// stays one click (or Enter) away for a mouse and the keyboard.
(function () {
  "use strict";
  var open = null;
  var lastPointer = "mouse";
  function close() {
    if (!open) return;
    open.classList.remove("hb-open");
    open.removeAttribute("aria-expanded");
    open = null;
  }
  function show(term) {
    close();
    open = term;
    term.classList.add("hb-open");
    term.setAttribute("aria-expanded", "true");
  }
  document.addEventListener("pointerdown", function (event) { lastPointer = event.pointerType; }, true);
  document.addEventListener("click", function (event) {
    var term = event.target instanceof Element ? event.target.closest("a.hb-term") : null;
    var touch = lastPointer === "touch" || window.matchMedia("(hover: none)").matches;
    if (term && touch) {
      event.preventDefault();
      if (open === term) close(); else show(term);
      return;
    }
    if (open && term !== open) close();
  }, true);
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") close(); });
})();
