"""The explorer: HTML pages over the same reads as the JSON API, under ``/explore`` (``/``
redirects there).

Pages are rendered on the server with Jinja2 (``api/templates/explore``) and drawn without
JavaScript (``api/pages.py``: marked article text, SVG timeline and network), so they work
offline, on a phone and with the keyboard. Every page links to the JSON (and CSV) endpoint
that feeds it.
"""

from __future__ import annotations

import json
from pathlib import Path as FilePath
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, BackgroundTasks, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from claimgraph.api import pages
from claimgraph.api.deps import (
    EXPLORER_KEY_PAGE,
    READ_KEY_COOKIE,
    GraphDep,
    HeavySlot,
    SettingsDep,
    key_matches,
    require_cypher_key,
)
from claimgraph.api.render import render_csv
from claimgraph.api.routes.queries import MAX_QUERY_CHARS
from claimgraph.api.routes.articles import (
    ExtractionFailedError,
    extract_statements,
    keep_analytics,
    write_article,
    write_key_matches,
    written_counts,
)
from claimgraph.graph import analytics, feeds, reads
from claimgraph.graph.cypher import named_queries
from claimgraph.graph.errors import (
    ClaimgraphError,
    CypherDisabledError,
    InvalidParametersError,
    NotFoundError,
    WriteRefusedError,
)
from claimgraph.graph.executor import run_adhoc
from claimgraph.graph.executor import run_named as run_named_query
from claimgraph.graph.types import Statement
from claimgraph.loaders.articles import ArticleInputError, article_from_upload

TEMPLATES = Jinja2Templates(directory=FilePath(__file__).resolve().parent.parent / "templates")
STATIC_DIR = FilePath(__file__).resolve().parent.parent / "static"
# Rows of each list a page shows; its JSON link gives them all, page by page.
PAGE_ROWS = 20

router = APIRouter(include_in_schema=False)


def actor_url(actor_id: str) -> str:
    return "/explore/actors/" + quote(actor_id, safe=":/")


def claim_url(claim_id: str) -> str:
    return "/explore/claims/" + quote(claim_id, safe="")


def article_url(article_id: str, **params: str) -> str:
    return "/explore/articles/" + quote(article_id, safe=":/") + (f"?{urlencode(params)}" if params else "")


def api_url(path: str, **params: Any) -> str:
    given = {k: v for k, v in params.items() if v is not None}
    return path + (f"?{urlencode(given)}" if given else "")


TEMPLATES.env.globals.update(actor_url=actor_url, claim_url=claim_url, article_url=article_url, api_url=api_url,
                             quote=quote)


def _page(request: Request, template: str, title: str, feeds_from: list[tuple[str, str]], **context: Any) -> HTMLResponse:
    """A page; ``feeds_from`` names the API endpoints it shows, as (label, URL)."""
    return TEMPLATES.TemplateResponse(request, f"explore/{template}",
                                      {"title": title, "feeds_from": feeds_from, **context})


@router.get("/")
def root() -> RedirectResponse:
    return RedirectResponse("/explore", status_code=307)


def _local(next_url: str) -> str:
    """Where to go after the key page: a path of this server only (never ``//host`` or a URL)."""
    return next_url if next_url.startswith("/") and not next_url.startswith(("//", "/\\")) else "/explore"


@router.get(EXPLORER_KEY_PAGE, response_class=HTMLResponse)
def key_form(request: Request, next: Annotated[str, Query(max_length=2000)] = "/explore") -> HTMLResponse:
    return _page(request, "key.html", "Read key", [], next_url=_local(next))


@router.post(EXPLORER_KEY_PAGE, response_model=None)
def key_given(request: Request, settings: SettingsDep, key: Annotated[str, Form()] = "",
              next: Annotated[str, Form(max_length=2000)] = "/explore") -> Response:
    """Check the read key and keep it in this browser (HttpOnly, SameSite=Strict cookie)."""
    expected = settings.READ_API_KEY
    if expected is not None and not key_matches(key, expected):
        response = _page(request, "key.html", "Read key", [], next_url=_local(next), error="That is not the read key.")
        response.status_code = 401
        return response
    response = RedirectResponse(_local(next), status_code=303)
    if expected is not None:
        response.set_cookie(READ_KEY_COOKIE, key, httponly=True, samesite="strict", path="/",
                            secure=request.url.scheme == "https")
    return response


@router.get("/explore", response_class=HTMLResponse)
def overview(request: Request, graph: GraphDep, settings: SettingsDep) -> HTMLResponse:
    timeout = settings.QUERY_TIMEOUT_S
    summary = feeds.stats(graph, top=10, timeout_s=timeout)
    months = feeds.timeline(graph, interval="month", timeout_s=timeout)
    return _page(request, "overview.html", "Overview", [
        ("statistics", api_url("/stats")), ("timeline", api_url("/timeline", interval="month")),
        ("timeline CSV", api_url("/timeline", interval="month", format="csv")),
    ], stats=summary, timeline=pages.timeline_svg(months.rows), periods=months.rows)


@router.get("/explore/search", response_class=HTMLResponse)
def search(request: Request, graph: GraphDep, settings: SettingsDep,
           q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    timeout = settings.QUERY_TIMEOUT_S
    text = q.strip()
    found: dict[str, Any] = {"actors": [], "claims": [], "articles": []}
    if text:
        found["actors"] = reads.actors(graph, q=text, limit=PAGE_ROWS, timeout_s=timeout).rows
        found["claims"] = reads.claims(graph, q=text, limit=PAGE_ROWS, timeout_s=timeout).rows
        found["articles"] = feeds.articles(graph, q=text, limit=PAGE_ROWS, timeout_s=timeout).rows
    return _page(request, "search.html", f"Search: {text}" if text else "Search", [
        ("actors", api_url("/actors", q=text or None)), ("claims", api_url("/claims", q=text or None)),
        ("articles", api_url("/articles", q=text or None)),
    ], q=text, found=found)


# Heavy like the API routes they draw on (an ego network, unfiltered contradictions): a slot each.
@router.get("/explore/actors/{actor_id:path}", response_class=HTMLResponse, dependencies=[HeavySlot])
def actor(request: Request, graph: GraphDep, settings: SettingsDep,
          actor_id: Annotated[str, Path(description="The actor's id.")],
          claims: Annotated[bool, Query(description="Draw the claims in the network.")] = False,
          rollup: Annotated[bool, Query(description="Count its parts' statements as its own.")] = False) -> HTMLResponse:
    timeout = settings.QUERY_TIMEOUT_S
    profile = reads.actor_profile(graph, actor_id=actor_id, rollup=rollup, timeout_s=timeout)
    # Its own links only: those among its counterparts would read theirs, often a hub's.
    network = analytics.ego_network(graph, actor=actor_id, depth=1, claims=claims, among_outermost=False,
                                    timeout_s=timeout)
    made = reads.accusations(graph, accuser=actor_id, limit=PAGE_ROWS, timeout_s=timeout)
    received = reads.accusations(graph, accused=actor_id, limit=PAGE_ROWS, timeout_s=timeout)
    drawn, left_out = pages.busiest_part(network.graph, actor_id)
    api_actor = "/actors/" + quote(actor_id, safe=":/")
    return _page(request, "actor.html", profile["name"], [
        ("profile", api_url(api_actor, rollup="true" if rollup else None)),
        ("network", api_url(f"{api_actor}/network")),
        ("network GraphML", api_url(f"{api_actor}/network", format="graphml")),
        ("accusations made", api_url("/accusations", accuser=actor_id)),
        ("accusations received", api_url("/accusations", accused=actor_id)),
        ("accusations made, CSV", api_url("/accusations", accuser=actor_id, format="csv")),
    ], profile=profile, network=pages.network_svg(drawn, actor_id, _node_url), network_truncated=network.truncated,
        network_left_out=left_out, made=made, received=received, with_claims=claims)


def _node_url(node: str, data: dict[str, Any]) -> str:
    return claim_url(data["claim_id"]) if data.get("type") == "claim" else actor_url(node)


@router.get("/explore/claims/{claim_id}", response_class=HTMLResponse)
def claim(request: Request, graph: GraphDep, settings: SettingsDep,
          claim_id: Annotated[str, Path(description="The claim's id.")]) -> HTMLResponse:
    found = reads.claim(graph, claim_id=claim_id, timeout_s=settings.QUERY_TIMEOUT_S)
    sides = [{**s, "side": "asserts"} for s in found["assertions"]] + [{**s, "side": "denies"} for s in found["denials"]]
    # In date order; undated statements after, in article and text order.
    sides.sort(key=lambda s: (s["stated_at"] is None, str(s["stated_at"] or ""), s["article_id"] or "",
                              s.get("claim_start") or 0, s["statement_id"]))
    return _page(request, "claim.html", "Claim", [
        ("claim", api_url(f"/claims/{quote(claim_id, safe='')}")),
    ], claim=found, statements=sides)


@router.get("/explore/contradictions", response_class=HTMLResponse, dependencies=[HeavySlot])
def contradictions(request: Request, graph: GraphDep, settings: SettingsDep,
                   sort: Annotated[str, Query(pattern="^(sides|recent)$")] = "sides",
                   actor: Annotated[str, Query(max_length=200)] = "",
                   offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    chosen = actor.strip() or None
    page = reads.contradictions(graph, sort=sort, actor=chosen, limit=PAGE_ROWS, offset=offset, evidence=3,
                                timeout_s=settings.QUERY_TIMEOUT_S)
    return _page(request, "contradictions.html", "Contradictions", [
        ("contradictions", api_url("/contradictions", sort=sort, actor=chosen, limit=PAGE_ROWS, offset=offset)),
        ("CSV", api_url("/contradictions", sort=sort, actor=chosen, limit=PAGE_ROWS, offset=offset, format="csv")),
    ], page=page, sort=sort, actor=chosen or "")


@router.get("/explore/chains", response_class=HTMLResponse, dependencies=[HeavySlot])
def chains(request: Request, graph: GraphDep, settings: SettingsDep,
           from_: Annotated[str, Query(alias="from", max_length=200)] = "",
           to: Annotated[str, Query(max_length=200)] = "",
           max_hops: Annotated[int, Query(ge=1, le=analytics.CHAIN_MAX_HOPS)] = analytics.CHAIN_DEFAULT_HOPS,
           ) -> HTMLResponse:
    source, target = from_.strip(), to.strip() or None
    found, names = None, {}
    if source:
        found = analytics.contradiction_chains(graph, source=source, target=target, max_hops=max_hops, limit=PAGE_ROWS,
                                               timeout_s=settings.QUERY_TIMEOUT_S)
        # The evidence names its speakers by id: they are actors of the chain.
        names = {actor["id"]: actor["name"] for chain in found.chains for actor in chain["actors"]}
    feeds_from = [("chains", api_url("/chains", **{"from": source, "to": target, "max_hops": max_hops})),
                  ("CSV", api_url("/chains", **{"from": source, "to": target, "max_hops": max_hops, "format": "csv"}))]
    return _page(request, "chains.html", "Contradiction chains", feeds_from if source else [],
                 source=source, target=target or "", max_hops=max_hops, max_hops_limit=analytics.CHAIN_MAX_HOPS,
                 found=found, names=names)


@router.get("/explore/articles/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, graph: GraphDep, settings: SettingsDep,
            article_id: Annotated[str, Path(description="The article's id.")],
            claim: Annotated[str | None, Query(description="A claim whose statements the page points to.")] = None,
            ) -> HTMLResponse:
    found = feeds.article(graph, article_id=article_id, timeout_s=settings.QUERY_TIMEOUT_S)
    spans = pages.statement_spans(found["statements"])
    text = pages.marked_text(found["text"], spans) if found.get("text") else None
    return _page(request, "article.html", found.get("title") or article_id, [
        ("article", api_url(f"/articles/{quote(article_id, safe=':/')}")),
    ], article=found, text=text, spans=len(spans), chosen_claim=claim)


@router.get("/explore/add", response_class=HTMLResponse)
def add_form(request: Request, settings: SettingsDep) -> HTMLResponse:
    return _add_page(request, settings)


@router.post("/explore/add", response_class=HTMLResponse)
def add(request: Request, graph: GraphDep, settings: SettingsDep, background: BackgroundTasks,
        text: Annotated[str, Form()] = "", upload: Annotated[UploadFile | None, File()] = None,
        article_id: Annotated[str, Form()] = "", title: Annotated[str, Form()] = "",
        action: Annotated[str, Form(pattern="^(preview|save)$")] = "preview",
        key: Annotated[str, Form()] = "") -> HTMLResponse:
    """Extract the statements of a pasted text or an uploaded file (text, HTML or a JSON
    article) and show them marked in the text; with ``action=save`` also write them (the write
    key, when set, comes as a form field)."""
    body, content_type = text.encode("utf-8"), "text/plain; charset=utf-8"
    if upload is not None and upload.filename:
        body, content_type = upload.file.read(), upload.content_type or "text/plain"
    form = {"text": text if upload is None or not upload.filename else body.decode("utf-8", "replace"),
            "article_id": article_id, "title": title}
    try:
        article = article_from_upload(body, content_type, article_id=article_id.strip() or None,
                                      max_bytes=settings.MAX_ARTICLE_BYTES)
        if title.strip():
            article = article.model_copy(update={"title": title.strip()})
        prepared = extract_statements(request.app, settings, article)
    except (ArticleInputError, ExtractionFailedError) as e:
        return _add_page(request, settings, form=form, error=str(e), status=400)
    written = None
    if action == "save":
        if not write_key_matches(settings, key):
            return _add_page(request, settings, form=form, error="the write key is missing or wrong", status=401)
        try:
            report = write_article(graph, settings, prepared)
        except (HTTPException, ClaimgraphError) as e:
            return _add_page(request, settings, form=form, error=str(getattr(e, "detail", e)), status=400)
        written = written_counts(report)
        if any(counts["new"] for counts in written.values()):
            background.add_task(keep_analytics, graph)
    rows = [_statement_row(s) for s in prepared.statements]
    marked = pages.marked_text(article.text or "", pages.statement_spans(rows))
    return _add_page(request, settings, form={**form, "article_id": article.id}, article=article, statements=rows,
                     marked=marked, written=written)


def _add_page(request: Request, settings: SettingsDep, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("form", {"text": "", "article_id": "", "title": ""})
    response = _page(request, "add.html", "Add an article", [("POST /articles", "/docs#/articles/post_article_articles_post")],
                     needs_key=settings.WRITE_API_KEY is not None, **context)
    response.status_code = status
    return response


def _statement_row(statement: Statement) -> dict[str, Any]:
    """A prepared statement in the shape of the graph's article rows (``feeds.article``)."""
    def bounds(span: Any, part: str) -> dict[str, Any]:
        return {f"{part}_start": span.start if span else None, f"{part}_end": span.end if span else None}

    return {"statement_id": statement.statement_id, "relation": statement.relation,
            "speaker_id": statement.speaker.actor_id, "speaker_name": statement.speaker.name,
            "claim_id": statement.claim.claim_id, "claim_text": statement.claim.text,
            "cue": statement.cue.text if statement.cue else None,
            **bounds(statement.speaker, "speaker"), **bounds(statement.cue, "cue"), **bounds(statement.claim, "claim")}


@router.get("/explore/queries", response_class=HTMLResponse)
def queries(request: Request, settings: SettingsDep) -> HTMLResponse:
    catalogue = sorted(named_queries(settings.QUERIES_DIR).values(), key=lambda q: q.name)
    return _page(request, "queries.html", "Named queries", [("queries", "/queries")], queries=catalogue)


# Rows a query's page shows; its CSV link gives them all (up to CLAIMGRAPH_MAX_ROWS).
QUERY_PAGE_ROWS = 100


@router.get("/explore/queries/{name}", response_class=HTMLResponse, dependencies=[HeavySlot])
def query(request: Request, graph: GraphDep, settings: SettingsDep,
          name: Annotated[str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$", max_length=200)]) -> HTMLResponse:
    """A named query as a form from its declared parameters; with ``run`` in the query string,
    its result as a table, linked to the same result as JSON and CSV."""
    named = named_queries(settings.QUERIES_DIR).get(name)
    if named is None:
        raise NotFoundError(f"no named query is called {name!r}")
    # An empty field is a parameter left out (null for an optional one).
    filled = [(k, v) for k, v in request.query_params.multi_items() if k != "run" and v != ""]
    given = dict(filled)
    result, error = None, None
    if "run" in request.query_params:
        values: dict[str, list[str]] = {}
        for key, value in filled:
            values.setdefault(key, []).append(value)
        try:
            result = run_named_query(graph, name, values, from_text=True, user_folder=settings.QUERIES_DIR,
                                     timeout_s=settings.QUERY_TIMEOUT_S, max_rows=settings.MAX_ROWS)
        except InvalidParametersError as e:
            error = str(e)
    json_url = f"/queries/{name}" + (f"?{urlencode(filled)}" if filled else "")
    csv_url = f"/queries/{name}?{urlencode([*filled, ('format', 'csv')])}"
    rows = [{c: _cell(row.get(c)) for c in result.columns} for row in result.rows[:QUERY_PAGE_ROWS]] if result else []
    response = _page(request, "query.html", name, [("JSON", json_url), ("CSV", csv_url)],
                     query=named, given=given, result=result, rows=rows, error=error, csv_url=csv_url,
                     shown=QUERY_PAGE_ROWS)
    if error:
        response.status_code = 400
    return response


@router.get("/explore/cypher", response_class=HTMLResponse)
def cypher_form(request: Request, settings: SettingsDep) -> HTMLResponse:
    return _cypher_page(request, settings)


@router.post("/explore/cypher", response_model=None, dependencies=[HeavySlot])
def cypher(request: Request, graph: GraphDep, settings: SettingsDep,
           query: Annotated[str, Form(max_length=MAX_QUERY_CHARS)] = "", key: Annotated[str, Form()] = "",
           format: Annotated[str, Form(pattern="^(html|csv)$")] = "html") -> Response:
    """Ad hoc read-only Cypher, as ``POST /cypher`` runs it (same checks, time limit and row
    cap), with the cypher key as a form field; the result as a table, or as CSV."""
    try:
        require_cypher_key(settings, key or None)
        result = run_adhoc(graph, query, {}, timeout_s=settings.QUERY_TIMEOUT_S, max_rows=settings.MAX_ROWS)
    except HTTPException as e:
        return _cypher_page(request, settings, query=query, error=str(e.detail), status=e.status_code)
    except (CypherDisabledError, WriteRefusedError) as e:
        return _cypher_page(request, settings, query=query, error=str(e), status=403)
    except ClaimgraphError as e:
        return _cypher_page(request, settings, query=query, error=str(e), status=400)
    if format == "csv":
        return render_csv(result.columns, result.rows, "cypher")
    rows = [{c: _cell(row.get(c)) for c in result.columns} for row in result.rows[:QUERY_PAGE_ROWS]]
    return _cypher_page(request, settings, query=query, result=result, rows=rows)


def _cypher_page(request: Request, settings: SettingsDep, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("query", "")
    response = _page(request, "cypher.html", "Cypher", [("POST /cypher", "/docs#/queries/post_cypher_cypher_post")],
                     enabled=settings.CYPHER_API_KEY is not None or settings.ALLOW_OPEN_CYPHER,
                     needs_key=settings.CYPHER_API_KEY is not None, shown=QUERY_PAGE_ROWS, **context)
    response.status_code = status
    return response


def _cell(value: Any) -> str:
    """A result value as table text: nodes, maps and lists as JSON."""
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(jsonable_encoder(value), ensure_ascii=False)
    return str(value)


def not_found_page(request: Request, error: NotFoundError) -> HTMLResponse:
    """A 404 the explorer shows as a page, not as problem+json."""
    response = _page(request, "not_found.html", "Not found", [], message=str(error))
    response.status_code = 404
    return response
