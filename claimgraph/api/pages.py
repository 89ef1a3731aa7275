"""What the explorer's pages draw, computed on the server: an article's text with its statement
spans marked, and the timeline and ego network as SVG.

No JavaScript draws them: a page works offline, on a phone and with the keyboard, and every
mark and node is a link or carries a title. Everything here returns markup escaped for Jinja2
(``markupsafe.Markup``) from values that may hold any text.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx
from markupsafe import Markup, escape

RELATIONS = ("ACCUSES", "DENIES", "REPORTS", "SUPPORTS")
# The part of a statement a span is: who spoke, the words that say how, and what was said.
PARTS = ("speaker", "cue", "claim")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    part: str
    relation: str
    statement_id: str


def statement_spans(statements: Iterable[dict[str, Any]]) -> list[Span]:
    """The speaker, cue and claim spans of an article's statements (``feeds.article`` rows),
    once each (a denial of three claims has three rows and one speaker)."""
    spans: dict[tuple[int, int, str, str], Span] = {}
    for row in statements:
        for part in PARTS:
            start, end = row.get(f"{part}_start"), row.get(f"{part}_end")
            if start is not None and end is not None and end > start:
                key = (start, end, part, row["statement_id"])
                spans.setdefault(key, Span(start, end, part, row["relation"], row["statement_id"]))
    return sorted(spans.values(), key=lambda s: (s.start, -s.end, s.part))


def marked_text(text: str, spans: list[Span]) -> Markup:
    """The text with every span marked: cut where any span starts or ends, each piece in a
    ``<mark>`` naming the parts, relations and statements that cover it (spans may overlap:
    one statement's claim holds another's speaker)."""
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    pieces: list[str] = []
    for start, end in zip(cuts, cuts[1:]):
        piece = escape(text[start:end])
        covering = [s for s in spans if s.start <= start and end <= s.end]
        if not covering:
            pieces.append(str(piece))
            continue
        classes = sorted({f"part-{s.part}" for s in covering} | {f"rel-{s.relation.lower()}" for s in covering})
        statements = " ".join(sorted({s.statement_id for s in covering}))
        title = "; ".join(f"{s.part} of {s.relation} {s.statement_id}" for s in covering)
        pieces.append(f'<mark class="{" ".join(classes)}" data-statements="{escape(statements)}" '
                      f'title="{escape(title)}">{piece}</mark>')
    return Markup("".join(pieces))


def timeline_svg(rows: list[dict[str, Any]], *, width: int = 720, height: int = 180) -> Markup:
    """Statements per period as stacked bars, one colour per relation; each bar's title gives
    its counts. ``rows`` are ``feeds.timeline`` rows (``period`` and a count per relation)."""
    if not rows:
        return Markup('<p class="empty">No dated statements yet.</p>')
    top = max(row["statements"] for row in rows) or 1
    step = width / len(rows)
    bar = max(1.0, step * 0.8)
    plot = height - 20
    shapes = []
    for index, row in enumerate(rows):
        x = index * step
        y = float(plot)
        period = row["period"].isoformat() if isinstance(row["period"], date) else str(row["period"])
        counts = ", ".join(f"{r} {row[r]}" for r in RELATIONS if row[r])
        parts = [f"<title>{escape(period)}: {row['statements']} statements ({escape(counts)})</title>"]
        for relation in RELATIONS:
            if row[relation]:
                h = plot * row[relation] / top
                y -= h
                parts.append(f'<rect class="rel-{relation.lower()}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}"/>')
        shapes.append(f"<g>{''.join(parts)}</g>")
    first, last = rows[0]["period"], rows[-1]["period"]
    labels = (f'<text x="0" y="{height - 4}">{escape(str(first))}</text>'
              f'<text x="{width}" y="{height - 4}" text-anchor="end">{escape(str(last))}</text>')
    return Markup(f'<svg class="timeline" viewBox="0 0 {width} {height}" role="img" '
                  f'aria-label="Statements per period, {len(rows)} periods, at most {top} in one">'
                  f'{"".join(shapes)}{labels}</svg>')


# Most nodes a drawn network has: past ~40 a 560-pixel drawing is a blot, and the layout costs
# ~1 s for the 500 actors of a hub's network (its JSON and GraphML links give them all).
DRAWN_NODES_MAX = 40


def busiest_part(network: nx.DiGraph, ego: str, max_nodes: int = DRAWN_NODES_MAX) -> tuple[nx.DiGraph, int]:
    """The ego and the ``max_nodes - 1`` nodes with most statements on their links (ties by
    id), and how many nodes were left out."""
    if network.number_of_nodes() <= max_nodes:
        return network, 0
    weight: dict[str, int] = {node: 0 for node in network}
    for source, target, data in network.edges(data=True):
        statements = data.get("statements") or 1  # an ABOUT link counts one
        weight[source] += statements
        weight[target] += statements
    others = sorted((n for n in network if n != ego), key=lambda n: (-weight[n], n))
    kept = ({ego} & set(network)) | set(others[:max_nodes - 1])
    return network.subgraph(kept).copy(), network.number_of_nodes() - len(kept)


def network_svg(network: nx.DiGraph, ego: str, url_of: Callable[[str, dict[str, Any]], str], *, size: int = 560) -> Markup:
    """An ego network drawn with a seeded spring layout: each actor (circle) or claim (square) a
    link to its page (``url_of(node, data)``), each link an arrow in the colour of the relation
    with most statements, titled with its counts; a claim's ABOUT links are dashed. With claims
    in it, the actor-to-actor arrows are left out: the claims carry them."""
    if network.number_of_nodes() == 0:
        return Markup('<p class="empty">No statement links.</p>')
    positions = nx.spring_layout(network, seed=42, center=(0, 0), scale=1.0) if network.number_of_nodes() > 1 \
        else {ego: (0.0, 0.0)}
    with_claims = any(data.get("type") == "claim" for _, data in network.nodes(data=True))
    margin = 70

    def at(node: str) -> tuple[float, float]:
        x, y = positions[node]
        return margin + (x + 1) / 2 * (size - 2 * margin), margin + (y + 1) / 2 * (size - 2 * margin)

    def name(node: str) -> str:
        return network.nodes[node].get("name") or node

    edges = []
    for source, target, data in network.edges(data=True):
        kinds = {network.nodes[source].get("type"), network.nodes[target].get("type")}
        if with_claims and kinds == {"actor"}:
            continue
        relation = "about" if data.get("ABOUT") else max(RELATIONS, key=lambda r: (data.get(r, 0), r == "ACCUSES")).lower()
        (x1, y1), (x2, y2) = at(source), at(target)
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        # Both ways between two nodes: each link bends to its own side, so neither hides the other.
        bend = 24 if network.has_edge(target, source) else 0
        cx, cy = (x1 + x2) / 2 - (y2 - y1) / length * bend, (y1 + y2) / 2 + (x2 - x1) / length * bend
        # Stop short of the target's mark so the arrow head shows.
        towards = math.hypot(x2 - cx, y2 - cy) or 1.0
        x2, y2 = x2 - (x2 - cx) / towards * 12, y2 - (y2 - cy) / towards * 12
        counts = "ABOUT" if relation == "about" else ", ".join(f"{r} {data[r]}" for r in RELATIONS if data.get(r))
        title = f"{name(source)} → {name(target)}: {counts}"
        edges.append(f'<path class="link rel-{relation}" d="M {x1:.1f} {y1:.1f} Q {cx:.1f} {cy:.1f} {x2:.1f} {y2:.1f}" '
                     f'marker-end="url(#arrow-{relation})"><title>{escape(title)}</title></path>')
    nodes = []
    for node, data in network.nodes(data=True):
        x, y = at(node)
        claim = data.get("type") == "claim"
        css = "claim" if claim else ("ego" if node == ego else "actor")
        mark = (f'<rect x="{x - 6:.1f}" y="{y - 6:.1f}" width="12" height="12"/>' if claim
                else f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{10 if node == ego else 7}"/>')
        key = f'data-claim="{escape(data.get("claim_id", ""))}"' if claim else f'data-actor="{escape(node)}"'
        nodes.append(f'<a href="{escape(url_of(node, data))}" class="node {css}" {key}>'
                     f'<title>{escape(name(node))}</title>{mark}'
                     f'<text x="{x:.1f}" y="{y - 12:.1f}" text-anchor="middle">{escape(_short(name(node)))}</text></a>')
    markers = "".join(
        f'<marker id="arrow-{r}" class="rel-{r}" viewBox="0 0 10 10" refX="9" refY="5" '
        f'markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker>'
        for r in [*(r.lower() for r in RELATIONS), "about"])
    # A group, not an image: its nodes are links a keyboard reaches.
    return Markup(f'<svg class="network" viewBox="0 0 {size} {size}" role="group" aria-label="Statement network of '
                  f'{escape(name(ego))}: {network.number_of_nodes()} nodes">'
                  f'<defs>{markers}</defs>{"".join(edges)}{"".join(nodes)}</svg>')


def _short(name: str, width: int = 28) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"
