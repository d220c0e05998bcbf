"""The cost-versus-volume chart: log scales, drawn at build time as plain SVG, on pattern pages and
on the classic comparison pages (with the break-even where the curves meet)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from advisor.catalog.load import load_catalog
from advisor.site import cost_chart
from advisor.site.pages import versus_pages

NS = {"svg": "http://www.w3.org/2000/svg"}


@pytest.fixture(scope="module")
def catalog():
    return {p.id: p for p in load_catalog()}


def test_chart_is_svg_on_log_scales():
    doc = ET.fromstring(cost_chart.svg({"a": [(1e5, 0.1), (1e7, 10.0), (1e11, 1e5)]}))
    (line,) = doc.findall("svg:polyline", NS)
    points = [tuple(map(float, p.split(","))) for p in line.get("points").split()]
    # equal ratios are equal distances on both axes: 1e5 -> 1e7 and 1e7 -> 1e11 (twice as far)
    assert points[1][0] - points[0][0] == pytest.approx((points[2][0] - points[1][0]) / 2, abs=0.2)
    assert points[0][1] - points[1][1] == pytest.approx((points[1][1] - points[2][1]) / 2, abs=0.2)
    labels = [t.text for t in doc.findall("svg:text", NS)]
    assert {"100K", "1M", "1B", "100B", "$0.1", "$1", "$100,000"} <= set(labels)
    assert "events per month (log scale)" in labels and "USD per month (log scale)" in labels


def test_pattern_page_has_a_cost_section_with_the_chart(catalog):
    lines = cost_chart.pattern_cost_section(catalog["sqs-queue-lambda"])
    text = "\n".join(lines)
    assert lines[0] == "## Cost"
    assert "About **$2.07 per month** at 10,000,000 events per month (the pattern's default volume)" in text
    assert "| queue: standard queue requests (64 KB chunks) | 3,000,000 | $1.20 | cross-checked |" in text
    assert "**Waste:** 1 % of events failing and retried 4 times costs $0.08 a month; every extra 100 ms" in text
    assert "<title>default volume: $2.07</title>" in text and "<svg" in text and "cdn" not in text.lower()


def test_classic_comparison_page_shows_where_the_stream_becomes_cheaper(catalog):
    page = versus_pages(list(catalog.values()))["compare/sqs-vs-sns-vs-kinesis-vs-eventbridge.md"]
    assert "## Cost versus volume" in page
    assert ("- sqs-queue-lambda and kinesis-stream-lambda cost the same at about 58,240,000 events a month: "
            "sqs-queue-lambda is cheaper below, kinesis-stream-lambda above.") in page
    svg_text = page[page.index("<svg"): page.index("</svg>") + 6]
    rings = [c.find("svg:title", NS).text for c in ET.fromstring(svg_text).findall("svg:circle", NS)]
    assert "sqs-queue-lambda / kinesis-stream-lambda: break-even ≈ 58.24M events/month" in rings
    assert "- kinesis-stream-lambda leaves out lines without a verified price yet:" in page
