"""Hostile pattern files give a clear one-line error quickly and in bounded memory."""

from __future__ import annotations

import subprocess
import sys
import time
import tracemalloc

import pytest

from advisor.catalog.load import load_pattern

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))

HOSTILE = {
    "alias-bomb": (ALIAS_BOMB.encode(), "pattern.yaml:1:32: document expands to more than 200,000 values (alias bomb?); refusing to load it"),
    "huge": (b"name: " + b"x" * (50 * 1024 * 1024) + b"\n", "pattern.yaml: file is 50.0 MB; the limit is 5 MB"),
    "deep": (b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n", "pattern.yaml:1:203: nesting deeper than 200 levels; refusing to load it"),
    "latin1": ("name: caf\u00e9\n".encode("latin-1"), "pattern.yaml:1:10: not UTF-8 text (byte 0xe9); save the file as UTF-8"),
    "binary": (b"\x00\x01\x02\xff" * 100, "pattern.yaml:1:1: binary data, expected a YAML or JSON text file"),
    "python-object": (b"name: !!python/object/apply:os.system [echo owned]\n", "pattern.yaml:1:7: unsupported YAML tag tag:yaml.org,2002:python/object/apply:os.system"),
    "not-a-mapping": (b"- just\n- a list\n", "pattern.yaml:1:1: expected a mapping of pattern properties at the top level"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_is_refused_quickly_in_bounded_memory(tmp_path, name):
    content, expected = HOSTILE[name]
    folder = tmp_path / name
    folder.mkdir()
    (folder / "pattern.yaml").write_bytes(content)
    started = time.perf_counter()
    pattern, errors = load_pattern(folder)
    elapsed = time.perf_counter() - started
    tracemalloc.start()  # a second load, measured for memory (tracing slows it down several times)
    load_pattern(folder)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert pattern is None
    assert len(errors) == 1
    assert str(errors[0]).endswith(expected), str(errors[0])
    assert elapsed < 5, f"took {elapsed:.1f}s"
    assert peak < 200 * 1024 * 1024, f"peak {peak / 1048576:.0f} MB"


def test_hostile_file_through_the_cli_exits_1_without_traceback(tmp_path):
    folder = tmp_path / "catalog" / "alias-bomb"
    folder.mkdir(parents=True)
    (folder / "pattern.yaml").write_text(ALIAS_BOMB)
    proc = subprocess.run([sys.executable, "-m", "advisor.cli", "--catalog", str(tmp_path / "catalog"), "validate", "alias-bomb"],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "catalog/alias-bomb/pattern.yaml:1:32: document expands to more than 200,000 values (alias bomb?); refusing to load it" in proc.stdout
    assert "alias-bomb  fail              skipped           skipped           skipped           skipped           skipped" in proc.stdout
