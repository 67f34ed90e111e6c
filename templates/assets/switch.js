// The 简 / 繁 switch keeps the reader's place: the link to the same page in the other script
// carries the current #anchor (a paragraph, a section) along.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (!link) return;
    // Both builds share every page path, so the link is already the same page; go there
    // ourselves (Material's own handler would look it up again and drop the anchor).
    event.preventDefault();
    event.stopPropagation();
    var url = new URL(link.getAttribute("href"), location.href);
    url.hash = location.hash;
    location.href = url.toString();
  }, true);
})();

// A paragraph's ¶ link copies the paragraph's address (and still jumps to it).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.hb-para-link");
    if (!link || !navigator.clipboard) return;
    var url = new URL(link.getAttribute("href"), location.href).toString();
    navigator.clipboard.writeText(url).then(function () {
      link.classList.add("hb-para-link--copied");
      setTimeout(function () { link.classList.remove("hb-para-link--copied"); }, 1500);
    }, function () {});
  });
})();
