"""The formatting layer: every value a person reads, pinned."""

from __future__ import annotations

import pytest

from advisor import humanize as fmt


@pytest.mark.parametrize("value,text", [
    (1234, "1,234"), (45.0, "45"), (0.48333333333333334, "0.483"), (1.25e7, "12,500,000"),
    (48828125000, "48,828,125,000"), (0.1 + 0.2, "0.3"), (2e-7, "0.0000002"), (0, "0"), (-3.5, "-3.5"),
    (1e22, "10,000,000,000,000,000,000,000"), (None, "not stated"), (True, "yes"),
])
def test_numbers_have_separators_and_no_float_noise(value, text):
    assert fmt.number(value) == text


@pytest.mark.parametrize("value,unit,text", [
    (0.48333333333333334, "minutes", "29 s"), (15, "minutes", "15 min"), (240, "minutes", "4 h"),
    (900, "seconds", "15 min"), (10080, "minutes", "7 days"), (1, "days", "1 day"), (200, "ms", "200 ms"),
    (90, "seconds", "1.5 min"),
])
def test_durations_come_in_the_unit_a_person_would_use(value, unit, text):
    assert fmt.duration(value, unit) == text


@pytest.mark.parametrize("value,unit,text", [
    (1024, "KiB", "1 MiB"), (400, "KB", "400 KB"), (48828125000, "KiB", "45.5 TiB"), (262144, "bytes", "256 KiB"),
    (10, "GB", "10 GB"), (1500, "MB", "1.5 GB"),
])
def test_sizes_use_the_largest_unit_of_their_family(value, unit, text):
    assert fmt.size(value, unit) == text


@pytest.mark.parametrize("value,unit,text", [
    (120000, "count", "120,000"), (10000, "requests-per-second", "10,000 requests per second"),
    (5, "MiB-per-second", "5 MiB per second"), (50, "percent", "50%"), (14, "days", "14 days"),
])
def test_limit_quantities(value, unit, text):
    assert fmt.quantity(value, unit) == text


@pytest.mark.parametrize("key,value,text", [
    ("max_events_per_s", None, "no documented limit"), ("max_events_per_s", 1000, "1,000 per second"),
    ("max_message_kb", 1024, "1 MiB"), ("max_task_minutes", 45.0, "45 min"), ("write_rate_control", False, "no"),
    ("ordering", "per-key", "per-key"), ("auth", [], "none"), ("auth", ["jwt", "iam"], "jwt, iam"),
])
def test_traits(key, value, text):
    assert fmt.trait(key, value) == text


def test_money_amounts_have_cents_and_unit_prices_their_digits():
    assert [fmt.money(13.5), fmt.money(0), fmt.money(0.0006), fmt.money(1234567.891)] == ["$13.50", "$0.00", "$0.0006", "$1,234,567.89"]
    assert [fmt.money(0.2, cents=False), fmt.money(1.66667e-05, cents=False), fmt.money(0.025, cents=False)] == \
        ["$0.20", "$0.000016667", "$0.025"]


def test_sentences_end_in_one_full_stop():
    assert [fmt.sentence("worth it.."), fmt.sentence("worth it"), fmt.sentence("why?"), fmt.clause("worth it.")] == \
        ["worth it.", "worth it.", "why?", "worth it"]


def test_counts_agree_with_their_noun():
    assert [fmt.count(1, "pattern"), fmt.count(2, "pattern"), fmt.count(1500, "match"), fmt.count(3, "policy")] == \
        ["1 pattern", "2 patterns", "1,500 matches", "3 policies"]
