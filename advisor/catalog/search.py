"""Search the catalog by words: whole words (never "spa" inside "space"), light stemming
(schedules, scheduled and scheduling are one word), and synonyms drawn from the patterns' tags
(synonyms.yaml: nightly finds the cron tag, SPA finds single-page-app). Results are ranked, and
each says which field every word matched in, so a reader sees why it was found.

search_patterns(catalog, text) is the library call; the CLI and any other front end print its
hits (SearchHit.as_json() for machines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

SYNONYMS_FILE = Path(__file__).with_name("synonyms.yaml")

# Field, weight: a word in the name or tags says more about a pattern than one in its pros.
# cons and when_not_to_use are left out: they say what a pattern is not ("there is no replay",
# "not for nightly jobs"), which is no answer to a search for replay or nightly.
FIELDS = (("id", 6), ("name", 5), ("tags", 4), ("services", 4), ("workloads", 3), ("category", 3), ("summary", 2),
          ("traits", 2), ("when_to_use", 1), ("pros", 1))
SYNONYM_WEIGHT = 0.75  # a synonym's hit counts a little less than the word itself
STOPWORDS = frozenset("a an and are as at be by do for from i in is it me my need of on or that the this to we with want".split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper, applied alike to queries and pattern text: queues -> queu,
    scheduled/scheduling/schedules -> schedul, buses -> bus, process stays process."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, keep in (("ings", ""), ("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + keep
            break
    else:
        if word.endswith("es") and word[:-2].endswith(("ss", "x", "ch", "sh", "us")):
            word = word[:-2]  # processes, boxes, buses
        elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]  # queues, schedules (but not process, status, analysis)
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def terms(text: str) -> tuple[str, ...]:
    """Text as the sequence of stems it is matched by."""
    return tuple(stem(w) for w in words(text))


@lru_cache(maxsize=1)
def synonym_groups() -> tuple[tuple[str, dict[tuple[str, ...], str]], ...]:
    """(tag, {stem sequence: the words as written}) for every way of saying a tag, the tag first."""
    from advisor.catalog.safe_yaml import load_file

    data = load_file(SYNONYMS_FILE).data
    groups = []
    for tag, said in data.items():
        ways: dict[tuple[str, ...], str] = {}
        for text in [tag] + list(said):
            ways.setdefault(terms(text), text)
        groups.append((tag, ways))
    return tuple(groups)


@dataclass(frozen=True)
class Match:
    """Where one word of the query was found."""

    word: str  # the word (or phrase) as the user typed it
    field: str  # the pattern.yaml field it matched in
    text: str  # the tag, or the sentence or list item, that matched
    via: str | None = None  # the synonym that matched, when it was not the word itself

    def as_json(self) -> dict:
        return {"word": self.word, "field": self.field, "text": self.text, "via": self.via}


@dataclass(frozen=True)
class SearchHit:
    id: str
    name: str
    score: float
    matches: tuple[Match, ...]
    missing: tuple[str, ...] = field(default=())  # words of the query this pattern does not match

    def as_json(self) -> dict:
        return {"id": self.id, "name": self.name, "score": self.score, "matches_every_word": not self.missing,
                "matches": [m.as_json() for m in self.matches], "missing": list(self.missing)}


@dataclass(frozen=True)
class _Concept:
    word: str
    variants: tuple[tuple[tuple[str, ...], str | None], ...]  # (stem sequence, the synonym as written, if one)


def _concepts(query: str) -> list[_Concept]:
    """The query's words, with the longest synonym phrase taken as one concept (single page app)."""
    typed = [w for w in words(query) if w not in STOPWORDS]
    stems = [stem(w) for w in typed]
    concepts, i = [], 0
    while i < len(stems):
        best = None
        for _tag, ways in synonym_groups():
            for phrase in ways:
                if stems[i:i + len(phrase)] == list(phrase) and (best is None or len(phrase) > len(best[0])):
                    best = (phrase, ways)
        if best is None:
            concepts.append(_Concept(typed[i], (((stems[i],), None),)))
            i += 1
            continue
        phrase, ways = best
        others = tuple((p, written) for p, written in ways.items() if p != phrase)
        concepts.append(_Concept(" ".join(typed[i:i + len(phrase)]), ((phrase, None),) + others))
        i += len(phrase)
    return concepts


def _pieces(pattern, name: str) -> list[str]:
    """A field as the pieces a match is shown with: each tag, list item or sentence."""
    if name == "id":
        return [pattern.id]
    if name == "traits":  # worded values only (latency: batch); numbers are the advisor's business
        return [f"{key}: {t['value']}" for key, t in pattern.data.get("traits", {}).items() if isinstance(t.get("value"), str)]
    value = pattern.data.get(name, "")
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        text = str(item)
        out += [s for s in re.split(r"(?<=[.;!?])\s+", text) if s] if name == "summary" else [text]
    return out


def _has(stems: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    if n == 1:
        return phrase[0] in stems
    return any(stems[i:i + n] == phrase for i in range(len(stems) - n + 1))


def _root(stem_: str) -> str:
    """What any word with this stem contains as written: policies and policy both contain polic."""
    return stem_[:-1] if stem_.endswith("y") else stem_


class _Fields:
    """A pattern's searchable fields. Each field's raw text is checked first (a C-level substring
    test); only fields that could hold the phrase are split into stemmed pieces, once."""

    def __init__(self, pattern):
        self.pattern = pattern
        self.raw = {name: " ".join(_pieces(pattern, name)).lower() for name, _ in FIELDS}
        self._stemmed: dict[str, list[tuple[str, tuple[str, ...]]]] = {}

    def pieces(self, name: str) -> list[tuple[str, tuple[str, ...]]]:
        if name not in self._stemmed:
            self._stemmed[name] = [(text, terms(text)) for text in _pieces(self.pattern, name)]
        return self._stemmed[name]


def _best_match(fields: _Fields, concept: _Concept) -> tuple[float, Match | None]:
    """The concept's score in this pattern (sum over fields, one hit per field) and its strongest match."""
    score, best, best_weight = 0.0, None, 0.0
    for name, weight in FIELDS:
        raw = fields.raw[name]
        variants = [(phrase, via) for phrase, via in concept.variants if all(_root(s) in raw for s in phrase)]
        if not variants:
            continue
        hit = next(((text, via) for text, stems in fields.pieces(name) for phrase, via in variants if _has(stems, phrase)), None)
        if hit is None:
            continue
        text, via = hit
        gained = weight * (SYNONYM_WEIGHT if via else 1)
        score += gained
        if gained > best_weight:
            best, best_weight = Match(concept.word, name, text, via), gained
    return score, best


def search_patterns(catalog, text: str) -> list[SearchHit]:
    """Patterns matching the words of text, best first. Patterns matching every word come first;
    those matching only some follow (with the missing words named), so a near miss still shows."""
    concepts = _concepts(text)
    if not concepts:
        return []
    hits = []
    for pattern in catalog:
        score, matches, missing = 0.0, [], []
        fields = _Fields(pattern)
        for concept in concepts:
            gained, match = _best_match(fields, concept)
            if match is None:
                missing.append(concept.word)
            else:
                score += gained
                matches.append(match)
        if matches:
            hits.append(SearchHit(pattern.id, pattern.name, round(score, 2), tuple(matches), tuple(missing)))
    hits.sort(key=lambda h: (len(h.missing), -h.score, h.id))
    return hits



def search_result(catalog, query: str, hits: list | None = None) -> dict:
    """`advisor search --json` (and the MCP tool search_patterns): the ranked hits, best first.
    Pass hits already found to avoid searching twice."""
    hits = search_patterns(catalog, query) if hits is None else hits
    return {"query": query, "hits": [h.as_json() for h in hits]}
