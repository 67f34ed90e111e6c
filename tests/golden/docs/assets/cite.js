// 引用本文: write the reader's date of access into each online citation (GB/T 7714's
// [引用日期] is the day the reader consulted the text, so it is never fixed at build time), and
// copy a citation with its button.
(function () {
  "use strict";
  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }
  function fill() {
    var stamp = "[" + today() + "]";
    document.querySelectorAll(".hb-cite__accessed").forEach(function (el) { el.textContent = stamp; });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fill); else fill();
  function copied(button) {
    var label = button.textContent;
    button.textContent = button.getAttribute("data-copied");
    setTimeout(function () { button.textContent = label; }, 1500);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.hb-cite__copy");
    if (!button) return;
    var text = button.parentNode.querySelector(".hb-cite__text").textContent;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { copied(button); }, function () {});
      return;
    }
    // A page opened from a folder may have no clipboard API: select the text and copy it.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { if (document.execCommand("copy")) copied(button); } catch (e) { /* nothing copied */ }
    area.remove();
  });
})();
