"""The whole pipeline in one call: load → validate → contextualise. Used by MkDocs and scripts."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline import contextualise as contextualise_module
from pipeline import markers, passages, problems
from pipeline.contextualise import SchoolProgramme, contextualise
from pipeline.guards import school_gaps
from pipeline.load import programme as load
from pipeline.load.programme import load_programme
from pipeline.load.school import read_school
from pipeline.model import Programme, School
from pipeline.problems import ContentError, Problem
from pipeline.render import sandbox
from pipeline.render.slugs import reserved_slugs
from pipeline.safety.style import check_style
from pipeline.validate import validate_programme
from pipeline.validate.school import validate_school

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_CONTENT = PROJECT_DIR / "content"
SCHOOLS_DIR = PROJECT_DIR / "schools"
DOCS_DIR = PROJECT_DIR / "docs"


def fingerprint(content_dir: Path) -> str:
    """A digest of every file under content/, by name and bytes: changes whenever any file's content does.

    Size and modification time are not enough: an edit can keep both (a same-length change within
    the same second, as editors, scripts and checkouts make), and the old pages would be served.
    Hashing the whole content folder costs a few milliseconds, next to a build's seconds.
    """
    digest = hashlib.blake2b(digest_size=20)
    if content_dir.is_dir():
        for path in sorted(p for p in content_dir.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(content_dir)).encode() + b"\0")
            try:
                digest.update(hashlib.blake2b(path.read_bytes(), digest_size=20).digest())
            except OSError:
                digest.update(b"unreadable")  # loading reports it
    return digest.hexdigest()


# Building many schools in one process (build.py --all) loads and validates the programme once;
# the fingerprint makes sure an edited file is always read again (preview, tests).
_checked: dict[str, tuple[str, tuple[Programme | None, list[Problem]]]] = {}
# The programme as put together, errors or not, and the self-studies that failed to load, by the same key:
# check.py checks schools against it.
_assembled: dict[str, tuple[Programme | None, frozenset[str]]] = {}


def forget() -> None:
    """Drop everything this process keeps between builds, as if it had just started (benchmarks)."""
    _checked.clear()
    _assembled.clear()
    contextualise_module._recent.clear()
    passages.parse.cache_clear()
    markers.markers_for.cache_clear()
    load.forget_files()
    problems._display_path.cache_clear()
    sandbox._compiled.cache_clear()


def check_programme(content_dir: Path) -> tuple[Programme | None, list[Problem]]:
    """Load and validate the content; returns the programme only when there are no errors."""
    key, current = str(Path(content_dir).resolve()), fingerprint(Path(content_dir))
    cached = _checked.get(key)
    if cached and cached[0] == current:
        programme, problems = cached[1]
        return programme, list(problems)
    assembled, problems, failed_studies = _check_programme(content_dir)
    has_errors = any(p.severity == "error" for p in problems)
    result = (None if has_errors else assembled), problems
    _checked[key], _assembled[key] = (current, result), (assembled, failed_studies)
    return result[0], list(result[1])


def _check_programme(content_dir: Path) -> tuple[Programme | None, list[Problem], frozenset[str]]:
    """The programme as put together (None when a one-file kind failed), every problem, and the ids of the
    self-studies that failed to load."""
    programme, loaded = load_programme(content_dir)
    failed = frozenset(item for kind, item in loaded.failed if kind == "self-study")
    problems = list(loaded.problems) + validate_programme(programme, loaded)
    problems += check_style(content_dir, loaded, errors_only=True)  # only rules the writers made errors
    return programme, problems, failed


def check_school(school_file: Path, programme: Programme) -> tuple[School | None, list[Problem]]:
    """A school's context checked, then what its site would keep (pipeline/guards.py)."""
    school, problems = validate_school(school_file, programme, reserved_slugs(programme, DOCS_DIR))
    if school is not None:
        problems += school_gaps(programme, school)
        if any(p.severity == "error" for p in problems):
            school = None
    return school, problems


def check_school_anyway(school_file: Path, content_dir: Path) -> list[Problem]:
    """A school's problems even while the programme has errors (check.py reports everything it can):
    checked against the programme as far as it was put together, or else on its own (its YAML and keys)."""
    programme, _ = check_programme(content_dir)
    if programme is not None:
        return check_school(school_file, programme)[1]
    assembled, failed = _assembled.get(str(Path(content_dir).resolve()), (None, frozenset()))
    if assembled is not None:
        try:
            problems = check_school(school_file, assembled)[1]
        except Exception:  # a rule tripped over the programme's own errors, reported already
            return read_school(school_file)[2]
        # examples for a self-study that failed to load are not the school's mistake
        return [p for p in problems if p.field.split(".")[:2] not in [["examples", study] for study in failed]]
    return read_school(school_file)[2]


def prepare(content_dir: Path, school_file: Path | None) -> tuple[SchoolProgramme, list[Problem]]:
    """Load, validate and contextualise; raises ContentError listing every problem."""
    programme, problems = check_programme(content_dir)
    if programme is None:
        raise ContentError(problems)
    school = None
    if school_file is not None:
        school, school_problems = check_school(school_file, programme)
        problems += school_problems
        if school is None:
            raise ContentError(problems)
    return contextualise(programme, school), problems
