"""The interactive questionnaire behind `advisor ask`.

It starts with the workload, then how clients talk to it (interaction, protocol: they decide
whether the catalog applies at all), and asks only the questions that apply (rules.yaml
`applies_to`), in rules.yaml's order. Every question's first choice, so what Enter picks, asks
for nothing: "Don't care" for a choice, "No / don't care" for yes/no, empty for a number; a
feature is never pre-selected. Prompts wrap at word boundaries to the terminal's width. It shows
the answer and offers to save the answers as YAML (the file `advisor recommend --answers` reads).
"""

from __future__ import annotations

import os
import shutil
import textwrap

DONT_CARE = "Don't care"
_SKIP = "__dont_care__"  # questionary replaces a None value with the title, so use a marker


class Cancelled(Exception):
    pass


def _ask(question):
    answer = question.ask()
    if answer is None:  # questionary returns None on Ctrl-C
        raise Cancelled()
    return answer


def _number_validator(q):
    def validate(text: str):
        text = text.strip()
        if not text:
            return True
        try:
            value = float(text.replace("_", "").replace(",", ""))
        except ValueError:
            return f"Enter a number (or leave empty for {DONT_CARE.lower()})"
        if q["type"] == "integer" and value != int(value):
            return "Enter a whole number"
        if value < q.get("minimum", 0) or value <= 0:
            return f"Enter a number above {q.get('minimum', 0):g}"
        return True

    return validate


def _prompt(title: str, help_text: str | None = None) -> str:
    """The question and its help, wrapped at word boundaries to the terminal's width."""
    width = max(40, shutil.get_terminal_size((100, 24)).columns - 4)
    text = textwrap.fill(title, width=width, subsequent_indent="    ")
    if help_text:
        text += "\n" + textwrap.fill(help_text, width=width, initial_indent="    ", subsequent_indent="    ")
    return text


def ask_requirements(rules, **io) -> dict:
    """Ask the questions; returns the requirements (only keys the user cared about)."""
    import questionary

    answers: dict = {}
    workload_q = rules.question("workload")
    choice = _ask(questionary.select(
        _prompt(f"(1) {workload_q['question']}"),
        choices=[questionary.Choice(f"{k} - {v}", value=k) for k, v in workload_q["answers"].items()], **io))
    answers["workload"] = choice
    todo = [q for q in rules.questions if q["key"] != "workload" and (q["applies_to"] == "all" or choice in q["applies_to"])]
    for i, q in enumerate(todo, 2):
        title = f"({i}/{len(todo) + 1}) {q['question']}"
        kind = q["type"]
        if kind == "enum":
            value = _ask(questionary.select(_prompt(title, q["help"]), instruction=" ", choices=[questionary.Choice(DONT_CARE, value=_SKIP)] + [
                questionary.Choice(f"{k} - {v}", value=k) for k, v in q["answers"].items()], **io))
        elif kind == "boolean":
            value = _ask(questionary.select(_prompt(title, q["help"]), instruction=" ", choices=[
                questionary.Choice("No / don't care", value=False), questionary.Choice("Yes", value=True)], **io))
        elif kind == "list":
            value = _ask(questionary.checkbox(_prompt(title, q["help"]), instruction=" ", choices=[
                questionary.Choice(f"{k} - {v}", value=k) for k, v in q["answers"].items()], **io)) or None
        else:
            text = _ask(questionary.text(_prompt(f"{title} [{q.get('unit', '')}, empty = {DONT_CARE.lower()}]", q["help"]),
                                         validate=_number_validator(q), **io)).strip()
            value = None
            if text:
                number = float(text.replace("_", "").replace(",", ""))
                value = int(number) if kind == "integer" else number
        if value is not None and value != _SKIP:
            answers[q["key"]] = value
    return answers


def run_questionnaire(extra_dirs=None, save_to: str | None = None, **io) -> int:
    import questionary

    from advisor.catalog.cached import load_cached
    from advisor.cli.commands import warn_skipped
    from advisor.advise.engine import recommend
    from advisor.cli.render import recommendation
    from advisor.advise.rules import load_rules

    rules = load_rules()
    catalog = load_cached(extra_dirs)
    warn_skipped(catalog.errors)
    try:
        answers = ask_requirements(rules, **io)
        result = recommend(answers, catalog, rules)
        recommendation(result)
        if save_to is None and _ask(questionary.confirm("Save these answers as a YAML file?", default=False, **io)):
            save_to = _ask(questionary.text("File name:", default="answers.yaml", **io)).strip()
            if os.path.exists(save_to) and not _ask(questionary.confirm(f"{save_to} exists. Overwrite it?", default=False, **io)):
                save_to = None
        if save_to:
            save_answers(answers, save_to)
            print(f"Saved to {save_to}; run it again with: advisor recommend --answers {save_to}")
    except Cancelled:
        print("Cancelled.")
        return 130
    return 0


def save_answers(answers: dict, path: str) -> None:
    import tempfile

    import yaml

    text = "# Requirements for `advisor recommend --answers`; keys are described in schemas/requirements.schema.json\n"
    text += yaml.safe_dump(answers, sort_keys=False)
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)
