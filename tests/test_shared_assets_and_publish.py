"""Many schools on one host: one shared copy of the theme's files, a manifest beside each site, and a
publish step that sends only the files whose hash changed (rclone, to a folder and to a local S3 server).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from engines.manifest import Manifest
from engines.mkdocs.csp import script_hash
from engines.uploading import rclone_program
from pipeline.brand import STYLESHEET_SRC
from pipeline.render.urls import SETUP_DATA_SRC
from tests.conftest import PROJECT, SAMPLE_SCHOOLS, SITE_URL

SCHOOL = "northgate-academy"


def run(*arguments: str, script: str = "build.py") -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, f"scripts/{script}", *arguments], cwd=PROJECT, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def build(out: Path, *arguments: str) -> None:
    run("--shared-assets", "--out", str(out), "--site-url", SITE_URL, *arguments)


@pytest.fixture(scope="module")
def host(tmp_path_factory) -> Path:
    """The national site and every sample school, built into one OUT with shared assets."""
    out = tmp_path_factory.mktemp("host") / "public"
    build(out)
    build(out, "--all")
    return out


def shared_folders(out: Path) -> list[Path]:
    return sorted(p for p in out.iterdir() if p.is_dir() and p.name.startswith("assets-"))


def file_of(out: Path, page: Path, url: str) -> Path:
    """The file in OUT a URL on `page` leads to (OUT is served at SITE_URL)."""
    page_url = SITE_URL + page.relative_to(out).as_posix()
    target = urljoin(page_url, url)
    assert target.startswith(SITE_URL), f"{page}: {url} leaves the host"
    return out / target.removeprefix(SITE_URL)


SETUP_DATA = SETUP_DATA_SRC.rsplit("/", 1)[1]  # the set-up page names its data beside it
LOOK = STYLESHEET_SRC  # the school's colour and logo (pipeline/brand.py)


def test_every_site_names_one_shared_copy_of_the_theme_and_carries_none(host):
    [shared] = shared_folders(host)
    assert not (host / "assets").exists()
    for slug in SAMPLE_SCHOOLS:
        assert (host / slug / "index.html").is_file() and not (host / slug / "assets").exists()
    pages = [p for p in host.rglob("*.html") if not p.relative_to(host).parts[0].startswith("assets-")]
    assert len(pages) > 250
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        urls = [link["href"] for link in soup.select("link[rel=stylesheet], link[rel=icon]")]
        urls += [script["src"] for script in soup.select("script[src]")]
        assert len(urls) >= 6, page
        for url in urls:
            found = file_of(host, page, url)
            assert found.is_file(), (page, url)
            # every file of the theme and of docs/assets is the shared copy; a page may also name a file of
            # its own site (the set-up page's data, the school's look), written for that site
            assert found.is_relative_to(shared) or url == SETUP_DATA or url.endswith(LOOK), (page, url)


def test_each_school_keeps_its_own_colour_beside_the_shared_theme(host):
    """The school's stylesheet differs from school to school: it is never the shared copy."""
    colours = {}
    for slug in SAMPLE_SCHOOLS:
        home = BeautifulSoup((host / slug / "index.html").read_text(encoding="utf-8"), "html.parser")
        [look] = [link["href"] for link in home.select("link[rel=stylesheet]") if link["href"].endswith(LOOK)]
        colours[slug] = re.search(r"--ect-accent: (#[0-9a-f]{6});", file_of(host, host / slug / "index.html", look)
                                  .read_text(encoding="utf-8")).group(1)
    assert colours["oakfield-primary"] == "#00703c" and colours["northgate-academy"] == "#1d3a6b"
    assert colours["brookside-school"] == "#1d70b8"  # no colour of its own: the default


def test_the_policy_still_allows_the_themes_scripts_and_nothing_from_elsewhere(host):
    for page in [host / "index.html", host / SCHOOL / "index.html", host / SCHOOL / "self-studies"]:
        page = page if page.suffix else next(page.glob("*/index.html"))
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        policy = soup.head.find(True)["content"]
        script_src = next(d.split()[1:] for d in policy.split(";") if d.split()[:1] == ["script-src"])
        assert script_src[0] == "'self'" and any(s.startswith("'sha256-") for s in script_src)
        assert "http" not in policy
        for script in soup.find_all("script", src=False):
            if script.get("type") != "application/json":
                assert script_hash(script.string or "") in policy, page


def test_a_site_is_its_pages_and_search_index_without_the_theme(host, built):
    alone = {p.relative_to(built[SCHOOL]).as_posix() for p in built[SCHOOL].rglob("*") if p.is_file()}
    shared = {p.relative_to(host / SCHOOL).as_posix() for p in (host / SCHOOL).rglob("*") if p.is_file()}
    assert shared == {path for path in alone if not path.startswith("assets/")}
    theme = sum(p.stat().st_size for p in shared_folders(host)[0].rglob("*") if p.is_file())
    assert theme == sum(p.stat().st_size for p in (built[SCHOOL] / "assets").rglob("*") if p.is_file())
    # the 404 page works from any depth: it names the shared folder from the host's root
    not_found = (host / SCHOOL / "404.html").read_text(encoding="utf-8")
    assert f'href="/{shared_folders(host)[0].name}/stylesheets/' in not_found


def test_pages_carry_no_indentation_but_keep_their_content_as_it_was(built):
    for page in [built[SCHOOL] / "index.html", next((built[SCHOOL] / "self-studies").glob("*/index.html"))]:
        html = page.read_text(encoding="utf-8")
        article_at, article_end = html.index("<article"), html.index("</article>")
        outside = html[:article_at] + html[article_end:]
        for script in BeautifulSoup(outside, "html.parser").find_all(["script", "pre", "textarea"]):
            outside = outside.replace(str(script), "")
        indented = [line for line in outside.splitlines() if line[:1].isspace()]
        assert indented == [], (page, indented[:3])


def test_the_national_site_rebuilt_keeps_the_schools_and_the_shared_folder(host, tmp_path):
    out = tmp_path / "public"
    shutil.copytree(host, out)
    build(out)
    assert [p.name for p in shared_folders(out)] == [p.name for p in shared_folders(host)]
    for slug in SAMPLE_SCHOOLS:
        assert (out / slug / "index.html").read_bytes() == (host / slug / "index.html").read_bytes()
        assert (out / f"{slug}.manifest.json").is_file()


def test_each_manifest_lists_every_file_of_its_site_with_its_hash_and_size(host):
    for slug in SAMPLE_SCHOOLS:
        manifest = Manifest.from_json((host / f"{slug}.manifest.json").read_text())
        files = {p.relative_to(host).as_posix(): p for p in (host / slug).rglob("*") if p.is_file()}
        assert manifest.folder == f"{slug}/" and manifest.shared_assets == shared_folders(host)[0].name
        assert set(manifest.files) == set(files)
        for path, entry in manifest.files.items():
            assert entry.size == files[path].stat().st_size
            assert entry.sha256 == __import__("hashlib").sha256(files[path].read_bytes()).hexdigest()
    national = Manifest.from_json((host / "national.manifest.json").read_text())
    assert "index.html" in national.files and "pagefind/pagefind-entry.json" in national.files
    assert not any(path.startswith((*SAMPLE_SCHOOLS, "assets-")) for path in national.files)


def test_the_offline_bundle_keeps_its_own_theme(tmp_path):
    out = tmp_path / "public"
    build(out, "--school", "oakfield-primary", "--zip")
    with zipfile.ZipFile(out / "oakfield-primary.zip") as bundle:
        names = bundle.namelist()
        home = bundle.read("oakfield-primary/index.html").decode()
    assert any(name.startswith("oakfield-primary/assets/stylesheets/") for name in names)
    assert "assets-" not in home
    manifest = Manifest.from_json((out / "oakfield-primary.manifest.json").read_text())
    assert "oakfield-primary.zip" in manifest.files  # published beside the site


def inodes(folder: Path) -> dict[str, int]:
    """Each file and the inode holding it: a file rewritten gets a new one, one left alone keeps its own."""
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def changed_between(old: Path, new: Path) -> set[str]:
    files = {p.relative_to(new).as_posix() for p in new.rglob("*") if p.is_file()}
    return {path for path in files if not (old / path).is_file() or (old / path).read_bytes() !=
            (new / path).read_bytes()}


def publish(out: Path, target: str, *arguments: str) -> str:
    return run(str(out), target, *arguments, script="publish.py").stdout


def test_publishing_sends_nothing_twice_and_exactly_what_one_school_changed(host, tmp_path):
    out, target = tmp_path / "public", tmp_path / "host"
    shutil.copytree(host, out)
    school = tmp_path / "schools" / SCHOOL
    shutil.copytree(PROJECT / "schools" / SCHOOL, school)
    build(out, "--school", str(school / "school.yml"), "--zip")  # the same school, kept elsewhere, with a bundle
    said = publish(out, str(target))
    assert "uploaded 0 file(s)" not in said
    for path in [p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()]:
        if not path.endswith(".report.md"):
            assert (target / path).read_bytes() == (out / path).read_bytes(), path
    first = inodes(target)

    # a second run with no change: nothing is sent
    said = publish(out, str(target))
    assert "uploaded 0 file(s) (0.00 MB), deleted 0" in said
    assert inodes(target) == first

    # one school changes its name, and drops its offline bundle: only its changed files are sent
    before = tmp_path / "before"
    shutil.copytree(out / SCHOOL, before)
    text = (school / "school.yml").read_text(encoding="utf-8")
    (school / "school.yml").write_text(text.replace("name: Northgate Academy", "name: Northgate Community Academy"),
                                       encoding="utf-8")
    build(out, "--school", str(school / "school.yml"))
    changed = {f"{SCHOOL}/{path}" for path in changed_between(before, out / SCHOOL)}
    assert 0 < len(changed) < len(first)
    said = publish(out, str(target))
    now = inodes(target)
    rewritten = {path for path in now if now[path] != first.get(path)}
    assert rewritten == changed | {f"{SCHOOL}.manifest.json"}
    assert not (target / f"{SCHOOL}.zip").exists()  # gone from the site, deleted from the host
    # the files it no longer has (its zip, the search index's chunks named by their contents) are deleted
    gone = {p.relative_to(before).as_posix() for p in before.rglob("*") if p.is_file()} - {
        p.relative_to(out / SCHOOL).as_posix() for p in (out / SCHOOL).rglob("*") if p.is_file()}
    assert not any((target / SCHOOL / path).exists() for path in gone)
    line = next(line for line in said.splitlines() if line.startswith(f"{SCHOOL}: "))
    assert f"{len(changed)} file(s) to upload" in line and f", {len(gone) + 1} to delete," in line, said


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def s3_bucket(tmp_path):
    """A local S3-compatible server (rclone serve s3) with an empty bucket; yields the rclone path to it."""
    root = tmp_path / "s3"
    (root / "sites").mkdir(parents=True)
    port = free_port()
    server = subprocess.Popen([rclone_program(), "serve", "s3", str(root), "--addr", f"127.0.0.1:{port}",
                               "--auth-key", "test-key,test-secret"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    remote = {"RCLONE_CONFIG_TESTS3_TYPE": "s3", "RCLONE_CONFIG_TESTS3_PROVIDER": "Rclone",
              "RCLONE_CONFIG_TESTS3_ENDPOINT": f"http://127.0.0.1:{port}",
              "RCLONE_CONFIG_TESTS3_ACCESS_KEY_ID": "test-key", "RCLONE_CONFIG_TESTS3_SECRET_ACCESS_KEY": "test-secret"}
    saved = {key: os.environ.get(key) for key in remote}
    os.environ.update(remote)
    try:
        deadline = time.monotonic() + 20
        while subprocess.run([rclone_program(), "lsf", "tests3:sites"], capture_output=True).returncode:
            assert time.monotonic() < deadline and server.poll() is None, "the local S3 server did not start"
            time.sleep(0.2)
        yield "tests3:sites/ect", root / "sites" / "ect"
    finally:
        server.terminate()
        server.wait(timeout=20)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key)
            else:
                os.environ[key] = value


def test_publishing_to_an_s3_bucket_sends_only_what_changed(host, tmp_path, s3_bucket):
    target, stored = s3_bucket
    out = tmp_path / "public"
    shutil.copytree(host, out)
    publish(out, target)
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.suffix != ".md"}
    listed = subprocess.run([rclone_program(), "lsf", "-R", "--files-only", target], capture_output=True,
                            text=True, check=True).stdout.split()
    assert set(listed) == files | {f"{shared_folders(out)[0].name}.manifest.json"}
    assert (stored / SCHOOL / "index.html").read_bytes() == (out / SCHOOL / "index.html").read_bytes()
    assert "uploaded 0 file(s) (0.00 MB), deleted 0" in publish(out, target)
    # a school whose folder was deleted: its site is taken off the host, the others stay
    shutil.rmtree(out / "oakfield-primary")
    (out / "oakfield-primary.manifest.json").unlink()
    assert "oakfield-primary: taken off the host" in publish(out, target, "--remove", "oakfield-primary")
    listed = subprocess.run([rclone_program(), "lsf", "-R", "--files-only", target], capture_output=True,
                            text=True, check=True).stdout.split()
    assert not [path for path in listed if path.startswith("oakfield-primary")]
    assert f"{SCHOOL}/index.html" in listed


def fake_site(out: Path, site: str, shared: str, text: str) -> None:
    (out / site).mkdir(parents=True, exist_ok=True)
    (out / site / "index.html").write_text(text)
    from engines.manifest import make_manifest

    manifest = make_manifest(site, f"{site}/", {f"{site}/index.html": out / site / "index.html"}, shared)
    (out / f"{site}.manifest.json").write_text(manifest.to_json())


def test_shared_folders_no_site_names_are_pruned_in_out_and_on_the_host(tmp_path):
    from engines.manifest import prune_shared_folders

    out, target = tmp_path / "public", tmp_path / "host"
    old, new = "assets-aaaaaaaaaaaa", "assets-bbbbbbbbbbbb"
    for folder in (old, new):
        (out / folder).mkdir(parents=True)
        (out / folder / "main.css").write_text(folder)
    fake_site(out, "elm-school", old, "built with the old theme")
    fake_site(out, "oak-school", new, "built with the new theme")
    publish(out, str(target), "--prune")
    assert (target / old / "main.css").is_file() and (target / new / "main.css").is_file()
    fake_site(out, "elm-school", new, "built again, with the new theme")
    assert prune_shared_folders(out) == [old]
    assert not (out / old).exists() and (out / new).is_dir()
    said = publish(out, str(target), "--prune")
    assert f"{old}: deleted (no site names it any more)" in said
    assert not (target / old).exists() and not (target / f"{old}.manifest.json").exists()
    assert (target / "elm-school" / "index.html").read_text() == "built again, with the new theme"


@pytest.mark.parametrize("name", ["national", "assets-3f9a1c2b7d4e", "assets-2026"])
def test_a_school_cannot_take_a_name_publishing_uses_beside_the_sites(tmp_path, programme, name):
    from pipeline import check_school

    folder = tmp_path / name
    shutil.copytree(PROJECT / "schools" / "oakfield-primary", folder)
    school, problems = check_school(folder / "school.yml", programme)
    assert school is None
    assert any(f"the folder name '{name}' is kept for what is published beside the schools' sites" in str(p)
               for p in problems), problems


def test_a_shard_with_a_failing_school_names_it_and_still_publishes_the_others(tmp_path):
    # As the publish workflow runs a shard: build its schools, hand on what was built, publish it.
    broken = tmp_path / "schools" / "broken-school"
    shutil.copytree(PROJECT / "schools" / "oakfield-primary", broken)
    (broken / "school.yml").write_text((broken / "school.yml").read_text().replace("phases:", "phases: [nursery]\nx:"))
    out, target = tmp_path / "public", tmp_path / "host"
    done = subprocess.run([sys.executable, "scripts/build.py", "--shared-assets", "--out", str(out), "--school",
                           str(broken / "school.yml"), "--school", SCHOOL], cwd=PROJECT, capture_output=True,
                          text=True)
    assert done.returncode == 1  # the job, and so the run, is marked failed
    assert "1 of 2 site(s) failed: broken-school" in done.stderr
    assert "broken-school/school.yml" in done.stderr  # where the problem is
    publish(out, str(target))
    assert (target / SCHOOL / "index.html").is_file()
    assert not (target / "broken-school").exists()


def test_text_files_can_be_stored_compressed_in_a_bucket_and_not_in_a_folder(host, tmp_path, s3_bucket):
    import gzip

    target, stored = s3_bucket
    out = tmp_path / "public"
    shutil.copytree(host, out)
    publish(out, target, "--gzip")
    page = f"{SCHOOL}/index.html"
    assert gzip.decompress((stored / page).read_bytes()) == (out / page).read_bytes()
    listed = json.loads(subprocess.run([rclone_program(), "lsjson", "-M", f"{target}/{SCHOOL}"], capture_output=True,
                                       text=True, check=True).stdout)
    metadata = next(entry["Metadata"] for entry in listed if entry["Name"] == "index.html")
    assert metadata["content-encoding"] == "gzip" and metadata["content-type"].startswith("text/html")
    assert metadata["cache-control"] == "no-cache"
    assert "uploaded 0 file(s)" in publish(out, target, "--gzip")
    # stored plainly again: every file is sent again, as it is
    publish(out, target)
    assert (stored / page).read_bytes() == (out / page).read_bytes()
    refused = subprocess.run([sys.executable, "scripts/publish.py", str(out), str(tmp_path / "folder"), "--gzip"],
                             cwd=PROJECT, capture_output=True, text=True)
    assert refused.returncode == 1 and "is a folder" in refused.stderr
