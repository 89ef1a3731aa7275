"""Named and ad hoc queries: ``GET /queries``, ``GET|POST /queries/{name}``, ``POST /cypher``.

Both run through the executor every API read shares (``graph/executor.py``): a READ session,
a transaction that is always rolled back, the time limit (``CLAIMGRAPH_QUERY_TIMEOUT_S``) and
the row cap (``CLAIMGRAPH_MAX_ROWS``, with ``truncated``). Ad hoc Cypher is first checked
read-only (``graph/adhoc.py``) and, on Neo4j, EXPLAINed.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field

from claimgraph.api.deps import GraphDep, HeavySlot, SettingsDep, require_cypher_key
from claimgraph.api.render import Format, render_csv
from claimgraph.graph.cypher import named_queries
from claimgraph.graph.executor import ReadResult, run_adhoc, run_named

router = APIRouter(tags=["queries"])

MAX_QUERY_CHARS = 100_000

_NODE_EXAMPLE = {"element_id": "#1:0", "labels": ["Actor"],
                 "properties": {"id": "country:tur", "name": "Turkey", "kind": "country"}}
_RESULT_EXAMPLE = {
    "columns": ["speaker", "r", "claim"],
    "rows": [{
        "speaker": _NODE_EXAMPLE,
        "r": {"element_id": "#9:3", "type": "DENIES", "start": "#1:0", "end": "#4:2",
              "properties": {"statement_id": "seed-nk-mercenaries/D1", "confidence": 1.0}},
        "claim": {"element_id": "#4:2", "labels": ["Claim"], "properties": {"id": "cl-01c819a5033643ae2b73"}},
    }],
    "truncated": False,
    "max_rows": 1000,
    "elapsed_ms": 4.2,
}
# The same rows as CSV (format=csv): nodes and relationships flattened to key=value;... cells.
_RESULT_CSV_EXAMPLE = (
    "speaker,r,claim\r\n"
    "element_id=#1:0;labels=Actor;properties=id=country:tur;name=Turkey;kind=country,"
    "element_id=#9:3;type=DENIES;start=#1:0;end=#4:2;properties=statement_id=seed-nk-mercenaries/D1;confidence=1.0,"
    "element_id=#4:2;labels=Claim;properties=id=cl-01c819a5033643ae2b73\r\n"
)
_NAMED_RESULT_CONTENT = {
    "application/json": {"example": {"columns": ["id", "name"], "rows": [{"id": "country:tur", "name": "Turkey"}],
                                     "truncated": False, "max_rows": 1000, "elapsed_ms": 2.0}},
    "text/csv": {"example": "id,name\r\ncountry:tur,Turkey\r\n"},
}
_ERRORS = {
    400: {"description": "A syntax error (the engine's message), a query the engine refused, or bad "
                         "parameters (problem+json)."},
    503: {"description": "The graph database does not answer (problem+json)."},
    504: {"description": "The query ran longer than CLAIMGRAPH_QUERY_TIMEOUT_S (problem+json naming the setting)."},
}


class CypherRequest(BaseModel):
    """An ad hoc read."""

    query: str = Field(min_length=1, max_length=MAX_QUERY_CHARS, description="One read-only Cypher statement.")
    parameters: dict[str, Any] = Field(default_factory=dict, description="Values for the query's $parameters.")


class NamedRequest(BaseModel):
    """The parameters of a named query, as JSON."""

    parameters: dict[str, Any] = Field(default_factory=dict,
                                       description="Values for the query's declared parameters (GET /queries lists them).")


def render_result(result: ReadResult, format: Format, filename: str, max_rows: int) -> JSONResponse | StreamingResponse:
    """JSON ``{columns, rows, truncated, max_rows, elapsed_ms}``, or CSV with ``X-Truncated``."""
    if format is Format.csv:
        response = render_csv(result.columns, result.rows, filename)
        response.headers["X-Truncated"] = "true" if result.truncated else "false"
        return response
    return JSONResponse(jsonable_encoder({
        "columns": result.columns,
        "rows": result.rows,
        "truncated": result.truncated,
        "max_rows": max_rows,
        "elapsed_ms": result.elapsed_ms,
    }))


# -- POST /cypher ----------------------------------------------------------------------------------


@router.post(
    "/cypher",
    response_model=None,
    summary="Run an ad hoc read-only Cypher query",
    description=(
        "Runs one Cypher statement that only reads. Read-only is enforced by the service in layers: "
        "a check before running refuses write clauses (CREATE, MERGE, SET, DELETE, REMOVE, FOREACH, "
        "LOAD CSV, IN TRANSACTIONS), schema and admin commands, procedures other than `db.labels`, "
        "`db.relationshipTypes`, `db.propertyKeys` and `db.schema.*`, several statements and "
        "invisible characters (**403**); on Neo4j, EXPLAIN must call the plan read-only; the query "
        "then runs in a READ session, inside a transaction that is always rolled back, under "
        "`CLAIMGRAPH_QUERY_TIMEOUT_S` (**504** past it) and returns at most `CLAIMGRAPH_MAX_ROWS` "
        "rows (`truncated` says whether there were more).\n\n"
        "Nodes come back as `{element_id, labels, properties}`, relationships as `{element_id, type, "
        "start, end, properties}`, paths as the list `[node, relationship, node, ...]`.\n\n"
        "Needs `X-API-Key` = `CLAIMGRAPH_CYPHER_API_KEY`; without that setting /cypher is switched "
        "off (403) unless `CLAIMGRAPH_ALLOW_OPEN_CYPHER=true`."
    ),
    dependencies=[Depends(require_cypher_key), HeavySlot],
    responses={
        200: {"description": "The rows.", "content": {"application/json": {"example": _RESULT_EXAMPLE},
                                                      "text/csv": {"example": _RESULT_CSV_EXAMPLE}}},
        **_ERRORS,
        401: {"description": "CLAIMGRAPH_CYPHER_API_KEY is set and X-API-Key is missing or wrong (problem+json)."},
        403: {"description": "The query is refused as not read-only (`write-refused`, with the `rule` it broke), "
                             "or ad hoc Cypher is switched off (`cypher-disabled`) (problem+json)."},
    },
)
def post_cypher(
    graph: GraphDep,
    settings: SettingsDep,
    body: Annotated[CypherRequest, Body(openapi_examples={
        "denials": {"summary": "Who denied what",
                    "value": {"query": "MATCH (speaker:Actor)-[r:DENIES]->(claim:Claim) "
                                       "RETURN speaker, r, claim LIMIT $n", "parameters": {"n": 5}}},
        "paths": {"summary": "Paths from an actor",
                  "value": {"query": "MATCH p = (:Actor {id: $id})-[*1..2]-() RETURN p LIMIT 10",
                            "parameters": {"id": "country:tur"}}},
        "labels": {"summary": "An allowed procedure", "value": {"query": "CALL db.labels()"}},
    })],
    format: Annotated[Format, Query(description="json or csv.")] = Format.json,
) -> JSONResponse | StreamingResponse:
    result = run_adhoc(graph, body.query, body.parameters, timeout_s=settings.QUERY_TIMEOUT_S,
                       max_rows=settings.MAX_ROWS)
    return render_result(result, format, "cypher", settings.MAX_ROWS)


# -- /queries --------------------------------------------------------------------------------------


@router.get(
    "/queries",
    summary="The named queries",
    description=(
        "Every named query: the `.cypher` files of `cypher/read/` (`builtin`) and of the folder "
        "`CLAIMGRAPH_QUERIES_DIR` (`user`), with what each does and its declared parameters and "
        "types (from the file's header). Run one with `GET` or `POST /queries/{name}`."
    ),
    responses={200: {"description": "The catalogue, sorted by name.", "content": {"application/json": {"example": {
        "total": 1,
        "queries": [{"name": "actors_by_key", "source": "builtin",
                     "description": "Actors known by a key: their id, or their name or an alias in any letter case.",
                     "parameters": [{"name": "key", "type": "string", "optional": False, "description": ""}],
                     "path": "/queries/actors_by_key"}],
    }}}}},
)
def list_queries(settings: SettingsDep) -> dict[str, Any]:
    queries = [
        {"name": named.name, "source": named.source, "description": named.query.description,
         "parameters": [{"name": p.name, "type": p.type, "optional": p.optional, "description": p.doc}
                        for p in named.query.params.values()],
         "path": f"/queries/{named.name}"}
        for named in named_queries(settings.QUERIES_DIR).values()
    ]
    return {"total": len(queries), "queries": queries}


_NAME_PATH = Path(description="The query's name (GET /queries lists them).", examples=["actors_by_key"],
                  pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$", max_length=200)
_NAMED_DESCRIPTION = (
    "Runs a named query with its parameters, checked against the types its file declares "
    "(`string`, `int`, `float`, `bool`, `datetime` as a date or ISO 8601 time, `list`, `map`, "
    "`list[string]`, `list[map]`; a `?` type may be null). Same executor and limits as /cypher: "
    "READ session, rolled-back transaction, `CLAIMGRAPH_QUERY_TIMEOUT_S`, at most "
    "`CLAIMGRAPH_MAX_ROWS` rows with `truncated`."
)


@router.get(
    "/queries/{name}",
    dependencies=[HeavySlot],
    response_model=None,
    summary="Run a named query (parameters in the query string)",
    description=_NAMED_DESCRIPTION + (
        "\n\nParameters go in the query string: `?key=Turkey`; a list parameter is repeated "
        "(`?actor_ids=a&actor_ids=b`) or given as JSON (`[...]`), a map as JSON. `format` is "
        "reserved for the output format."
    ),
    responses={200: {"description": "The rows.", "content": _NAMED_RESULT_CONTENT},
        404: {"description": "No query has that name (problem+json)."}, **_ERRORS},
)
def get_named_query(
    request: Request,
    graph: GraphDep,
    settings: SettingsDep,
    name: Annotated[str, _NAME_PATH],
    format: Annotated[Format, Query(description="json or csv.")] = Format.json,
) -> JSONResponse | StreamingResponse:
    values: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        if key != "format":
            values.setdefault(key, []).append(value)
    result = run_named(graph, name, values, from_text=True, user_folder=settings.QUERIES_DIR,
                       timeout_s=settings.QUERY_TIMEOUT_S, max_rows=settings.MAX_ROWS)
    return render_result(result, format, name, settings.MAX_ROWS)


@router.post(
    "/queries/{name}",
    dependencies=[HeavySlot],
    response_model=None,
    summary="Run a named query (parameters as JSON)",
    description=_NAMED_DESCRIPTION + "\n\nThe body is `{\"parameters\": {...}}` with JSON values.",
    responses={200: {"description": "The rows.", "content": _NAMED_RESULT_CONTENT},
        404: {"description": "No query has that name (problem+json)."}, **_ERRORS},
)
def post_named_query(
    graph: GraphDep,
    settings: SettingsDep,
    name: Annotated[str, _NAME_PATH],
    body: Annotated[NamedRequest, Body(openapi_examples={
        "by key": {"summary": "Actors known as Turkey", "value": {"parameters": {"key": "Turkey"}}},
    })] = NamedRequest(),
    format: Annotated[Format, Query(description="json or csv.")] = Format.json,
) -> JSONResponse | StreamingResponse:
    result = run_named(graph, name, body.parameters, user_folder=settings.QUERIES_DIR,
                       timeout_s=settings.QUERY_TIMEOUT_S, max_rows=settings.MAX_ROWS)
    return render_result(result, format, name, settings.MAX_ROWS)
