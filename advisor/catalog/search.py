"""Plain-text search over the catalog: every word must appear; name and tag hits weigh most."""

from __future__ import annotations

import re

_FIELDS = (("name", 5), ("tags", 4), ("services", 4), ("summary", 2), ("when_to_use", 1), ("pros", 1), ("cons", 1),
           ("when_not_to_use", 1))


def _text(value) -> str:
    if isinstance(value, list):
        return " ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return " ".join(_text(v) for v in value.values())
    return str(value)


def search_catalog(catalog, query: str):
    words = [w for w in re.findall(r"[a-z0-9]+", query.lower()) if w]
    hits = []
    for pattern in catalog:
        fields = [(pattern.id.replace("-", " "), 6)] + [(_text(pattern.data.get(f, "")).lower(), w) for f, w in _FIELDS]
        score = 0
        for word in words:
            found = sum(weight for text, weight in fields if word in text)
            if not found:
                break
            score += found
        else:
            if words:
                hits.append((pattern, score))
    hits.sort(key=lambda h: (-h[1], h[0].id))
    return hits


def search_result(catalog, query: str) -> dict:
    """The hits as data (`advisor search --json`, the MCP tool search_patterns), best first."""
    return {"query": query, "hits": [{"id": p.id, "name": p.name, "score": score, "category": p.data["category"],
                                      "summary": p.data["summary"]} for p, score in search_catalog(catalog, query)]}
