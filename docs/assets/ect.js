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
          text += "\n## " + field.querySelector("label").textContent + "\n\n" +
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

  /* ---- checklists (task lists): ticks persist on this device ---- */
  document.querySelectorAll(".ect-checklist").forEach(function (list, listIndex) {
    var name = list.getAttribute("data-checklist") || (location.pathname.replace(/\/$/, "") + "#" + listIndex);
    list.querySelectorAll("input[type=checkbox]").forEach(function (box, index) {
      var label = box.closest("li").textContent.trim().slice(0, 80);
      box.disabled = false;
      box.setAttribute("aria-label", label);
      var item = "tick:" + name + ":" + index;
      box.checked = load(item) === "1";
      box.addEventListener("change", function () { save(item, box.checked ? "1" : null); });
    });
  });

  /* ---- progress through a self-study ---- */
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
    var refresh = function () {
      var boxes = document.querySelectorAll('input[data-progress^="' + study + ':"]');
      var done = Array.prototype.filter.call(boxes, function (b) { return b.checked; }).length;
      var status = document.querySelector("[data-study-status]");
      if (status) status.textContent = done + " of " + boxes.length + " sections done";
      whole.textContent = done === boxes.length ? "Mark the study as not done" : "Mark the whole study as done";
    };
    whole.addEventListener("click", function () {
      var boxes = document.querySelectorAll('input[data-progress^="' + study + ':"]');
      var all = Array.prototype.every.call(boxes, function (b) { return b.checked; });
      boxes.forEach(function (b) { b.checked = !all; save("done:" + b.getAttribute("data-progress"), all ? null : "1"); });
      refresh();
    });
    document.addEventListener("ect:progress", refresh);
    refresh();
  }
  /* Module pages: how far each study has got. */
  document.querySelectorAll("[data-study-progress]").forEach(function (cell) {
    var study = cell.getAttribute("data-study-progress");
    var sections = cell.getAttribute("data-sections").split(" ");
    var done = sections.filter(function (s) { return load("done:" + study + ":" + s) === "1"; }).length;
    cell.textContent = done === sections.length ? "Done" : done ? done + " of " + sections.length + " sections done" : "Not started";
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
