"""The flexible module sequence (DOMAIN.md §2): module A first, then B–F once each, in any order.

Used for the programme's default order, each school's order and the handbook's worked examples.
The set-up page (render/setup_page.py) checks an order in the browser with the same rules and these
same messages, which it reads from the data file the build writes: MESSAGES is their one source.
"""

from __future__ import annotations

from collections import Counter

from pipeline import model

# Each rule's message and what to do, with {placeholders} filled in by module_order_problems (and by
# docs/assets/setup.js, which applies the same rules in the same order).
MESSAGES: dict[str, tuple[str, str]] = {
    "not-a-module": ("'{item}' is not a module", "use a letter A–F or a title: {modules}{numbers}"),
    "a-first": ("'{a_title}' (A) must come first", "move A to the start; '{first_title}' ({first_code}) is first now"),
    "twice": ("'{title}' ({code}) appears twice", "each module is taken once, one per half term"),
    "missing": ("'{title}' ({code}) is missing", "list all six modules, one per half term"),
}


def _message(key: str, **values: str) -> tuple[str, str]:
    message, hint = MESSAGES[key]
    return message.format(**values), hint.format(**values)


def _code_of(item: str | int, programme: model.Programme) -> str | None:
    """A module's letter from its letter, title, name ('Module 4') or number, in any case."""
    text = str(item).strip().lower()
    for module in programme.modules:
        if text in (module.code.lower(), module.title.lower(), module.name.lower(), module.label.lower()) or (
                module.number is not None and text == str(module.number)):
            return module.code
    return None


def module_order_problems(order: list[str | int], programme: model.Programme) -> list[tuple[int | None, str, str]]:
    """Every broken rule as (index of the item it concerns or None, message, what to do).

    `order` holds modules as letters, titles, names or numbers, matched without regard to case.
    """
    names = {m.code: m.title for m in programme.modules}
    problems: list[tuple[int | None, str, str]] = []
    codes: list[str] = []
    for index, item in enumerate(order):
        code = _code_of(item, programme)
        if code is None:
            problems.append((index, *_message("not-a-module", item=str(item), modules=module_list(programme),
                                              numbers=numbers_hint(programme))))
        else:
            codes.append(code)
    if codes and codes[0] != "A" and "A" in names:  # no module A at all: modules.yml's own rule says so
        problems.append((0, *_message("a-first", a_title=names["A"], first_title=names[codes[0]],
                                      first_code=codes[0])))
    for code in [code for code, count in Counter(codes).items() if count > 1]:
        second = [i for i, item in enumerate(order) if _code_of(item, programme) == code][1]
        problems.append((second, *_message("twice", title=names[code], code=code)))
    for code in names:
        if code not in codes:
            problems.append((None, *_message("missing", title=names[code], code=code)))
    return problems


def resolve_module_order(order: list[str | int], programme: model.Programme) -> tuple[str, ...]:
    """Module letters for an order that has no problems."""
    return tuple(_code_of(item, programme) or "" for item in order)


def module_list(programme: model.Programme) -> str:
    """The modules as the 'not a module' hint lists them: 'A Title; B Title; …' (a letter once)."""
    return "; ".join(f"{code} {title}" for code, title in {m.code: m.title for m in programme.modules}.items())


def numbers_hint(programme: model.Programme) -> str:
    """The modules' numbers too, when the provider numbers them (the end of the 'not a module' hint)."""
    if all(m.number is None for m in programme.modules):
        return ""
    return " (or their numbers: " + ", ".join(f"{m.number} for {m.code}" for m in programme.modules) + ")"
