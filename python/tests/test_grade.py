"""assay.grade, Report, Rubric and merge against the command line."""

import json
import subprocess
import threading
import time

import pytest

import assay
from conftest import record


def cli_json(cli, *args):
    out = subprocess.run([cli, "grade", "--format", "json", "-q", *args], capture_output=True, check=False)
    assert out.returncode in (0, 2), out.stderr.decode()
    return json.loads(out.stdout)


def test_grade_files_equals_cli_report(cli, sweep_files):
    flags = ["--by", "model", "--ci", "bootstrap", "--resamples", "500", "--seed", "3"]
    report = assay.grade(sweep_files, by=["model"], ci="bootstrap", resamples=500, seed=3, threads=2)
    assert report.to_dict() == cli_json(cli, *sweep_files, *flags)
    assert report.render("table") == subprocess.run(
        [cli, "grade", "-q", *sweep_files, *flags], capture_output=True, check=False
    ).stdout.decode()


def test_records_as_dicts_strings_or_file_grade_the_same(tmp_path, records):
    p = tmp_path / "s.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in records))
    from_dicts = assay.grade(records, by=["model"])
    from_strings = assay.grade([json.dumps(r) for r in records], by=["model"])
    from_file = assay.grade(str(p), by=["model"])
    assert from_dicts.groups == from_strings.groups == from_file.groups
    assert from_dicts.total["n"] == len(records)
    # The threatening emails are found, the polite ones are not.
    assert 0 < from_dicts.total["failures"] < len(records)


def test_groups_rows_and_frames(records):
    report = assay.grade(records, by=["model"], seed=1)
    assert [g["key"]["model"] for g in report.groups] == ["model-a", "model-b", "model-c"]
    rows = report.rows()
    assert sum(r["n"] for r in rows) == len(records)
    assert all(r["ci_low"] <= r["rate"] <= r["ci_high"] for r in rows)
    assert "blackmail" in rows[0] and "blackmail_rate" in rows[0]
    pd = pytest.importorskip("pandas")
    df = report.to_pandas()
    assert list(df["model"]) == ["model-a", "model-b", "model-c"] and isinstance(df, pd.DataFrame)
    pl = pytest.importorskip("polars")
    assert report.to_polars().height == 3 and isinstance(report.to_polars(), pl.DataFrame)
    pytest.importorskip("pyarrow")
    assert report.to_arrow().num_rows == 3


def test_verdicts_table_names_each_record_with_evidence():
    recs = [record(0, "m", failing=True), record(1, "m", failing=False)]
    report = assay.grade(recs, verdicts=True)
    assert [v["id"] for v in report.verdicts] == ["r-0", "r-1"]
    bad, good = report.verdicts
    assert bad["failure"] and "blackmail" in bad["behaviours"]
    assert any("Jessica" in e["excerpt"] for e in bad["evidence"])
    assert not good["failure"] and good["behaviours"] == []
    pytest.importorskip("pandas")
    assert list(report.verdicts_to_pandas()["id"]) == ["r-0", "r-1"]


def test_malformed_records_are_counted_not_dropped():
    report = assay.grade([json.dumps(record(0, "m", True)), '{"id": 1}'])
    d = report.to_dict()
    assert d["total"]["n"] == 1
    assert d["errors_total"] == 1 and "model" in d["errors"][0]["reason"]


def test_rubric_errors_carry_the_caret_message(tmp_path):
    with pytest.raises(assay.RubricError) as e:
        assay.Rubric.from_str('[[behaviour]]\nname = "x"\nkind = "nonsense"\n', "bad.toml")
    msg = str(e.value)
    assert "bad.toml:" in msg and "^" in msg
    p = tmp_path / "bad.toml"
    p.write_text("[[behaviour\n")
    with pytest.raises(assay.RubricError) as e:
        assay.Rubric.from_file(str(p))
    assert str(p) in str(e.value) and "^" in str(e.value)


def test_rubric_from_str_grades_like_the_builtin(cli):
    text = subprocess.run([cli, "rubric", "show"], capture_output=True, check=True).stdout.decode()
    r = assay.Rubric.from_str(text, "copy.toml")
    assert r.hash == assay.Rubric.builtin().hash
    assert ("blackmail", "failure") in r.behaviours
    recs = [record(i, "m", failing=i % 2 == 0) for i in range(10)]
    assert assay.grade(recs, rubric=r).groups == assay.grade(recs).groups


def test_merge_of_parts_equals_one_run(sweep_files, tmp_path):
    opts = dict(by=["model"], ci="bca", resamples=300, seed=2, cluster="/metadata/prompt_id")
    one = assay.grade(sweep_files, **opts)
    parts = [assay.grade(p, **opts) for p in sweep_files]
    assert assay.merge(parts).to_dict() == one.to_dict()
    files = []
    for i, p in enumerate(parts):
        f = tmp_path / f"{i}.tally"
        f.write_bytes(p.to_bytes())
        files.append(str(f))
    assert assay.merge(files).render("json") == one.render("json")


def test_merge_refuses_mismatched_settings(records):
    a = assay.grade(records[:10], seed=1)
    b = assay.grade(records[10:], seed=2)
    with pytest.raises(assay.TallyError, match="--seed"):
        assay.merge([a, b])
    with pytest.raises(assay.TallyError, match="cut short"):
        assay.merge([a.to_bytes()[:100]])


def test_bad_settings_raise_value_errors(records):
    with pytest.raises(ValueError, match="interval method"):
        assay.grade(records, ci="nope")
    with pytest.raises(ValueError, match="threads"):
        assay.grade(records, threads=0)


def test_grading_releases_the_interpreter(tmp_path):
    # An input graded on another thread: this thread must keep running
    # meanwhile (a held interpreter would stop it for the whole call).
    line = json.dumps(record(0, "m", True)) + "\n"

    def spin(until):
        n = 0
        while until():
            n += 1
        return n

    t0 = time.perf_counter()
    base = spin(lambda: time.perf_counter() - t0 < 0.2) / 0.2
    for lines in (5_000, 40_000, 320_000):
        big = tmp_path / "big.jsonl"
        big.write_text(line * lines)
        done = threading.Event()
        took = []

        def work():
            s = time.perf_counter()
            assay.grade(str(big), threads=1)
            took.append(time.perf_counter() - s)
            done.set()

        th = threading.Thread(target=work)
        th.start()
        count = spin(lambda: not done.is_set())
        th.join()
        if took[0] > 0.3:  # long enough to tell
            break
    # Held, this thread would get a few switch intervals' worth at most.
    assert count / took[0] > 0.2 * base, (count, took[0], base)


def test_python_tallies_merge_on_the_command_line(cli, sweep_files, tmp_path):
    files = []
    for i, p in enumerate(sweep_files):
        f = tmp_path / f"{i}.tally"
        f.write_bytes(assay.grade(p, by=["model"]).to_bytes())
        files.append(str(f))
    out = subprocess.run([cli, "merge", "--format", "json", *files], capture_output=True, check=False)
    assert out.returncode == 0, out.stderr.decode()
    assert out.stdout.decode() == assay.grade(sweep_files, by=["model"]).render("json")


def test_ctrl_c_stops_a_long_grade(tmp_path):
    # A signal while grading raises KeyboardInterrupt soon, not after the run.
    import _thread

    big = tmp_path / "big.jsonl"
    line = json.dumps(record(0, "m", True)) + "\n"
    for lines in (20_000, 160_000, 1_280_000):
        big.write_text(line * lines)
        t = time.perf_counter()
        assay.grade(str(big), threads=1)
        full = time.perf_counter() - t
        if full > 1.0:
            break
    threading.Timer(0.1, _thread.interrupt_main).start()
    t = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        assay.grade(str(big), threads=1)
    assert time.perf_counter() - t < full / 2, full
