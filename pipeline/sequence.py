"""The flexible module sequence (DOMAIN.md §2): module A first, then B–F once each, in any order.

Used for the programme's default order, each school's order and the handbook's worked examples.
"""

from __future__ import annotations

from collections import Counter

from pipeline import model


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
            problems.append((index, f"'{item}' is not a module",
                             "use a letter A–F or a title: " + "; ".join(f"{c} {t}" for c, t in names.items())
                             + _numbers(programme)))
        else:
            codes.append(code)
    if codes and codes[0] != "A" and "A" in names:  # no module A at all: modules.yml's own rule says so
        problems.append((0, f"'{names['A']}' (A) must come first",
                         f"move A to the start; '{names[codes[0]]}' ({codes[0]}) is first now"))
    for code in [code for code, count in Counter(codes).items() if count > 1]:
        second = [i for i, item in enumerate(order) if _code_of(item, programme) == code][1]
        problems.append((second, f"'{names[code]}' ({code}) appears twice",
                         "each module is taken once, one per half term"))
    for code in names:
        if code not in codes:
            problems.append((None, f"'{names[code]}' ({code}) is missing", "list all six modules, one per half term"))
    return problems


def resolve_module_order(order: list[str | int], programme: model.Programme) -> tuple[str, ...]:
    """Module letters for an order that has no problems."""
    return tuple(_code_of(item, programme) or "" for item in order)


def _numbers(programme: model.Programme) -> str:
    """The modules' numbers too, when the provider numbers them."""
    if all(m.number is None for m in programme.modules):
        return ""
    return " (or their numbers: " + ", ".join(f"{m.number} for {m.code}" for m in programme.modules) + ")"
