"""Terminal output: rich tables in a terminal, plain lines in a pipe."""

from __future__ import annotations

import sys

from advisor import humanize as fmt


def _console(file=None):
    from rich.console import Console

    return Console(file=file or sys.stdout, highlight=False, soft_wrap=not (file or sys.stdout).isatty())


def pattern_table(patterns) -> None:
    if not sys.stdout.isatty():
        for p in patterns:
            print(f"{p.id}\t{p.data['category']}\t{p.name}")
        return
    from rich.table import Table

    table = Table(title=fmt.count(len(patterns), "pattern"))
    for col in ("id", "category", "services", "name"):
        table.add_column(col)
    for p in patterns:
        table.add_row(p.id, p.data["category"], ", ".join(p.data["services"]), p.name)
    _console().print(table)


def _limit(limit: dict) -> str:
    adjustable = ""
    if limit.get("adjustable"):
        ceiling = limit.get("adjustable_up_to")
        adjustable = f", adjustable up to {fmt.quantity(ceiling, limit['unit'])}" if ceiling is not None else ", adjustable"
    return f"{limit['name']}: {fmt.quantity(limit['value'], limit['unit'])}{adjustable}"


def show_pattern(pattern) -> None:
    d = pattern.data
    out = [f"{pattern.id}: {d['name']}", "", d["summary"], "",
           f"category: {d['category']}   workloads: {', '.join(d['workloads'])}",
           f"services: {', '.join(d['services'])}", "", "traits:"]
    for key, trait in d["traits"].items():
        out.append(f"  {key}: {fmt.trait(key, trait['value'])}" + (f"  - {trait['note']}" if trait.get("note") else ""))
    out += ["", "limits:"]
    for limit in d["limits"]:
        out.append(f"  {_limit(limit)} (as of {limit['as_of']}, {limit['source']})")
    for key in ("pros", "cons", "when_to_use", "when_not_to_use"):
        out += ["", key.replace("_", " ") + ":"] + [f"  - {x}" for x in d[key]]
    if d["alternatives"]:
        out += ["", "alternatives:"] + [f"  - {a['id']}: {a['when']}" for a in d["alternatives"]]
    out += ["", "alarms:"] + [f"  - {a['resource']}: {a['namespace']} {a['metric']} >= {fmt.number(a['threshold'])} - {a['why']}"
                              for a in d["operations"]["alarms"]]
    print("\n".join(out))


class ValidateProgress:
    """Progress per pattern and step: a live line in a terminal, plain lines in a pipe."""

    def __init__(self, file):
        self.file = file
        self.tty = file.isatty()
        self._status = None

    def __enter__(self):
        if self.tty:
            self._status = _console(self.file).status("validating...")
            self._status.__enter__()
        return self

    def __exit__(self, *exc):
        if self._status is not None:
            self._status.__exit__(*exc)

    def update(self, pattern_id: str, step: str, result) -> None:
        if result is None:
            if self._status is not None:
                self._status.update(f"{pattern_id}: {step}...")
            return
        if result.status == "skipped" and not self.tty:
            print(f"{pattern_id}: {step}: skipped", file=self.file, flush=True)
            return
        line = f"{pattern_id}: {step}: {result.status} ({result.seconds:.2f}s)"
        if self._status is not None:
            _console(self.file).print(line)
        else:
            print(line, file=self.file, flush=True)


def validate_summary(report, verbose: bool = False) -> None:
    from advisor.verify.pipeline import STEPS

    rows = [(r.id, [r.steps.get(s).status if s in r.steps else "-" for s in STEPS]) for r in report.patterns]
    if sys.stdout.isatty():
        from rich.table import Table

        colour = {"pass": "green", "fail": "bold red", "not verifiable offline": "yellow", "skipped": "dim"}
        table = Table(title="advisor validate")
        table.add_column("pattern")
        for s in STEPS:
            table.add_column(s)
        for pid, statuses in rows:
            table.add_row(pid, *[f"[{colour.get(x, '')}]{x}[/]" if x in colour else x for x in statuses])
        _console().print(table)
    else:
        width = max([len("pattern")] + [len(pid) for pid, _ in rows])
        print("pattern".ljust(width) + "  " + "  ".join(s.ljust(16) for s in STEPS))
        for pid, statuses in rows:
            print(pid.ljust(width) + "  " + "  ".join(x.ljust(16) for x in statuses))
    if verbose:
        for r in report.patterns:
            for step in r.steps.values():
                for detail in step.details:
                    print(f"{r.id}: {step.step}: {detail}")
    passed = sum(1 for r in report.patterns if r.ok)
    total = fmt.count(len(report.patterns), "pattern")
    print(f"{fmt.number(passed)} of {total} passed every step" + ("" if report.ok else "; problems:"))


def _answer(value) -> str:
    """A requirement as the user writes it on the command line (true, not True; lists comma-separated)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(value) if value else "none"
    return str(value)


def _cost(r) -> str:
    """A recommendation's monthly cost with how far to trust it (verification, unpriced meters)."""
    c = r.cost or {}
    words = ("about " if c.get("complete", True) else "at least ") + f"{fmt.money(r.monthly_usd)}/month"
    if c.get("default_volume"):
        words += f" at the pattern's default {fmt.number(c['monthly_events'])} events"
    words += f", prices {c.get('verification') or 'unverified'}"
    if c.get("unpriced"):
        words += f"; no verified price for {', '.join(c['unpriced'])}"
    return words


def recommendation(result) -> None:
    """The advisor's answer: notes, ranked fits with reasons and why each beats the next, or the
    compositions that fit when no single pattern does, then every ruled-out pattern with its reasons."""
    lines = []
    if result.requirements:
        lines.append("Requirements: " + ", ".join(f"{k}={_answer(v)}" for k, v in result.requirements.items()))
    else:
        lines.append("Requirements: none given (every pattern is a fit; add --require KEY=VALUE)")
    lines += [f"Note: {n}" for n in result.notes]
    lines.append("")
    if result.recommended:
        lines.append("Recommended (best first):")
        for i, r in enumerate(result.recommended, 1):
            cost = "" if r.monthly_usd is None else f", {_cost(r)}"
            lines.append(f"  {i}. {r.id} - {r.name} (score {r.score}{cost})")
            lines += [f"       why: {w}" for w in r.why]
            lines += [f"       partly: {p}" for p in r.partial]
            if r.versus_next:
                lines.append(f"       over #{i + 1} {r.versus_next['id']} (score {r.versus_next['score_difference']:+}): "
                             + "; ".join(r.versus_next["differences"]))
            lines += [f"       trade-off: {t}" for t in r.tradeoffs[:3]]
    else:
        lines.append("Nothing in the catalog meets every requirement on its own.")
    if result.compositions:
        lines += ["", "Patterns that fit together (compositions, best first):"]
        for i, c in enumerate(result.compositions, 1):
            lines.append(f"  {i}. {c.id} - {c.name} (score {c.score})")
            lines.append(f"       solves: {c.solves} ({c.source})")
            lines += [f"       why: {w}" for w in c.why]
            lines += [f"       partly: {p}" for p in c.partial]
    if result.conflicts:
        lines += ["", "Conflicts and pointers:"] + [f"  - {c}" for c in result.conflicts]
    if result.ruled_out:
        lines += ["", "Ruled out:"]
        for r in result.ruled_out:
            lines.append(f"  {r.id}:")
            lines += [f"       - {reason}" for reason in r.reasons]
    if sys.stdout.isatty():
        from rich.markup import escape

        _console().print(escape("\n".join(lines)))
    else:
        print("\n".join(lines))


def compare(comparison: dict) -> None:
    """Patterns side by side (advisor.catalog.compare.compare_patterns): traits, moving parts,
    then each pattern's limits, pros and cons."""
    patterns = comparison["patterns"]

    def cell(p, key):
        t = p["traits"].get(key)
        return fmt.NOT_STATED if t is None else fmt.trait(key, t["value"])

    rows = [("trait", [p["id"] for p in patterns])] + [(k, [cell(p, k) for p in patterns]) for k in comparison["trait_keys"]]
    rows.append(("moving parts", [fmt.number(p["moving_parts"]) for p in patterns]))
    if sys.stdout.isatty():
        from rich.table import Table

        table = Table(title="compare")
        table.add_column(rows[0][0])
        for head in rows[0][1]:
            table.add_column(head)
        for key, values in rows[1:]:
            table.add_row(key, *values)
        _console().print(table)
    else:
        width = max(len(k) for k, _ in rows)
        col = max([len(v) for _, vs in rows for v in vs] + [12])
        for key, values in rows:
            print(key.ljust(width) + "  " + "  ".join(v.ljust(col) for v in values))
    for p in patterns:
        print(f"\n{p['id']} - {p['name']}")
        for limit in p["limits"]:
            print(f"  limit: {_limit(limit)} ({limit['source']}, as of {limit['as_of']})")
        for pro in p["pros"]:
            print(f"  + {pro}")
        for con in p["cons"]:
            print(f"  - {con}")


def search_hits(hits, query: str) -> None:
    """One line per pattern: id, name, and where each word matched (tab-separated in a pipe)."""
    full = [h for h in hits if not h.missing]
    shown = full or hits
    if not full:
        print(f'no pattern matches every word of "{query}"; patterns matching some of them:', file=sys.stderr)
    rows = [(h.id, h.name, _matched(h)) for h in shown]
    if sys.stdout.isatty():
        from rich.table import Table

        table = Table(title=f'{fmt.count(len(rows), "pattern")} matching "{query}"')
        for col in ("id", "name", "matched"):
            table.add_column(col)
        for row in rows:
            table.add_row(*row)
        _console().print(table)
    else:
        for row in rows:
            print("\t".join(row))


def _matched(hit) -> str:
    parts = []
    for m in hit.matches:
        shown = f' "{m.text}"' if len(m.text) <= 40 and m.field != "id" else ""
        via = f' (as "{m.via}")' if m.via and m.via != m.text else ""
        parts.append(f"{m.word}: {m.field.replace('_', ' ')}{shown}{via}")
    if hit.missing:
        parts.append("not matched: " + ", ".join(hit.missing))
    return "; ".join(parts)
