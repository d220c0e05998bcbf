// Click a header of a table marked "sortable" to sort by that column (numbers numerically).
// Ours, so the site loads no script from a CDN.
(function () {
  "use strict";
  function key(cell) {
    var marked = cell.querySelector("[data-sort]");  // a number shown in words ("1 MiB") sorts by its value
    if (marked) return Number(marked.getAttribute("data-sort"));
    var text = cell.textContent.trim();
    var num = Number(text.replace(/,/g, ""));
    return text !== "" && !isNaN(num) ? num : text.toLowerCase();
  }
  function sortBy(table, index, th) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var asc = th.getAttribute("aria-sort") !== "ascending";
    rows.sort(function (a, b) {
      var x = key(a.cells[index]), y = key(b.cells[index]);
      if (typeof x !== typeof y) { x = String(x); y = String(y); }
      return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".sortable table").forEach(function (table) {
      if (!table.tHead) return;
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
        th.style.cursor = "pointer";
        th.title = "Sort by this column";
        th.addEventListener("click", function () { sortBy(table, i, th); });
      });
    });
  });
})();
