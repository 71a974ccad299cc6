"""The shape of the code: the pipeline is engine-free, and its functions stay short enough to read."""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.conftest import PROJECT

PIPELINE = PROJECT / "pipeline"
ENGINE_PACKAGES = ("mkdocs", "material", "mkdocs_macros", "properdocs", "zensical", "engines", "macros")


def imported_modules(path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def test_the_pipeline_imports_no_engine():
    offending = [f"{path.relative_to(PROJECT)}:{line}: imports {module}"
                 for path in sorted(PIPELINE.rglob("*.py")) for line, module in imported_modules(path)
                 if module.split(".")[0] in ENGINE_PACKAGES]
    assert offending == [], "\n".join(offending)


def test_running_the_pipeline_loads_no_engine():
    """Checked at run time too: loading, validating, contextualising and rendering every sample school."""
    script = (
        "import sys\n"
        "from pipeline import DEFAULT_CONTENT, DOCS_DIR, SCHOOLS_DIR, prepare\n"
        "from pipeline.load.docs import read_docs\n"
        "from pipeline.render.site import render_site\n"
        "for school in [None, *sorted(SCHOOLS_DIR.glob('*/school.yml'))]:\n"
        "    render_site(prepare(DEFAULT_CONTENT, school)[0], read_docs(DOCS_DIR))\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {ENGINE_PACKAGES!r}))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], cwd=PROJECT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]", run.stdout


def test_no_function_in_the_pipeline_is_longer_than_60_lines():
    long = []
    for path in sorted(PIPELINE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno - node.lineno >= 60:
                long.append(f"{path.relative_to(PROJECT)}:{node.lineno}: {node.name} "
                            f"({node.end_lineno - node.lineno + 1} lines)")
    assert long == [], "split these into smaller named functions:\n" + "\n".join(long)
