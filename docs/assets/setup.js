/* "Set up your school": make or change a school's school.yml in the browser (pipeline/render/setup_page.py).
 *
 * It reads what it knows from the data file the build writes beside the page (window.ectSetupData: phases,
 * modules, the module sequence's messages, every example slot with its guidance, the school schema), so it
 * checks with the same schema and the same messages as check.py. Fields of the schema without a control of
 * their own (contacts, checklist, and any added later) get one made from the schema.
 *
 * School text is untrusted: everything a tutor types or opens is set as text (textContent, value), never
 * as HTML. Nothing is sent anywhere: the file is made here and downloaded, or carried to the forge's
 * "new file" page only when the tutor follows that link.
 */
(function () {
  "use strict";

  var root = document.getElementById("ect-setup");
  if (!root) return;
  var data = window.ectSetupData;
  var YAML = window.ectYaml;
  var Validator = window.ectJsonSchema && window.ectJsonSchema.Validator;
  if (!data || !YAML || !Validator) {
    root.textContent = "The set-up form could not start: a file it needs did not load. Reload the page.";
    return;
  }
  var schema = data.schema;
  var defs = schema.$defs || {};
  var validator = new Validator(schema, "2020-12", false);
  var pageById = {};
  data.pages.forEach(function (p) { pageById[p.id] = p; });

  // ---- small helpers ------------------------------------------------------------------------------
  var counter = 0;
  function uid(name) { counter += 1; return "ect-setup-" + name + "-" + counter; }

  /* An element with attributes and children; strings become text nodes, never markup. */
  function el(tag, attributes) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) {
      var value = attributes[key];
      if (value === false || value === null || value === undefined) return;
      node.setAttribute(key, value === true ? "" : String(value));
    });
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }
  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return String(values[name]); });
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function quoted(text) { return "'" + text + "'"; }
  function slug(text) {
    var words = String(text).toLowerCase().replace(/['\u2019]/g, "").match(/[a-z0-9]+/g) || [];
    return words.join("-").slice(0, 60).replace(/^-+|-+$/g, "");
  }
  function cleanText(text) {
    var t = String(text).replace(/\r\n?/g, "\n").replace(/\s+$/, "");
    return t.indexOf("\n") >= 0 ? t + "\n" : t.trim();
  }

  // ---- the module sequence: pipeline/sequence.py's rules, with its messages ------------------------
  /* A module's letter from its letter, title, name ('Module 4') or number, in any case. */
  function codeOf(item) {
    var text = String(item).trim().toLowerCase();
    var found = data.modules.filter(function (m) {
      return [m.code, m.title, m.name, m.label].some(function (t) { return t.toLowerCase() === text; }) ||
        (m.number !== null && text === String(m.number));
    });
    return found.length ? found[0].code : null;
  }
  function message(key, values) {
    var texts = data.sequenceMessages[key];
    return [fill(texts[0], values), fill(texts[1], values)];
  }
  /* Every broken rule as [index or null, message, what to do], in the order check.py gives them. */
  function orderProblems(order) {
    var names = {};
    data.modules.forEach(function (m) { names[m.code] = m.title; });
    var problems = [];
    var codes = [];
    order.forEach(function (item, index) {
      var code = codeOf(item);
      if (code === null) {
        problems.push([index].concat(message("not-a-module", { item: item, modules: data.moduleList,
                                                               numbers: data.moduleNumbers })));
      } else {
        codes.push(code);
      }
    });
    if (codes.length && codes[0] !== "A" && names.A) {
      problems.push([0].concat(message("a-first", { a_title: names.A, first_title: names[codes[0]],
                                                    first_code: codes[0] })));
    }
    var counts = {};
    var seen = [];
    codes.forEach(function (code) {
      if (!(code in counts)) { counts[code] = 0; seen.push(code); }
      counts[code] += 1;
    });
    seen.forEach(function (code) {
      if (counts[code] < 2) return;
      var at = [];
      order.forEach(function (item, index) { if (codeOf(item) === code) at.push(index); });
      problems.push([at[1]].concat(message("twice", { title: names[code], code: code })));
    });
    Object.keys(names).forEach(function (code) {
      if (codes.indexOf(code) < 0) problems.push([null].concat(message("missing", { title: names[code], code: code })));
    });
    return problems;
  }
  window.ectSetupRules = { orderProblems: orderProblems };  // the same rules, for anyone who wants to check

  // ---- controls made from the schema ---------------------------------------------------------------
  function resolve(s) {
    if (s && s.$ref) return defs[s.$ref.split("/").pop()] || {};
    return s || {};
  }
  /* An optional field (anyOf [X, null]) is X; a task (text, or an object with text) is its text. */
  function simplify(s) {
    s = resolve(s);
    if (!s.anyOf) return s;
    var options = s.anyOf.map(resolve).filter(function (o) { return o.type !== "null"; });
    var chosen = options.length === 1 ? options[0]
      : options.filter(function (o) { return o.type === "string"; })[0] || options[0];
    var result = Object.assign({}, chosen, { description: s.description || chosen.description,
                                             title: s.title || chosen.title });
    if (options.length > 1 && chosen.type === "string") result.textOf = "text";
    return result;
  }
  /* A field's name in words: its own title (not that of the definition it refers to), or its key. */
  function humanName(key, s) {
    var title = (s && !s.$ref && s.title) || key;
    var words = title.replace(/_/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()
      .replace(/\bect(s?)\b/g, "ECT$1");  // the one abbreviation field names use
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  /* A control for one value of the schema: {node, get(), set(value), setPointer(pointer)}. */
  function control(s, label, required) {
    s = simplify(s);
    if (s.type === "object" && s.properties) return objectControl(s, label);
    if (s.type === "array") return arrayControl(s, label);
    return valueControl(s, label, required);
  }

  function hint(s, id) {
    return s.description ? el("p", { class: "ect-setup__hint", id: id }, s.description) : null;
  }

  function valueControl(s, label, required) {
    var id = uid("field");
    var hintId = s.description ? id + "-hint" : null;
    var input;
    var choices = s.enum || (s.const !== undefined ? [s.const] : null);
    if (choices) {
      input = el("select", { id: id, "aria-describedby": hintId },
        required ? null : el("option", { value: "" }, "(none)"),
        choices.map(function (c) { return el("option", { value: JSON.stringify(c) }, String(c)); }));
    } else if (s.type === "boolean") {
      input = el("input", { type: "checkbox", id: id, "aria-describedby": hintId });
    } else {
      var type = s.format === "date" ? "date" : (s.type === "number" || s.type === "integer") ? "number" : "text";
      input = el("input", { type: type, id: id, "aria-describedby": hintId, min: s.minimum, max: s.maximum,
                            step: s.type === "integer" ? 1 : (s.type === "number" ? "any" : null),
                            autocomplete: "off" });
    }
    var node = el("div", { class: "ect-setup__field" },
      el("label", { for: id }, label + (required ? "" : " (optional)")), hint(s, hintId), input);
    var original;  // a task written as an object keeps its id
    return {
      node: node,
      get: function () {
        if (choices) return input.value === "" ? undefined : JSON.parse(input.value);
        if (s.type === "boolean") return input.checked ? true : undefined;
        var text = input.value.trim();
        if (text === "") return undefined;
        if (s.type === "number" || s.type === "integer") return Number(text);
        if (s.textOf && isObject(original)) return Object.assign({}, original, { text: text });
        return text;
      },
      set: function (value) {
        original = value;
        if (value === undefined || value === null) value = "";
        if (s.textOf && isObject(value)) value = value[s.textOf] || "";
        if (choices) input.value = value === "" ? "" : JSON.stringify(value);
        else if (s.type === "boolean") input.checked = value === true;
        else input.value = String(value);
      },
      setPointer: function (pointer) { input.setAttribute("data-pointer", pointer); },
    };
  }

  function objectControl(s, label) {
    var required = s.required || [];
    var fields = {};
    var legendId = uid("legend");
    var box = el("fieldset", { class: "ect-setup__group" }, el("legend", { id: legendId }, label));
    Object.keys(s.properties).forEach(function (key) {
      var sub = s.properties[key];
      fields[key] = control(sub, humanName(key, sub), required.indexOf(key) >= 0);
      box.appendChild(fields[key].node);
    });
    var extra = {};  // keys the schema does not know: kept, and reported
    return {
      node: box,
      get: function () {
        var value = Object.assign({}, extra);
        Object.keys(fields).forEach(function (key) {
          var v = fields[key].get();
          if (v !== undefined) value[key] = v;
        });
        return Object.keys(value).length ? value : undefined;
      },
      set: function (value) {
        value = isObject(value) ? value : {};
        extra = {};
        Object.keys(value).forEach(function (key) { if (!fields[key]) extra[key] = value[key]; });
        Object.keys(fields).forEach(function (key) { fields[key].set(value[key]); });
      },
      setPointer: function (pointer) {
        box.setAttribute("data-pointer", pointer);
        Object.keys(fields).forEach(function (key) { fields[key].setPointer(pointer + "/" + key); });
      },
    };
  }

  function arrayControl(s, label) {
    var itemSchema = simplify(s.items || {});
    var itemName = humanName(s.items && s.items.$ref ? s.items.$ref.split("/").pop() : "item", itemSchema);
    var list = el("ol", { class: "ect-setup__list" });
    var items = [];
    var pointer = "";
    var addButton = el("button", { type: "button", class: "md-button" }, "Add to " + label.toLowerCase());
    var box = el("fieldset", { class: "ect-setup__group" }, el("legend", {}, label),
      hint(s, null), list, addButton);

    function renumber() {
      items.forEach(function (item, index) {
        item.setPointer(pointer + "/" + index);
        item.remove.textContent = "Remove " + itemName.toLowerCase() + " " + (index + 1);
      });
    }
    function add(value) {
      var item = control(itemSchema, itemName + " " + (items.length + 1), true);
      var remove = el("button", { type: "button", class: "md-button ect-setup__remove" }, "Remove");
      var row = el("li", {}, item.node, remove);
      item.remove = remove;
      remove.addEventListener("click", function () {
        items.splice(items.indexOf(item), 1);
        list.removeChild(row);
        renumber();
        changed();
        addButton.focus();
      });
      if (value !== undefined) item.set(value);
      items.push(item);
      list.appendChild(row);
      renumber();
      return item;
    }
    addButton.addEventListener("click", function () {
      var item = add();
      var first = item.node.querySelector("input, select, textarea");
      if (first) first.focus();
      changed();
    });
    return {
      node: box,
      get: function () {
        var values = items.map(function (item) { return item.get(); }).filter(function (v) { return v !== undefined; });
        return values.length ? values : undefined;
      },
      set: function (value) {
        items.slice().forEach(function () { list.removeChild(list.firstChild); });
        items = [];
        (Array.isArray(value) ? value : []).forEach(function (v) { add(v); });
      },
      setPointer: function (p) { pointer = p; box.setAttribute("data-pointer", p); renumber(); },
    };
  }

  // ---- the form -----------------------------------------------------------------------------------
  var state = { loadedText: null, loadedData: null, folderEdited: false };

  function section(title, intro) {
    var id = uid("heading");
    return el("section", { class: "ect-setup__section", "aria-labelledby": id },
      el("h2", { id: id }, title), intro ? el("p", {}, intro) : null);
  }

  // 1. open a file
  var openSection = section("Change the file you have (optional)",
    "To change your school's site, open its school.yml: the form fills in from it. It is read here, in this " +
    "browser. To start a new school, go straight on to step 2.");
  var fileId = uid("file");
  var fileInput = el("input", { type: "file", id: fileId, accept: ".yml,.yaml" });
  var openStatus = el("p", { class: "ect-setup__status", role: "status" });
  openSection.appendChild(el("div", { class: "ect-setup__field" },
    el("label", { for: fileId }, "Open school.yml"), fileInput));
  openSection.appendChild(openStatus);

  // 2. the school
  var schoolSection = section("Your school");
  var nameId = "ect-setup-name";
  var nameInput = el("input", { type: "text", id: nameId, autocomplete: "organization",
                                "aria-describedby": nameId + "-problem", "data-pointer": "#/name" });
  var folderId = "ect-setup-folder";
  var folderInput = el("input", { type: "text", id: folderId, autocomplete: "off", spellcheck: "false",
                                  "aria-describedby": folderId + "-hint " + folderId + "-problem",
                                  "data-pointer": "#/folder" });
  schoolSection.appendChild(el("div", { class: "ect-setup__field" },
    el("label", { for: nameId }, "Your school's name"),
    nameInput, el("p", { class: "ect-setup__problem", id: nameId + "-problem" })));
  schoolSection.appendChild(el("div", { class: "ect-setup__field" },
    el("label", { for: folderId }, "Your school's folder"),
    el("p", { class: "ect-setup__hint", id: folderId + "-hint" },
      "Where the file goes (" + data.schoolsFolder + "/FOLDER/school.yml) and the end of your site's address. " +
      "Made from the name; lower-case letters, digits and hyphens."),
    folderInput, el("p", { class: "ect-setup__problem", id: folderId + "-problem" })));

  // 3. phases
  var phaseBox = el("fieldset", { class: "ect-setup__group", "data-pointer": "#/phases",
                                  "aria-describedby": "ect-setup-phases-problem" },
    el("legend", {}, "The phases your school has"),
    el("p", { class: "ect-setup__hint" }, "Scenarios for the other phases are left out of your site."));
  var phaseList = el("div", { class: "ect-setup__choices" });
  phaseBox.appendChild(phaseList);
  phaseBox.appendChild(el("p", { class: "ect-setup__problem", id: "ect-setup-phases-problem" }));
  function phaseCheckbox(id, name, known) {
    var box = el("input", { type: "checkbox", id: "ect-setup-phase-" + id, value: id });
    phaseList.appendChild(el("div", { class: "ect-setup__choice" }, box,
      el("label", { for: box.id }, known ? name : quoted(id) + " (not a phase of this programme)")));
    return box;
  }
  data.phases.forEach(function (p) { phaseCheckbox(p.id, p.name, true); });
  schoolSection.appendChild(phaseBox);

  // 4. module order
  var orderBox = el("fieldset", { class: "ect-setup__group", "data-pointer": "#/module_order",
                                  "aria-describedby": "ect-setup-order-problems" },
    el("legend", {}, "Your module order (year 1)"),
    el("p", { class: "ect-setup__hint" }, data.modules[0].name + " always comes first; the others in the order " +
      "your school chose, one per half term. Year 2 follows the same order. Choosing a module for a half term " +
      "moves the one it replaces to the half term it leaves."));
  var orderSelects = data.halfTerms.map(function (term, index) {
    var id = "ect-setup-order-" + (index + 1);
    var select = el("select", { id: id, "aria-describedby": "ect-setup-order-problems" },
      data.modules.map(function (m) { return el("option", { value: m.code }, m.label); }));
    select.value = data.defaultOrder[index];
    select.setAttribute("data-before", select.value);
    select.addEventListener("change", function () {
      // the module chosen moves here; the one it replaces takes its old place, so each stays once
      var before = select.getAttribute("data-before");
      orderSelects.forEach(function (other) {
        if (other !== select && other.value === select.value && before !== null) {
          other.value = before;
          other.setAttribute("data-before", before);
        }
      });
      select.setAttribute("data-before", select.value);
    });
    orderBox.appendChild(el("div", { class: "ect-setup__field ect-setup__field--inline" },
      el("label", { for: id }, term), select));
    return select;
  });
  var orderProblemsList = el("ul", { class: "ect-setup__problem", id: "ect-setup-order-problems",
                                     "aria-live": "polite" });
  orderBox.appendChild(orderProblemsList);
  schoolSection.appendChild(orderBox);

  // 5. the schema's other fields
  var otherSection = section("Contacts and other details",
    "Shown in your school's handbook. Leave out what does not apply.");
  var otherControls = {};
  Object.keys(schema.properties).forEach(function (key) {
    if (data.ownControls.indexOf(key) >= 0) return;
    var s = schema.properties[key];
    var c = control(s, humanName(key, s), (schema.required || []).indexOf(key) >= 0);
    c.setPointer("#/" + key);
    otherControls[key] = c;
    otherSection.appendChild(c.node);
  });

  // 6. examples, slot by slot
  var exampleSection = section("Your examples",
    "Each self-study has example slots for your own examples. Write one in Markdown (a paragraph, a list, a " +
    "link to a short video) and say which active ingredients it shows. Leave a slot empty to fill it later. " +
    "Never write a pupil's name or other personal data: the site is public.");
  var exampleSchema = defs.Example || { properties: {} };
  var slotControls = [];  // {page, slot, text, file, extra: {key: control}, summary}
  data.pages.forEach(function (page) {
    var summaryCount = el("span", { class: "ect-setup__count" });
    var details = el("details", { class: "ect-setup__page" },
      el("summary", {}, page.title + " ", el("span", { class: "ect-setup__where" },
        "year " + page.year + ", " + page.moduleName + ", "), summaryCount));
    details.appendChild(el("p", {}, "This self-study is ",
      el("a", { href: page.url }, page.title), " on this site. Its examples appear in your school's site at " +
      "the end of the section named with each slot."));
    var pageSlots = [];
    page.slots.forEach(function (slot) {
      var headingId = uid("slot");
      var textId = uid("example");
      var fileNote = el("p", { class: "ect-setup__hint", hidden: true });
      var text = el("textarea", { id: textId, rows: 6, "aria-describedby": headingId + "-asks",
                                  "data-pointer": "#/examples/" + page.id + "/" + slot.id });
      var box = el("section", { class: "ect-setup__slot", "aria-labelledby": headingId },
        el("h3", { id: headingId }, "Example for “" + slot.section + "”"),
        el("p", { class: "ect-setup__where" }, "On “" + page.title + "”, at the end of the section “" +
          slot.section + "” (slot " + slot.id + ")."),
        el("p", { id: headingId + "-asks" }, slot.guidance),
        el("label", { for: textId }, "Your example (Markdown)"), fileNote, text);
      var extra = {};
      Object.keys(exampleSchema.properties).forEach(function (key) {
        if (key === "file" || key === "text") return;
        var s = exampleSchema.properties[key];
        extra[key] = control(s, humanName(key, s), false);
        extra[key].setPointer("#/examples/" + page.id + "/" + slot.id + "/" + key);
        box.appendChild(extra[key].node);
      });
      var entry = { page: page, slot: slot, text: text, file: null, fileNote: fileNote, extra: extra,
                    original: undefined };
      slotControls.push(entry);
      pageSlots.push(entry);
      details.appendChild(box);
    });
    details.addEventListener("input", function () { countFilled(pageSlots, summaryCount); });
    countFilled(pageSlots, summaryCount);
    pageSlots.forEach(function (entry) { entry.counter = function () { countFilled(pageSlots, summaryCount); }; });
    exampleSection.appendChild(details);
  });
  function countFilled(entries, node) {
    var filled = entries.filter(function (e) { return e.text.value.trim() || e.file; }).length;
    node.textContent = filled + " of " + entries.length + " slot" + (entries.length === 1 ? "" : "s") + " filled";
  }

  // 7. the result
  var resultSection = section("Your file");
  var status = el("p", { class: "ect-setup__status", role: "status", id: "ect-setup-status" });
  var problemList = el("ul", { class: "ect-setup__problems", id: "ect-setup-problems" });
  var downloadButton = el("button", { type: "button", class: "md-button md-button--primary",
                                      id: "ect-setup-download" }, "Download school.yml");
  var propose = el("div", { class: "ect-setup__propose" });
  var preview = el("pre", { class: "ect-setup__preview" }, el("code", { id: "ect-setup-yaml" }));
  resultSection.appendChild(status);
  resultSection.appendChild(problemList);
  resultSection.appendChild(el("p", {}, downloadButton));
  resultSection.appendChild(el("p", { class: "ect-setup__hint" }, "One file, with your examples written in it. " +
    "Keep it: open it here again to make changes."));
  resultSection.appendChild(propose);
  resultSection.appendChild(el("details", {}, el("summary", {}, "See the file"), preview));

  var form = el("form", { class: "ect-setup__form", novalidate: true },
    openSection, schoolSection, otherSection, exampleSection, resultSection);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  clear(root);
  root.appendChild(form);

  // ---- reading the form -----------------------------------------------------------------------------
  function checkedPhases() {
    return Array.prototype.slice.call(phaseList.querySelectorAll("input:checked")).map(function (b) { return b.value; });
  }
  function chosenOrder() { return orderSelects.map(function (s) { return s.value; }); }

  function exampleValue(entry) {
    var text = cleanText(entry.text.value);
    var extra = {};
    Object.keys(entry.extra).forEach(function (key) {
      var v = entry.extra[key].get();
      if (v !== undefined) extra[key] = v;
    });
    var hasExtra = Object.keys(extra).length > 0;
    if (text) return hasExtra ? Object.assign({ text: text }, extra) : text;
    if (!entry.file) return undefined;
    if (!hasExtra && typeof entry.original === "string") return entry.original;  // a file's path, as written
    return Object.assign({ file: entry.file }, extra);
  }

  /* The school's file as data: what the tutor chose, and whatever else the opened file had. */
  function collect() {
    var loaded = state.loadedData || {};
    var result = {};
    var name = nameInput.value.trim();
    if (name || "name" in loaded) result.name = name;
    result.phases = checkedPhases();
    if (Array.isArray(loaded.phases) && same(loaded.phases.map(String).slice().sort(), result.phases.slice().sort())) {
      result.phases = loaded.phases;  // the same phases: kept in the file's own order
    }
    var order = chosenOrder();
    var loadedOrder = Array.isArray(loaded.module_order) ? loaded.module_order : null;
    if (loadedOrder && same(loadedOrder.map(codeOf), order)) result.module_order = loadedOrder;
    else if (state.loadedData && !loadedOrder && same(order, data.defaultOrder)) result.module_order = undefined;
    else if (loadedOrder && loadedOrder.length && loadedOrder.every(function (i) { return typeof i === "number"; }) &&
             data.modules.every(function (m) { return m.number !== null; })) {
      result.module_order = order.map(function (code) {  // a file that numbers its modules keeps numbering them
        var module = data.modules.filter(function (m) { return m.code === code; })[0];
        return module ? module.number : code;
      });
    } else result.module_order = order;
    if (result.module_order === undefined) delete result.module_order;
    Object.keys(otherControls).forEach(function (key) {
      var v = otherControls[key].get();
      if (v !== undefined) result[key] = v;
      else if (key in loaded && (loaded[key] === null || same(loaded[key], []) || same(loaded[key], {}))) {
        result[key] = loaded[key];  // written empty in the file: left as it was
      }
    });
    Object.keys(loaded).forEach(function (key) {  // keys this form has no control for: kept as they were
      if (!(key in schema.properties)) result[key] = loaded[key];
    });
    var examples = {};
    if (isObject(loaded.examples)) {  // what the form does not show (a page or slot unknown here) is kept
      Object.keys(loaded.examples).forEach(function (key) {
        if (pageById[key] || pageIdForTitle(key)) return;
        examples[key] = loaded.examples[key];
      });
      Object.keys(loaded.examples).forEach(function (key) {
        var pageId = pageById[key] ? key : pageIdForTitle(key);
        var slots = loaded.examples[key];
        if (!pageId || !isObject(slots)) return;
        Object.keys(slots).forEach(function (slotId) {
          if (!hasSlot(pageId, slotId)) {
            examples[pageId] = examples[pageId] || {};
            examples[pageId][slotId] = slots[slotId];
          }
        });
      });
    }
    slotControls.forEach(function (entry) {
      var value = exampleValue(entry);
      if (value === undefined) return;
      examples[entry.page.id] = examples[entry.page.id] || {};
      examples[entry.page.id][entry.slot.id] = value;
    });
    if (Object.keys(examples).length || "examples" in loaded) result.examples = examples;
    return result;
  }
  function hasSlot(pageId, slotId) {
    return pageById[pageId].slots.some(function (s) { return s.id === slotId; });
  }
  function comparable(text) {
    return String(text).normalize("NFKC").replace(/[\u2018\u2019]/g, "'").toLowerCase().split(/\s+/).join(" ").trim();
  }
  function pageIdForTitle(title) {
    var found = data.pages.filter(function (p) { return comparable(p.title) === comparable(title); });
    return found.length === 1 ? found[0].id : null;
  }

  // ---- checking ------------------------------------------------------------------------------------
  var KEYWORD_ORDER = ["false", "required", "minLength", "pattern", "format", "enum", "const", "minItems",
                       "maxItems", "minimum", "maximum", "type"];

  function schemaProblems(value) {
    var result = validator.validate(value);
    if (result.valid) return [];
    var byPlace = {};
    result.errors.forEach(function (e) {
      var place = e.instanceLocation;
      var keyword = e.keyword;
      if (keyword === "required") {
        var missing = /"([^"]+)"/.exec(e.error);
        place = place + "/" + (missing ? missing[1] : "");
      }
      if (KEYWORD_ORDER.indexOf(keyword) < 0) return;
      var known = byPlace[place];
      if (!known || KEYWORD_ORDER.indexOf(keyword) < KEYWORD_ORDER.indexOf(known.keyword)) {
        byPlace[place] = { keyword: keyword, error: e.error, place: place };
      }
    });
    return Object.keys(byPlace).map(function (place) {
      var e = byPlace[place];
      var key = place.split("/").pop();
      var words = {
        "false": quoted(key) + " is not a known key — remove it, or check its spelling",
        required: "is missing — fill it in",
        minLength: "is empty — fill it in, or remove it",
        pattern: "is not in the right form — use lower-case letters, digits and hyphens",
        format: "is not a date — write it as YYYY-MM-DD, e.g. 2026-09-02",
        "enum": "is not one of the choices",
        "const": "is not one of the choices",
        minItems: "needs at least one",
        maxItems: "has too many",
        minimum: "is too small",
        maximum: "is too large",
        type: "is the wrong kind of value",
      }[e.keyword];
      return { pointer: place, text: words };
    });
  }

  function folderProblem(folder) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(folder)) {
      return "the folder name " + quoted(folder) + " cannot be a school's address — use lower-case letters, " +
        "digits and hyphens, e.g. oakfield-primary";
    }
    if (data.reserved.indexOf(folder) >= 0) {
      return "the folder name " + quoted(folder) + " is used by the national site itself — choose another; " +
        "these names are taken: " + data.reserved.join(", ");
    }
    return null;
  }

  function ownProblems(value) {
    var problems = [];
    if (!value.name) problems.push({ pointer: "#/name", text: "is missing — write your school's name" });
    var folder = folderInput.value.trim();
    var bad = folder === "" ? "is missing — write your school's folder name: the end of your site's address " +
      "(…/FOLDER/), and where your file is kept (" + data.schoolsFolder + "/FOLDER/school.yml)" : folderProblem(folder);
    if (bad) problems.push({ pointer: "#/folder", text: bad });
    var ids = data.phases.map(function (p) { return p.id; });
    if (!value.phases.length) problems.push({ pointer: "#/phases", text: "choose at least one phase" });
    value.phases.forEach(function (phase) {
      if (ids.indexOf(phase) < 0) {
        problems.push({ pointer: "#/phases", text: quoted(phase) + " is not a phase — use one of: " + ids.join(", ") });
      }
    });
    orderProblems(chosenOrder()).forEach(function (p) {
      problems.push({ pointer: "#/module_order", index: p[0], text: p[1] + " — " + p[2], order: true });
    });
    if (isObject(value.examples)) {
      Object.keys(value.examples).forEach(function (key) {
        if (!pageById[key]) {
          problems.push({ pointer: "#/examples/" + key, text: "there is no page " + quoted(key) +
            " — use the id of a self-study; its example is kept in the file as it was" });
          return;
        }
        Object.keys(value.examples[key] || {}).forEach(function (slotId) {
          if (!hasSlot(key, slotId)) {
            problems.push({ pointer: "#/examples/" + key + "/" + slotId, text: "the page " + quoted(key) +
              " has no example slot " + quoted(slotId) + " — its example is kept in the file as it was" });
          }
        });
      });
    }
    return problems;
  }

  function labelFor(pointer) {
    var parts = pointer.replace(/^#\//, "").split("/");
    var top = parts[0];
    var names = { name: "Name", folder: "Folder", phases: "Phases", module_order: "Module order", examples: "Examples" };
    var words = [names[top] || humanName(top, schema.properties[top])];
    if (top === "examples" && parts.length > 1) {
      var page = pageById[parts[1]];
      words = ["Example" + (page ? " on “" + page.title + "”" : " for " + quoted(parts[1]))];
      if (parts[2]) words.push("slot " + parts[2]);
      if (parts[3]) words.push(parts[3]);
    } else {
      parts.slice(1).forEach(function (p) { words.push(/^\d+$/.test(p) ? String(Number(p) + 1) : p); });
    }
    return words.join(", ");
  }

  function targetFor(pointer) {
    var parts = pointer.split("/");
    while (parts.length > 1) {
      var node = form.querySelector('[data-pointer="' + CSS.escape(parts.join("/")) + '"]');
      if (node) return node.matches("input, select, textarea") ? node
        : node.querySelector("input, select, textarea") || node;
      parts.pop();
    }
    return null;
  }

  // ---- writing the file ------------------------------------------------------------------------------
  var TO_STRING = { lineWidth: 0, flowCollectionPadding: false };

  function styled(doc) {
    YAML.visit(doc, {
      Scalar: function (key, node) {
        if (typeof node.value === "string" && node.value.indexOf("\n") >= 0) node.type = "BLOCK_LITERAL";
      },
      Seq: function (key, node) {  // short lists of words on one line, as phases: [eyfs, primary]
        var words = node.items.every(function (i) { return YAML.isScalar(i) && !/\s/.test(String(i.value)); });
        if (words && node.items.length) node.flow = true;
      },
    });
    return doc;
  }
  function renderBlock(value) { return styled(new YAML.Document(value)).toString(TO_STRING); }
  function renderInline(value) { return renderBlock(value).replace(/\n$/, ""); }
  function inlineable(value) {
    return !isObject(value) && (!Array.isArray(value) || value.every(function (v) { return !isObject(v) && !Array.isArray(v); }))
      && !(typeof value === "string" && value.indexOf("\n") >= 0);
  }

  function freshFile(value) {
    var ordered = {};
    ["name", "phases", "module_order"].concat(Object.keys(value)).forEach(function (key) {
      if (key in value && key !== "examples") ordered[key] = value[key];
    });
    if ("examples" in value) ordered.examples = value.examples;
    var doc = styled(new YAML.Document(ordered));
    doc.commentBefore = " " + (value.name || "Your school") + ": its context for the " + data.programme +
      " site, made on the set-up page.";
    return doc.toString(TO_STRING);
  }

  /* The opened file with only what changed rewritten: every other line, comments included, stays as it was. */
  function changedFile(text, before, after) {
    var doc = YAML.parseDocument(text);
    if (doc.errors.length || !YAML.isMap(doc.contents)) return freshFile(after);
    var lines = text.split("\n");
    var starts = [];
    var offset = 0;
    lines.forEach(function (line) { starts.push(offset); offset += line.length + 1; });
    function lineOf(position) {
      var low = 0;
      var high = starts.length - 1;
      while (low < high) {
        var middle = (low + high + 1) >> 1;
        if (starts[middle] <= position) low = middle; else high = middle - 1;
      }
      return low;
    }
    function indentOf(line) { return line.length - line.replace(/^ +/, "").length; }
    function blank(line) { return /^\s*(#.*)?$/.test(line); }
    /* The lines a pair takes: its key's line and every line below indented further (trailing comments left). */
    function pairLines(pair) {
      var first = lineOf(pair.key.range[0]);
      var indent = indentOf(lines[first]);
      var last = first;
      for (var i = first + 1; i < lines.length; i++) {
        if (blank(lines[i]) && !(lines[i].trim() && indentOf(lines[i]) > indent)) continue;
        if (indentOf(lines[i]) <= indent) break;
        last = i;
      }
      return { first: first, last: last, indent: indent };
    }
    var edits = [];
    function indented(textBlock, indent) {
      var pad = new Array(indent + 1).join(" ");
      return textBlock.replace(/\n$/, "").split("\n").map(function (l) { return l ? pad + l : l; }).join("\n") + "\n";
    }
    function replaceLines(range, replacement) {
      edits.push({ start: starts[range.first], end: range.last + 1 < starts.length ? starts[range.last + 1] : text.length,
                   text: replacement });
    }
    function pairText(key, value, indent) {
      var one = {};
      one[key] = value;
      return indented(renderBlock(one), indent);
    }
    function walk(map, old, now, depth) {
      var pairs = {};
      map.items.forEach(function (pair) { if (pair.key && YAML.isScalar(pair.key)) pairs[String(pair.key.value)] = pair; });
      var indent = map.items.length ? indentOf(lines[lineOf(map.items[0].key.range[0])]) : 0;
      Object.keys(old).forEach(function (key) {
        if (!(key in now) && pairs[key]) replaceLines(pairLines(pairs[key]), "");
      });
      var added = "";
      Object.keys(now).forEach(function (key) {
        if (!(key in old) || !pairs[key]) { added += pairText(key, now[key], indent); return; }
        if (same(old[key], now[key])) return;
        var pair = pairs[key];
        var node = pair.value;
        var deeper = (depth === 0 && key === "examples") || depth === 1;
        if (deeper && YAML.isMap(node) && !node.flow && node.items.length && isObject(old[key]) && isObject(now[key])) {
          walk(node, old[key], now[key], depth + 1);
          return;
        }
        var oneLine = node && node.range && lineOf(node.range[0]) === lineOf(pair.key.range[0]) &&
          lineOf(Math.max(node.range[0], node.range[1] - 1)) === lineOf(pair.key.range[0]) &&
          (YAML.isScalar(node) ? node.type !== "BLOCK_LITERAL" && node.type !== "BLOCK_FOLDED" : node.flow);
        if (oneLine && inlineable(now[key])) {
          edits.push({ start: node.range[0], end: node.range[1], text: renderInline(now[key]) });
        } else {
          replaceLines(pairLines(pair), pairText(key, now[key], indent));
        }
      });
      if (added) {
        var last = map.items.length ? pairLines(map.items[map.items.length - 1]).last : lines.length - 1;
        var at = last + 1 < starts.length ? starts[last + 1] : text.length;
        var before = at === text.length && text && !/\n$/.test(text) ? "\n" : "";
        edits.push({ start: at, end: at, text: before + added });
      }
    }
    walk(doc.contents, before, after, 0);
    edits.sort(function (a, b) { return b.start - a.start; });
    var out = text;
    edits.forEach(function (e) { out = out.slice(0, e.start) + e.text + out.slice(e.end); });
    return out;
  }

  function fileText(value) {
    return state.loadedText !== null ? changedFile(state.loadedText, state.loadedData || {}, value) : freshFile(value);
  }

  // ---- showing the result -------------------------------------------------------------------------------
  var current = { text: "", problems: [] };

  function showProblems(problems) {
    // beside each control of its own
    [nameInput, folderInput].forEach(function (input) { input.removeAttribute("aria-invalid"); });
    document.getElementById(nameId + "-problem").textContent = "";
    document.getElementById(folderId + "-problem").textContent = "";
    document.getElementById("ect-setup-phases-problem").textContent = "";
    clear(orderProblemsList);
    orderSelects.forEach(function (s) { s.removeAttribute("aria-invalid"); });
    form.querySelectorAll("[aria-invalid]").forEach(function (n) { n.removeAttribute("aria-invalid"); });
    problems.forEach(function (p) {
      if (p.pointer === "#/name") document.getElementById(nameId + "-problem").textContent = p.text;
      if (p.pointer === "#/folder") document.getElementById(folderId + "-problem").textContent = p.text;
      if (p.pointer === "#/phases") document.getElementById("ect-setup-phases-problem").textContent = p.text;
      if (p.order) {
        orderProblemsList.appendChild(el("li", {}, p.text));
        if (p.index !== null) orderSelects[p.index].setAttribute("aria-invalid", "true");
      }
      var target = targetFor(p.pointer);
      if (target && target.matches("input, select, textarea")) target.setAttribute("aria-invalid", "true");
    });
    // all together, each linked to its place
    clear(problemList);
    problems.forEach(function (p) {
      var target = targetFor(p.pointer);
      var label = labelFor(p.pointer);
      var item = el("li", {});
      if (target && target.id) {
        var link = el("a", { href: "#" + target.id }, label);
        link.addEventListener("click", function (event) {
          event.preventDefault();
          var details = target.closest("details");
          if (details) details.open = true;
          target.focus();
        });
        item.appendChild(link);
      } else {
        item.appendChild(document.createTextNode(label));
      }
      item.appendChild(document.createTextNode(": " + p.text));
      problemList.appendChild(item);
    });
  }

  function showPropose(text, problems) {
    clear(propose);
    var repository = data.repository;
    if (!repository) return;
    var folder = folderInput.value.trim();
    var path = data.schoolsFolder + "/" + folder + "/school.yml";
    var base = repository.url.replace(/\/+$/, "");
    if (problems.length) {
      propose.appendChild(el("p", {}, "When the problems above are fixed, you can propose the file to the " +
        "programme's repository from here."));
      return;
    }
    var copyButton = el("button", { type: "button", class: "md-button" }, "Copy the file");
    var copied = el("span", { role: "status", class: "ect-setup__status" });
    copyButton.addEventListener("click", function () {
      if (!navigator.clipboard) {
        copied.textContent = "Copying does not work here: download the file instead.";
        return;
      }
      navigator.clipboard.writeText(text).then(function () { copied.textContent = "Copied."; },
        function () { copied.textContent = "Copying did not work here: download the file instead."; });
    });
    if (state.loadedText !== null) {
      var editUrl = base + "/edit/" + encodeURIComponent(repository.branch) + "/" + path.split("/").map(encodeURIComponent).join("/");
      propose.appendChild(el("h3", {}, "Propose the change"));
      propose.appendChild(el("ol", {},
        el("li", {}, copyButton, " ", copied),
        el("li", {}, el("a", { href: editUrl, id: "ect-setup-propose", rel: "noopener" },
          "Open " + path + " on GitHub to change it"), ", sign in if asked, select all of its text and paste."),
        el("li", {}, "Choose “Commit changes…”, then “Propose changes”. When the change is accepted, your " +
          "school's site is built and published.")));
      return;
    }
    var newUrl = base + "/new/" + encodeURIComponent(repository.branch) + "?filename=" + encodeURIComponent(path) +
      "&value=" + encodeURIComponent(text);
    var tooLong = newUrl.length > 8000;  // longer addresses are refused: paste instead
    if (tooLong) newUrl = base + "/new/" + encodeURIComponent(repository.branch) + "?filename=" + encodeURIComponent(path);
    propose.appendChild(el("h3", {}, "Propose your school"));
    propose.appendChild(el("ol", {},
      tooLong ? el("li", {}, "Your file is long: ", copyButton, " first, then paste it on GitHub's page. ", copied) : null,
      el("li", {}, el("a", { href: newUrl, id: "ect-setup-propose", rel: "noopener" },
        "Open GitHub's new file page with your school.yml" + (tooLong ? "" : " filled in")),
        " (sign in if asked). Your file goes with the link only when you follow it."),
      el("li", {}, "Choose “Commit changes…”, then “Propose changes”. When the change is accepted, your " +
        "school's site is built and published.")));
  }

  function changed() {
    var value = collect();
    var problems = ownProblems(value);
    var reported = {};
    problems.forEach(function (p) { reported[p.pointer] = true; });
    schemaProblems(value).forEach(function (p) {
      var pointer = p.pointer;
      if (!reported[pointer] && !/^#\/(phases|module_order)(\/|$)/.test(pointer)) problems.push(p);
    });
    var text = fileText(value);
    current = { text: text, problems: problems };
    preview.firstChild.textContent = text;
    showProblems(problems);
    status.textContent = problems.length
      ? problems.length + " problem" + (problems.length === 1 ? "" : "s") + " to fix before your site can be built."
      : "No problems: your school.yml is ready.";
    showPropose(text, problems);
    slotControls.forEach(function (entry) { entry.counter(); });
  }

  downloadButton.addEventListener("click", function () {
    var blob = new Blob([current.text], { type: "text/yaml;charset=utf-8" });
    var link = el("a", { href: URL.createObjectURL(blob), download: "school.yml", hidden: true });
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  });

  nameInput.addEventListener("input", function () {
    if (!state.folderEdited) folderInput.value = slug(nameInput.value);
  });
  folderInput.addEventListener("input", function () { state.folderEdited = true; });
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);

  // ---- opening a file ---------------------------------------------------------------------------------
  function load(text, fileName) {
    var doc = YAML.parseDocument(text);
    if (doc.errors.length) {
      var e = doc.errors[0];
      var line = e.linePos && e.linePos[0] ? e.linePos[0].line : "?";
      openStatus.textContent = fileName + ":" + line + ": this is not valid YAML — " + e.message.split("\n")[0] +
        ". Nothing was changed in the form.";
      return;
    }
    var value = doc.toJS();
    if (!isObject(value)) {
      openStatus.textContent = fileName + " does not look like a school's file: nothing was changed in the form.";
      return;
    }
    state.loadedText = text;
    state.loadedData = value;
    nameInput.value = typeof value.name === "string" ? value.name : "";
    state.folderEdited = true;  // a file does not say which folder it is in: the tutor does
    folderInput.value = "";
    // phases, unknown ones too (so they can be unticked)
    var phases = Array.isArray(value.phases) ? value.phases.map(String) : [];
    phases.forEach(function (p) {
      if (!document.getElementById("ect-setup-phase-" + p)) phaseCheckbox(p, p, false);
    });
    phaseList.querySelectorAll("input").forEach(function (box) { box.checked = phases.indexOf(box.value) >= 0; });
    var order = Array.isArray(value.module_order) ? value.module_order : data.defaultOrder;
    orderSelects.forEach(function (select, index) {
      var item = order[index];
      var code = item === undefined ? null : codeOf(item);
      if (code) { select.value = code; select.setAttribute("data-before", code); return; }
      var raw = item === undefined ? "(none)" : String(item);
      select.appendChild(el("option", { value: raw }, quoted(raw) + " (not a module)"));
      select.value = raw;
      select.setAttribute("data-before", raw);
    });
    Object.keys(otherControls).forEach(function (key) { otherControls[key].set(value[key]); });
    var examples = isObject(value.examples) ? value.examples : {};
    slotControls.forEach(function (entry) {
      var key = Object.keys(examples).filter(function (k) {
        return k === entry.page.id || pageIdForTitle(k) === entry.page.id;
      })[0];
      var v = key !== undefined && isObject(examples[key]) ? examples[key][entry.slot.id] : undefined;
      entry.original = v;
      entry.file = null;
      entry.text.value = "";
      var block = isObject(v) ? v : {};
      if (typeof v === "string") {
        if (/^[^\n]*\.(md|markdown)\s*$/i.test(v)) entry.file = v.trim(); else entry.text.value = v.replace(/\n$/, "");
      } else if (isObject(v)) {
        if (typeof v.text === "string") entry.text.value = v.text.replace(/\n$/, "");
        if (typeof v.file === "string") entry.file = v.file;
      }
      Object.keys(entry.extra).forEach(function (k) { entry.extra[k].set(block[k]); });
      entry.fileNote.hidden = !entry.file;
      entry.fileNote.textContent = entry.file ? "Kept in " + entry.file + " in your school's folder: it stays as " +
        "it is. Write here to replace it with the text you write." : "";
      if (entry.file || entry.text.value) entry.text.closest("details").open = true;
    });
    openStatus.textContent = "Opened " + fileName + ". Now write your school's folder name below.";
    changed();
  }

  fileInput.addEventListener("change", function () {
    var file = fileInput.files && fileInput.files[0];
    if (!file) return;
    file.text().then(function (text) { load(text, file.name); },
      function () { openStatus.textContent = "The file could not be read."; });
  });

  changed();
})();
