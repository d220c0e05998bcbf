"""Architecture diagrams: the pattern's topology rendered to SVG with Graphviz (pygraphviz)."""

from __future__ import annotations

# Resource type prefix -> (short service label, fill colour) in AWS's service-family colours.
_STYLE = [
    ("AWS::SQS::", "SQS", "#f5d6e8"), ("AWS::SNS::", "SNS", "#f5d6e8"), ("AWS::Events::", "EventBridge", "#f5d6e8"),
    ("AWS::Scheduler::", "Scheduler", "#f5d6e8"), ("AWS::Serverless::StateMachine", "Step Functions", "#f5d6e8"),
    ("AWS::StepFunctions::", "Step Functions", "#f5d6e8"), ("AWS::Kinesis::", "Kinesis", "#e3d7f5"),
    ("AWS::Athena::", "Athena", "#e3d7f5"), ("AWS::Glue::", "Glue", "#e3d7f5"),
    ("AWS::Serverless::Function", "Lambda", "#fde2c4"), ("AWS::Lambda::", "Lambda", "#fde2c4"),
    ("AWS::ECS::", "Fargate", "#fde2c4"), ("AWS::DynamoDB::", "DynamoDB", "#d6e4f5"), ("AWS::S3::", "S3", "#d9f0d3"),
    ("AWS::CloudFront::", "CloudFront", "#e3d7f5"), ("AWS::Serverless::Api", "API Gateway", "#e3d7f5"),
    ("AWS::Serverless::HttpApi", "API Gateway", "#e3d7f5"), ("AWS::ApiGateway", "API Gateway", "#e3d7f5"),
    ("AWS::Cognito::", "Cognito", "#f8d4d4"), ("AWS::Route53::", "Route 53", "#e3d7f5"),
]
_SHAPES = {"SQS": "cylinder", "DynamoDB": "cylinder", "S3": "folder", "Kinesis": "cds", "SNS": "hexagon",
           "EventBridge": "hexagon", "Lambda": "box", "Fargate": "box3d", "API Gateway": "component"}


def style_for(resource_type: str) -> tuple[str, str]:
    for prefix, label, colour in _STYLE:
        if resource_type.startswith(prefix):
            return label, colour
    return resource_type.split("::")[1], "#eeeeee"


def render_svg(topology: dict) -> str:
    """An SVG (text) of the topology: one node per role, edges labelled with their kind."""
    import pygraphviz

    graph = pygraphviz.AGraph(directed=True, strict=False, rankdir="LR", bgcolor="transparent", nodesep="0.5", ranksep="0.8")
    graph.node_attr.update(fontname="Helvetica", fontsize="11", style="filled,rounded", penwidth="1.2")
    graph.edge_attr.update(fontname="Helvetica", fontsize="10", color="#555555", fontcolor="#333333")
    for node in topology["nodes"]:
        service, colour = style_for(node["type"])
        shape = _SHAPES.get(service, "box")
        label = f"{node['label']}\n{service}"
        graph.add_node(node["id"], label=label, shape=shape, fillcolor=colour,
                       penwidth="2.2" if node.get("entry") else "1.2", tooltip=node["type"])
    for edge in topology["edges"]:
        label = edge["kind"] + (f"\n{edge['label']}" if edge.get("label") else "")
        graph.add_edge(edge["from"], edge["to"], label=label)
    svg = graph.draw(format="svg", prog="dot").decode("utf-8")
    return svg[svg.index("<svg"):]  # drop the XML prolog and DOCTYPE: the SVG is inlined in HTML
