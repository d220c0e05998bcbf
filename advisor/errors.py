"""Typed errors of the library. The CLI maps them to exit codes in one place (cli.main)."""

from __future__ import annotations


class AdvisorError(Exception):
    """Base class: a problem the user can act on, reported as one line, never a traceback."""

    exit_code = 1


class UsageError(AdvisorError):
    """The command line or a requirement is malformed (exit 2)."""

    exit_code = 2


class DataError(AdvisorError):
    """A file is unreadable or invalid. Carries the place: file, line and column (1-based)."""

    def __init__(self, file: str, message: str, line: int | None = None, column: int | None = None):
        self.file, self.message, self.line, self.column = file, message, line, column
        self.pattern_id: str | None = None  # set when the error belongs to a catalog pattern
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class PathError(DataError):
    """A file or folder the user named is missing or unreadable (exit 2, like any usage error)."""

    exit_code = 2


class UnknownPatternError(UsageError):
    """A pattern id that is not in the catalog."""
