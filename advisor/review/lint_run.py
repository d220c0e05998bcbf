"""cfn-lint in-process with the review rules appended: one rules collection, loaded once."""

from __future__ import annotations

from functools import lru_cache

from advisor.cfn.lint import REGION


@lru_cache(maxsize=None)
def config():
    from cfnlint.config import ConfigMixIn

    # cfn-lint leaves informational rules out unless included; ours are I9xxx.
    return ConfigMixIn(regions=[REGION], include_checks=["I9"])


@lru_cache(maxsize=None)
def rules():
    from cfnlint.runner.cli import Runner

    from advisor.review.registry import adapters

    collection = Runner(config()).rules
    for adapter in adapters():
        collection.register(adapter)
    return collection


def lint(text: str) -> list:
    """cfn-lint matches for a template's text (already proven safe to parse by our loader)."""
    from cfnlint.decode.decode import decode_str
    from cfnlint.runner.template.runner import run_template_by_data

    template, matches = decode_str(text)
    if matches or template is None:
        return list(matches or [])
    return list(run_template_by_data(template, config(), rules()))
