"""Search: whole words, light stemming, synonyms drawn from tags, ranked hits naming the field."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from advisor.catalog.load import load_catalog
from advisor.catalog.safe_yaml import load_file
from advisor.catalog.search import SYNONYMS_FILE, search_patterns, stem, terms

CATALOG = load_catalog()


@dataclass
class FakePattern:
    id: str
    data: dict

    @property
    def name(self) -> str:
        return self.data["name"]


def fake(pid: str, **data) -> FakePattern:
    return FakePattern(pid, {"name": pid.replace("-", " "), "tags": [], **data})


@pytest.mark.parametrize("words", [
    ("schedule", "schedules", "scheduled", "scheduling"), ("queue", "queues"), ("process", "processes", "processing"),
    ("message", "messages", "messaging"), ("bus", "buses"), ("policy", "policies"), ("string", "strings"),
])
def test_forms_of_one_word_share_a_stem(words):
    assert len({stem(w) for w in words}) == 1


@pytest.mark.parametrize("a,b", [("spa", "space"), ("status", "state"), ("analysis", "analyst"), ("process", "proceed")])
def test_different_words_keep_different_stems(a, b):
    assert stem(a) != stem(b)


def test_words_match_whole_never_inside_another_word():
    catalog = [fake("outer-space", summary="Spawns workers in a separate space."), fake("static-spa", tags=["spa"])]
    assert [h.id for h in search_patterns(catalog, "spa")] == ["static-spa"]
    assert [h.id for h in search_patterns(catalog, "SPA")] == ["static-spa"]


def test_synonyms_come_from_tags_the_catalog_uses():
    tags = {t for p in CATALOG for t in p.data.get("tags", [])}
    groups = load_file(SYNONYMS_FILE).data
    assert sorted(set(groups) - tags) == []
    seen: dict[tuple, str] = {}
    for tag, said in groups.items():
        for phrase in [tag, *said]:
            key = terms(phrase)
            assert key, f"{tag}: {phrase!r} has no words"
            assert seen.setdefault(key, tag) == tag, f"{phrase!r} means both {seen[key]} and {tag}"


def test_a_synonym_finds_what_its_tag_finds_and_back():
    catalog = [fake("jobs", tags=["cron"]), fake("site", tags=["single-page-app"]), fake("other", summary="Nothing alike.")]
    nightly = search_patterns(catalog, "nightly")
    assert [(h.id, h.matches[0].field, h.matches[0].text, h.matches[0].via) for h in nightly] == [("jobs", "tags", "cron", "cron")]
    assert [h.id for h in search_patterns(catalog, "SPA")] == ["site"]
    assert [h.id for h in search_patterns(catalog, "single page application")] == ["site"]


def test_nightly_batch_finds_the_scheduled_jobs_first():
    hits = search_patterns(CATALOG, "nightly batch")
    assert {h.id for h in hits[:2]} == {"scheduled-lambda", "fargate-task"}
    assert all(not h.missing for h in hits[:2])
    assert [m.word for m in hits[0].matches] == ["nightly", "batch"]


def test_hits_matching_every_word_rank_before_partial_ones():
    catalog = [fake("a-queue", summary="A queue."), fake("fifo-queue", tags=["fifo"], summary="An ordered queue."),
               fake("fifo-only", tags=["fifo"])]
    hits = search_patterns(catalog, "fifo queue")
    assert [(h.id, h.missing) for h in hits] == [("fifo-queue", ()), ("fifo-only", ("queue",)), ("a-queue", ("fifo",))]


def test_stronger_fields_rank_higher():
    catalog = [fake("in-summary", summary="Uses a stream."), fake("in-tags", tags=["stream"])]
    assert [h.id for h in search_patterns(catalog, "streams")] == ["in-tags", "in-summary"]


def test_what_a_pattern_is_not_is_never_a_hit():
    catalog = [fake("plain", cons=["There is no replay."], when_not_to_use=["Consumers must replay history."])]
    assert search_patterns(catalog, "replay") == []


def test_stopwords_and_empty_queries_find_nothing_extra():
    assert search_patterns(CATALOG, "the and of") == []
    assert search_patterns(CATALOG, "a queue for the orders") == search_patterns(CATALOG, "queue orders")


def test_hit_json_shape():
    hit = search_patterns(CATALOG, "dlq")[0]
    assert json.loads(json.dumps(hit.as_json())) == {
        "id": "sqs-queue-lambda", "name": "SQS queue buffering writes to DynamoDB", "score": hit.score,
        "matches_every_word": True,
        "matches": [{"word": "dlq", "field": "tags", "text": "dead-letter-queue", "via": "dead-letter-queue"}],
        "missing": []}


def test_search_cli_shows_the_field_that_matched(run_cli):
    code, out, err = run_cli("search", "nightly", "batch")
    assert code == 0
    assert out.splitlines()[0] == ('scheduled-lambda\tScheduled function with EventBridge Scheduler\t'
                                   'nightly: id (as "scheduled"); batch: workloads "batch-job"')


def test_search_cli_names_partial_matches(run_cli):
    code, out, err = run_cli("search", "kinesis", "zebra")
    assert code == 0
    assert err == 'no pattern matches every word of "kinesis zebra"; patterns matching some of them:\n'
    assert out.splitlines()[0].endswith("kinesis: id; not matched: zebra")


def test_search_cli_json(run_cli):
    code, out, _ = run_cli("search", "--json", "spa")
    doc = json.loads(out)
    assert code == 0 and doc["query"] == "spa"
    assert [h["id"] for h in doc["hits"]] == ["s3-cloudfront-spa"]
    code, out, err = run_cli("search", "--json", "zebra")
    assert (code, json.loads(out), err) == (1, {"query": "zebra", "hits": []}, "")
    code, out, err = run_cli("search", "zebra")
    assert (code, out, err) == (1, "", 'no pattern matches "zebra"\n')
