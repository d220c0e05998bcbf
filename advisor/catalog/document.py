"""A loaded YAML document: its data and where every value came from (kept free of YAML imports
so that cached data can be wrapped without loading the parser)."""

from __future__ import annotations

from dataclasses import dataclass, field

from advisor.errors import DataError

Path_ = tuple  # a path into the document: keys and list indexes


@dataclass
class Document:
    """Loaded YAML: the data, and the (line, column) of every value and key, 1-based."""

    file: str
    data: object
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_, key: bool = False) -> tuple[int | None, int | None]:
        """Position of the value at path (or of its key), falling back to the nearest parent."""
        table = self.key_positions if key else self.positions
        path = tuple(path)
        if path in table:
            return table[path]
        while path:
            path = path[:-1]
            if path in self.positions:
                return self.positions[path]
        return (1, 1)

    def error(self, path: Path_, message: str, key: bool = False) -> DataError:
        line, col = self.where(path, key)
        return DataError(self.file, message, line, col)
