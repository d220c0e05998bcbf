"""One module per subcommand group; each defines add_arguments(name, parser) and run(name, args)."""

from __future__ import annotations

import sys


def warn_skipped(errors) -> None:
    """One warning line per invalid pattern file, so a team pattern never drops out unnoticed."""
    for error in errors:
        print(f"advisor: warning: {error} (pattern skipped; run 'advisor validate')", file=sys.stderr)
