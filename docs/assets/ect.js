/* Forms, checklists, progress and reflections, kept only in this browser (localStorage).
   Nothing is sent anywhere. Keys are built from the content's ids, so they survive rebuilds:
   ect:<site>:<what>:<id>. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="ect-site"]');
  var site = meta ? meta.getAttribute("content") : "site";

  function key(name) { return "ect:" + site + ":" + name; }
  function load(name) { try { return localStorage.getItem(key(name)); } catch (e) { return null; } }
  function save(name, value) {
    try {
      if (value === null || value === "" || value === false) localStorage.removeItem(key(name));
      else localStorage.setItem(key(name), value);
    } catch (e) { /* storage full or blocked: the page still works, nothing is kept */ }
  }
  function download(filename, text, type) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: (type || "text/markdown") + ";charset=utf-8" }));
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }
  function grow(textarea) {
    textarea.style.height = "auto";
    textarea.style.height = textarea.scrollHeight + 2 + "px";
  }

  /* Text kept as typed: forms' fields and study reflections. */
  function keepText(textarea, name) {
    textarea.value = load(name) || "";
    grow(textarea);
    textarea.addEventListener("input", function () { save(name, textarea.value); grow(textarea); });
  }

  /* ---- wide tables scroll sideways inside their wrapper: make that region reachable by
     keyboard and named for screen readers (WCAG 2.1.1; a gap in the theme) ---- */
  function scrollRegions() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var hint = wrap.previousElementSibling;
      if (!hint || !hint.classList.contains("ect-scroll-hint")) hint = null;
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Table: scroll sideways to see all of it");
        if (!hint) {  /* said in words too, so that a cut-off column is not taken for the whole table */
          hint = document.createElement("p");
          hint.className = "ect-scroll-hint";
          hint.setAttribute("aria-hidden", "true");  /* the region's name says it to screen readers */
          hint.textContent = "This table is wider than your screen: scroll it sideways to see every column.";
          wrap.parentNode.insertBefore(hint, wrap);
        }
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
        if (hint) hint.remove();
      }
    });
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(scrollRegions);
  else scrollRegions();
  window.addEventListener("resize", scrollRegions);

  /* ---- the header's menu and search buttons (phones, or a page zoomed in): the theme draws them as labels
     a keyboard cannot reach; make each a button that Tab reaches and Enter or Space opens (WCAG 2.1.1) ---- */
  document.querySelectorAll(".md-header label.md-header__button[for]").forEach(function (label) {
    var toggle = document.getElementById(label.getAttribute("for"));
    if (!toggle) return;
    label.setAttribute("tabindex", "0");
    label.setAttribute("role", "button");
    if (!label.hasAttribute("aria-label")) label.setAttribute("aria-label", toggle.id === "__drawer" ? "Menu" : "Search");
    var expanded = function () { label.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); };
    toggle.addEventListener("change", expanded);
    expanded();
    label.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      label.click();
      expanded();
    });
  });

  /* ---- forms: fill in, print or download; answers stay here ---- */
  document.querySelectorAll("form.ect-form").forEach(function (form) {
    var id = form.getAttribute("data-form");
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.querySelectorAll("textarea").forEach(function (field) { keepText(field, "form:" + id + ":" + field.name); });
    var actions = form.nextElementSibling;
    if (!actions || !actions.classList.contains("ect-form-actions")) return;
    actions.addEventListener("click", function (event) {
      var action = event.target.getAttribute && event.target.getAttribute("data-form-action");
      if (action === "print") window.print();
      if (action === "download") {
        var title = document.querySelector("article h1").textContent.replace("¶", "").trim();
        var text = "# " + title + "\n";
        form.querySelectorAll(".ect-field").forEach(function (field) {
          /* a step's boxes carry the step in data-label: "Follow-up observation: Date" */
          text += "\n## " + (field.getAttribute("data-label") || field.querySelector("label").textContent) + "\n\n" +
            (field.querySelector("textarea").value.trim() || "—") + "\n";
        });
        download(id + ".md", text);
      }
      if (action === "clear" && window.confirm("Clear every answer on this form?")) {
        form.querySelectorAll("textarea").forEach(function (field) {
          field.value = ""; save("form:" + id + ":" + field.name, null); grow(field);
        });
      }
    });
  });

  /* ---- dates to fill in (a development cycle's planner): kept under the cycle's and the row's ids ---- */
  document.querySelectorAll("input[data-date]").forEach(function (input) {
    var name = "date:" + input.getAttribute("data-date");
    input.value = load(name) || "";
    input.addEventListener("change", function () { save(name, input.value); });
  });

  /* ---- checklists (task lists): ticks persist on this device, each under its task's id ----
     data-tasks lists the ids of the list's tasks in order (macros/tables.py), so a tick stays with its task
     when tasks are added, removed or reordered: ect:<site>:task:<list>:<task id>. */
  var OLD_TICK = /^tick:(.+):(\d+)$/;  /* the earlier keys, by position: ect:<site>:tick:<list>:<index> */
  function carryOverOldTicks(name, ids) {
    /* Once: an old tick goes to the task now at its position, then the old key is removed. */
    var prefix = key("tick:" + name + ":");
    var old = [];
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var stored = localStorage.key(i);
        if (stored && stored.indexOf(prefix) === 0) old.push(stored);
      }
    } catch (e) { return; }
    old.forEach(function (stored) {
      var match = OLD_TICK.exec(stored.slice(key("").length));
      if (!match || match[1] !== name) return;
      var id = ids[Number(match[2])];
      if (id && load("tick:" + name + ":" + match[2]) === "1" && load("task:" + name + ":" + id) === null) {
        save("task:" + name + ":" + id, "1");
      }
      save("tick:" + name + ":" + match[2], null);
    });
  }
  document.querySelectorAll(".ect-checklist[data-checklist]").forEach(function (list) {
    var name = list.getAttribute("data-checklist");
    var ids = (list.getAttribute("data-tasks") || "").split(" ").filter(Boolean);
    var boxes = list.querySelectorAll("input[type=checkbox]");
    if (boxes.length !== ids.length) return;  /* never guess which tick is whose: keep none */
    carryOverOldTicks(name, ids);
    boxes.forEach(function (box, index) {
      var label = box.closest("li").textContent.trim().slice(0, 80);
      box.disabled = false;
      box.setAttribute("aria-label", label);
      var item = "task:" + name + ":" + ids[index];
      box.checked = load(item) === "1";
      box.addEventListener("change", function () { save(item, box.checked ? "1" : null); });
    });
  });

  /* ---- progress through a self-study ----
     data-sections names what a reader must do to finish a study: parts separated by spaces, each one
     section, or a choose-one group's sections joined by "/", done when any one of them is
     (pipeline/render/parts.py; not "|", which would split a Markdown table's cell).
     The study page and the module pages count alike. */
  function sectionDone(study, section) { return load("done:" + study + ":" + section) === "1"; }
  function progress(study, sections) {
    var parts = sections.split(" ").map(function (part) { return part.split("/"); });
    var done = parts.filter(function (part) {
      return part.some(function (section) { return sectionDone(study, section); });
    }).length;
    return { parts: parts, done: done, total: parts.length };
  }
  function describe(count) {
    return count.done === count.total ? "Done" : count.done ? count.done + " of " + count.total + " sections done" : "Not started";
  }
  document.querySelectorAll("input[data-progress]").forEach(function (box) {
    var item = "done:" + box.getAttribute("data-progress");
    box.checked = load(item) === "1";
    box.addEventListener("change", function () {
      save(item, box.checked ? "1" : null);
      document.dispatchEvent(new CustomEvent("ect:progress"));
    });
  });
  var whole = document.querySelector("button[data-study-done]");
  if (whole) {
    var study = whole.getAttribute("data-study-done");
    var sections = whole.getAttribute("data-sections");
    var boxFor = function (section) { return document.querySelector('input[data-progress="' + study + ":" + section + '"]'); };
    var mark = function (section, done) {
      save("done:" + study + ":" + section, done ? "1" : null);
      var input = boxFor(section);
      if (input) input.checked = done;
    };
    var refresh = function () {
      var count = progress(study, sections);
      var status = document.querySelector("[data-study-status]");
      if (status) status.textContent = count.done + " of " + count.total + " sections done";
      whole.textContent = count.done === count.total ? "Mark the study as not done" : "Mark the whole study as done";
    };
    whole.addEventListener("click", function () {
      var count = progress(study, sections);
      count.parts.forEach(function (part) {
        if (count.done === count.total) part.forEach(function (section) { mark(section, false); });
        /* a choose-one group already done keeps the reader's choice; otherwise every section is ticked */
        else if (!part.some(function (section) { return sectionDone(study, section); })) {
          part.forEach(function (section) { mark(section, true); });
        }
      });
      refresh();
    });
    document.addEventListener("ect:progress", refresh);
    refresh();
  }
  /* Module pages: how far each study has got. */
  document.querySelectorAll("[data-study-progress]").forEach(function (cell) {
    cell.textContent = describe(progress(cell.getAttribute("data-study-progress"), cell.getAttribute("data-sections")));
  });

  /* ---- reflections: written here, exported or printed for the mentor ----
     Everything is made in this browser: a print-ready page, a file Word (or any word processor) opens,
     or plain text. Nothing is sent anywhere. */
  document.querySelectorAll("textarea[data-note]").forEach(function (note) {
    keepText(note, "note:" + note.getAttribute("data-note"));
  });
  function reflections() {
    var heading = document.querySelector("article h1");
    var site = document.querySelector(".md-header__topic .md-ellipsis");
    var answers = [];
    document.querySelectorAll("textarea[data-note]").forEach(function (note) {
      if (note.value.trim()) answers.push({ question: note.getAttribute("data-label"), text: note.value.trim() });
    });
    return {
      study: heading ? heading.textContent.replace("¶", "").trim() : document.title,
      site: site ? site.textContent.trim() : "",
      date: new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" }),
      answers: answers
    };
  }
  function asText(notes) {
    var title = "My reflections: " + notes.study;
    var text = title + "\n" + new Array(title.length + 1).join("=") + "\n" + notes.site + ", " + notes.date + "\n";
    if (!notes.answers.length) text += "\n(No reflections written yet.)\n";
    notes.answers.forEach(function (answer) {
      text += "\n" + answer.question + "\n" + new Array(answer.question.length + 1).join("-") + "\n" + answer.text + "\n";
    });
    return text.replace(/\n/g, "\r\n");  /* Notepad and every other editor show the lines */
  }
  function rtf(text) {  /* RTF's escapes; any character beyond ASCII as \uN with a ? for old readers */
    return text.replace(/[\\{}]/g, "\\$&").replace(/\r?\n/g, "\\line ").replace(/[^\x00-\x7f]/g, function (c) {
      var code = c.charCodeAt(0);
      return "\\u" + (code > 32767 ? code - 65536 : code) + "?";
    });
  }
  function asRtf(notes) {
    var body = "{\\pard\\sa120\\b\\fs36 " + rtf("My reflections") + "\\par}\n" +
      "{\\pard\\sa120\\b\\fs28 " + rtf(notes.study) + "\\par}\n" +
      "{\\pard\\sa240\\fs22 " + rtf(notes.site + ", " + notes.date) + "\\par}\n";
    if (!notes.answers.length) body += "{\\pard\\sa120 " + rtf("No reflections written yet.") + "\\par}\n";
    notes.answers.forEach(function (answer) {
      body += "{\\pard\\sb240\\sa120\\keepn\\b\\fs26 " + rtf(answer.question) + "\\par}\n" +
        "{\\pard\\sa120\\fs24 " + rtf(answer.text) + "\\par}\n";
    });
    return "{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1{\\fonttbl{\\f0\\fswiss Arial;}}\\f0\\fs24\n" + body + "}\n";
  }
  function printSheet(notes) {
    var sheet = document.getElementById("ect-notes-print");
    if (!sheet) {
      sheet = document.createElement("div");
      sheet.id = "ect-notes-print";
      document.body.appendChild(sheet);
    }
    sheet.textContent = "";
    var add = function (tag, text, className) {
      var element = document.createElement(tag);
      element.textContent = text;
      if (className) element.className = className;
      sheet.appendChild(element);
    };
    add("h1", "My reflections: " + notes.study);
    add("p", notes.site + ", " + notes.date, "ect-notes-print__about");
    if (!notes.answers.length) add("p", "No reflections written yet.");
    notes.answers.forEach(function (answer) { add("h2", answer.question); add("p", answer.text); });
  }
  var notes = document.querySelector("[data-notes-actions]");
  if (notes) {
    var name = notes.getAttribute("data-notes-actions") + "-reflections";
    notes.addEventListener("click", function (event) {
      var action = event.target.getAttribute && event.target.getAttribute("data-notes-action");
      if (action === "text") download(name + ".txt", asText(reflections()), "text/plain");
      if (action === "rtf") download(name + ".rtf", asRtf(reflections()), "application/rtf");
      if (action === "print") {
        printSheet(reflections());
        document.body.classList.add("ect-printing-notes");
        window.print();
      }
      if (action === "print-study") {
        document.body.classList.add("ect-print-with-notes");
        window.print();
      }
    });
    window.addEventListener("afterprint", function () {
      document.body.classList.remove("ect-printing-notes");
      document.body.classList.remove("ect-print-with-notes");
    });
  }
})();
