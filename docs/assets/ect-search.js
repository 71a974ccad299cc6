/* Search behind the theme's own search box (overrides/partials/search.html), over the index that
   engines/search.py writes into the site's pagefind/ folder.

   Nothing is fetched until the reader starts to search (the box gets focus, or the s, f or / key).
   Then only Pagefind's loader and WebAssembly, the index chunks of the words typed, and one small file
   per page shown. Results are sections of pages: the heading, glossary entry, framework statement or
   phase tab that holds the words; a section inside one phase's tab is labelled with that phase, the
   reader's own phase first. A link to a result opens its tab and shows the words (ect-landing.js).

   Words the site does not have are corrected to the nearest it has (word lists by first two letters,
   words/XY.json). A framework code ("8.1", "6a") finds that code only. Opened from the file system
   (the offline bundle), the index is read through script files instead (engines/search.py). */
(function () {
  "use strict";
  var box = document.querySelector("[data-ect-search]");
  var settings = document.getElementById("__config");
  if (!box || !settings) return;
  var input = box.querySelector(".md-search__input");
  var form = box.querySelector("form");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var toggle = document.getElementById("__search");
  var base = JSON.parse(settings.textContent).base;  // this page's way to the site's root, e.g. "../.."
  var root = new URL(base.replace(/\/?$/, "/"), location.href);
  var bundle = new URL("pagefind/", root);
  var offline = location.protocol === "file:";
  var phaseMeta = document.querySelector('meta[name="ect-phases"]');
  var phases = phaseMeta ? phaseMeta.content.split("|").filter(Boolean) : [];
  var PAGES_AT_ONCE = 3, SECTIONS_PER_PAGE = 3, EXCERPT_WORDS = 24, PAUSE_MS = 300, SCAN_LIMIT = 48;
  var EXACT_BONUS = 3, TYPED_PAGE_BONUS = 5;  // tuned on tests/browser/test_search.py's queries
  // The commonest words are on every page: their index chunks are the largest and tell nothing.
  var STOP = {};
  ("a an and are as at be by for from how i in is it my of on or our so that the their this to was we what " +
   "when where which who why will with you your").split(" ").forEach(function (w) { STOP[w] = true; });

  /* ---- loading: Pagefind, once, when the reader starts to search ---- */
  window.__ectFiles = window.__ectFiles || {};
  function offlineFetch(request) {
    // From file:// (the offline bundle) each file of the index is a script holding its bytes (offline/KEY.js).
    var key = new URL(String(request.url || request), location.href).href.split(/[?#]/)[0]
      .slice(bundle.href.length);
    return new Promise(function (resolve) {
      function done() {
        var data = window.__ectFiles[key];
        if (data === undefined) return resolve(new Response(null, { status: 404 }));
        var raw = atob(data), bytes = new Uint8Array(raw.length);
        for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
        var type = /\.pagefind$/.test(key) ? "application/wasm" : "application/octet-stream";
        resolve(new Response(bytes, { status: 200, headers: { "Content-Type": type } }));
      }
      if (key in window.__ectFiles) return done();
      addScript(new URL("offline/" + key + ".js", bundle).href).then(done, done);
    });
  }
  window.ECTOfflineFetch = offlineFetch;
  function addScript(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
  }
  function fetchFile(path) {
    var url = new URL(path, bundle);
    return offline ? offlineFetch(url) : fetch(url);
  }
  var engine = null;
  function start() {
    if (!engine) {
      var loaded = offline
        ? addScript(new URL("offline/pagefind.classic.js", bundle).href).then(function () { return window.ECTPagefind; })
        : import(new URL("pagefind.js", bundle).href);
      engine = loaded.then(function (pagefind) {
        // No worker: one file fewer to fetch, and none for the Content-Security-Policy to allow.
        // Pages named from the site's root ("/self-studies/x/"), made full addresses here (href).
        // Long studies and short reference pages side by side: Pagefind's usual preference for short pages
        // (pageLength 0.75) put a mentor page above the study it accompanies, for the study's own words.
        var options = { noWorker: true, excerptLength: 0, baseUrl: "/", ranking: { pageLength: 0.25 } };
        if (offline) options.basePath = bundle.href;
        return pagefind.options(options).then(function () { return pagefind.init(); })
          .then(function () { return pagefind; });
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  /* ---- the query: codes, stop words, spelling ---- */
  // A framework code: a standard's number, then a statement's number after a full stop, or its letter ("6a").
  var CODE = /^(\d{1,2})\s*(?:\.\s*(\d{1,2}|[a-z])|([a-z]))$/i;
  function code(query) {
    var match = CODE.exec(query);
    return match ? match[1] + "." + (match[2] || match[3]).toLowerCase() : null;
  }
  function terms(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    var kept = words.filter(function (w) { return !STOP[w]; });
    return kept.length ? kept : words;
  }
  var wordLists = {};
  function wordsStarting(letters) {
    if (!wordLists[letters]) {
      wordLists[letters] = fetchFile("words/" + encodeURIComponent(letters) + ".json")
        .then(function (r) { return r.ok ? r.json() : {}; })
        .catch(function () { return {}; });
    }
    return wordLists[letters];
  }
  function distance(a, b, limit) {  // edits between two words (an adjacent swap is one), or limit + 1
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var d = [], i, j;
    for (i = 0; i <= a.length; i++) d[i] = [i];
    for (j = 0; j <= b.length; j++) d[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      var best = limit + 1;
      for (j = 1; j <= b.length; j++) {
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        best = Math.min(best, d[i][j]);
      }
      if (best > limit) return limit + 1;
    }
    return d[a.length][b.length];
  }
  function corrected(word, typing) {
    // A word of the site, or one being typed (the last, a start of a word of the site), stays.
    if (!/^[a-z]{4,}$/.test(word)) return Promise.resolve(word);
    return wordsStarting(word.slice(0, 2)).then(function (known) {
      if (known[word]) return word;
      var names = Object.keys(known);
      if (typing && names.some(function (k) { return k.lastIndexOf(word, 0) === 0; })) return word;
      // Misspellings rarely change the first two letters; the nearest, then the commonest, wins.
      var limit = word.length >= 8 ? 2 : 1, found = word, best = null;
      names.forEach(function (k) {
        var d = distance(word, k, limit);
        if (d <= limit && (!best || d < best.d || (d === best.d && known[k] > best.n))) { best = { d: d, n: known[k] }; found = k; }
      });
      return found;
    });
  }

  /* ---- results: sections of pages ---- */
  function clean(word) { return (word || "").replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "").toLowerCase(); }
  function phaseOf(text) {
    // A phase's tab opens with its scenario's heading (the phase's name and "scenario") or its label (the name).
    return phases.filter(function (p) { return text === p || text === p + " scenario"; })[0] || null;
  }
  function startsSection(anchor) {
    return /^h[1-6]$/.test(anchor.element) || anchor.element === "dt" || /^statement-/.test(anchor.id) ||
      (anchor.element === "p" && phaseOf(anchor.text || "") !== null);
  }
  function heading(anchors, index, below) {
    // The nearest heading before anchors[index] of a higher level than `below` (h2 < h3): its title.
    for (var i = index - 1; i >= 0; i--) {
      var level = /^h([1-6])$/.exec(anchors[i].element);
      if (level && (!below || Number(level[1]) < below)) return anchors[i];
    }
    return null;
  }
  function termOf(word, query) {
    // Which of the query's terms a word was found by: the one it shares the longest start with.
    var best = { n: 0, shared: 0 };
    query.forEach(function (term, n) {
      var i = 0;
      while (i < term.length && i < word.length && term[i] === word[i]) i++;
      if (i > best.shared) best = { n: n, shared: i };
    });
    return best;
  }
  function same(word, term) {  // the word as typed, or its plural or singular
    return word === term || word === term + "s" || word === term + "es" ||
      term === word + "s" || term === word + "es";
  }
  function hitsOf(page, words, q) {
    // Pagefind's hits on a page, each with its word and the term it answers. For a word it does not have,
    // Pagefind matches ever shorter starts of it, down to one letter ("N." for a name not on the site): a
    // hit counts only if it shares four letters with its term (all of a shorter term), and a page only if
    // every term has a hit. A code counts only as itself.
    var terms = {};
    var hits = (page.weighted_locations || []).map(function (hit) {
      var word = clean(words[hit.location]);
      if (q.exact) return word === q.exact ? { hit: hit, term: 0, typed: true } : null;
      var match = termOf(word, q.words), term = q.words[match.n];
      if (match.shared < Math.min(term.length, 4)) return null;
      terms[match.n] = true;
      return { hit: hit, term: match.n, typed: same(word, term) };
    }).filter(Boolean);
    return q.exact || Object.keys(terms).length === q.words.length ? hits : [];
  }
  function typedShare(hits) {  // how much of what was found on a page is the words as typed
    var all = 0, typed = 0;
    hits.forEach(function (h) { all += h.hit.weight; if (h.typed) typed += h.hit.weight; });
    return all ? typed / all : 0;
  }
  function sections(page, words, hits, q) {
    var anchors = page.anchors.filter(startsSection);
    var groups = [], byStart = {};
    hits.forEach(function (h) {
      var at = -1;
      for (var i = 0; i < anchors.length && anchors[i].location <= h.hit.location; i++) at = i;
      var group = byStart[at];
      if (!group) {
        group = byStart[at] = { at: at, hits: [], score: 0, terms: {},
                                end: at + 1 < anchors.length ? anchors[at + 1].location : words.length };
        groups.push(group);
      }
      group.hits.push(h.hit);
      // A heading's words count as a few of the body's (Pagefind's weight), not as hundreds; the word as
      // typed more than another of its family ("questioning", not "questions").
      group.score += h.hit.weight * (h.typed ? EXACT_BONUS : 1);
      group.terms[h.term] = true;
    });
    return groups.map(function (group) {
      // A section with every word of the query comes before one with a few of them many times.
      var share = Object.keys(group.terms).length / q.words.length;
      group.score *= share * share;
      return describe(page, anchors, words, group);
    });
  }
  function describe(page, anchors, words, group) {
    var anchor = anchors[group.at], title = page.meta.title, phase = null, id = null;
    if (anchor && anchor.element !== "h1") {
      id = anchor.id;
      title = anchor.text || title;
      phase = phaseOf(anchor.text || "");
      var level = /^h([1-6])$/.exec(anchor.element);
      var above = heading(anchors, group.at, level ? Number(level[1]) : 0);
      var context = above && above.element !== "h1" ? above.text : null;
      // A phase's tab is named after the heading it sits under, and labelled with the phase; a small
      // heading ("Examples") with the section it is part of.
      if (phase) title = context || page.meta.title;
      else if (context && (!level || level[1] > 2)) title = context + " \u203a " + title;
    }
    var found = {};
    group.hits.forEach(function (hit) { found[hit.location] = true; });
    var best = group.hits.slice().sort(function (a, b) { return b.balanced_score - a.balanced_score || a.location - b.location; })[0];
    var from = Math.max(anchor ? anchor.location : 0, Math.min(best.location - 6, group.end - EXCERPT_WORDS));
    var shown = [];
    for (var i = from; i < Math.min(group.end, from + EXCERPT_WORDS); i++) shown.push({ word: words[i], mark: !!found[i] });
    var highlight = {};
    group.hits.forEach(function (hit) { var w = clean(words[hit.location]); if (w) highlight[w] = true; });
    return { title: title, phase: phase, id: id, score: group.score, excerpt: shown, words: Object.keys(highlight) };
  }
  function readersPhase() {
    try {
      var tabs = typeof window.__md_get === "function" ? window.__md_get("__tabs") : null;
      return Array.isArray(tabs) ? tabs[0] : null;
    } catch (e) { return null; }
  }
  function ordered(found) {
    // The reader's own phase (the tab last chosen) before other phases; otherwise by how well they match.
    var own = readersPhase();
    function rank(s) { return s.phase && own && s.phase !== own ? 1 : 0; }
    return found.sort(function (a, b) { return rank(a) - rank(b) || b.score - a.score; });
  }
  function href(page, section) {
    var url = new URL(page.url.replace(/^\/+/, ""), root);
    if (section.words.length) url.search = "?h=" + encodeURIComponent(section.words.join(" "));
    if (section.id) url.hash = section.id;
    return url.href;
  }

  /* ---- drawing, with the theme's classes ---- */
  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }
  function excerpt(section) {
    var p = element("p");
    section.excerpt.forEach(function (part, n) {
      if (n) p.appendChild(document.createTextNode(" "));
      p.appendChild(part.mark ? element("mark", "", part.word) : document.createTextNode(part.word));
    });
    p.appendChild(document.createTextNode(" …"));
    return p;
  }
  function link(page, section, first) {
    var a = element("a", "md-search-result__link");
    a.href = href(page, section);
    var article = element("article", "md-search-result__article md-typeset" + (first ? " md-search-result__article--document" : ""));
    if (first) {
      article.appendChild(element("div", "md-search-result__icon md-icon"));
      article.appendChild(element("h1", "", page.meta.title));
    }
    if (!first || section.title !== page.meta.title || section.phase) {
      var h2 = element("h2");
      if (section.phase) {
        h2.appendChild(element("span", "md-tag ect-search-phase", section.phase));
        h2.appendChild(document.createTextNode(" "));
      }
      h2.appendChild(document.createTextNode(section.title));
      article.appendChild(h2);
    }
    article.appendChild(excerpt(section));
    a.appendChild(article);
    return a;
  }
  function drawPage(page, found) {
    var item = element("li", "md-search-result__item");
    found.forEach(function (section, n) { item.appendChild(link(page, section, n === 0)); });
    return item;
  }

  /* ---- searching ---- */
  function prepare(text) {
    // What to look for: a framework code exactly, or the words less stop words, each spelt as on the site.
    var exact = code(text);
    if (exact) return Promise.resolve({ exact: exact, words: [exact], shown: exact, typed: exact });
    var words = terms(text);
    return Promise.all(words.map(function (w, n) { return corrected(w, n === words.length - 1); }))
      .then(function (fixed) { return { exact: null, words: fixed, shown: fixed.join(" "), typed: words.join(" ") }; });
  }
  function find(text) {
    return Promise.all([start(), prepare(text)]).then(function (both) {
      var q = both[1];
      return both[0].search(q.words.join(" ")).then(function (found) {
        return { text: text, q: q, results: found.results };
      });
    });
  }
  function holds(page, id) {
    return page.anchors.some(function (a) { return a.id === id; }) ? 1 : 0;
  }
  function pages(search, from, count, scanned) {
    // The pages from `from`, each with its best sections in the order shown (a code's, only where it is).
    var batch = search.results.slice(from, from + count);
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (data) {
      var found = data.map(function (page, n) {
        var words = page.content.split(/[\r\n\s]+/g), hits = hitsOf(page, words, search.q);
        var best = ordered(sections(page, words, hits, search.q)).slice(0, SECTIONS_PER_PAGE);
        return { page: page, n: n, sections: best, score: batch[n].score * (1 + TYPED_PAGE_BONUS * typedShare(hits)) };
      }).filter(function (f) { return f.sections.length; });
      // Pagefind matches a word's stem: "ECTE" finds every page with "ECTs" too, and may rank them first. A
      // batch with none of the word is dropped and the next looked at (a rare word costs more to find).
      scanned = (scanned || 0) + batch.length;
      if (!found.length && batch.length && scanned < SCAN_LIMIT && from + batch.length < search.results.length) {
        search.results.splice(from, batch.length);
        return pages(search, from, count, scanned);
      }
      // Pagefind ranks what it matched for a word it does not have (see hitsOf) below every real match: past
      // the first page without one, there are no more.
      if (found.length < batch.length) search.total = from + found.length;
      if (search.q.exact) {  // the page that states it first: the framework index
        var id = "statement-" + search.q.exact.replace(".", "-");
        return found.sort(function (a, b) { return holds(b.page, id) - holds(a.page, id) || a.n - b.n; });
      }
      // Pagefind ranks a word's whole family alike; among its pages, those with the words as typed rise.
      return found.sort(function (a, b) { return b.score - a.score || a.n - b.n; });
    });
  }
  function count(search) { return search.total === undefined ? search.results.length : search.total; }
  // For the tests (tests/browser/test_search.py): what the box would show for a query, as data.
  window.ECTSearch = function (text) {
    return find(text).then(function (search) {
      return pages(search, 0, PAGES_AT_ONCE).then(function (found) {
        return { shown: search.q.shown, count: count(search),
                 pages: found.map(function (f) {
                   return { url: f.page.url, title: f.page.meta.title, sections: f.sections.map(function (s) {
                     return { title: s.title, phase: s.phase, href: href(f.page, s) };
                   }) };
                 }) };
      });
    });
  };

  /* ---- as the reader types ---- */
  var latest = 0, timer = null;
  function show(search, from, mine) {
    return pages(search, from, PAGES_AT_ONCE).then(function (found) {
      if (mine !== latest) return;
      var more = list.querySelector(".ect-search-more");
      if (more) more.parentNode.remove();
      found.forEach(function (f) { list.appendChild(drawPage(f.page, f.sections)); });
      list.setAttribute("data-query", search.text);  // what these results are for (the tests wait on it)
      var n = count(search);
      var text = n === 0 ? "No matching pages" : n === 1 ? "1 matching page" : n + " matching pages";
      meta.textContent = search.q.shown !== search.q.typed ? text + " for \u201c" + search.q.shown + "\u201d" : text;
      var next = from + PAGES_AT_ONCE;
      if (next >= n) return;
      var holder = element("li", "md-search-result__item");
      var button = element("button", "md-button ect-search-more", "Show more results");
      button.type = "button";
      button.addEventListener("click", function () {
        show(search, next, mine).then(function () {
          var first = list.children[next] && list.children[next].querySelector("a");
          if (first) first.focus();
        });
      });
      holder.appendChild(button);
      list.appendChild(holder);
    });
  }
  input.addEventListener("input", function () {
    var query = input.value.trim(), mine = ++latest;
    clearTimeout(timer);
    if (query.length < 2) {
      list.textContent = "";
      list.removeAttribute("data-query");
      meta.textContent = "Type to start searching";
      return;
    }
    start();
    timer = setTimeout(function () {
      find(query).then(function (search) {
        if (mine !== latest) return;
        list.textContent = "";
        return show(search, 0, mine);
      }).catch(function () {
        if (mine === latest) meta.textContent = "Search could not be loaded. Reload the page to try again.";
      });
    }, PAUSE_MS);
  });

  /* ---- opening, closing and moving with the keyboard (the theme's own search is not running) ---- */
  function turn(on) {
    // As a click on the theme's toggle would: it locks the page's scrolling on a phone while search is open.
    if (toggle.checked === on) return;
    toggle.checked = on;
    toggle.dispatchEvent(new Event("change"));
  }
  function open() { turn(true); start(); }
  function close() { turn(false); input.blur(); }
  input.addEventListener("focus", open);
  toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
  form.addEventListener("reset", function () {
    latest++;
    list.textContent = "";
    meta.textContent = "Type to start searching";
    input.focus();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();  // Enter opens the first result: the form never submits
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  function focusable() { return Array.prototype.slice.call(list.querySelectorAll("a, button")); }
  box.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); close(); return; }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var items = focusable(), at = items.indexOf(document.activeElement);
    if (!items.length) return;
    event.preventDefault();
    if (event.key === "ArrowDown") items[Math.min(at + 1, items.length - 1)].focus();
    else if (at <= 0) input.focus();
    else items[at - 1].focus();
  });
  document.addEventListener("keydown", function (event) {
    // The theme's shortcuts: s, f or / opens search, unless the reader is typing somewhere.
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || toggle.checked || !/^[sf/]$/i.test(event.key)) return;
    var typing = "textarea, select, [contenteditable], input:not([type=radio]):not([type=checkbox]):not([type=button])";
    if (target.closest && target.closest(typing)) return;
    event.preventDefault();
    input.focus();
  });
})();
