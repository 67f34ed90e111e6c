// Let readers search in either script: a query typed in the other script is converted
// character by character (with the map this build ships in query-map.js) before
// Material's search reads the input. IME composition is left alone until it ends.
(function () {
  "use strict";
  var map = window.HANDBOOK_QUERY_MAP || {};
  function convert(event) {
    var el = event.target;
    if (!(el instanceof HTMLInputElement) || !el.classList.contains("md-search__input")) return;
    if (event.isComposing) return;
    var out = Array.from(el.value, function (ch) { return map[ch] || ch; }).join("");
    if (out !== el.value) {
      var pos = el.selectionStart;
      el.value = out;
      el.setSelectionRange(pos, pos);
    }
  }
  document.addEventListener("input", convert, true);
  document.addEventListener("compositionend", convert, true);
})();
