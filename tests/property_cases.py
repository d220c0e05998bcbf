"""The requirement sets the property test and the browser parity test share: for every workload,
a base answer alone, then with each "don't need" answer added, then with each key that does not
apply to the workload added (with a value that would rule patterns out if it were decided)."""

from __future__ import annotations


def negative_answers(question: dict) -> list:
    """Every "don't need" answer a question accepts."""
    if question["type"] == "boolean":
        return [False]
    if question["type"] == "list":
        return [[]]
    return list(question.get("no_need", []))


def demanding_answer(question: dict):
    """An answer that asks for something (to give a key that does not apply)."""
    if question["type"] == "boolean":
        return True
    if question["type"] == "list":
        return list(question["answers"])
    if question["type"] in ("integer", "number"):
        return 100000
    answers = [a for a in question["answers"] if a not in question.get("no_need", [])]
    return answers[-1]


def property_cases(rules) -> list[tuple[str, dict]]:
    workloads = list(rules.question("workload")["answers"])
    cases = []
    for workload in workloads:
        base = {"workload": workload}
        cases.append((f"{workload}: alone", base))
        for q in rules.questions:
            if q["key"] == "workload" or q["rule"]["kind"] in ("cost", "budget"):
                continue
            applies = q["applies_to"] == "all" or workload in q["applies_to"]
            if applies:
                for answer in negative_answers(q):
                    cases.append((f"{workload}: {q['key']}={answer}", {**base, q["key"]: answer}))
            else:
                cases.append((f"{workload}: {q['key']} does not apply", {**base, q["key"]: demanding_answer(q)}))
    return cases
