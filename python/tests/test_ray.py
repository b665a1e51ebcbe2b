"""assay.ray.grade_dataset in Ray local mode equals one `assay grade` run.

Ray is heavy, so it is installed only by scripts/test-ray.sh; without it
these tests are skipped."""

import json
import subprocess

import pytest

ray = pytest.importorskip("ray")

import assay  # noqa: E402
import assay.ray  # noqa: E402
from conftest import sweep  # noqa: E402


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_files_dataset_equals_the_cli(local_ray, tmp_path, cli):
    records = sweep(400)
    paths = []
    for k in range(5):
        p = tmp_path / f"part-{k}.jsonl"
        part = records[k * 80:(k + 1) * 80]
        p.write_text("".join(json.dumps(r) + "\n" for r in part) + ('{"id": "broken"\n' if k == 2 else ""))
        paths.append(str(p))
    ds = ray.data.from_items([{"path": p} for p in paths])
    report = assay.ray.grade_dataset(ds, by=["model"], ci="bootstrap", resamples=400, seed=4,
                                     cluster="/metadata/prompt_id", batch_size=2)
    one = subprocess.run([cli, "grade", "-q", "--format", "json", *paths, "--by", "model", "--ci",
                          "bootstrap", "--resamples", "400", "--seed", "4", "--cluster",
                          "/metadata/prompt_id"], capture_output=True, check=False)
    assert report.render("json") == one.stdout.decode()


def test_records_dataset_equals_grading_in_memory(local_ray):
    records = sweep(300)
    ds = ray.data.from_items([{"record": json.dumps(r)} for r in records])
    report = assay.ray.grade_dataset(ds, by=["model"], seed=1, batch_size=64)
    one = assay.grade(records, by=["model"], seed=1)
    assert report.groups == one.groups and report.total == one.total
