/* The schedule and progress pages: mark the half term that holds today, in this browser's own date.
   Each half term is a block with its first and last day (data-starts, data-ends: YYYY-MM-DD), made by
   pipeline/render/schedule_pages.py; "This half term" is said at the top of the page. Without this
   script the page still gives every half term's dates. Nothing is sent or kept. */
(function () {
  "use strict";
  var blocks = Array.prototype.slice.call(document.querySelectorAll(".ect-half-term[data-starts][data-ends]"));
  if (!blocks.length) return;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  var now = new Date();
  var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());

  var current = null, next = null;
  blocks.forEach(function (block) {
    var starts = block.getAttribute("data-starts"), ends = block.getAttribute("data-ends");
    if (starts <= today && today <= ends) current = block;
    else if (!next && starts > today) next = block;
  });

  function linkTo(block) {
    var link = document.createElement("a");
    link.href = "#" + block.getAttribute("data-anchor");
    link.textContent = block.getAttribute("data-label");
    return link;
  }

  var marked = current || next;
  if (marked) {
    marked.classList.add(current ? "ect-current" : "ect-next");
    var badge = document.createElement("p");
    badge.className = "ect-now";
    badge.textContent = current ? "This half term" : "Next half term";
    marked.insertBefore(badge, marked.firstChild);
  }

  var summary = document.querySelector("[data-this-half-term]");
  if (!summary) return;
  summary.textContent = "";
  if (current) {
    summary.appendChild(document.createTextNode("This half term: "));
    summary.appendChild(linkTo(current));
    summary.appendChild(document.createTextNode(", until " + current.getAttribute("data-ends-text") + "."));
  } else if (next) {
    var started = blocks[0] !== next;
    summary.appendChild(document.createTextNode(started ? "Holidays. Next half term: " : "Not started yet. First half term: "));
    summary.appendChild(linkTo(next));
    summary.appendChild(document.createTextNode(", from " + next.getAttribute("data-starts-text") + "."));
  } else {
    summary.textContent = "Every half term of this schedule is over.";
  }
})();
