/* Landing on a link into a page: a search result, the framework index, the glossary, another page.

   When the link's target (#id) is inside a phase tab that is not selected, that tab is selected as if
   the reader had chosen it, so the choice is remembered on every page (the theme's content.tabs.link).
   The words a search result was found by (?h=word+word) are highlighted, and the first of them at or
   after the target, or else the target, is scrolled into view. Also for links within the page. */
(function () {
  "use strict";
  function blockOf(node) { return node && node.closest ? node.closest(".tabbed-block") : null; }

  function select(block) {
    // Tabs inside tabs: every enclosing tab, outermost first.
    var chain = [];
    for (var b = block; b; b = blockOf(b.parentElement)) chain.unshift(b);
    chain.forEach(function (inner) {
      var set = inner.closest(".tabbed-set");
      var blocks = Array.prototype.filter.call(inner.parentElement.children, function (c) {
        return c.classList.contains("tabbed-block");
      });
      var labels = set.querySelectorAll(":scope > .tabbed-labels > label");
      var label = labels[blocks.indexOf(inner)];
      var radio = label && document.getElementById(label.htmlFor);
      if (radio && !radio.checked) {
        label.click();
        remember(label.innerText.trim());
      }
    });
  }

  function remember(phase) {
    // As the theme does when the reader picks a tab (content.tabs.link), whether or not its script has
    // started yet: the same phase in every set of tabs on the page, and on every page after.
    document.querySelectorAll(".tabbed-set").forEach(function (set) {
      set.querySelectorAll(":scope > .tabbed-labels > label").forEach(function (label) {
        var radio = document.getElementById(label.htmlFor);
        if (radio && label.innerText.trim() === phase) radio.checked = true;
      });
    });
    if (typeof window.__md_get !== "function") return;
    var kept = window.__md_get("__tabs") || [];
    window.__md_set("__tabs", [phase].concat(kept.filter(function (t) { return t !== phase; })));
  }

  function searched() {
    var words = [];
    new URLSearchParams(location.search).getAll("h").forEach(function (value) {
      value.split(/\s+/).forEach(function (w) { if (w && words.indexOf(w.toLowerCase()) < 0) words.push(w.toLowerCase()); });
    });
    return words;
  }

  function highlight(article, words) {
    if (!words.length) return [];
    var escaped = words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    var pattern = new RegExp("(?<![\\p{L}\\p{N}])(?:" + escaped.join("|") + ")(?![\\p{L}\\p{N}])", "giu");
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest("mark, script, style, textarea, .tabbed-labels, .headerlink")
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [], marks = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var text = node.nodeValue, last = 0, parts = document.createDocumentFragment(), match;
      pattern.lastIndex = 0;
      while ((match = pattern.exec(text))) {
        parts.appendChild(document.createTextNode(text.slice(last, match.index)));
        var mark = document.createElement("mark");
        mark.className = "ect-found";
        mark.textContent = match[0];
        parts.appendChild(mark);
        marks.push(mark);
        last = match.index + match[0].length;
      }
      if (last) {
        parts.appendChild(document.createTextNode(text.slice(last)));
        node.parentNode.replaceChild(parts, node);
      }
    });
    return marks;
  }

  function shown(node) { var block = blockOf(node); return !block || block.offsetParent !== null; }
  function after(target, node) {
    return target === node || target.contains(node) ||
      !!(target.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING);
  }

  var marks = null;
  function land() {
    var article = document.querySelector("article.md-content__inner");
    if (!article) return;
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (marks === null) marks = highlight(article, searched());
    // What the result showed: the first word found at or after its target; with no target, the first
    // one the reader can already see, else the first.
    var found = target ? marks.filter(function (m) { return after(target, m); })
      : marks.filter(shown).concat(marks);
    var goal = found[0] || target;
    if (!goal) return;
    var block = blockOf(goal);
    if (block) select(block);
    if (!block && !found[0]) return;  // an ordinary link to a visible place: the browser has scrolled
    // After the theme has switched the tab (it keeps the tab set where it was on screen).
    requestAnimationFrame(function () {
      var place = goal.offsetParent !== null ? goal : block;
      place.scrollIntoView({ block: "center" });
    });
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(land);
  else if (document.readyState === "complete") land();
  else window.addEventListener("load", land);
  window.addEventListener("hashchange", land);
})();
