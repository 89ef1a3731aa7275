"""The spool that keeps input lines on disk by article (loaders/spool.py), without a database."""

from __future__ import annotations

import sqlite3

import pytest

from claimgraph.loaders.spool import Spool


def contents(spool: Spool, lead_kind: str = "statement") -> list[tuple[str, list[tuple[str, str, bytes]]]]:
    return [(article, [(line.kind, line.location, line.content) for line in lines])
            for article, lines in spool.articles(lead_kind)]


def test_spool_groups_lines_by_article_in_the_order_articles_were_first_met() -> None:
    spool = Spool()
    spool.add("b", "statement", "f.jsonl", 1, b"b1")
    spool.add("a", "article", "f.jsonl", 2, b"a-described")  # described before it says anything
    spool.add("a", "statement", "f.jsonl", 3, b"a1")
    spool.add("b", "statement", "f.jsonl", 4, b"b2")
    spool.add("c", "article", "g.jsonl", 1, b"c-described")  # says nothing: comes last
    spool.add("a", "statement", "g.jsonl", 2, b"a2")

    expected = [
        ("b", [("statement", "f.jsonl:1", b"b1"), ("statement", "f.jsonl:4", b"b2")]),
        ("a", [("article", "f.jsonl:2", b"a-described"), ("statement", "f.jsonl:3", b"a1"),
               ("statement", "g.jsonl:2", b"a2")]),
        ("c", [("article", "g.jsonl:1", b"c-described")]),
    ]
    assert contents(spool) == expected
    assert contents(spool) == expected  # can be read again
    assert spool.count("statement") == 4
    spool.close()


def test_spool_leaves_out_articles_set_aside_and_those_of_a_refused_file() -> None:
    spool = Spool()
    spool.add("a", "statement", "f.jsonl", 1, b"a1")
    spool.add("b", "statement", "f.jsonl", 2, b"b1")
    spool.add("c", "statement", "g.jsonl", 1, b"c1")
    spool.add("d", "statement", "f.jsonl", 3, b"d1")
    spool.add("d", "statement", "h.jsonl", 1, b"d2")  # one line in a refused file sets aside the whole article
    spool.set_aside("b")
    spool.set_aside_file("h.jsonl")

    assert [article for article, _ in spool.articles("statement")] == ["a", "c"]
    assert spool.count("statement") == 2
    spool.close()


def test_spool_add_unique_hands_back_the_line_kept_first() -> None:
    spool = Spool()
    assert spool.add_unique("event:1", "a", "event", "x.csv", 3, b"row 3") is None
    earlier = spool.add_unique("event:1", "b", "event", "y.csv", 9, b"row 9")
    assert earlier is not None and (earlier.location, earlier.content) == ("x.csv:3", b"row 3")
    assert contents(spool, "event") == [("a", [("event", "x.csv:3", b"row 3")])]
    spool.close()


def test_spool_takes_no_lines_once_read_and_none_once_closed() -> None:
    spool = Spool()
    spool.add("a", "statement", "f.jsonl", 1, b"a1")
    list(spool.articles("statement"))
    with pytest.raises(RuntimeError, match="being read"):
        spool.add("a", "statement", "f.jsonl", 2, b"a2")
    spool.close()
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        spool.count("statement")
