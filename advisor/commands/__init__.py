"""One module per subcommand group; each defines add_arguments(name, parser) and run(name, args)."""

from __future__ import annotations

import sys


def warn_skipped(errors) -> None:
    """One warning line per invalid pattern file, so a team pattern never drops out unnoticed."""
    for error in errors:
        print(f"advisor: warning: {error} (pattern skipped; run 'advisor validate')", file=sys.stderr)


def key_values(pairs: list[str], option: str, form: str = "KEY=VALUE") -> dict[str, str]:
    """Parse repeated NAME=VALUE options (--set, --param, --require) into a mapping."""
    from ..errors import UsageError

    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise UsageError(f'{option}: expected {form}, got "{pair}"')
        key, value = pair.split("=", 1)
        out[key.strip()] = value.strip()
    return out
