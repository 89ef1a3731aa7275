"""Query parameters every route reads the same way: times, page sizes and offsets."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

from claimgraph.graph.errors import InvalidParametersError
from claimgraph.graph.settings import Settings


def parse_time(name: str, value: str | None) -> date | datetime | None:
    """A query parameter holding a date (2020-10-01) or an ISO 8601 time (2020-10-01T08:00:00Z)."""
    if value is None:
        return None
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidParametersError(f"{name}: expected a date (2020-10-01) or an ISO 8601 time, got {value!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


# Past any real answer, and within ArcadeDB's SKIP, a 32-bit integer (a larger one wraps around
# to a negative number and the engine refuses the query).
MAX_OFFSET = 10**9


def check_limit(limit: int, settings: Settings) -> None:
    """Refuse a page larger than ``CLAIMGRAPH_MAX_PAGE_SIZE`` (400, problem+json)."""
    if limit > settings.MAX_PAGE_SIZE:
        raise InvalidParametersError(f"limit: at most {settings.MAX_PAGE_SIZE} rows a page (CLAIMGRAPH_MAX_PAGE_SIZE); page with offset")
