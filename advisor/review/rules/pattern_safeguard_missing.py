"""A catalog pattern found in the template without one of the safeguards the pattern ships.

Why: The template contains the core of a catalog pattern (say a queue feeding a function), and
the pattern's reference template protects that core with safeguards this template lacks: a
dead-letter queue the redrive policy names, an on-failure destination, an authorizer, access logs,
an event archive, or the alarms that tell someone the pattern is in trouble. Each missing one is a
failure the pattern has learnt to survive and this template has not.

Fix: Open the pattern's page (`advisor show PATTERN`, or patterns/PATTERN/ on the site) and add the
named safeguard the way its template does: a RedrivePolicy to a dead-letter queue, a
DestinationConfig.OnFailure, an authorizer on the API, an access-log destination, an archive on the
bus, or the CloudWatch alarm on the named metric with an action that notifies someone.
"""

from advisor.review import kit
from advisor.review.patterns import matches_for


def _where(graph, resource: str) -> tuple:
    if resource in graph.resources:
        return ("Resources", resource)
    # SAM's implicit API or schedule: point at the event that makes it
    trigger = next((t for t in graph.triggers if t.source == resource), None)
    return trigger.path if trigger else ("Resources",)


def check(template, graph):
    for match in matches_for(graph):
        alarms: dict[str, list[str]] = {}
        for missing in match.missing:
            if missing.role == "alarms":
                alarms.setdefault(missing.guards, []).append(missing.what.removeprefix("alarm on "))
                continue
            yield kit.Hit(_where(graph, missing.guards),
                          f"{missing.guards} plays the {_role(match, missing.guards)} role of pattern {match.id}, whose "
                          f"safeguard for it, {missing.what} ({missing.role}), this template lacks. See 'advisor show {match.id}'")
        for resource, metrics in alarms.items():
            yield kit.Hit(_where(graph, resource),
                          f"{resource} plays the {_role(match, resource)} role of pattern {match.id}, which alarms on "
                          f"{', '.join(metrics)}; this template has no such alarm. See 'advisor show {match.id}'")


def _role(match, resource: str) -> str:
    return next((role.replace("_", " ") for role, res in match.resources.items() if res == resource), "part")


RULE = kit.Rule(
    id="PA1020", name="pattern-safeguard-missing", title="Catalog pattern without one of its safeguards",
    severity="info", tags=("patterns", "reliability"), check=check, doc=__doc__,
    docs="https://docs.aws.amazon.com/wellarchitected/latest/serverless-applications-lens/reliability-pillar.html",
)


class PatternSafeguardMissing(kit.CfnLintAdapter):
    rule = RULE
