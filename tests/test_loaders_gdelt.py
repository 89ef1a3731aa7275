"""The GDELT 2.0 Event reader, on rows of gdeltPyR's sample (tests/data/gdelt/SOURCE.md).

Expectations are worked out from the sample files with the csv module, not copied from the
reader, so a change in what the reader keeps shows up as a failure here.
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from claimgraph.graph.types import Statement
from claimgraph.loaders.actors import load_countries
from claimgraph.loaders.gdelt import read_gdelt
from claimgraph.loaders.parsed import ParsedInput
from claimgraph.loaders.prepare import prepare_articles

DATA = Path(__file__).parent / "data" / "gdelt"
SAMPLE_CSV = DATA / "events-sample.csv"
SAMPLE_EXPORT = DATA / "events-sample.export.CSV"

# The label mapping of eval/gdelt-sample/SOURCE.md, written out again so the test does not
# take the reader's word for it.
EXPECTED_RELATION = {
    "111": "ACCUSES", "112": "ACCUSES", "1121": "ACCUSES", "1122": "ACCUSES",
    "1123": "ACCUSES", "1124": "ACCUSES", "1125": "ACCUSES",
    "016": "DENIES",
    "051": "SUPPORTS", "052": "SUPPORTS", "053": "SUPPORTS",
}


def sample_rows() -> list[tuple[int, dict[str, str]]]:
    """The data rows of the CSV sample with their line numbers (the header is line 1)."""
    with SAMPLE_CSV.open(encoding="utf-8", newline="") as handle:
        return [(line_no, row) for line_no, row in enumerate(csv.DictReader(handle), start=2)]


def export_rows() -> list[dict[str, str]]:
    """The rows of the raw export, named by the CSV sample's header less its extra column."""
    with SAMPLE_CSV.open(encoding="utf-8", newline="") as handle:
        columns = [name for name in next(csv.reader(handle)) if name != "CAMEOCodeDescription"]
    with SAMPLE_EXPORT.open(encoding="utf-8", newline="") as handle:
        return [dict(zip(columns, fields, strict=True)) for fields in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]


def outcome(row: dict[str, str]) -> str:
    """What should become of a row: its relation, or the reason it is skipped."""
    relation = EXPECTED_RELATION.get(row["EventCode"])
    if relation is None:
        return "event code not mapped"
    if not row["SOURCEURL"]:
        return "no SOURCEURL"
    if not row["Actor1Code"]:
        return "no Actor1 (speaker)"
    if relation in ("ACCUSES", "SUPPORTS") and not row["Actor2Code"]:
        return "no Actor2 (target)"
    return relation


def statements_by_event(parsed: ParsedInput) -> dict[str, tuple[str, Statement]]:
    found = {}
    for raw in list(parsed.each_article()):
        for location, statement in raw.statements:
            assert statement.origin_id not in found, f"event {statement.origin_id} read twice"
            found[statement.origin_id] = (location, statement)
    return found


def test_gdelt_mapped_rows_become_statements() -> None:
    rows = sample_rows()
    parsed = read_gdelt([SAMPLE_CSV])
    found = statements_by_event(parsed)
    articles = {raw.article.id: raw.article for raw in list(parsed.each_article())}

    assert parsed.problems == []
    expected = {row["GLOBALEVENTID"]: (line_no, row) for line_no, row in rows if outcome(row) in EXPECTED_RELATION.values()}
    assert set(found) == set(expected)
    assert {s.relation for _, s in found.values()} == {"ACCUSES", "DENIES", "SUPPORTS"}
    for event_id, (line_no, row) in expected.items():
        location, statement = found[event_id]
        assert location == f"{SAMPLE_CSV}:{line_no}"
        assert statement.relation == outcome(row)
        assert statement.origin_id == row["GLOBALEVENTID"]
        assert statement.origin_code == row["EventCode"]
        assert statement.extractor == "gdelt"
        assert statement.confidence == 1.0
        assert statement.stated_at == datetime.strptime(row["SQLDATE"], "%Y%m%d").replace(tzinfo=timezone.utc)
        for ref, prefix in [(statement.speaker, "Actor1"), *[(t, "Actor2") for t in statement.targets]]:
            code = row[f"{prefix}Code"]
            if code in load_countries():
                assert (ref.actor_id, ref.kind) == (f"country:{code.lower()}", "country")
            else:
                assert ref.actor_id.startswith(f"gdelt:{code}:")
        assert [t.actor_id is not None for t in statement.targets] == ([True] if row["Actor2Code"] else [])
        article = articles[statement.article_id]
        assert article.url == row["SOURCEURL"]
        assert article.published_at == datetime.strptime(row["DATEADDED"], "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)


def test_gdelt_skipped_rows_are_counted_by_reason() -> None:
    rows = sample_rows()
    parsed = read_gdelt([SAMPLE_CSV])
    expected_skips = Counter(outcome(row) for _, row in rows if outcome(row) not in EXPECTED_RELATION.values())

    # The sample holds every kind of skip the reader knows, except a row without SOURCEURL.
    assert expected_skips["event code not mapped"] > 0
    assert expected_skips["no Actor1 (speaker)"] > 0
    assert expected_skips["no Actor2 (target)"] > 0
    assert parsed.skipped == expected_skips
    assert len(statements_by_event(parsed)) + sum(parsed.skipped.values()) == len(rows)


def test_gdelt_claim_text_comes_from_the_cameo_table() -> None:
    rows = dict((row["GLOBALEVENTID"], row) for _, row in sample_rows())
    found = statements_by_event(read_gdelt([SAMPLE_CSV]))
    texts = {s.origin_code: s.claim.text for _, s in found.values()}

    # gdeltPyR's own column calls 016 "Make empathetic comment" and pads with spaces.
    denial = next(s for _, s in found.values() if s.origin_code == "016")
    assert rows[denial.origin_id]["CAMEOCodeDescription"].strip() == "Make empathetic comment"
    assert texts["016"] == "Deny responsibility"
    assert texts["111"] == "Criticize or denounce"
    assert texts["1123"] == "Accuse of aggression"
    # One claim per article, code and target: the same code in two articles is two claims.
    accusations = [s for _, s in found.values() if s.origin_code == "112"]
    assert len({s.article_id for s in accusations}) > 1
    assert len({s.claim.claim_id for s in accusations}) == len({(s.article_id, s.targets[0].actor_id) for s in accusations})


def test_gdelt_both_formats_give_the_same_statements() -> None:
    from_export = statements_by_event(read_gdelt([SAMPLE_EXPORT]))
    from_csv = statements_by_event(read_gdelt([SAMPLE_CSV]))
    expected = {row["GLOBALEVENTID"] for row in export_rows() if outcome(row) in EXPECTED_RELATION.values()}

    assert set(from_export) == expected
    assert {s.relation for _, s in from_export.values()} == {"ACCUSES", "DENIES", "SUPPORTS"}
    for event_id in expected:
        assert from_export[event_id][0].startswith(f"{SAMPLE_EXPORT}:")
        assert from_export[event_id][1] == from_csv[event_id][1]


def test_gdelt_export_rows_are_counted_like_csv_rows() -> None:
    rows = export_rows()
    parsed = read_gdelt([SAMPLE_EXPORT])
    assert parsed.problems == []
    assert parsed.skipped == Counter(outcome(r) for r in rows if outcome(r) not in EXPECTED_RELATION.values())
    assert len(statements_by_event(parsed)) + sum(parsed.skipped.values()) == len(rows)


def test_gdelt_event_read_from_two_files_is_kept_once() -> None:
    parsed = read_gdelt([SAMPLE_CSV, SAMPLE_EXPORT])
    kept_from_export = sum(1 for row in export_rows() if outcome(row) in EXPECTED_RELATION.values())

    assert parsed.problems == []
    assert len(statements_by_event(parsed)) == len(statements_by_event(read_gdelt([SAMPLE_CSV])))
    assert parsed.skipped["duplicate event"] == kept_from_export


def test_gdelt_country_actors_resolve_to_gazetteer_ids() -> None:
    parsed = read_gdelt([SAMPLE_CSV])
    refs = [ref for _, s in statements_by_event(parsed).values() for ref in (s.speaker, *s.targets)]
    declared = {actor.id: actor for _, actor in parsed.declared_actors}

    usa = next(ref for ref in refs if ref.actor_id == "country:usa")
    assert (usa.name, usa.kind) == ("United States", "country")
    # Countries are the gazetteer's; only other actors are declared, each once.
    assert not any(actor_id.startswith("country:") for actor_id in declared)
    assert len(declared) == len(parsed.declared_actors)
    assert {ref.actor_id for ref in refs if not ref.actor_id.startswith("country:")} == set(declared)

    obama = declared["gdelt:USAGOV:barack-obama"]
    assert (obama.name, obama.kind) == ("Barack Obama", "government_body")
    assert [(link.actor_id, link.role) for link in obama.part_of] == [("country:usa", "GOV")]
    # A CAMEO region is not a country: no gazetteer id and no PART_OF.
    africa = declared["gdelt:AFR:africa"]
    assert (africa.name, africa.kind, africa.part_of) == ("Africa", "unknown", [])
    # A type-only actor belongs to no country.
    assert declared["gdelt:GOV:mayor"].part_of == []


def test_gdelt_rows_sharing_a_sourceurl_share_one_article() -> None:
    rows = [row for _, row in sample_rows() if outcome(row) in EXPECTED_RELATION.values()]
    parsed = read_gdelt([SAMPLE_CSV])
    per_url = Counter(row["SOURCEURL"] for row in rows)

    assert max(per_url.values()) > 1
    assert len(list(parsed.each_article())) == len(per_url)
    for raw in list(parsed.each_article()):
        assert len(raw.statements) == per_url[raw.article.url]
        assert {s.article_id for _, s in raw.statements} == {raw.article.id}
        # The article's origin is its first row.
        assert raw.origin == raw.statements[0][0]


def test_gdelt_article_is_published_when_first_seen(tmp_path: Path) -> None:
    # The same article in two 15-minute updates: the later update is read first.
    row = next(r for r in export_rows() if outcome(r) == "ACCUSES")
    earlier = dict(row, GLOBALEVENTID="1", DATEADDED="20170501234500")
    path = tmp_path / "updates.export.CSV"
    path.write_text("".join("\t".join(r.values()) + "\n" for r in (row, earlier)), encoding="utf-8")

    parsed = read_gdelt([path])

    [raw] = list(parsed.each_article())
    assert raw.article.published_at == datetime(2017, 5, 1, 23, 45, tzinfo=timezone.utc)
    assert raw.origin == f"{path}:1"
    assert len(raw.statements) == 2


def test_gdelt_article_source_is_the_host() -> None:
    parsed = read_gdelt([SAMPLE_CSV])
    by_url = {raw.article.url: raw.article for raw in list(parsed.each_article())}

    times = next(url for url in by_url if url.startswith("https://www.thetimes.co.uk/"))
    assert by_url[times].source == "thetimes.co.uk"
    # A citation in place of a URL has no host.
    assert by_url["Shamshad TV, Kabul/BBC Monitoring/(c) BBC"].source is None


def test_gdelt_row_with_wrong_number_of_fields_is_reported(tmp_path: Path) -> None:
    lines = SAMPLE_CSV.read_text(encoding="utf-8").splitlines(keepends=True)
    rows = sample_rows()
    line_no, broken = next((n, row) for n, row in rows if outcome(row) == "ACCUSES")
    lines[line_no - 1] = lines[line_no - 1].rsplit(",", 1)[0] + "\n"  # drop SOURCEURL
    path = tmp_path / "events.csv"
    path.write_text("".join(lines), encoding="utf-8")

    parsed = read_gdelt([path])

    assert [str(p) for p in parsed.problems] == [f"{path}:{line_no}: expected 62 fields, got 61"]
    assert parsed.refused_files == set()
    assert parsed.skipped["malformed row"] == 1
    found = statements_by_event(parsed)
    assert broken["GLOBALEVENTID"] not in found
    assert len(found) == sum(1 for _, row in rows if outcome(row) in EXPECTED_RELATION.values()) - 1


def test_gdelt_export_row_with_wrong_number_of_fields_is_reported(tmp_path: Path) -> None:
    lines = SAMPLE_EXPORT.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace("\t", "\t\t", 1)
    path = tmp_path / "20170701234500.export.CSV"
    path.write_text("".join(lines), encoding="utf-8")

    parsed = read_gdelt([path])

    assert [str(p) for p in parsed.problems] == [f"{path}:3: expected 61 fields, got 62"]
    assert parsed.skipped["malformed row"] == 1
    assert sum(parsed.skipped.values()) + len(statements_by_event(parsed)) == len(lines)


def test_gdelt_line_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    lines = SAMPLE_EXPORT.read_bytes().splitlines(keepends=True)
    lines[4] = lines[4].replace(b"http", b"\xffhttp", 1)
    path = tmp_path / "events.export.CSV"
    path.write_bytes(b"".join(lines))

    parsed = read_gdelt([path])

    assert len(parsed.problems) == 1
    assert str(parsed.problems[0]).startswith(f"{path}:5: not UTF-8 text")
    assert parsed.skipped["malformed row"] == 1
    assert sum(parsed.skipped.values()) + len(statements_by_event(parsed)) == len(lines)


def test_gdelt_file_that_is_not_gdelt_is_refused(tmp_path: Path) -> None:
    mentions = tmp_path / "mentions.csv"
    mentions.write_text("globaleventid,eventtimedate,mentiontimedate\n669666350,20170701234500,20170701234500\n", encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("Azerbaijan denied the claims.\n", encoding="utf-8")
    empty = tmp_path / "empty.CSV"
    empty.write_bytes(b"")

    parsed = read_gdelt([mentions, SAMPLE_EXPORT, notes, empty])

    assert parsed.refused_files == {str(mentions), str(notes), str(empty)}
    assert [p.location for p in parsed.problems] == [str(mentions), str(notes), str(empty)]
    assert all(p.message.startswith("not a GDELT 2.0 event file: ") for p in parsed.problems)
    assert "GLOBALEVENTID and SOURCEURL" in parsed.problems[0].message
    # The GDELT file among them still loads.
    assert len(statements_by_event(parsed)) == len(statements_by_event(read_gdelt([SAMPLE_EXPORT])))


def test_gdelt_header_without_needed_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("GLOBALEVENTID,SQLDATE,SOURCEURL\n1,20170701,http://example.org/a\n", encoding="utf-8")

    parsed = read_gdelt([path])

    assert parsed.refused_files == {str(path)}
    assert str(parsed.problems[0]).startswith(f"{path}: not a GDELT 2.0 event file: the header has no column Actor1Code")


def test_gdelt_prepare_articles_accepts_the_output() -> None:
    parsed = read_gdelt([SAMPLE_CSV, SAMPLE_EXPORT])
    ready = prepare_articles(parsed)

    assert parsed.problems == []
    assert len(ready) == len(list(parsed.each_article()))
    assert len({a.article.url for a in ready}) == len(ready)
    statements = [s for a in ready for s in a.statements]
    assert len(statements) == len(statements_by_event(read_gdelt([SAMPLE_CSV])))
    # The reader's ids survive preparation, and every actor a statement names is written.
    assert all(s.statement_id.startswith("gdelt-") and s.claim.claim_id.startswith("gdelt-claim-") for s in statements)
    for article in ready:
        written = {actor.id for actor in article.actors}
        named = {ref.actor_id for s in article.statements for ref in (s.speaker, *s.targets)}
        assert named <= written
        parents = {link.actor_id for actor in article.actors for link in actor.part_of}
        assert parents <= written
