"""Input lines kept on disk, grouped by article, so that a file of any size loads in flat memory.

A statements file or a GDELT export may hold millions of lines, with an article's lines
anywhere in it (GDELT's are scattered through each export). A load still has to set aside a
whole article for one bad line, and refuse a whole file for a bad line that names no article,
before it writes anything. So a reader checks every line first and keeps it here, under its
article, in a private temporary SQLite file (in ``TMPDIR``, deleted when the spool is closed);
the articles are then handed
on one at a time, each with its lines in file order, in the order the articles were first
met. The disk holds about as much as the input; memory holds one article.

Example:
    >>> spool = Spool()
    >>> spool.add("a1", "statement", "f.jsonl", 1, b'{"article_id": "a1", ...}')
    >>> for article_id, lines in spool.articles(lead_kind="statement"):
    ...     ...
    >>> spool.close()
"""

from __future__ import annotations

import sqlite3
import weakref
from collections.abc import Iterator
from dataclasses import dataclass

# SQLite's page cache for the spool, in KiB (negative: a size, not a page count). Sorting the
# articles by first line spills to temporary files past it, so memory stays bounded.
CACHE_KIB = 32 * 1024
# Lines added between commits: SQLite writes a transaction's pages to its file as the cache
# fills, so this bounds nothing but the commit overhead.
COMMIT_EVERY = 20_000

_SCHEMA = """
CREATE TABLE line (seq INTEGER PRIMARY KEY, article TEXT NOT NULL, kind TEXT NOT NULL,
                   file TEXT NOT NULL, line_no INTEGER NOT NULL, content BLOB NOT NULL);
CREATE TABLE keyed (key TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE set_aside (article TEXT PRIMARY KEY) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class SpooledLine:
    """One kept line: what it is (the reader's word, e.g. "statement"), where it was read, and
    its bytes as read."""

    kind: str
    file: str
    line_no: int
    content: bytes

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line_no}"


class Spool:
    """Lines grouped by article on disk; the file is deleted by ``close`` (or when the spool is
    garbage-collected)."""

    def __init__(self) -> None:
        # "": SQLite's private temporary database, a file deleted when the connection closes.
        # Used by one thread at a time; the finalizer may run in another.
        self._db = sqlite3.connect("", isolation_level=None, check_same_thread=False)
        # A scratch file: nothing to recover after a crash, so no journal and no fsync.
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "temp_store = FILE", f"cache_size = {-CACHE_KIB}"):
            self._db.execute(f"PRAGMA {pragma}")
        self._db.executescript(_SCHEMA)
        self._db.execute("BEGIN")
        self._pending = 0
        self._indexed = False
        self._closer = weakref.finalize(self, self._db.close)

    def add(self, article: str, kind: str, file: str, line_no: int, content: bytes) -> int:
        """Keep a line under its article; returns its sequence number."""
        if self._indexed:
            raise RuntimeError("the spool is being read: lines can no longer be added")
        cursor = self._db.execute("INSERT INTO line (article, kind, file, line_no, content) VALUES (?, ?, ?, ?, ?)",
                                  (article, kind, file, line_no, content))
        self._pending += 1
        if self._pending >= COMMIT_EVERY:
            self._db.execute("COMMIT")
            self._db.execute("BEGIN")
            self._pending = 0
        return cursor.lastrowid  # type: ignore[return-value]

    def add_unique(self, key: str, article: str, kind: str, file: str, line_no: int, content: bytes) -> SpooledLine | None:
        """Keep a line unless another was kept under ``key``; returns that earlier line then
        (an article described twice, an event read twice), None when this one was kept."""
        row = self._db.execute("SELECT l.kind, l.file, l.line_no, l.content FROM keyed k JOIN line l ON l.seq = k.seq "
                               "WHERE k.key = ?", (key,)).fetchone()
        if row is not None:
            return SpooledLine(*row)
        seq = self.add(article, kind, file, line_no, content)
        self._db.execute("INSERT INTO keyed (key, seq) VALUES (?, ?)", (key, seq))
        return None

    def set_aside(self, article: str) -> None:
        """Leave the article out of ``articles``: one of its lines is bad."""
        self._db.execute("INSERT OR IGNORE INTO set_aside (article) VALUES (?)", (article,))

    def set_aside_file(self, file: str) -> None:
        """Leave out every article with a line in ``file`` (refused whole)."""
        self._ready()
        self._db.execute("INSERT OR IGNORE INTO set_aside (article) SELECT DISTINCT article FROM line WHERE file = ?",
                         (file,))

    def count(self, kind: str) -> int:
        """Lines of ``kind`` in the articles that are not set aside."""
        self._ready()
        return self._db.execute("SELECT COUNT(*) FROM line WHERE kind = ? AND article NOT IN (SELECT article FROM set_aside)",
                                (kind,)).fetchone()[0]

    def articles(self, lead_kind: str) -> Iterator[tuple[str, list[SpooledLine]]]:
        """Each article not set aside, with its lines in the order they were read. Articles
        come in the order of their first ``lead_kind`` line, then those without one in the
        order of their first line. Can be iterated again."""
        self._ready()
        order = self._db.execute(
            "SELECT article FROM line WHERE article NOT IN (SELECT article FROM set_aside) GROUP BY article "
            "ORDER BY MIN(CASE WHEN kind = ? THEN seq END) IS NULL, MIN(CASE WHEN kind = ? THEN seq END), MIN(seq)",
            (lead_kind, lead_kind))
        for (article,) in order:
            rows = self._db.execute("SELECT kind, file, line_no, content FROM line WHERE article = ? ORDER BY seq",
                                    (article,)).fetchall()
            yield article, [SpooledLine(*row) for row in rows]

    def _ready(self) -> None:
        """Commit what was added and index it by article, once, before the first read."""
        if not self._indexed:
            self._db.execute("COMMIT")
            self._db.execute("CREATE INDEX line_article ON line (article, seq)")
            self._indexed = True

    def close(self) -> None:
        self._closer()
