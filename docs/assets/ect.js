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
  function download(filename, text) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
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
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Table: scroll sideways to see all of it");
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(scrollRegions);
  else scrollRegions();
  window.addEventListener("resize", scrollRegions);

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

  /* ---- reflections: written here, exported or printed for the mentor ---- */
  document.querySelectorAll("textarea[data-note]").forEach(function (note) {
    keepText(note, "note:" + note.getAttribute("data-note"));
  });
  var notes = document.querySelector("[data-notes-actions]");
  if (notes) {
    var collect = function () {
      var title = document.querySelector("article h1").textContent.replace("¶", "").trim();
      var text = "# My reflections: " + title + "\n";
      document.querySelectorAll("textarea[data-note]").forEach(function (note) {
        if (note.value.trim()) text += "\n## " + note.getAttribute("data-label") + "\n\n" + note.value.trim() + "\n";
      });
      return text;
    };
    notes.addEventListener("click", function (event) {
      var action = event.target.getAttribute && event.target.getAttribute("data-notes-action");
      if (action === "download") download(notes.getAttribute("data-notes-actions") + "-reflections.md", collect());
      if (action === "print") {
        var sheet = document.getElementById("ect-notes-print") || document.body.appendChild(document.createElement("pre"));
        sheet.id = "ect-notes-print";
        sheet.textContent = collect();
        document.body.classList.add("ect-printing-notes");
        window.print();
      }
    });
    window.addEventListener("afterprint", function () { document.body.classList.remove("ect-printing-notes"); });
  }
})();
