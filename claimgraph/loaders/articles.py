"""Read news articles (text only, no statements) into ``Article`` records for the extractor.

Formats, chosen by suffix unless a ``TextFormat`` is given:

- ``.txt``: the whole file is the text; the id is the file stem.
- ``.json``: one object or a list of objects; ``.jsonl``/``.ndjson``: one object a line. The
  fields read are ``id, title, text, url, published_at, source, language``; other fields are
  ignored (scrapers add many). A missing id becomes ``<stem>`` for a single object and
  ``<stem>-<N>`` otherwise (N: the line, or the item of the list, counted from 1). An integer
  id is taken as its decimal string.
- ``.html``/``.htm``: the main text and metadata (title, date, canonical url, site name as
  source) as trafilatura finds them; the id is the file stem.
- ``.csv``: a header line, then one article a row: the text column, and optionally id and title
  columns. Without an id column a row is ``<stem>-<N>`` (N: data rows counted from 1, the
  header not counted).

``id_prefix`` is put before every id these readers give, read or derived (``fnc1-38``).

Text rules, the same for every format and for uploads:

- Input must be UTF-8 (no other encoding is guessed); a leading byte order mark is dropped.
- The text is kept as written, except that a leading BOM is removed and ``\\r\\n`` and ``\\r``
  become ``\\n``. Character offsets computed later refer to this stored text, not to the file.
- A text may hold at most ``max_bytes`` UTF-8 bytes (``CLAIMGRAPH_MAX_ARTICLE_BYTES``). A
  ``.txt`` file is measured on disk before it is read. What wraps a text in JSON or markup (a
  ``.json`` or ``.html`` file, a ``.jsonl`` line, an uploaded body) may be
  ``6 × max_bytes + 1 MiB``, since JSON escapes and markup take room; ``.csv`` fields may be
  ``max_bytes`` characters.

Every problem names its place (``a.txt``, ``file.jsonl:12``, ``file.json:item 3``,
``file.csv:row 7``), the field when there is one, and the article id when known. A bad line,
item or row spoils only its own article; other files go on. A file of which no article was
read is in ``refused_files``. Articles come out in a fixed order: paths as given, folders
walked recursively in name order, then the order inside each file.
"""

from __future__ import annotations

import codecs
import copy
import csv
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from claimgraph.graph.types import Article, stable_id
from claimgraph.loaders.parsed import InputProblem
from claimgraph.loaders.statements import validation_problems

MAX_BYTES_SETTING = "CLAIMGRAPH_MAX_ARTICLE_BYTES"

# JSON escapes can make a text up to six times longer ("\u0001" for one byte) and a page wraps
# its text in markup, so what holds one text may be this many times the limit, plus metadata.
WRAPPED_FACTOR = 6
_METADATA_ROOM = 1 << 20

# Bytes that do not occur in text: C0 controls other than \t \n \v \f \r and ESC, and DEL.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
# Share of control bytes at the start of a file above which it is taken as binary. Legacy
# encodings (Latin-1, cp1251) use bytes >= 0x80, so they are reported as "not UTF-8" instead.
_BINARY_SHARE = 0.05
_SNIFF_BYTES = 8192
_CHUNK = 1 << 20

_BOM = "\ufeff"
_NEWLINES = re.compile(r"\r\n?")

# The JSON fields an article is made of; anything else in a record is ignored.
_JSON_FIELDS = ("id", "title", "text", "url", "published_at", "source", "language")


class ArticleInputError(ValueError):
    """An uploaded article that cannot be read; the message names the problem and its field."""


class UnsupportedMediaTypeError(ArticleInputError):
    """The upload's Content-Type or charset is not one an article can be read from."""


class ArticleTooLargeError(ArticleInputError):
    """The upload, or the text in it, is over the size limit."""


class TextFormat(str, Enum):
    """How to read an article file; ``auto`` goes by the file's suffix."""

    auto = "auto"
    txt = "txt"
    json = "json"
    jsonl = "jsonl"
    html = "html"
    csv = "csv"


_SUFFIXES = {
    ".txt": TextFormat.txt,
    ".json": TextFormat.json,
    ".jsonl": TextFormat.jsonl,
    ".ndjson": TextFormat.jsonl,
    ".html": TextFormat.html,
    ".htm": TextFormat.html,
    ".csv": TextFormat.csv,
}


@dataclass
class ArticleInput:
    """One article read, and where from: ``a.txt``, ``file.jsonl:12``, ``file.csv:row 7``."""

    article: Article
    origin: str


@dataclass
class ReadArticles:
    """Everything ``read_articles`` got out of its paths.

    Example:
        >>> read = read_articles([Path("articles/")])
        >>> [a.article.id for a in read.articles], [str(p) for p in read.problems]
    """

    articles: list[ArticleInput] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    # Files and folders of which no article was read.
    refused_files: set[str] = field(default_factory=set)


class _Bad(Exception):
    """What is wrong with one text or record, before it is known where it will be reported."""

    too_large = False

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


# -- bytes to text ----------------------------------------------------------------------------


def _wrapped_limit(max_bytes: int) -> int:
    return WRAPPED_FACTOR * max_bytes + _METADATA_ROOM


def _too_big(size: int, max_bytes: int, wrapper: str | None = None) -> _Bad:
    if wrapper is None:
        bad = _Bad(f"is {size:,} bytes; the limit is {max_bytes:,} ({MAX_BYTES_SETTING})")
    else:
        bad = _Bad(f"is {size:,} bytes; the limit for {wrapper} is {_wrapped_limit(max_bytes):,} "
                   f"({WRAPPED_FACTOR} × {MAX_BYTES_SETTING} + 1 MiB)")
    bad.too_large = True
    return bad


_BINARY = "looks binary (NUL or control bytes), not text"


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or many other control bytes, never occur in text in any encoding."""
    if b"\x00" in data:
        return True
    head = data[:_SNIFF_BYTES]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return bool(head) and controls / len(head) > _BINARY_SHARE


def _not_utf8(byte: int, offset: int) -> _Bad:
    return _Bad(f"not UTF-8: invalid byte 0x{byte:02x} at offset {offset}")


def _decode(data: bytes, base: int = 0) -> str:
    """UTF-8 bytes as text, without a leading BOM. ``base``: where ``data`` starts in its file,
    so that an offset in a message is an offset in the file."""
    if _looks_binary(data):
        raise _Bad(_BINARY)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise _not_utf8(data[e.start], base + e.start) from None
    return text.removeprefix(_BOM)


def _normalize(text: str) -> str:
    """The stored form of a text: a leading BOM dropped, every line break ``\\n``."""
    return _NEWLINES.sub("\n", text.removeprefix(_BOM))


def _checked_text(value: object, max_bytes: int, field: str = "text") -> str:
    """The stored form of a record's text, or ``_Bad`` naming ``field``."""
    if value is None:
        raise _Bad("missing: every article needs its text", field)
    if not isinstance(value, str):
        raise _Bad(f"must be a string, got {type(value).__name__}", field)
    text = _normalize(value)
    if not text.strip():
        raise _Bad("is empty or only whitespace", field)
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as e:  # JSON may spell a lone surrogate ("\ud800"), which is no character
        raise _Bad(f"not text: a lone surrogate {value[e.start]!a} at character {e.start}", field) from None
    if size > max_bytes:
        bad = _too_big(size, max_bytes)
        bad.field = field
        raise bad
    return text


def _read_bounded(path: Path, max_bytes: int, wrapper: str | None = None) -> bytes:
    """A file's bytes. A file over the limit (``max_bytes``, or the limit of a ``wrapper``) is
    refused by its size on disk, before it is read."""
    size = path.stat().st_size
    if size > (max_bytes if wrapper is None else _wrapped_limit(max_bytes)):
        raise _too_big(size, max_bytes, wrapper)
    return path.read_bytes()


def _check_utf8_file(path: Path) -> None:
    """Refuse a file that is binary or not UTF-8, reading it in chunks rather than whole."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            if _looks_binary(chunk) if offset == 0 else b"\x00" in chunk:
                raise _Bad(_BINARY)
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as e:
                # e.object starts with the unfinished character kept from the previous chunk.
                start = offset - (len(e.object) - len(chunk))
                raise _not_utf8(e.object[e.start], start + e.start) from None
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as e:
            raise _Bad(f"not UTF-8: the file ends inside a character at offset {offset - len(e.object) + e.start}") from None


def _bounded_lines(handle: IO[bytes], limit: int) -> Iterator[tuple[int, int, bytes | None]]:
    """``(line number, byte offset, line)`` of a binary file. A line longer than ``limit`` is
    skipped without being held in memory, and given as None."""
    line_no, offset = 0, 0
    while raw := handle.readline(limit + 1):
        line_no += 1
        start = offset
        offset += len(raw)
        if len(raw) > limit:
            while raw and not raw.endswith(b"\n"):
                raw = handle.readline(_CHUNK)
                offset += len(raw)
            yield line_no, start, None
        else:
            yield line_no, start, raw


# -- records to articles ----------------------------------------------------------------------


def _article(data: dict[str, Any]) -> Article:
    """Validate an article's fields; the first pydantic error becomes ``_Bad``."""
    try:
        return Article.model_validate(data)
    except ValidationError as e:
        first = validation_problems(e, "", None)[0]
        raise _Bad(first.message, first.field) from None


def _record_id(record: dict[str, Any]) -> str | None:
    """The id a JSON record gives itself, if any; integers count as their decimal string."""
    value = record.get("id")
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise _Bad(f"must be a string or an integer, got {type(value).__name__}", "id")


def _record_fields(record: dict[str, Any], article_id: str, max_bytes: int) -> Article:
    data = {name: record[name] for name in _JSON_FIELDS if name in record}
    data["id"] = article_id
    data["text"] = _checked_text(record.get("text"), max_bytes)
    return _article(data)


# -- HTML -------------------------------------------------------------------------------------


def _html_article(html: str, *, article_id: str | None, max_bytes: int) -> Article:
    """An article of a page's main text and metadata; without ``article_id``, ``default_article_id``."""
    import trafilatura  # slow to import, and only HTML needs it
    from trafilatura.settings import DEFAULT_CONFIG

    config = copy.deepcopy(DEFAULT_CONFIG)
    # Our own size limit applies; trafilatura's (20 MB) would answer "no text" for a bigger page.
    config.set("DEFAULT", "MAX_FILE_SIZE", str(_wrapped_limit(max_bytes)))
    document = trafilatura.bare_extraction(
        html,
        # Navigation and footers read as statements would be worse than a lost heading.
        favor_precision=True,
        include_comments=False,  # reader comments are not the article
        # No cross-document cache: a page's result never depends on the pages read before it.
        deduplicate=False,
        with_metadata=True,
        # Dates from markup only, not guessed from the text; a fixed max_date rather than
        # today, so the same page gives the same date whenever it is read.
        date_extraction_params={"original_date": True, "extensive_search": False, "max_date": "2100-12-31"},
        config=config,
    )
    raw_text = document.text if document is not None else None
    if not raw_text or not raw_text.strip():
        raise _Bad("no article text found in the HTML")
    text = _checked_text(raw_text, max_bytes)
    return _article({
        "id": article_id if article_id is not None else default_article_id(text),
        "text": text,
        "title": document.title or None,
        "url": document.url or None,
        "source": document.sitename or None,
        "published_at": document.date or None,
    })


# -- the file reader --------------------------------------------------------------------------


class _Reader:
    """Reads files into one ``ReadArticles``, keeping the first article of each id."""

    def __init__(self, *, text_column: str, id_column: str | None, title_column: str | None,
                 id_prefix: str, max_bytes: int) -> None:
        self.read = ReadArticles()
        self.origins: dict[str, str] = {}
        self.text_column = text_column
        self.id_column = id_column
        self.title_column = title_column
        self.id_prefix = id_prefix
        self.max_bytes = max_bytes

    def problem(self, location: str, bad: _Bad, article_id: str | None = None) -> None:
        self.read.problems.append(InputProblem(location, bad.message, bad.field, article_id))

    def refuse(self, file: str, bad: _Bad, article_id: str | None = None) -> None:
        self.problem(file, bad, article_id)
        self.read.refused_files.add(file)

    def add(self, article: Article, origin: str) -> None:
        earlier = self.origins.get(article.id)
        if earlier is not None:
            self.problem(origin, _Bad(f"duplicate article id '{article.id}': already read from {earlier}", "id"), article.id)
            return
        self.origins[article.id] = origin
        self.read.articles.append(ArticleInput(article=article, origin=origin))

    def read_file(self, path: Path, text_format: TextFormat) -> None:
        file = str(path)
        before = len(self.read.articles)
        try:
            getattr(self, f"_read_{text_format.value}")(path, file)
        except OSError as e:
            self.problem(file, _Bad(f"cannot read: {e.strerror or e}"))
        except _Bad as bad:
            self.problem(file, bad)
        if len(self.read.articles) == before:
            self.read.refused_files.add(file)

    def _read_txt(self, path: Path, file: str) -> None:
        article_id = f"{self.id_prefix}{path.stem}"
        try:
            data = _read_bounded(path, self.max_bytes)
            article = _article({"id": article_id, "text": _checked_text(_decode(data), self.max_bytes)})
        except _Bad as bad:
            self.problem(file, bad, article_id)
            return
        self.add(article, file)

    def _read_html(self, path: Path, file: str) -> None:
        article_id = f"{self.id_prefix}{path.stem}"
        try:
            data = _read_bounded(path, self.max_bytes, "an HTML file")
            article = _html_article(_decode(data), article_id=article_id, max_bytes=self.max_bytes)
        except _Bad as bad:
            self.problem(file, bad, article_id)
            return
        self.add(article, file)

    def _read_json(self, path: Path, file: str) -> None:
        data = _read_bounded(path, self.max_bytes, "a .json file")
        try:
            value = json.loads(_decode(data))
        except json.JSONDecodeError as e:
            raise _Bad(f"not valid JSON: {e.msg} (line {e.lineno}, column {e.colno})") from None
        if isinstance(value, dict):
            self._add_record(file, value, path.stem)
        elif isinstance(value, list) and value:
            for n, item in enumerate(value, start=1):
                self._add_record(f"{file}:item {n}", item, f"{path.stem}-{n}")
        elif isinstance(value, list):
            raise _Bad("the list holds no articles")
        else:
            raise _Bad(f"expected a JSON object or a list of objects, got {type(value).__name__}")

    def _read_jsonl(self, path: Path, file: str) -> None:
        limit = _wrapped_limit(self.max_bytes)
        found = False
        with path.open("rb") as handle:
            if _looks_binary(handle.read(_SNIFF_BYTES)):
                raise _Bad(_BINARY)
            handle.seek(0)
            for line_no, offset, raw in _bounded_lines(handle, limit):
                location = f"{file}:{line_no}"
                if raw is None:
                    found = True
                    self.problem(location, _Bad(f"the line is longer than {limit:,} bytes "
                                                f"({WRAPPED_FACTOR} × {MAX_BYTES_SETTING} + 1 MiB)"))
                    continue
                try:
                    line = _decode(raw, offset)
                except _Bad as bad:
                    found = True
                    self.problem(location, bad)
                    continue
                if not line.strip():
                    continue
                found = True
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as e:
                    self.problem(location, _Bad(f"not valid JSON: {e.msg} (column {e.colno})"))
                    continue
                self._add_record(location, record, f"{path.stem}-{line_no}")
        if not found:
            raise _Bad("the file holds no articles")

    def _add_record(self, location: str, record: object, default_id: str) -> None:
        article_id = None
        try:
            if not isinstance(record, dict):
                raise _Bad(f"expected a JSON object, got {type(record).__name__}")
            given = _record_id(record)
            article_id = f"{self.id_prefix}{given if given is not None else default_id}"
            article = _record_fields(record, article_id, self.max_bytes)
        except _Bad as bad:
            self.problem(location, bad, article_id)
            return
        self.add(article, location)

    def _read_csv(self, path: Path, file: str) -> None:
        _check_utf8_file(path)
        # csv's field limit is process-wide: raise it for this file only, to the article limit
        # (in characters, which a text within max_bytes never exceeds), and put it back after.
        previous = csv.field_size_limit(self.max_bytes + 1)
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                self._read_csv_rows(csv.reader(handle), file, path.stem)
        finally:
            csv.field_size_limit(previous)

    def _read_csv_rows(self, rows: Iterator[list[str]], file: str, stem: str) -> None:
        header = next(rows, None)
        if not header:
            raise _Bad("the file is empty: expected a header line naming the columns")
        for column in (self.text_column, self.id_column, self.title_column):
            if column is not None and column not in header:
                present = ", ".join(repr(name) for name in header)
                raise _Bad(f"no column '{column}'; the columns are {present}", column)
        columns = {name: header.index(name) for name in header}
        row_no = 0
        while True:
            try:
                row = next(rows, None)
            except csv.Error as e:
                # After a broken or oversized field the reader cannot find the next row again.
                self.problem(f"{file}:row {row_no + 1}", _Bad(
                    f"{e} (a text may be {self.max_bytes:,} characters, {MAX_BYTES_SETTING}); "
                    "the rest of the file is not read"))
                return
            if row is None:
                break
            if not row:  # a blank line is no row
                continue
            row_no += 1
            self._add_csv_row(row, f"{file}:row {row_no}", f"{stem}-{row_no}", len(header), columns)
        if row_no == 0:
            raise _Bad("the file holds a header but no rows")

    def _add_csv_row(self, row: list[str], location: str, default_id: str, width: int, columns: dict[str, int]) -> None:
        # With an id column the id is unknown until that cell is read (and untrustworthy in a
        # row of the wrong width); without one the row's number names it.
        article_id = f"{self.id_prefix}{default_id}" if self.id_column is None else None
        try:
            if len(row) != width:
                raise _Bad(f"has {len(row)} cells; the header names {width} columns")
            if self.id_column is not None:
                value = row[columns[self.id_column]].strip()
                article_id = f"{self.id_prefix}{value}" if value else None
                if not value:
                    raise _Bad("is empty: every row needs its id", self.id_column)
            title = None
            if self.title_column is not None:
                title = row[columns[self.title_column]].strip() or None
            text = _checked_text(row[columns[self.text_column]], self.max_bytes, self.text_column)
            article = _article({"id": article_id, "text": text, "title": title})
        except _Bad as bad:
            # Name the column the user gave rather than the Article field.
            bad.field = {"id": self.id_column, "title": self.title_column}.get(bad.field or "") or bad.field
            self.problem(location, bad, article_id)
            return
        self.add(article, location)


def read_articles(
    paths: list[Path],
    *,
    text_format: TextFormat = TextFormat.auto,
    text_column: str = "text",
    id_column: str | None = None,
    title_column: str | None = None,
    id_prefix: str = "",
    max_bytes: int = 5_000_000,
) -> ReadArticles:
    """Read article files and folders into ``Article`` records with their text.

    Args:
        paths: Files and folders; folders are walked recursively in name order, keeping the
            files with a known suffix (.txt, .json, .jsonl, .ndjson, .html, .htm, .csv).
        text_format: How to read every file; ``auto`` goes by each file's suffix.
        text_column: The CSV column holding the text.
        id_column: The CSV column holding the article id; without it a row is ``<stem>-<row>``.
        title_column: The CSV column holding the title, if any.
        id_prefix: Put before every id read or derived, to keep corpora apart (``fnc1-``).
        max_bytes: Largest text in UTF-8 bytes (``CLAIMGRAPH_MAX_ARTICLE_BYTES``).

    Returns:
        The articles in a fixed order, the problems found, and the files of which no article
        was read. The first article of an id is kept; a later one is a problem.
    """
    reader = _Reader(text_column=text_column, id_column=id_column, title_column=title_column,
                     id_prefix=id_prefix, max_bytes=max_bytes)
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in _SUFFIXES)
            if not files:
                reader.refuse(str(path), _Bad(f"the folder holds no article file ({', '.join(_SUFFIXES)})"))
        elif path.exists():
            files = [path]
        else:
            reader.refuse(str(path), _Bad("no such file or folder"))
            continue
        for file in files:
            chosen = text_format if text_format is not TextFormat.auto else _SUFFIXES.get(file.suffix.lower())
            if chosen is None:
                formats = ", ".join(f.value for f in TextFormat if f is not TextFormat.auto)
                reader.refuse(str(file), _Bad(
                    f"cannot tell what {file.suffix or 'a file without a suffix'} holds: give a text format ({formats})"))
                continue
            reader.read_file(file, chosen)
    return reader.read


# -- uploads ----------------------------------------------------------------------------------


def default_article_id(text: str) -> str:
    """The id of an uploaded article given none: derived from its stored text, so posting the
    same text again names the same article (``article-<20 hex digits>``)."""
    return stable_id("article", hashlib.sha256(text.encode("utf-8")).hexdigest())


def _media_type(content_type: str | None) -> str:
    if not content_type or not content_type.strip():
        raise UnsupportedMediaTypeError("Content-Type is missing: send text/plain, application/json or text/html")
    media_type, *params = (part.strip() for part in content_type.split(";"))
    for param in params:
        name, _, value = param.partition("=")
        charset = value.strip().strip('"')
        if name.strip().lower() == "charset" and charset.lower() not in ("utf-8", "utf8", "us-ascii"):
            raise UnsupportedMediaTypeError(f"charset {charset} is not supported: send UTF-8")
    return media_type.lower()


def _json_upload(body: bytes, article_id: str | None, max_bytes: int) -> Article:
    try:
        record = json.loads(_decode(body))
    except json.JSONDecodeError as e:
        raise _Bad(f"not valid JSON: {e.msg} (line {e.lineno}, column {e.colno})") from None
    if not isinstance(record, dict):
        raise _Bad(f"expected one JSON object, got {type(record).__name__}")
    given = _record_id(record)
    if article_id is not None and given is not None and given != article_id:
        raise _Bad(f"given twice: '{article_id}' with the request and '{given}' in the body", "id")
    chosen = given if given is not None else article_id
    text = _checked_text(record.get("text"), max_bytes)
    return _record_fields(record, chosen if chosen is not None else default_article_id(text), max_bytes)


def article_from_upload(body: bytes, content_type: str | None, *, article_id: str | None, max_bytes: int) -> Article:
    """The article of an HTTP POST body.

    ``text/plain`` is the text itself; ``application/json`` (or ``+json``) is one object with
    the fields of a JSON article file; ``text/html`` (or XHTML) is a page whose main text and
    metadata are extracted. The body must be UTF-8. The id is ``article_id``, or the JSON
    ``id``; with neither, it is ``default_article_id`` of the stored text, so posting the same
    text twice names the same article.

    Args:
        body: The request body.
        content_type: The request's Content-Type header; a charset other than UTF-8 is refused.
        article_id: The id given with the request (e.g. in the query), if any.
        max_bytes: Largest text in UTF-8 bytes (``CLAIMGRAPH_MAX_ARTICLE_BYTES``).

    Returns:
        The article, its text stored as for files (BOM dropped, line breaks ``\\n``).

    Raises:
        ArticleInputError: The content type is missing or not one of these; the body is binary,
            not UTF-8 or too big; the text is missing or empty; a field is invalid; or the id
            is given twice with two values. The message names the field (``text: ...``), or
            ``body`` when the problem is the body as a whole.
    """
    media_type = _media_type(content_type)
    kinds = {"text/plain": "a text body", "text/html": "an HTML body", "application/xhtml+xml": "an HTML body"}
    kind = "a JSON body" if media_type == "application/json" or media_type.endswith("+json") else kinds.get(media_type)
    if kind is None:
        raise UnsupportedMediaTypeError(f"Content-Type {media_type} is not supported: send text/plain, application/json or text/html")
    try:
        # A cheap bound before decoding; the text's own limit is checked once it is known.
        if len(body) > _wrapped_limit(max_bytes):
            raise _too_big(len(body), max_bytes, kind)
        if kind == "a JSON body":
            return _json_upload(body, article_id, max_bytes)
        if kind == "an HTML body":
            return _html_article(_decode(body), article_id=article_id, max_bytes=max_bytes)
        text = _checked_text(_decode(body), max_bytes)
        return _article({"id": article_id if article_id is not None else default_article_id(text), "text": text})
    except _Bad as bad:
        error = ArticleTooLargeError if bad.too_large else ArticleInputError
        raise error(str(bad) if bad.field else f"body: {bad}") from None
