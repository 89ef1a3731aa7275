"""GET /timeline, /stats, /articles and /articles/{id}, checked against counts made here with
plain Cypher and against the article texts."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date, timedelta

from fastapi.testclient import TestClient

from conftest import cypher

from claimgraph.graph.engine import Graph

RELATIONS = ("ACCUSES", "DENIES", "REPORTS", "SUPPORTS")
SEED = "seed-nk-mercenaries"


def dated_statements(graph: Graph) -> list[dict]:
    """Each dated statement once: id, relation, speaker, UTC day."""
    rows = cypher(graph, """
        MATCH (s:Actor)-[r]->(:Claim)
        WHERE type(r) IN ['ACCUSES', 'DENIES', 'REPORTS', 'SUPPORTS'] AND r.stated_at IS NOT NULL
        RETURN DISTINCT r.statement_id AS id, type(r) AS relation, s.id AS speaker, toString(r.stated_at) AS stated_at""")
    for row in rows:
        row["day"] = date.fromisoformat(row["stated_at"][:10])
    assert all(row["stated_at"].endswith(("Z", "+00:00")) for row in rows), "the sample's times are UTC"
    return rows


def timeline_rows(client: TestClient, **params: object) -> list[dict]:
    response = client.get("/timeline", params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["rows"]) and body["columns"] == ["period", *RELATIONS, "statements"]
    return body["rows"]


def test_api_timeline_counts_add_up_to_the_statements(client: TestClient, seeded_graph: Graph) -> None:
    statements = dated_statements(seeded_graph)
    assert len(statements) > 20
    by_relation = Counter(s["relation"] for s in statements)
    by_day = Counter(s["day"] for s in statements)
    for interval in ("day", "week", "month"):
        rows = timeline_rows(client, interval=interval)
        assert sum(r["statements"] for r in rows) == len(statements)
        assert {rel: sum(r[rel] for r in rows) for rel in RELATIONS} == {rel: by_relation[rel] for rel in RELATIONS}
        for row in rows:
            assert row["statements"] == sum(row[rel] for rel in RELATIONS) > 0
        periods = [date.fromisoformat(r["period"]) for r in rows]
        assert periods == sorted(set(periods))
        if interval == "day":
            assert {p: r["statements"] for p, r in zip(periods, rows)} == dict(by_day)
        elif interval == "week":
            assert all(p.weekday() == 0 for p in periods)
            expected = Counter(d - timedelta(days=d.weekday()) for d in (s["day"] for s in statements))
            assert {p: r["statements"] for p, r in zip(periods, rows)} == dict(expected)
        else:
            assert all(p.day == 1 for p in periods)
            expected = Counter(s["day"].replace(day=1) for s in statements)
            assert {p: r["statements"] for p, r in zip(periods, rows)} == dict(expected)


def test_api_timeline_filters(client: TestClient, seeded_graph: Graph) -> None:
    statements = dated_statements(seeded_graph)
    denials = timeline_rows(client, relation="DENIES", interval="month")
    assert sum(r["DENIES"] for r in denials) == sum(s["relation"] == "DENIES" for s in statements) > 0
    assert all(r["ACCUSES"] == r["REPORTS"] == r["SUPPORTS"] == 0 for r in denials)

    speaker, count = Counter(s["speaker"] for s in statements).most_common(1)[0]
    assert count >= 2
    mine = timeline_rows(client, actor=speaker)
    assert sum(r["statements"] for r in mine) == count

    days = sorted({s["day"] for s in statements})
    since, until = days[1], days[-2]
    inside = [s for s in statements if since <= s["day"] <= until]
    rows = timeline_rows(client, since=since.isoformat(), until=until.isoformat())
    assert sum(r["statements"] for r in rows) == len(inside)
    assert all(since.isoformat() <= r["period"] <= until.isoformat() for r in rows)

    # The whole calendar (a date until includes its day: 9999-12-31 has no day after it).
    assert timeline_rows(client, since="0001-01-01", until="9999-12-31") == timeline_rows(client)

    unknown = client.get("/timeline", params={"actor": "Atlantis"})
    assert unknown.status_code == 404 and unknown.headers["content-type"] == "application/problem+json"
    for bad in ({"interval": "year"}, {"relation": "PRAISES"}, {"since": "last week"}, {"limit": 501}):
        response = client.get("/timeline", params=bad)
        assert response.status_code == 400, bad
        assert response.headers["content-type"] == "application/problem+json"


def test_api_timeline_csv_for_dashboards(client: TestClient) -> None:
    as_json = timeline_rows(client, interval="week")
    response = client.get("/timeline", params={"interval": "week", "format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == ["period", *RELATIONS, "statements"]
    assert [(r["period"], int(r["statements"])) for r in rows] == [(r["period"], r["statements"]) for r in as_json]
    assert response.headers["X-Total-Count"] == str(len(as_json))
    # Paging the periods.
    first = client.get("/timeline", params={"limit": 2}).json()
    assert first["next_offset"] == 2 and len(first["rows"]) == 2


def test_api_stats_against_cypher_counts(corpus_client: TestClient, corpus_graph: Graph) -> None:
    response = corpus_client.get("/stats", params={"top": 100})
    assert response.status_code == 200, response.text
    body = response.json()
    totals = body["totals"]
    per_relation = {r["relation"]: r["n"] for r in cypher(corpus_graph, """
        MATCH (:Actor)-[r]->(:Claim) WHERE type(r) IN ['ACCUSES', 'DENIES', 'REPORTS', 'SUPPORTS']
        RETURN type(r) AS relation, count(DISTINCT r.statement_id) AS n""")}
    assert totals["statements_by_relation"] == {r: per_relation.get(r, 0) for r in RELATIONS}
    assert totals["statements"] == sum(per_relation.values())
    assert totals["actors"] == cypher(corpus_graph, "MATCH (a:Actor) RETURN count(a) AS n")[0]["n"]
    assert totals["articles"] == 7 and totals["dated_statements"] == 0
    assert totals["statement_edges"] > totals["statements"], "a denial of three claims is three edges"

    # Top accused, counted here from the statements' own target ids (the API reads ABOUT).
    accused = cypher(corpus_graph, """
        MATCH (a:Actor)-[r:ACCUSES]->(:Claim)
        UNWIND r.target_ids AS target
        WITH a.id AS accuser, target, r.statement_id AS statement
        WHERE accuser <> target
        RETURN target AS id, count(DISTINCT statement) AS accusations, count(DISTINCT accuser) AS accusers""")
    expected = sorted(accused, key=lambda r: (-r["accusations"], r["id"]))
    assert [(r["id"], r["accusations"], r["accusers"]) for r in body["top_accused"]] == [
        (r["id"], r["accusations"], r["accusers"]) for r in expected]
    # Armenia, accused by Azerbaijan (G2), its foreign ministry (G7, G8, G9) and its defense
    # ministry (G16).
    assert body["top_accused"][0] == {"id": "country:arm", "name": "Armenia", "kind": "country", "accusations": 5, "accusers": 3}

    accusers = cypher(corpus_graph, """
        MATCH (a:Actor)-[r:ACCUSES]->(:Claim) RETURN a.id AS id, count(DISTINCT r.statement_id) AS accusations""")
    assert [(r["id"], r["accusations"]) for r in body["top_accusers"]] == [
        (r["id"], r["accusations"]) for r in sorted(accusers, key=lambda r: (-r["accusations"], r["id"]))]

    contested = body["most_contested_claims"]
    # The seed's three claims against Turkey, each denied by Turkey, Azerbaijan and its Defense
    # Ministry, come first (four actors each).
    top = contested[:3]
    assert {c["claim_text"] for c in top} == {
        "Turkey had sent about 300 mercenaries from Syria to Nagorno-Karabakh",
        "more than 300 Turkish-backed fighters, most of them from the ‘Sultan Murad’ and ‘Al-Emshad’ factions, had moved from Afrin to Nagorno-Karabakh",
        "supporting Azerbaijan with warplanes, helicopters, drones, soldiers and mercenaries",
    }
    for claim in top:
        assert claim["actors"] == 4 and claim["deniers"] == ["country:aze", "country:aze/defense-ministry", "country:tur"]
    for claim in contested:
        assert set(claim["asserters"]) - set(claim["deniers"]) or set(claim["deniers"]) - set(claim["asserters"])
        assert claim["actors"] == len(claim["asserters"]) + len(claim["deniers"])
    assert [c["actors"] for c in contested] == sorted((c["actors"] for c in contested), reverse=True)

    assert len(corpus_client.get("/stats", params={"top": 1}).json()["top_accused"]) == 1
    assert corpus_client.get("/stats", params={"top": 0}).status_code == 400


def test_api_articles_list_filters_and_pages(client: TestClient, seeded_graph: Graph) -> None:
    articles = cypher(seeded_graph, """
        MATCH (a:Article) RETURN a.id AS id, a.source AS source, toString(a.published_at) AS published_at""")
    body = client.get("/articles", params={"limit": 500}).json()
    assert body["total"] == len(articles) == len(body["rows"])
    rows = body["rows"]
    dated = [r for r in rows if r["published_at"]]
    assert [r["published_at"] for r in dated] == sorted((r["published_at"] for r in dated), reverse=True)
    assert rows[len(dated):] == sorted(rows[len(dated):], key=lambda r: r["id"]), "undated last, by id"

    seen, offset = [], 0
    while offset is not None:
        page = client.get("/articles", params={"limit": 7, "offset": offset}).json()
        assert page["total"] == len(articles)
        seen.extend(page["rows"])
        offset = page["next_offset"]
    assert seen == rows

    source = Counter(a["source"] for a in articles if a["source"]).most_common(1)[0][0]
    by_source = client.get("/articles", params={"source": source.upper()}).json()
    assert by_source["total"] == sum(a["source"] == source for a in articles)
    assert {r["source"] for r in by_source["rows"]} == {source}

    days = sorted({a["published_at"][:10] for a in articles if a["published_at"]})
    day = days[len(days) // 2]
    since = client.get("/articles", params={"since": day, "limit": 500}).json()
    until = client.get("/articles", params={"until": day, "limit": 500}).json()
    assert {r["id"] for r in since["rows"]} == {a["id"] for a in articles if a["published_at"] and a["published_at"][:10] >= day}
    assert {r["id"] for r in until["rows"]} == {a["id"] for a in articles if a["published_at"] and a["published_at"][:10] <= day}

    titled = cypher(seeded_graph, "MATCH (a:Article) RETURN a.id AS id, coalesce(a.title, '') AS title")
    for text in ("MERCENARIES", "gdelt-url", "Terrorist"):  # in an id and a title, in ids, in a title only
        matching = client.get("/articles", params={"q": text, "limit": 500}).json()
        expected = {a["id"] for a in titled if text.lower() in a["id"].lower() or text.lower() in a["title"].lower()}
        assert expected and {r["id"] for r in matching["rows"]} == expected and matching["total"] == len(expected), text

    response = client.get("/articles", params={"limit": 500, "format": "csv"})
    assert response.status_code == 200 and response.headers["X-Total-Count"] == str(len(articles))
    assert [r["id"] for r in csv.DictReader(io.StringIO(response.text))] == [r["id"] for r in rows]


def test_api_articles_statement_counts_and_offsets(corpus_client: TestClient, corpus_graph: Graph) -> None:
    rows = corpus_client.get("/articles", params={"limit": 500}).json()["rows"]
    assert {r["id"] for r in rows} > {SEED}
    checked = 0
    for row in rows:
        response = corpus_client.get(f"/articles/{row['id']}")
        assert response.status_code == 200, response.text
        article = response.json()
        text, statements = article["text"], article["statements"]
        assert text and article["id"] == row["id"]
        by_relation = {rel: len({s["statement_id"] for s in statements if s["relation"] == rel}) for rel in RELATIONS}
        assert row["statements"] == len({s["statement_id"] for s in statements}) == sum(by_relation.values())
        assert [row[rel.lower()] for rel in RELATIONS] == [by_relation[rel] for rel in RELATIONS]
        for s in statements:
            assert text[s["claim_start"]:s["claim_end"]] == s["claim_text"]
            assert text[s["cue_start"]:s["cue_end"]] == s["cue"]
            if s["speaker_start"] is not None:
                assert s["speaker_end"] > s["speaker_start"]
            if s["sentence"] is not None:
                assert s["sentence"] in text
            checked += 1
    assert checked > 50

    seed = corpus_client.get(f"/articles/{SEED}").json()
    g13 = [s for s in seed["statements"] if s["statement_id"] == f"{SEED}/G13"]
    assert len(g13) == 3, "Turkey's denial is one row per claim it denies"
    assert {s["speaker_id"] for s in g13} == {"country:tur"}
    assert seed["text"][g13[0]["speaker_start"]:g13[0]["speaker_end"]] == "Turkey"

    missing = corpus_client.get("/articles/no-such-article")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
    assert missing.json()["instance"] == "/articles/no-such-article"
