"""`advisor ask`, driven as a user would through prompt_toolkit pipe input."""

from __future__ import annotations

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from advisor.cli.questionnaire import run_questionnaire

DOWN, ENTER, CTRL_C = "\x1b[B", "\r", "\x03"


def drive(keys: list[str], tmp_path, monkeypatch, catalog):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with create_pipe_input() as pipe:
        pipe.send_text("".join(keys))
        return run_questionnaire([str(catalog)], input=pipe, output=DummyOutput())


def test_questionnaire_reaches_a_recommendation_and_saves_answers(tmp_path, monkeypatch, capsys):
    from conftest import FIXTURES

    # workload: messaging (first choice); latency: async (after "Don't care" and sync); write rate
    # control: yes (after "No / don't care"); Enter (the first choice, which asks for nothing) on
    # the rest, empty numbers; then save the answers.
    from advisor.advise.rules import load_rules

    rules = load_rules()
    todo = [q for q in rules.questions if q["key"] != "workload" and (q["applies_to"] == "all" or "messaging" in q["applies_to"])]
    keys = [ENTER]  # messaging
    for q in todo:
        if q["key"] == "latency":
            keys.append(DOWN * 2 + ENTER)  # async
        elif q["key"] == "write_rate_control":
            keys.append(DOWN + ENTER)  # Yes
        elif q["type"] in ("enum", "boolean"):
            keys.append(ENTER)  # Don't care / No
        elif q["type"] == "list":
            keys.append(ENTER)
        elif q["key"] == "max_message_kb":
            keys.append("abc" + "\x7f" * 3 + "200" + ENTER)  # invalid text is corrected before Enter counts
        else:
            keys.append(ENTER)  # empty number: don't care
    keys += ["y", ENTER]  # save? yes; file name: accept the default answers.yaml
    code = drive(keys, tmp_path, monkeypatch, FIXTURES / "catalog")
    out = capsys.readouterr().out
    assert code == 0
    assert "Recommended (best first):" in out
    assert "1. mini-queue - Mini queue writer (test fixture)" in out
    saved = (tmp_path / "answers.yaml").read_text()
    assert "workload: messaging" in saved
    assert "latency: async" in saved
    assert "write_rate_control: true" in saved
    assert "max_message_kb: 200" in saved
    assert "Saved to answers.yaml; run it again with: advisor recommend --answers answers.yaml" in out
    assert "replay: false" in saved  # "No / don't care" is saved as false, which rules nothing out


def test_enter_on_every_question_of_every_workload_gives_a_recommendation(tmp_path, monkeypatch, capsys, run_cli):
    from advisor.advise.rules import load_rules

    rules = load_rules()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for n, name in enumerate(rules.question("workload")["answers"]):
        todo = [q for q in rules.questions if q["key"] != "workload" and (q["applies_to"] == "all" or name in q["applies_to"])]
        folder = tmp_path / name
        folder.mkdir()
        monkeypatch.chdir(folder)
        with create_pipe_input() as pipe:
            pipe.send_text("".join([DOWN * n + ENTER] + [ENTER] * len(todo) + ["y", ENTER]))
            code = run_questionnaire(None, input=pipe, output=DummyOutput())
        out = capsys.readouterr().out
        assert code == 0
        assert "Recommended (best first):" in out, f"{name}: {out}"
        code, out, _ = run_cli("recommend", "--answers", str(folder / "answers.yaml"))
        assert code == 0 and "Recommended (best first):" in out, name


def test_ctrl_c_exits_cleanly(tmp_path, monkeypatch, capsys):
    from conftest import FIXTURES

    code = drive([CTRL_C], tmp_path, monkeypatch, FIXTURES / "catalog")
    assert code == 130
    assert "Cancelled." in capsys.readouterr().out


def test_ask_in_a_pipe_is_a_usage_error(run_cli):
    code, _, err = run_cli("ask")
    assert code == 2
    assert err == ("advisor: error: ask needs a terminal; in scripts use 'advisor recommend --require KEY=VALUE' "
                   "or '--answers FILE'\n")
