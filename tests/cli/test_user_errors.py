"""Every error a user can cause is one line on stderr with exit 2: no traceback, nothing written."""

from __future__ import annotations

import socket

import pytest


@pytest.fixture
def busy_port():
    """A port something else is listening on."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]


def test_site_serve_on_a_busy_port_is_one_line(run_cli, busy_port):
    code, out, err = run_cli("site", "serve", "--address", f"127.0.0.1:{busy_port}")
    assert code == 2
    assert err == (f"advisor: error: site serve: 127.0.0.1:{busy_port} is already in use; stop what is listening there "
                   f"or pass --address 127.0.0.1:{busy_port + 1}\n")


@pytest.mark.parametrize("address,message", [
    ("8000", 'site serve: --address: expected HOST:PORT, e.g. 127.0.0.1:8000, got "8000"'),
    ("127.0.0.1:99999", 'site serve: --address: expected HOST:PORT, e.g. 127.0.0.1:8000, got "127.0.0.1:99999"'),
    ("localhost:http", 'site serve: --address: expected HOST:PORT, e.g. 127.0.0.1:8000, got "localhost:http"'),
    ("no-such-host.invalid:8000", 'site serve: --address: unknown host "no-such-host.invalid"'),
])
def test_site_serve_with_a_bad_address_is_one_line(run_cli, address, message):
    code, _, err = run_cli("site", "serve", "--address", address)
    assert (code, err) == (2, f"advisor: error: {message}\n")


def test_site_build_into_a_file_fails_before_building(run_cli, tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine")
    code, out, err = run_cli("site", "build", "--output", str(blocker / "site"))
    assert code == 2
    assert err == (f"advisor: error: site build: cannot write {blocker / 'site'}: {blocker} is a file, not a folder; "
                   f"pass --output with a folder\n")
    assert blocker.read_text() == "mine" and out == ""


def test_a_missing_catalog_folder_is_a_usage_error(run_cli, tmp_path):
    code, _, err = run_cli("--catalog", str(tmp_path / "nope"), "list")
    assert (code, err) == (2, f"advisor: error: {tmp_path / 'nope'}: catalog directory not found\n")


def test_a_catalog_that_is_a_file_is_a_usage_error(run_cli, tmp_path):
    (tmp_path / "patterns.yaml").write_text("a: 1\n")
    code, _, err = run_cli("--catalog", str(tmp_path / "patterns.yaml"), "search", "queue")
    assert (code, err) == (2, f"advisor: error: {tmp_path / 'patterns.yaml'}: is not a directory; a catalog is a folder of pattern folders\n")


@pytest.mark.parametrize("make,message", [
    (lambda p: p.mkdir(), "is a directory, expected a file"),
    (lambda p: p.write_bytes(b"\xff\xfe\x00\x00binary"), "1:1: binary data, expected a YAML or JSON text file"),
    (lambda p: p.write_bytes(b"Resources: caf\xe9\n"), "1:15: not UTF-8 text (byte 0xe9); save the file as UTF-8"),
    (lambda p: None, "file not found"),
])
def test_unreadable_files_are_one_line_with_exit_2(run_cli, tmp_path, make, message):
    target = tmp_path / "template.yaml"
    make(target)
    where = f"{target}:{message.split(': ', 1)[0]}" if message[0].isdigit() else str(target)
    what = message.split(": ", 1)[1] if message[0].isdigit() else message
    # a file under review: the report (stdout) names it as an error, as it names findings; exit 2
    code, out, err = run_cli("review", str(target))
    assert code == 2 and err == ""
    assert out.splitlines()[0] == f"{where}: error: {what}"
    # a configuration file the review cannot start without: one line on stderr
    code, out, err = run_cli("review", "--config", str(target), str(target))
    assert (code, out) == (2, "")
    assert err == f"advisor: error: {where}: {what}\n"


def test_an_unreadable_catalog_folder_is_one_line(run_cli, tmp_path, monkeypatch):
    import os

    catalog = tmp_path / "team"
    catalog.mkdir()

    real_scandir = os.scandir

    def refuse(path):  # the tests run as root, for whom chmod 000 does not stop reading
        if str(path) == str(catalog):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    code, _, err = run_cli("--catalog", str(catalog), "list")
    assert (code, err) == (2, f"advisor: error: {catalog}: cannot read the catalog directory: Permission denied\n")
