"""Which catalog patterns a template contains, and which of their safeguards it lacks.

Each pattern's topology marks its roles core, optional or safeguard (schemas/pattern.schema.json).
The core roles and the edges between them are matched against the review graph (subgraph
monomorphism: the template may hold more edges between the same resources than the pattern names;
node types are compared by family, SAM type = its CFN type). Optional roles are then filled where
the template wires them; a safeguard is looked for where it protects its role (the queue a redrive
policy names, the user pool an API's auth names, the log group its access-log setting names), never
by type alone, and reported missing when absent. So is each alarm the pattern ships on a matched role.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx
from networkx.algorithms.isomorphism import DiGraphMatcher

from advisor.errors import DataError

from advisor.review import safeguards
from advisor.review.graph import QUEUE, TOPIC, ReviewGraph, family, is_fifo

MAX_MAPPINGS = 2000  # bounds the search on very large templates; a pattern is reported at most this often


@dataclass(frozen=True)
class Missing:
    """A safeguard of the pattern that the template does not have."""

    role: str  # the safeguard's role id, or "alarms"
    what: str  # e.g. "dead-letter queue", or "alarm on ApproximateAgeOfOldestMessage of queue WriteQueue"
    guards: str  # logical id of the resource it would protect


@dataclass(frozen=True)
class PatternMatch:
    id: str
    name: str
    resources: dict[str, str]  # role (topology node id) -> logical id
    missing: tuple[Missing, ...] = ()

    @property
    def page(self) -> str:
        return f"patterns/{self.id}/"


@dataclass(frozen=True)
class Role:
    id: str
    family: str | None
    label: str
    fifo: bool | None = None
    guards: str | None = None  # for safeguards
    edges: tuple[tuple[str, str, str], ...] = ()  # (from, to, kind) touching this role


@dataclass(frozen=True)
class Alarm:
    role: str
    namespace: str
    metric: str


@dataclass(frozen=True)
class Topology:
    id: str
    name: str
    wired: nx.DiGraph  # core roles that take part in an edge between core roles
    loose: tuple[tuple[str, str], ...] = ()  # (role, family) of core roles without such an edge
    optional: tuple[Role, ...] = ()
    safeguards: tuple[Role, ...] = ()
    alarms: tuple[Alarm, ...] = ()
    entry: str | None = None  # the core role events enter by: one match per resource playing it


def _alarms(operations: dict | None, resources: dict | None, roles: dict[str, str]) -> tuple[Alarm, ...]:
    """The pattern's alarms, each on the role whose resource its dimensions name in the pattern's template."""
    from advisor.cfn.template_graph import references

    by_resource = {resource: role for role, resource in roles.items()}
    found = []
    for alarm in (operations or {}).get("alarms", []):
        body = (resources or {}).get(alarm.get("resource"))
        props = body.get("Properties") if isinstance(body, dict) else None
        watched = [by_resource[t] for t, _ in references(props) if t in by_resource] if isinstance(props, dict) else []
        if watched and alarm.get("metric"):
            found.append(Alarm(watched[0], alarm.get("namespace", ""), alarm["metric"]))
    return tuple(dict.fromkeys(found))


def topology_of(pattern_id: str, name: str, topology: dict, resources: dict | None = None,
                operations: dict | None = None) -> Topology:
    """The pattern's topology; with the pattern's template resources, nodes also carry FIFO-ness and alarms."""
    nodes = {n["id"]: n for n in topology.get("nodes", [])}
    part = {n: node.get("part", "core") for n, node in nodes.items()}
    edges = [(e["from"], e["to"], e["kind"]) for e in topology.get("edges", [])]

    def role(n: str) -> Role:
        node = nodes[n]
        body = resources.get(node["resource"]) if resources else None
        return Role(n, family(node["type"]), node.get("label", n), is_fifo(body) if isinstance(body, dict) else None,
                    node.get("guards"), tuple(e for e in edges if n in e[:2]))

    wired = nx.DiGraph()
    for a, b, kind in edges:
        if part.get(a) == "core" and part.get(b) == "core":
            for end in (a, b):
                wired.add_node(end, family=family(nodes[end]["type"]), fifo=role(end).fifo, core=True)
            wired.add_edge(a, b, kind=kind)
    loose = tuple((n, family(nodes[n]["type"])) for n in nodes if part[n] == "core" and n not in wired)
    entry = next((n for n, node in nodes.items() if node.get("entry") and part[n] == "core"), None)
    return Topology(pattern_id, name, wired, loose,
                    tuple(role(n) for n in nodes if part[n] == "optional"),
                    tuple(role(n) for n in nodes if part[n] == "safeguard"),
                    _alarms(operations, resources, {n: node["resource"] for n, node in nodes.items()}), entry)


def _topology_inputs(pattern) -> dict:
    """What matching needs of a pattern: its topology, its alarms, and only the template resources
    they name (FIFO flags, alarm dimensions), small enough to cache."""
    try:
        data = pattern.template.data
        resources = data.get("Resources") if isinstance(data, dict) else None
    except DataError:  # `advisor validate` reports it; match on types alone
        resources = None
    named = {n["resource"] for n in pattern.data["topology"].get("nodes", [])}
    named |= {a.get("resource") for a in (pattern.data.get("operations") or {}).get("alarms", [])}
    kept = {k: v for k, v in resources.items() if k in named} if isinstance(resources, dict) else None
    return {"id": pattern.id, "name": pattern.name, "topology": pattern.data["topology"],
            "operations": pattern.data.get("operations"), "resources": kept}


def catalog_topologies(extra_dirs: list[str] | None = None) -> list[Topology]:
    """Every catalog pattern's topology, cached until a pattern or template file changes (a single
    small file is reviewed as fast as cfn-lint alone checks it)."""
    from advisor.catalog.cached import load_cached
    from advisor.catalog.json_cache import cached_json, file_stamp
    from advisor.catalog.load import PATTERN_FILE, TEMPLATE_FILE, catalog_dirs, pattern_folders

    folders = pattern_folders(catalog_dirs(extra_dirs))
    stamp = file_stamp([f / name for f in folders for name in (PATTERN_FILE, TEMPLATE_FILE)])
    entries = cached_json("review-topologies", stamp,
                          lambda: {"patterns": [_topology_inputs(p) for p in load_cached(extra_dirs)]},
                          lambda payload: payload["patterns"])
    return [topology_of(e["id"], e["name"], e["topology"], e["resources"], e["operations"]) for e in entries]


@lru_cache(maxsize=1)
def _default_topologies() -> tuple[Topology, ...]:
    return tuple(catalog_topologies())


# The engine names the topologies of the review under way; cfn-lint run on its own uses the catalog's.
ACTIVE: ContextVar[list[Topology] | None] = ContextVar("pattern_advisor_topologies", default=None)
FOUND: ContextVar[list | None] = ContextVar("pattern_advisor_matches", default=None)


def matches_for(graph: ReviewGraph) -> list[PatternMatch]:
    """The patterns in a review graph, detected once per graph; also handed to the engine via FOUND."""
    cached = getattr(graph, "_pattern_matches", None)
    if cached is None:
        active = ACTIVE.get()
        cached = detect(graph, list(active if active is not None else _default_topologies()))
        graph._pattern_matches = cached
    FOUND.set(cached)
    return cached


def _name_fit(roles: dict[str, str]) -> int:
    """Symmetric topologies match several ways; prefer the one whose role names the resources carry."""
    return sum(role.replace("_", "") in resource.lower() for role, resource in roles.items())


def _same_role(t: dict, p: dict) -> bool:
    if t.get("family") != p.get("family") or (p.get("fifo") is not None and p.get("fifo") != bool(t.get("fifo"))):
        return False
    # A dead-letter queue (what a redrive or on-failure setting names) never plays a core queue or topic role.
    return not (t.get("dead_letter") and p.get("family") in (QUEUE, TOPIC))


def _edges_hold(graph: ReviewGraph, role: Role, candidate: str, roles: dict[str, str]) -> bool | None:
    """Do the role's topology edges to already placed roles exist for this candidate? None: no such edge."""
    checked = False
    for a, b, kind in role.edges:
        src = candidate if a == role.id else roles.get(a)
        dst = candidate if b == role.id else roles.get(b)
        if src is None or dst is None:
            continue
        checked = True
        if kind not in graph.kinds(src, dst):
            return False
    return True if checked else None


def _fill_optional(graph: ReviewGraph, topo: Topology, roles: dict[str, str]) -> None:
    progress = True
    while progress:
        progress = False
        for role in topo.optional:
            if role.id in roles:
                continue
            taken = set(roles.values())
            for candidate in graph.of_family(role.family):
                if candidate not in taken and _same_role(graph.g.nodes[candidate], {"family": role.family, "fifo": role.fifo}) \
                        and _edges_hold(graph, role, candidate, roles):
                    roles[role.id] = candidate
                    progress = True
                    break


def _check_safeguards(graph: ReviewGraph, topo: Topology, roles: dict[str, str]) -> list[Missing]:
    missing = []
    for role in topo.safeguards:
        guarded = roles.get(role.guards)
        if guarded is None:  # it protects an optional role the template does not have
            continue
        taken = set(roles.values())
        # A safeguard the topology wires (a rule routing failed tasks to a queue) is found by its edges;
        # the others by the setting that names them.
        wired = [c for c in graph.of_family(role.family) if _edges_hold(graph, role, c, roles)]
        found = next((c for c in wired + safeguards.protectors(graph, guarded, role.family) if c not in taken), None)
        if found:
            roles[role.id] = found
        elif role.family == safeguards.USER_POOL and safeguards.has_auth(graph, guarded):
            continue  # another authorizer (Lambda, JWT, IAM, API keys) does the user pool's job
        else:
            missing.append(Missing(role.id, role.label[0].lower() + role.label[1:], guarded))
    for alarm in topo.alarms:
        resource = roles.get(alarm.role)
        if resource and not safeguards.has_alarm(graph, resource, alarm.metric):
            missing.append(Missing("alarms", f"alarm on {alarm.metric} ({alarm.namespace})", resource))
    return missing


def _core_mappings(graph: ReviewGraph, topo: Topology):
    if topo.wired.number_of_nodes():
        matcher = DiGraphMatcher(graph.g, topo.wired, node_match=_same_role,
                                 edge_match=lambda t, p: p["kind"] in t["kinds"])
        for count, mapping in enumerate(matcher.subgraph_monomorphisms_iter()):
            if count >= MAX_MAPPINGS:
                return
            yield {role: resource for resource, role in mapping.items()}
    elif len(topo.loose) == 1:  # a one-role core (a custom event bus): any such resource that is wired
        role, fam = topo.loose[0]
        for node, data in graph.g.nodes(data=True):
            if _same_role(data, {"family": fam}) and not data.get("implicit") and graph.g.out_degree(node):
                yield {role: node}


def detect(graph: ReviewGraph, topologies: list[Topology]) -> list[PatternMatch]:
    found: list[PatternMatch] = []
    cores: list[tuple[PatternMatch, frozenset]] = []
    for topo in topologies:
        best: dict[object, dict[str, str]] = {}  # one match per entry resource (or per set of resources)
        for roles in _core_mappings(graph, topo):
            key = roles.get(topo.entry) if topo.entry else frozenset(roles.values())
            if key not in best or _name_fit(roles) > _name_fit(best[key]):
                best[key] = roles
        for roles in best.values():
            core = frozenset(roles.values())
            _fill_optional(graph, topo, roles)
            missing = _check_safeguards(graph, topo, roles)
            cores.append((PatternMatch(topo.id, topo.name, dict(sorted(roles.items())), tuple(missing)), core))
    for match, core in cores:
        # A queue feeding a function inside a fan-out is the fan-out, not also the queue pattern.
        if not any(len(match.resources) < len(bigger.resources) and core <= set(bigger.resources.values())
                   for bigger, _ in cores):
            found.append(match)
    return sorted(found, key=lambda m: (m.id, sorted(m.resources.values())))
