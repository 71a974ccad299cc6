"""Which sites a change alters, worked out from git: `build.py --changed-since REF` builds only those.

Each file that differs between REF and the working tree (committed or not, new files included) is
one of these:

- a school's folder (schools/SLUG/…): that school's site;
- content (content/…): the programme is loaded as it was at REF and as it is, and compared the way
  contextualise() divides it. What every school publishes alike (studies, handbook, glossary, the
  programme's facts) changed: every site. Only what is kept by phase changed (the phases, scenarios
  and phase examples): the national site and the schools that have one of those phases, each
  comparing exactly what it keeps. Nothing a site shows changed (content/README.md): no site.
- code or theme (pipeline/, engines/, macros/, overrides/, docs/, mkdocs.yml, requirements.txt,
  scripts/build.py, the publish workflow, and anything not known to be harmless): every site;
- harmless (tests, documentation for people, editor schemas, other scripts): no site.

A school folder deleted since REF is listed as removed, for publishing to take its site down.

Comparing the contextualised data costs two loads of the programme and a few milliseconds a
school; rendering every school's pages at REF and now costs about a second a school at 300 pages,
for the same answer (BENCHMARKS.md has the figures).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import PROJECT_DIR, check_programme, check_school
from pipeline.model import Programme
from pipeline.problems import display_path

# Paths (prefixes) that change no site. Anything else outside content/ and schools/ is code or theme.
HARMLESS = ("tests/", "schemas/", ".vscode/", ".ci/", ".github/workflows/pull-request.yml", "README.md",
            "CONTRIBUTING.md", "BENCHMARKS.md", ".gitignore", ".pre-commit-config.yaml", "pyproject.toml",
            "requirements-dev.txt", "scripts/bench.py", "scripts/check.py", "scripts/list_schools.py",
            "scripts/new.py", "scripts/publish.py", "scripts/review.py", "scripts/first_names.py", "scripts/schemas.py",
            "scripts/setup.sh")
NATIONAL = "national"


class ChangeError(Exception):
    """git could not say what changed (an unknown REF, no repository): the message says what to do."""


@dataclass
class ChangePlan:
    ref: str
    changed: list[str]  # files that differ from REF, relative to the project
    rebuild: dict[str, str] = field(default_factory=dict)  # site ("national" or a slug) → why
    unchanged: dict[str, str] = field(default_factory=dict)  # site → why it need not be built
    removed: dict[str, str] = field(default_factory=dict)  # school slug → why its site goes

    def schools(self) -> list[str]:
        return sorted(site for site in self.rebuild if site != NATIONAL)

    def lines(self) -> list[str]:
        """What was decided for every site, and why: one line each."""
        return ([f"{site}: build — {why}" for site, why in sorted(self.rebuild.items())]
                + [f"{site}: unchanged — {why}" for site, why in sorted(self.unchanged.items())]
                + [f"{site}: remove — {why}" for site, why in sorted(self.removed.items())])


def git(project: Path, *arguments: str) -> str:
    done = subprocess.run(["git", "-C", str(project), *arguments], capture_output=True, text=True)
    if done.returncode:
        raise ChangeError(f"error: git {arguments[0]} failed: {done.stderr.strip()} — name a commit this "
                          "repository has (in CI, check out with fetch-depth: 0), or build every site instead")
    return done.stdout


def changed_files(project: Path, ref: str) -> list[str]:
    """Files that differ between REF and the working tree, new untracked files included, relative to `project`."""
    try:
        git(project, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except ChangeError:
        raise ChangeError(f"error: --changed-since: '{ref}' is not a commit of this repository — name one it has "
                          "(in CI, check out with fetch-depth: 0), or build every site instead") from None
    tracked = git(project, "diff", "--name-only", "--no-renames", "--relative", "-z", ref, "--", ".")
    untracked = git(project, "ls-files", "--others", "--exclude-standard", "-z", "--", ".")
    return sorted({path for path in (tracked + untracked).split("\0") if path})


def plan_changes(ref: str, project: Path = PROJECT_DIR) -> ChangePlan:
    """Which sites differ between REF and now, and why (content from content/, schools from schools/)."""
    project = Path(project).resolve()
    plan = ChangePlan(ref, changed_files(project, ref))
    schools_now = sorted(p.parent.name for p in (project / "schools").glob("*/school.yml"))
    schools_then = {Path(path).parent.name for path in
                    git(project, "ls-tree", "-r", "--name-only", ref, "--", "schools").splitlines()
                    if Path(path).name == "school.yml" and len(Path(path).parts) == 3}
    for slug in sorted(schools_then - set(schools_now)):
        plan.removed[slug] = f"schools/{slug}/school.yml is gone"
    code = [path for path in plan.changed if _is_code(path)]
    if code:
        why = f"{_files(code)} changed (code or theme): every site"
        plan.rebuild = dict.fromkeys([NATIONAL, *schools_now], why)
        return plan
    for slug in schools_now:
        touched = [path for path in plan.changed if path.startswith(f"schools/{slug}/")]
        if slug not in schools_then:
            plan.rebuild[slug] = "a new school"
        elif touched:
            plan.rebuild[slug] = f"its folder changed: {_files(touched)}"
    content = [path for path in plan.changed if path.startswith("content/")]
    if content:
        _compare_content(project, plan, content, [s for s in schools_now if s not in plan.rebuild])
    for site in [NATIONAL, *schools_now]:
        if site not in plan.rebuild:
            plan.unchanged.setdefault(site, "nothing it publishes changed")
    return plan


def _is_code(path: str) -> bool:
    return not path.startswith(("content/", "schools/")) and not any(
        path == harmless or (harmless.endswith("/") and path.startswith(harmless)) for harmless in HARMLESS)


def _files(paths: list[str]) -> str:
    return ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


def _compare_content(project: Path, plan: ChangePlan, changed: list[str], schools: list[str]) -> None:
    """Decide the national site and each school in `schools` (whose own folders did not change)."""
    now, problems = check_programme(project / "content")
    with tempfile.TemporaryDirectory(prefix="ect-ref-") as folder:
        then = _programme_at(project, plan.ref, Path(folder))
        if now is None or then is None:
            state = "now" if now is None else f"at {plan.ref}"
            why = f"the content has errors {state}: every site is built, so the build names them"
            plan.rebuild |= dict.fromkeys([NATIONAL, *schools], why)
            return
        old = _View(then, display_path(Path(folder) / "content"))
    new = _View(now, display_path(project / "content"))
    files = _files(changed)
    if old.everything() != new.everything():
        plan.rebuild[NATIONAL] = f"{files} changed it"
    else:
        plan.unchanged[NATIONAL] = f"{files} changed nothing it shows"
    if old.shared() != new.shared():
        plan.rebuild |= dict.fromkeys(schools, f"{files} changed what every school shows")
        return
    for slug in schools:
        school, _ = check_school(project / "schools" / slug / "school.yml", now)
        if school is None:
            plan.rebuild[slug] = "its school.yml has problems with the content now: the build names them"
        elif old.phases(school.phases) != new.phases(school.phases):
            plan.rebuild[slug] = f"{files} changed what its phases ({', '.join(school.phases)}) show"
        else:
            plan.unchanged[slug] = f"{files} changed only what its phases ({', '.join(school.phases)}) do not show"


def _programme_at(project: Path, ref: str, folder: Path) -> Programme | None:
    """The programme as content/ was at REF, loaded by today's code (only content changed), or None."""
    archive = folder / "content.tar"
    archive.write_bytes(subprocess.run(["git", "-C", str(project), "archive", "--format=tar", ref, "--", "content"],
                                       capture_output=True, check=True).stdout)
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    programme, _ = check_programme(folder / "content")
    return programme


class _View:
    """A programme as JSON, split as contextualise() splits it: kept alike by every school, or kept by phase."""

    def __init__(self, programme: Programme, content: str) -> None:
        self.programme = programme
        self.content = content  # where its files were, as sources name them: the same files compare equal
        self._by_phases: dict[tuple[str, ...], str] = {}

    def _json(self, value: object) -> str:
        return json.dumps(value, sort_keys=True, default=str).replace(f'"{self.content}/', '"CONTENT/')

    @staticmethod
    def _dump(programme: Programme) -> dict:
        """The programme as JSON data; image files by their hash (their bytes need not be text)."""
        images = {path: hashlib.sha256(data).hexdigest() for path, data in programme.images.items()}
        return programme.model_dump(mode="json", exclude={"images"}) | {"images": images}

    def everything(self) -> str:
        return self._json(self._dump(self.programme))

    def shared(self) -> str:
        p = self.programme
        alike = p.model_copy(update={
            "phases": (),
            "scenario_sets": {k: s.model_copy(update={"scenarios": []}) for k, s in p.scenario_sets.items()},
            "phase_example_sets": {k: s.model_copy(update={"examples": []}) for k, s in p.phase_example_sets.items()},
        })
        return self._json(self._dump(alike))

    def phases(self, kept: tuple[str, ...]) -> str:
        """What a school with these phases keeps of the phase-specific content (in the programme's order)."""
        key = tuple(sorted(kept))
        if key not in self._by_phases:
            p = self.programme
            self._by_phases[key] = self._json([
                [phase.model_dump(mode="json") for phase in p.phases if phase.id in kept],
                {k: [x.model_dump(mode="json") for x in s.scenarios if x.phase in kept]
                 for k, s in p.scenario_sets.items()},
                {k: [x.model_dump(mode="json") for x in s.examples if x.phase in kept]
                 for k, s in p.phase_example_sets.items()},
            ])
        return self._by_phases[key]
