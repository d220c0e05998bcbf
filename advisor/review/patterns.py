"""Which catalog patterns a template contains: each pattern's topology matched against the
review graph (subgraph monomorphism: the template may hold more edges between the same
resources than the pattern names), node types compared by family (SAM type = its CFN type)."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from networkx.algorithms.isomorphism import DiGraphMatcher

from advisor.errors import DataError

from advisor.review.graph import ReviewGraph, family, is_fifo

MAX_MAPPINGS = 2000  # bounds the search on very large templates; a pattern is reported at most this often


@dataclass(frozen=True)
class PatternMatch:
    id: str
    name: str
    resources: dict[str, str]  # role (topology node id) -> logical id

    @property
    def page(self) -> str:
        return f"patterns/{self.id}/"


@dataclass(frozen=True)
class Topology:
    id: str
    name: str
    wired: nx.DiGraph  # nodes that take part in an edge
    loose: tuple[tuple[str, str], ...]  # (role, family) of nodes without edges, e.g. a dead-letter queue


def topology_of(pattern_id: str, name: str, topology: dict, resources: dict | None = None) -> Topology:
    """The pattern's topology as a graph; with the pattern's template resources, nodes also carry FIFO-ness."""
    wired = nx.DiGraph()
    nodes = {n["id"]: family(n["type"]) for n in topology.get("nodes", [])}
    fifo = {n["id"]: is_fifo(resources[n["resource"]]) if resources and isinstance(resources.get(n["resource"]), dict) else None
            for n in topology.get("nodes", [])}
    for edge in topology.get("edges", []):
        for end in (edge["from"], edge["to"]):
            wired.add_node(end, family=nodes.get(end), fifo=fifo.get(end))
        wired.add_edge(edge["from"], edge["to"], kind=edge["kind"])
    loose = tuple((n, f) for n, f in nodes.items() if n not in wired)
    return Topology(pattern_id, name, wired, loose)


def catalog_topologies(extra_dirs: list[str] | None = None) -> list[Topology]:
    from advisor.catalog.cached import load_cached

    found = []
    for pattern in load_cached(extra_dirs):
        try:
            data = pattern.template.data
            resources = data.get("Resources") if isinstance(data, dict) else None
        except DataError:  # `advisor validate` reports it; match on types alone
            resources = None
        found.append(topology_of(pattern.id, pattern.name, pattern.data["topology"], resources if isinstance(resources, dict) else None))
    return found


def _fill_loose(graph: ReviewGraph, topo: Topology, roles: dict[str, str]) -> None:
    """Give a loose role the resource of its type that the matched resources reference (or are referenced by)."""
    taken = set(roles.values())
    for role, fam in topo.loose:
        for matched in list(roles.values()):
            near = list(graph.tg.refs.get(matched, {})) + [n for n, out in graph.tg.refs.items() if matched in out]
            candidates = [n for n in near if n not in taken and graph.family(n) == fam]
            if candidates:
                roles[role] = candidates[0]
                taken.add(candidates[0])
                break


def _name_fit(roles: dict[str, str]) -> int:
    """Symmetric topologies match several ways; prefer the one whose role names the resources carry."""
    return sum(role.replace("_", "") in resource.lower() for role, resource in roles.items())


def _same_role(t: dict, p: dict) -> bool:
    return t.get("family") == p.get("family") and (p.get("fifo") is None or p.get("fifo") == t.get("fifo"))


def detect(graph: ReviewGraph, topologies: list[Topology]) -> list[PatternMatch]:
    found: list[PatternMatch] = []
    for topo in topologies:
        if topo.wired.number_of_nodes() == 0:
            continue
        matcher = DiGraphMatcher(graph.g, topo.wired,
                                 node_match=_same_role,
                                 edge_match=lambda t, p: p["kind"] in t["kinds"])
        best: dict[frozenset, dict[str, str]] = {}  # one match per set of resources
        for count, mapping in enumerate(matcher.subgraph_monomorphisms_iter()):
            if count >= MAX_MAPPINGS:
                break
            roles = {role: resource for resource, role in mapping.items()}
            key = frozenset(mapping)
            if key not in best or _name_fit(roles) > _name_fit(best[key]):
                best[key] = roles
        for roles in best.values():
            _fill_loose(graph, topo, roles)
            found.append(PatternMatch(topo.id, topo.name, dict(sorted(roles.items()))))
    return sorted(found, key=lambda m: (m.id, sorted(m.resources.values())))
