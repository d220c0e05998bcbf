"""`advisor recommend` answers from cached data (the catalog's columnar index) when no pattern
file changed; the answer is the same as from the pattern files, and follows every edit."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT

REQUIRE = ["--require", "workload=messaging", "--require", "ordering=per-key", "--require", "max_message_kb=200"]


def _recommend(run_cli, *options: str) -> dict:
    code, out, err = run_cli(*options, "recommend", "--json", *REQUIRE)
    assert code == 0, err
    return json.loads(out)


def test_the_cached_answer_equals_the_answer_from_the_pattern_files(run_cli, monkeypatch, tmp_path):
    from advisor.catalog.load import load_catalog
    from advisor.advise.engine import recommend
    from advisor.advise.rules import load_rules, parse_pairs

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = _recommend(run_cli)  # builds the cache
    assert list((tmp_path / "pattern-advisor").glob("index-*.json")), "recommend did not cache the index"
    second = _recommend(run_cli)  # reads it
    direct = recommend(parse_pairs(REQUIRE[1::2], load_rules()), load_catalog(), load_rules()).to_json()
    assert first == second == json.loads(json.dumps(direct))


def test_a_cache_entry_another_version_wrote_is_rebuilt_not_a_crash(run_cli, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    expected = _recommend(run_cli)
    for entry in (tmp_path / "pattern-advisor").glob("*.json"):
        content = json.loads(entry.read_text())
        content["payload"] = {"unexpected": "shape"}
        entry.write_text(json.dumps(content))
    assert _recommend(run_cli) == expected
    assert _recommend(run_cli) == expected  # and the rebuilt entry is readable


def test_editing_a_pattern_file_changes_the_advice(run_cli, fixture_pattern, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    catalog = fixture_pattern()
    before = _recommend(run_cli, "--catalog", str(catalog))
    assert "mini-queue" in [r["id"] for r in before["ruled_out"]]
    pattern_file = catalog / "mini-queue" / "pattern.yaml"
    text = pattern_file.read_text().replace("ordering: {value: none, note: A standard queue delivers in best-effort order only.}",
                                            "ordering: {value: per-key, note: Message groups keep order per key.}")
    pattern_file.write_text(text)
    os.utime(pattern_file, ns=(pattern_file.stat().st_atime_ns, pattern_file.stat().st_mtime_ns + 10**9))
    after = _recommend(run_cli, "--catalog", str(catalog))
    assert "mini-queue" in [r["id"] for r in after["recommended"]]
    assert any("Message groups keep order per key." in w for r in after["recommended"] if r["id"] == "mini-queue" for w in r["why"])


def test_a_warm_recommend_does_not_import_the_yaml_parser(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    probe = ("import sys; from advisor.cli.main import main; code = main(sys.argv[1:]);"
             "sys.stderr.write('yaml imported' if 'yaml' in sys.modules else 'yaml not imported')")
    command = [sys.executable, "-c", probe, "recommend", "--json", *REQUIRE]
    cold = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env)
    warm = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env)
    assert cold.returncode == warm.returncode == 0, cold.stderr + warm.stderr
    assert cold.stderr.endswith("yaml imported")
    assert warm.stderr.endswith("yaml not imported")
    assert json.loads(cold.stdout) == json.loads(warm.stdout)


def test_the_cached_index_keeps_every_decision_input_and_sentence():
    from advisor.catalog.load import load_catalog
    from advisor.catalog.index import CatalogIndex

    index = load_catalog().index
    restored = CatalogIndex.from_json(json.loads(json.dumps(index.to_json())))
    assert restored == index
    assert any(cell and cell.ceiling for column in index.columns.values() for cell in column.cells), \
        "the bundled catalog should hold an adjustable limit with a documented ceiling"


def test_recommend_warns_about_a_team_pattern_it_had_to_skip(run_cli, fixture_pattern, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    catalog = fixture_pattern(edits={"pattern.yaml": {"ordering: {value: none,": "ordering: {value: sorted,"}})
    for attempt in ("cold", "warm"):
        code, out, err = run_cli("--catalog", str(catalog), "recommend", "--json", *REQUIRE)
        assert code == 0, attempt
        assert err == (f"advisor: warning: {catalog / 'mini-queue' / 'pattern.yaml'}:11:21: traits.ordering.value: "
                       "expected one of none, per-key, strict; got \"sorted\" (pattern skipped; run 'advisor validate')\n"), attempt
        assert "mini-queue" not in out
