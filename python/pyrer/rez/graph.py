"""The graph of a resolve pyrer solved, as rez's ``Solver.get_graph`` draws one."""

from __future__ import annotations

from typing import Any, Sequence


def resolve_graph(requests: Sequence[str], variants: Sequence[Any],
                  ephemerals: Sequence[str], requires: Sequence[Sequence[str]]) -> Any:
    """The graph of a solved resolve, drawn as rez draws one: the requests, the resolved
    variants (and ephemerals), each variant pointing at its requirements and each request
    or requirement at what answered it. rez's own graph also shows the solver's intermediate
    extractions; pyrer's solver does not record them (docs/rez-integration.md)."""
    from rez.vendor.pygraph.classes.digraph import digraph
    from rez.version import Requirement

    graph_class: Any = digraph  # pygraph is untyped
    graph = graph_class()
    ids: dict[Any, str] = {}

    def node(key: Any, label: str, color: str, style: str) -> str:
        found = ids.get(key)
        if found is None:
            found = ids[key] = f"_{len(ids) + 1}"
            graph.add_node(found, attrs=[("label", label), ("fontsize", 10),
                                         ("fillcolor", color), ("style", f'"{style}"')])
        return found

    def request(text: str, initial: bool = False) -> str:
        return node(("request", text), text, "#FFFFAA" if initial else "#F6F6F6",
                    "filled,dashed")

    def edge(a: str, b: str) -> None:
        if not graph.has_edge((a, b)):
            graph.add_edge((a, b))
            graph.add_edge_attribute((a, b), ("arrowsize", "0.5"))

    for text in requests:
        request(text, initial=True)
    answered = {}
    for variant in variants:
        answered[variant.name] = node(("scope", variant.name), variant.qualified_name,
                                      "#AAFFAA", "filled")
    for text in ephemerals:
        answered[Requirement(text).name] = node(("scope", text), text, "#F6F6F6", "filled")
    for text in requests:
        target = answered.get(Requirement(text).name)
        if target is not None:
            edge(request(text, initial=True), target)
    for variant, reqs in zip(variants, requires):
        for text in reqs:
            node_ = request(text)
            edge(answered[variant.name], node_)
            target = answered.get(Requirement(text).name)
            if target is not None:
                edge(node_, target)
    return graph
