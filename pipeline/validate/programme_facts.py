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
        location = ("default_module_order", index) if index is not None else ("default_module_order",)
        c.report("programme.yml", location, "default_module_order", message, hint)


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
            if item.counts_as == "seminar" and item.minutes != year.seminar_minutes:
                c.report("years.yml", (*where, "minutes"), f"{field}.minutes",
                         f"a seminar takes {item.minutes} minutes here but {year.seminar_minutes} in seminar_minutes",
                         "write the same minutes in both")
