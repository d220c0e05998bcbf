"""An API or state machine whose definition is in a file the review cannot see.

Why: With `DefinitionUri`, `BodyS3Location` or an `AWS::Include` transform, the routes, their
authorizers and the states live in another file (often an OpenAPI document or an ASL file in S3).
The review cannot check what it cannot read, so it does not guess: routes of such an API are not
reported as unauthenticated, and the workflow's calls are not part of the graph.

Fix: Review the included definition on its own (an OpenAPI linter for the API, for instance), or
inline it with `DefinitionBody` / `Definition` so that the review sees it; suppress this note on
the resource once the included file is reviewed elsewhere.
"""

from advisor.review import kit

_KINDS = {"AWS::ApiGateway::RestApi": "REST API", "AWS::ApiGatewayV2::Api": "HTTP API",
          "AWS::StepFunctions::StateMachine": "state machine"}


def check(template, graph):
    for kind_family, kind in _KINDS.items():
        for name in graph.of_family(kind_family):
            where = kit.hidden_definition(graph.props(name))
            if where:
                what = "its authorization and routes were not checked" if kind != "state machine" else \
                    "what it calls was not checked"
                yield kit.Hit(("Resources", name, "Properties"), f"{kind} {name} takes its definition from {where}, "
                                                                 f"which the review cannot read; {what}")


RULE = kit.Rule(
    id="PA1021", name="definition-not-visible", title="API or state machine defined in a file the review cannot see",
    severity="info", tags=("apigateway", "stepfunctions", "visibility"), check=check, doc=__doc__,
    docs="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/transform-aws-include.html",
)


class DefinitionNotVisible(kit.CfnLintAdapter):
    rule = RULE
