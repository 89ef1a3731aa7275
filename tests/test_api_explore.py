"""The explorer's pages (api/routes/explore.py, api/pages.py) over the seed and the GDELT
sample, as HTML, without a browser; tests/test_explore_browser.py drives them in Chromium."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from fastapi.testclient import TestClient

from claimgraph.api import pages
from claimgraph.api.main import create_app
from claimgraph.graph.settings import Settings

SOHR = "syrian-observatory-for-human-rights"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.marks: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
        if tag == "mark":
            self.marks.append(values)


def parsed(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def test_explore_root_redirects_and_overview_shows_totals_and_links(client: TestClient) -> None:
    root = client.get("/", follow_redirects=False)
    assert root.status_code == 307 and root.headers["location"] == "/explore"
    page = client.get("/explore")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    stats = client.get("/stats").json()
    html = page.text
    assert f"<dd>{stats['totals']['statements']}</dd>" in html
    links = parsed(html).links
    # Its feeds, the top actors and the most contested claims are links.
    assert "/stats" in links and "/timeline?interval=month" in links
    assert f"/explore/actors/{stats['top_accusers'][0]['id']}" in links
    assert f"/explore/claims/{stats['most_contested_claims'][0]['claim_id']}" in links
    assert '<svg class="timeline"' in html


def test_explore_search_finds_actors_claims_and_articles(client: TestClient) -> None:
    html = client.get("/explore/search", params={"q": "turk"}).text
    links = parsed(html).links
    assert "/explore/actors/country:tur" in links
    assert any(link.startswith("/explore/claims/") for link in links)
    articles = parsed(client.get("/explore/search", params={"q": "mercenaries"}).text).links
    assert "/explore/articles/seed-nk-mercenaries" in articles


def test_explore_actor_page_has_its_network_and_accusations(client: TestClient) -> None:
    page = client.get(f"/explore/actors/{SOHR}")
    assert page.status_code == 200
    html = page.text
    links = parsed(html).links
    assert '<svg class="network"' in html and 'data-actor="country:tur"' in html
    assert "/explore/actors/country:tur" in links  # its network and its accusations lead on
    network = client.get(f"/actors/{SOHR}/network").json()
    assert {n["id"] for n in network["nodes"]} == set(re.findall(r'data-actor="([^"]+)"', html))
    assert f"/accusations?accuser={SOHR}" in links


def test_explore_claim_page_lists_both_sides_and_links_the_article(client: TestClient) -> None:
    claim_id = client.get("/stats").json()["most_contested_claims"][0]["claim_id"]
    claim = client.get(f"/claims/{claim_id}").json()
    html = client.get(f"/explore/claims/{claim_id}").text
    shown = re.findall(r'data-statement="([^"]+)"', html)
    assert sorted(shown) == sorted(s["statement_id"] for s in claim["assertions"] + claim["denials"])
    assert 'class="statement side-denies"' in html and 'class="statement side-asserts"' in html
    assert any(link.startswith("/explore/articles/seed-nk-mercenaries?claim=") for link in parsed(html).links)


def test_explore_article_marks_every_span_of_its_statements(client: TestClient) -> None:
    article = client.get("/articles/seed-nk-mercenaries").json()
    html = client.get("/explore/articles/seed-nk-mercenaries").text
    marks = parsed(html).marks
    marked: dict[str, set[str]] = {}
    for mark in marks:
        for statement_id in mark["data-statements"].split():
            marked.setdefault(statement_id, set()).update(c for c in mark["class"].split() if c.startswith("part-"))
    for row in article["statements"]:
        expected = {f"part-{p}" for p in pages.PARTS if row[f"{p}_start"] is not None}
        assert expected <= marked[row["statement_id"]], row["statement_id"]
    # The marks keep the text: stripped of them, the page holds it whole (HTML-escaped).
    text = re.search(r'<div class="article-text">(.*?)</div>', html, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", text) == pages.escape(article["text"])


def test_explore_unknown_ids_are_404_pages(client: TestClient) -> None:
    for path in ("/explore/actors/nobody", "/explore/claims/cl-none", "/explore/articles/none"):
        page = client.get(path)
        assert page.status_code == 404 and page.headers["content-type"].startswith("text/html"), path
        assert "Back to the overview" in page.text


def test_pages_a_large_network_is_drawn_by_its_busiest_nodes() -> None:
    import networkx as nx
    network = nx.DiGraph()
    for i in range(60):  # actor-00 has 60 statements with the ego, actor-59 one
        network.add_edge("ego", f"actor-{i:02}", statements=60 - i)
    network.add_edge("actor-58", "actor-59", statements=500)  # busy between themselves
    drawn, left_out = pages.busiest_part(network, "ego", max_nodes=10)
    assert left_out == 51 and "ego" in drawn
    assert set(drawn) == {"ego", "actor-58", "actor-59", *(f"actor-{i:02}" for i in range(7))}
    assert drawn.edges["actor-58", "actor-59"]["statements"] == 500
    small, none_out = pages.busiest_part(drawn, "ego", max_nodes=10)
    assert small is drawn and none_out == 0


def test_pages_marked_text_cuts_overlapping_spans() -> None:
    spans = [pages.Span(0, 6, "speaker", "DENIES", "s2"), pages.Span(0, 11, "claim", "ACCUSES", "s1"),
             pages.Span(7, 11, "cue", "DENIES", "s2")]
    html = str(pages.marked_text("Russia <b> said", spans))
    assert html.startswith('<mark class="part-claim part-speaker rel-accuses rel-denies" data-statements="s1 s2"')
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert html.endswith("</mark>said")  # past every span: not marked


def test_explore_chains_walk_from_one_actor_to_another(client: TestClient) -> None:
    """The seed's two chains from the Syrian Observatory to Armenia: denied by Azerbaijan (or its
    Defense Ministry), who accuses Armenia."""
    html = client.get("/explore/chains", params={"from": "Syrian Observatory for Human Rights", "to": "Armenia"}).text
    api = client.get("/chains", params={"from": "Syrian Observatory for Human Rights", "to": "Armenia"}).json()
    assert api["total"] == 2 == html.count('<article class="chain">')
    for chain in api["rows"]:
        assert " → ".join(f'<a href="/explore/actors/{a["id"]}">{a["name"]}</a>' for a in chain["actors"]) in html
        for hop in chain["path"]:
            for claim in hop["claims"]:
                assert f'/explore/claims/{claim["claim_id"]}' in html
    assert "denial" in html and "accusation" in html
    assert "/chains?from=Syrian+Observatory+for+Human+Rights&amp;to=Armenia" in html  # its JSON
    assert "No chain" in client.get("/explore/chains", params={"from": "country:tur"}).text  # only denies
    assert client.get("/explore/chains", params={"from": "nobody at all"}).status_code == 404


ADDED = "Armenia accused Azerbaijan of shelling Stepanakert on Sunday. Azerbaijan denied the accusation."


def test_explore_add_shows_the_statements_then_saves_them(seeded_graph, client: TestClient) -> None:  # noqa: ANN001
    form = client.get("/explore/add")
    assert form.status_code == 200 and '<textarea id="text" name="text"' in form.text
    preview = client.post("/explore/add", data={"text": ADDED, "article_id": "added-1", "action": "preview"})
    assert preview.status_code == 200
    marks = parsed(preview.text).marks
    assert any("rel-accuses" in m["class"] and "part-claim" in m["class"] for m in marks)
    assert "Saved:" not in preview.text
    assert client.get("/articles/added-1").status_code == 404  # a preview writes nothing

    saved = client.post("/explore/add", data={"text": ADDED, "article_id": "added-1", "action": "save", "title": "Shelling"})
    assert saved.status_code == 200 and "Saved:" in saved.text
    article = client.get("/articles/added-1").json()
    assert article["title"] == "Shelling" and {s["relation"] for s in article["statements"]} >= {"ACCUSES"}
    assert "/explore/articles/added-1" in parsed(saved.text).links


def test_explore_add_needs_the_write_key_when_set_and_names_bad_input(seeded_graph) -> None:  # noqa: ANN001
    with TestClient(create_app(Settings(WRITE_API_KEY="s3cret-write-key"), seeded_graph)) as keyed:
        refused = keyed.post("/explore/add", data={"text": ADDED, "article_id": "added-2", "action": "save"})
        assert refused.status_code == 401 and "write key" in refused.text
        assert keyed.get("/articles/added-2").status_code == 404
        assert 'id="key"' in keyed.get("/explore/add").text
        accepted = keyed.post("/explore/add", data={"text": ADDED, "article_id": "added-2", "action": "save",
                                                    "key": "s3cret-write-key"})
        assert accepted.status_code == 200 and keyed.get("/articles/added-2").status_code == 200
        empty = keyed.post("/explore/add", data={"text": "   ", "action": "preview"})
        assert empty.status_code == 400 and 'role="alert"' in empty.text and "text" in empty.text
        uploaded = keyed.post("/explore/add", data={"action": "preview"},
                              files={"upload": ("a.html", b"<html><body><article><p>" + ADDED.encode() + b"</p></article></body></html>",
                                                "text/html")})
        assert uploaded.status_code == 200 and "rel-accuses" in uploaded.text


def test_explore_named_queries_as_forms_with_their_csv(client: TestClient) -> None:
    catalogue = client.get("/explore/queries").text
    assert '<a href="/explore/queries/actors_by_key">actors_by_key</a>' in catalogue
    form = client.get("/explore/queries/actors_by_key").text
    assert '<label for="param-key">' in form and 'name="key"' in form and "<table" not in form
    ran = client.get("/explore/queries/actors_by_key", params={"run": "1", "key": "Turkey"})
    assert ran.status_code == 200 and "<td>country:tur</td>" in ran.text
    csv_link = next(link for link in parsed(ran.text).links if link.endswith("format=csv"))
    assert csv_link == "/queries/actors_by_key?key=Turkey&format=csv"
    assert "country:tur" in client.get(csv_link).text
    bad = client.get("/explore/queries/accusations", params={"run": "1", "limit": "many"})
    assert bad.status_code == 400 and 'role="alert"' in bad.text and "limit" in bad.text
    assert client.get("/explore/queries/no_such_query").status_code == 404


def test_explore_cypher_console_only_with_the_key_and_only_reads(seeded_graph) -> None:  # noqa: ANN001
    with TestClient(create_app(Settings(), seeded_graph)) as closed:
        assert "switched off" in closed.get("/explore/cypher").text
        refused = closed.post("/explore/cypher", data={"query": "MATCH (a:Actor) RETURN a.id LIMIT 1"})
        assert refused.status_code == 403 and "switched off" in refused.text
    with TestClient(create_app(Settings(CYPHER_API_KEY="cypher-key-123"), seeded_graph)) as keyed:
        form = keyed.get("/explore/cypher").text
        assert '<textarea id="query"' in form and 'id="key"' in form
        query = "MATCH (a:Actor {id: 'country:tur'}) RETURN a.id AS id, a.name AS name"
        assert keyed.post("/explore/cypher", data={"query": query, "key": "wrong"}).status_code == 401
        ran = keyed.post("/explore/cypher", data={"query": query, "key": "cypher-key-123"})
        assert ran.status_code == 200 and "<td>country:tur</td><td>Turkey</td>" in ran.text
        csv = keyed.post("/explore/cypher", data={"query": query, "key": "cypher-key-123", "format": "csv"})
        assert csv.headers["content-type"].startswith("text/csv") and "country:tur,Turkey" in csv.text
        write = keyed.post("/explore/cypher", data={"query": "MATCH (a:Actor) DETACH DELETE a", "key": "cypher-key-123"})
        assert write.status_code == 403 and 'role="alert"' in write.text
        assert keyed.get("/actors/country:tur").status_code == 200  # nothing was deleted


def test_explore_actor_counts_its_parts_when_asked(client: TestClient) -> None:
    own = client.get("/actors/country:aze").json()
    rolled = client.get("/actors/country:aze", params={"rollup": "true"}).json()
    assert sum(rolled["statements_made"].values()) > sum(own["statements_made"].values())  # its ministries speak too
    page = client.get("/explore/actors/country:aze").text
    assert "/explore/actors/country:aze?rollup=true" in parsed(page).links
    rolled_page = client.get("/explore/actors/country:aze", params={"rollup": "true"}).text
    for relation, count in rolled["statements_made"].items():
        assert f'rel-{relation.lower()}">{relation}</span> {count}</li>' in rolled_page
    assert "/actors/country:aze?rollup=true" in parsed(rolled_page).links  # its JSON, rolled up too


def test_explore_asks_for_the_read_key_once_and_keeps_it_in_a_cookie(seeded_graph) -> None:  # noqa: ANN001
    with TestClient(create_app(Settings(READ_API_KEY="read-key-456"), seeded_graph)) as keyed:
        # Without the key: a page sends the browser to the key page and back; the API says 401.
        asked = keyed.get("/explore/actors/country:tur?rollup=true", follow_redirects=False)
        assert asked.status_code == 303
        assert asked.headers["location"] == "/explore/key?next=%2Fexplore%2Factors%2Fcountry%3Atur%3Frollup%3Dtrue"
        assert keyed.post("/explore/add", data={"text": "Turkey denied it."}, follow_redirects=False).status_code == 303
        assert keyed.get("/stats").status_code == 401
        form = keyed.get("/explore/key", params={"next": "/explore/actors/country:tur"})
        assert form.status_code == 200 and 'name="next" value="/explore/actors/country:tur"' in form.text

        wrong = keyed.post("/explore/key", data={"key": "guess", "next": "/explore"}, follow_redirects=False)
        assert wrong.status_code == 401 and "not the read key" in wrong.text and "set-cookie" not in wrong.headers
        # Only a path of this server is followed after the key.
        given = keyed.post("/explore/key", data={"key": "read-key-456", "next": "//elsewhere.example/x"},
                           follow_redirects=False)
        assert given.status_code == 303 and given.headers["location"] == "/explore"
        cookie = given.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie

        # With the cookie: pages, their JSON links and the forms' posts read.
        assert keyed.get("/explore/actors/country:tur").status_code == 200
        assert keyed.get("/stats").status_code == 200
        # (A text with no statement in it: the seeded graph other tests read stays as it was.)
        assert keyed.post("/explore/add", data={"text": "The roads stayed closed."}).status_code == 200
        keyed.cookies.set("claimgraph_read_key", "stale-key")
        assert keyed.get("/explore", follow_redirects=False).status_code == 303
        assert keyed.get("/stats").status_code == 401


def test_explore_contradictions_of_one_actor_from_its_page(client: TestClient) -> None:
    actor_page = client.get("/explore/actors/country:tur")
    link = next(href for href in parsed(actor_page.text).links if href.startswith("/explore/contradictions?"))
    assert link == "/explore/contradictions?actor=country%3Atur"
    page = client.get(link)
    assert page.status_code == 200 and 'value="country:tur"' in page.text
    claims = [href for href in parsed(page.text).links if href.startswith("/explore/claims/")]
    api = client.get("/contradictions", params={"actor": "country:tur", "limit": 20}).json()
    assert api["rows"] and claims == [f"/explore/claims/{row['claim_id']}" for row in api["rows"]]
    assert "/contradictions?sort=sides&amp;actor=country%3Atur" in page.text  # its JSON link keeps the filter
    assert client.get("/explore/contradictions", params={"actor": "Atlantis"}).status_code == 404
