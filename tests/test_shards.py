"""scripts/list_schools.py splits the schools into balanced shards for a CI job matrix: each school once."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from tests.conftest import PROJECT, SAMPLE_SCHOOLS


def list_schools():
    spec = importlib.util.spec_from_file_location("list_schools", PROJECT / "scripts" / "list_schools.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("schools", "count"), [(1000, 16), (1000, 256), (10_000, 256), (7, 3), (3, 10), (256, 256)])
def test_shards_cover_every_school_once_and_differ_by_one_school_at_most(schools, count):
    slugs = [f"school-{n:05d}" for n in range(schools)]
    shards = list_schools().shards(slugs, count)
    listed = [slug for shard in shards for slug in shard["schools"].split()]
    assert sorted(listed) == slugs  # every school, once
    sizes = [len(shard["schools"].split()) for shard in shards]
    assert len(shards) == min(count, schools) and min(sizes) >= 1  # no empty job
    assert max(sizes) - min(sizes) <= 1
    national = [shard for shard in shards if shard["national"]]
    assert len(national) == 1 and len(national[0]["schools"].split()) == min(sizes)


def test_no_school_to_build_leaves_one_shard_for_the_national_site():
    assert list_schools().shards([], 16) == [{"shard": "1 of 1", "national": True, "schools": ""}]


def run(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/list_schools.py", *arguments], cwd=PROJECT,
                          capture_output=True, text=True)


def test_the_matrix_for_the_sample_schools_and_the_limit_of_a_matrix():
    assert json.loads(run().stdout) == SAMPLE_SCHOOLS
    matrix = json.loads(run("--shards", "2").stdout)
    assert sorted(" ".join(s["schools"] for s in matrix["shards"]).split()) == SAMPLE_SCHOOLS
    assert matrix["national"] is True and matrix["schools"] == len(SAMPLE_SCHOOLS)
    refused = run("--shards", "257")
    assert refused.returncode == 2 and "256" in refused.stderr
