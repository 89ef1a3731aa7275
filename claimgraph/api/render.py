"""Renderers: the same rows as JSON or as CSV, chosen by the ``format`` parameter.

JSON keeps types (numbers, lists, ISO 8601 times); CSV is streamed with a header row, times in
ISO 8601, lists joined with ``|`` and nulls left empty, so a spreadsheet or a dashboard reads it
as it is.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from enum import Enum
from typing import Any

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, StreamingResponse

from claimgraph.graph.reads import Page


class Format(str, Enum):
    json = "json"
    csv = "csv"


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, list):
        return "|".join(str(_csv_cell(v)) for v in value)
    if isinstance(value, dict):
        return ";".join(f"{k}={_csv_cell(v)}" for k, v in value.items())
    return value


def _csv_lines(columns: list[str], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(row.get(column)) for column in columns])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
    # A header-only CSV still needs its header line.
    if buffer.getvalue():
        yield buffer.getvalue()


def render_csv(columns: list[str], rows: Iterable[dict[str, Any]], filename: str) -> StreamingResponse:
    return StreamingResponse(
        _csv_lines(columns, rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'},
    )


def render_page(page: Page, format: Format, filename: str) -> JSONResponse | StreamingResponse:
    """A page of rows: JSON ``{columns, rows, total, limit, offset, next_offset}``, or CSV with
    the paging in ``X-Next-Offset`` (absent on the last page) and ``X-Total-Count``."""
    if format is Format.csv:
        response = render_csv(page.columns, page.rows, filename)
        if page.next_offset is not None:
            response.headers["X-Next-Offset"] = str(page.next_offset)
        if page.total is not None:
            response.headers["X-Total-Count"] = str(page.total)
        return response
    return JSONResponse(jsonable_encoder({
        "columns": page.columns,
        "rows": page.rows,
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
        "next_offset": page.next_offset,
    }))
