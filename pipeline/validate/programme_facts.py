"""Rules for the programme-wide facts: phases, modules, years, the glossary and the default order."""

from __future__ import annotations

from pipeline.sequence import module_order_problems
from pipeline.validate.rules import Checking, duplicates, rule, second


@rule
def phase_ids_are_unique(c: Checking) -> None:
    phase_ids = [p.id for p in c.programme.phases]
    for phase_id in duplicates(phase_ids):
        c.report("phases.yml", ("phases", second(phase_ids, phase_id)), "phases", f"the id '{phase_id}' appears twice",
                 "give each phase its own id")


@rule
def modules_are_a_to_f_once_each(c: Checking) -> None:
    codes = [m.code for m in c.programme.modules]
    if sorted(codes) != list("ABCDEF"):
        c.report("modules.yml", ("modules",), "modules", "each module letter A–F must appear exactly once",
                 f"found: {', '.join(codes)}")


@rule
def years_are_one_and_two(c: Checking) -> None:
    numbers = [y.number for y in c.programme.years]
    if sorted(numbers) != [1, 2]:
        c.report("years.yml", ("years",), "years", "the programme has year 1 and year 2, once each",
                 f"found: {', '.join(map(str, numbers))}")


@rule
def seminars_are_one_per_half_term(c: Checking) -> None:
    for index, year in enumerate(c.programme.years):
        if year.seminars and len(year.seminars) != 6:
            c.report("years.yml", ("years", index, "seminars"), f"years[{index}].seminars",
                     f"{len(year.seminars)} seminars listed", "list six, one per half term, in order")


@rule
def glossary_terms_are_defined_once(c: Checking) -> None:
    abbreviations = [t.abbreviation for t in c.programme.glossary if t.abbreviation]
    for abbreviation in duplicates(abbreviations):
        c.report("glossary.yml", ("terms",), "terms", f"the abbreviation {abbreviation} is defined twice",
                 "keep one entry per abbreviation")
    for term in duplicates(t.term.lower() for t in c.programme.glossary):
        c.report("glossary.yml", ("terms",), "terms", f"the term '{term}' is defined twice", "keep one entry per term")


@rule
def default_module_order_follows_the_rules(c: Checking) -> None:
    order = list(c.programme.info.default_module_order)
    for index, message, hint in module_order_problems(order, c.programme):
        if index is None:
            c.report("programme.yml", ("default_module_order",), "default_module_order", message, hint)
        else:
            c.report("programme.yml", ("default_module_order", index), f"default_module_order[{index}]", message, hint)


@rule
def modules_are_numbered_all_or_none(c: Checking) -> None:
    """Labels read 'Module 4: …' when numbered, 'Module E: …' when not: a mixture would read as two schemes."""
    numbers = [m.number for m in c.programme.modules]
    if any(n is not None for n in numbers) and any(n is None for n in numbers):
        index = numbers.index(None)
        c.report("modules.yml", ("modules", index), f"modules[{index}]",
                 f"module {c.programme.modules[index].code} has no number, but other modules have one",
                 "give every module a number (as the provider prints it), or none")
    first: dict[int, str] = {}
    for index, module in enumerate(c.programme.modules):
        if module.number is not None and module.number in first:
            c.report("modules.yml", ("modules", index, "number"), f"modules[{index}].number",
                     f"{module.number} is also module {first[module.number]}'s number",
                     "give each module its own number")
        if module.number is not None:
            first.setdefault(module.number, module.code)


@rule
def time_commitments_give_minutes_or_hours(c: Checking) -> None:
    for index, year in enumerate(c.programme.years):
        for item, commitment in enumerate(year.time_commitments):
            if (commitment.minutes is None) == (commitment.hours is None):
                c.report("years.yml", ("years", index, "time_commitments", item),
                         f"years[{index}].time_commitments[{item}]",
                         "gives both minutes and hours" if commitment.minutes else "gives no time",
                         "give minutes (shown as '90 minutes') or hours (shown as '4.5 hours'), as you would say it")


@rule
def time_commitments_count_once_each(c: Checking) -> None:
    """What the schedule and the time budget count (counts_as) must be unambiguous."""
    for index, year in enumerate(c.programme.years):
        kinds = [item.counts_as for item in year.time_commitments]
        for position, item in enumerate(year.time_commitments):
            where = ("years", index, "time_commitments", position)
            field = f"years[{index}].time_commitments[{position}]"
            if item.counts_as and item.counts_as in kinds[:position]:
                c.report("years.yml", (*where, "counts_as"), f"{field}.counts_as",
                         f"a second activity counts as {item.counts_as} in year {year.number}",
                         "keep one: the time budget would count it twice")
            if item.half_term and item.frequency != "termly":
                c.report("years.yml", (*where, "half_term"), f"{field}.half_term",
                         f"half_term is for a termly activity, and this one is {item.frequency}",
                         "remove half_term, or make the activity termly")
            if item.counts_as == "mentoring" and item.frequency not in ("weekly", "fortnightly"):
                c.report("years.yml", (*where, "frequency"), f"{field}.frequency",
                         f"mentoring is weekly or fortnightly, not {item.frequency}", "use weekly or fortnightly")
            if item.counts_as == "seminar" and item.in_minutes != year.seminar_minutes:
                c.report("years.yml", (*where, "minutes"), f"{field}.minutes",
                         f"a seminar takes {item.in_minutes} minutes here "
                         f"but {year.seminar_minutes} in seminar_minutes",
                         "write the same minutes in both")
