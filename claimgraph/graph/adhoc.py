"""The read-only check of ad hoc Cypher (``POST /cypher``) and of user-folder named queries.

The first of the layers that keep ad hoc queries from changing anything (issue 4): this module
refuses, before anything reaches the engine, every query that is not plainly a read. The
others are in ``graph/executor.py``: a READ session, a transaction that is always rolled back,
EXPLAIN's query type on Neo4j, a time limit and a row cap.

The check cannot lean on the rollback for everything, because ArcadeDB (the default engine)
does some things outside the transaction: measured on 26.10.2, ``CREATE INDEX``,
``CREATE CONSTRAINT``, ``DROP INDEX`` and ``CREATE USER`` stayed after a rollback, and
``CALL { ... } IN TRANSACTIONS`` committed its inner writes. It also accepts writes in a READ
session. So these are refused here:

- write clauses: CREATE, MERGE, SET, DELETE, DETACH/NODETACH DELETE, REMOVE, FOREACH, INSERT,
  LOAD CSV (and USING PERIODIC COMMIT);
- schema and admin commands: DROP, ALTER, SHOW, TERMINATE, USE anywhere, and at the start of
  a statement or subquery GRANT, DENY, REVOKE, RENAME, START, STOP, ENABLE, DEALLOCATE,
  REALLOCATE, DRYRUN, BEGIN, COMMIT, ROLLBACK and the CYPHER pre-parser prefix (CREATE
  INDEX/CONSTRAINT/USER are CREATE);
- ``... IN TRANSACTIONS`` (the word TRANSACTIONS anywhere in code);
- ``CALL`` of any procedure not in :data:`ALLOWED_PROCEDURES` (``CALL { ... }`` and
  ``CALL (x) { ... }`` subqueries are allowed; their bodies are checked like the rest);
- namespaced functions outside :data:`ALLOWED_FUNCTION_NAMESPACES` (``apoc.create.node(...)``);
- several statements (a ``;`` with code after it; one trailing ``;`` is dropped);
- invisible and control characters in code (zero-width spaces and joiners, BOM, bidi controls).

How it reads a query: a small lexer splits the text the engine will receive into strings,
backtick-quoted names, comments, parameters, numbers, words and punctuation, so that a keyword
inside a string (``WHERE c.text CONTAINS 'create'``) or a comment is not mistaken for a clause.
Where engines might read the text differently, the lexer takes the reading that shows more code:
a line comment ends at any line break Unicode knows, a block comment at the first ``*/``. Words
are compared after NFKC normalisation (fullwidth ``ＣＲＥＡＴＥ`` is CREATE), with Cyrillic,
Greek and small-capital look-alikes mapped to Latin, and the scan runs twice: with comments as
spaces and with comments removed (``CRE/**/ATE``). A word is a name, not a keyword, after ``.``
(a property), after ``:`` (a label) or before ``:`` (a map key).

The check refuses a few harmless queries (a variable named ``set`` or ``start``; quote it in
backticks) rather than let one write through.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from claimgraph.graph.errors import CypherSyntaxError, WriteRefusedError

# Read-only procedures an ad hoc query may CALL (compared case-insensitively).
ALLOWED_PROCEDURES = frozenset({
    "db.labels",
    "db.relationshiptypes",
    "db.propertykeys",
    "db.schema.visualization",
    "db.schema.nodetypeproperties",
    "db.schema.reltypeproperties",
})

# Namespaces of the built-in functions an ad hoc query may call (``date.truncate(...)``,
# ``duration.between(...)``); functions without a namespace (``count``, ``toLower``) are all allowed.
# ``sql.*`` (ArcadeDB's SQL functions), ``apoc.*``, ``algo.*`` and the rest are refused.
ALLOWED_FUNCTION_NAMESPACES = frozenset({
    "date", "datetime", "localdatetime", "localtime", "time", "duration", "point", "geo",
    "vector", "vector.similarity", "vector.distance", "vector.dimension",
})

WRITE_KEYWORDS = frozenset({
    "CREATE", "MERGE", "SET", "DELETE", "DETACH", "NODETACH", "REMOVE", "FOREACH", "INSERT", "LOAD", "PERIODIC",
})
# Admin and schema words refused wherever they stand in code.
ADMIN_KEYWORDS = frozenset({"DROP", "ALTER", "SHOW", "TERMINATE", "USE"})
# Words that only start an admin command: refused at the start of a statement or a subquery,
# allowed elsewhere (so that ``MATCH (start)-->(stop)`` and ``RETURN deny`` pass).
STATEMENT_START_KEYWORDS = frozenset({
    "GRANT", "DENY", "REVOKE", "RENAME", "START", "STOP", "ENABLE", "DEALLOCATE", "REALLOCATE", "DRYRUN",
    "BEGIN", "COMMIT", "ROLLBACK", "CYPHER",
})

# Letters that look like Latin ones (Cyrillic, Greek, small capitals), mapped before comparing words.
_LOOKALIKES = str.maketrans({
    # Cyrillic
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K", "М": "M", "О": "O",
    "Р": "P", "Ѕ": "S", "Т": "T", "Х": "X", "У": "Y", "Ү": "Y", "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W", "Ӏ": "I",
    "а": "a", "в": "b", "с": "c", "е": "e", "һ": "h", "і": "i", "ј": "j", "к": "k", "м": "m", "о": "o",
    "р": "p", "ѕ": "s", "т": "t", "х": "x", "у": "y", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v", "ρ": "p", "τ": "t", "υ": "u", "ι": "i",
    "κ": "k", "α": "a", "ε": "e",
    # Latin small capitals and other look-alikes
    "ᴀ": "A", "ʙ": "B", "ᴄ": "C", "ᴅ": "D", "ᴇ": "E", "ғ": "F", "ɢ": "G", "ʜ": "H", "ɪ": "I", "ᴊ": "J",
    "ᴋ": "K", "ʟ": "L", "ᴍ": "M", "ɴ": "N", "ᴏ": "O", "ᴘ": "P", "ʀ": "R", "ꜱ": "S", "ᴛ": "T", "ᴜ": "U",
    "ᴠ": "V", "ᴡ": "W", "ʏ": "Y", "ᴢ": "Z", "ı": "i",
})

# Line breaks that end a ``//`` comment: every one some engine might honour.
_LINE_BREAKS = "\n\r\u2028\u2029\x85\x0b\x0c"
# Character categories refused in code (outside strings, quoted names and comments).
_INVISIBLE = {"Cf", "Co", "Cn", "Cs"}


@dataclass(frozen=True)
class Token:
    kind: str  # word, name (backtick-quoted), string, param, number, punct, comment, space
    text: str
    start: int

    @property
    def norm(self) -> str:
        """Words as compared: NFKC, look-alikes mapped, upper case; punctuation NFKC."""
        if self.kind == "word":
            return unicodedata.normalize("NFKC", self.text).translate(_LOOKALIKES).upper()
        if self.kind == "punct":
            return unicodedata.normalize("NFKC", self.text)
        if self.kind == "name":
            return self.text[1:-1].replace("``", "`")
        return self.text


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or unicodedata.category(ch) in ("Mn", "Mc", "Pc", "Nl")


def _where(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def lex(text: str) -> list[Token]:
    """Split a query into tokens.

    Raises:
        CypherSyntaxError: a string, quoted name or block comment is not closed.
    """
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            j = i + 1
            while j < n and text[j].isspace():
                j += 1
            tokens.append(Token("space", text[i:j], i))
        elif text.startswith("//", i):
            j = i + 2
            while j < n and text[j] not in _LINE_BREAKS:
                j += 1
            tokens.append(Token("comment", text[i:j], i))
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise CypherSyntaxError(f"a comment opened at {_where(text, i)} is not closed")
            j = end + 2
            tokens.append(Token("comment", text[i:j], i))
        elif ch in "'\"":
            j = i + 1
            while j < n and text[j] != ch:
                j += 2 if text[j] == "\\" else 1
            if j >= n:
                raise CypherSyntaxError(f"a string opened at {_where(text, i)} is not closed")
            j += 1
            tokens.append(Token("string", text[i:j], i))
        elif ch == "`":
            j = _quoted_end(text, i)
            tokens.append(Token("name", text[i:j], i))
        elif ch == "$":
            j = i + 1
            if j < n and text[j] == "`":
                j = _quoted_end(text, j)
            else:
                while j < n and _is_word_char(text[j]):
                    j += 1
            tokens.append(Token("param", text[i:j], i))
        elif ch.isdigit():
            j = i + 1
            while j < n and (text[j].isdigit() or text[j] == "_"):
                j += 1
            if j + 1 < n and text[j] == "." and text[j + 1].isdigit():
                j += 1
                while j < n and (text[j].isdigit() or text[j] == "_"):
                    j += 1
            tokens.append(Token("number", text[i:j], i))
        elif _is_word_char(ch):
            j = i + 1
            while j < n and _is_word_char(text[j]):
                j += 1
            tokens.append(Token("word", text[i:j], i))
        else:
            tokens.append(Token("punct", ch, i))
            j = i + 1
        i = j
    return tokens


def _quoted_end(text: str, i: int) -> int:
    """The end of the backtick-quoted name opened at ``i`` (a doubled backtick is one backtick)."""
    j = i + 1
    while True:
        end = text.find("`", j)
        if end < 0:
            raise CypherSyntaxError(f"a quoted name opened at {_where(text, i)} is not closed")
        if text.startswith("``", end):
            j = end + 2
            continue
        return end + 1


def _refuse_invisible(text: str, tokens: list[Token]) -> None:
    for token in tokens:
        if token.kind in ("string", "name", "comment"):
            continue
        for offset, ch in enumerate(token.text):
            category = unicodedata.category(ch)
            if category in _INVISIBLE or (category == "Cc" and not ch.isspace()):
                position = token.start + offset
                raise WriteRefusedError(
                    f"the query holds an invisible or control character U+{ord(ch):04X} "
                    f"({unicodedata.name(ch, 'unnamed')}) at {_where(text, position)}, outside any "
                    "string: remove it", rule="invisible-character", position=position)


def _significant(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.kind not in ("space", "comment")]


def _variants(tokens: list[Token]) -> Iterator[str]:
    """Other readings of the query some engine might take; each must pass the rules too. For
    now one: the text with its comments cut out (``CRE/**/ATE`` reads CREATE)."""
    if any(t.kind == "comment" for t in tokens):
        yield "".join(t.text for t in tokens if t.kind != "comment")


_NAME_KINDS = ("word", "name")


def _in_label_expression(tokens: list[Token], i: int) -> bool:
    """Whether the word at ``i`` follows ``|``, ``&``, ``!`` or ``%`` in a label or type
    expression that a ``:`` opened (``n:A|B``, ``[:A|:B]``, ``n:A&!B``)."""
    j = i - 1
    while j >= 0:
        operators = 0
        while j >= 0 and tokens[j].kind == "punct" and tokens[j].norm in "|&!%":
            operators += 1
            j -= 1
        if j < 0:
            return False
        token = tokens[j]
        if token.kind == "punct" and token.norm == ":":
            return True
        if operators == 0 or token.kind not in _NAME_KINDS:
            return False
        j -= 1
    return False


def _is_name_position(tokens: list[Token], i: int) -> bool:
    """Whether the word at ``i`` stands where only a name can: a property, a label (also after
    ``|`` in a label expression), a map key."""
    before = tokens[i - 1] if i > 0 else None
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if after is not None and after.kind == "punct" and after.norm == ":":
        return True
    if before is not None and before.kind == "punct":
        if before.norm == ":" or (before.norm in "|&!%" and _in_label_expression(tokens, i)):
            return True
        if before.norm == ".":
            owner = tokens[i - 2] if i > 1 else None
            return owner is not None and (owner.kind in ("word", "name", "param")
                                          or (owner.kind == "punct" and owner.norm in ")]}"))
    return False


def _qualified_name(tokens: list[Token], i: int) -> tuple[str, int]:
    """The dotted name starting at ``i`` (``apoc.create.node``, ``db.`labels```), lower case,
    and the index just after it."""
    parts = [tokens[i].norm.lower()]
    j = i + 1
    while (j + 1 < len(tokens) and tokens[j].kind == "punct" and tokens[j].norm == "."
           and tokens[j + 1].kind in _NAME_KINDS):
        parts.append(tokens[j + 1].norm.lower())
        j += 2
    return ".".join(parts), j


def _refuse(text: str, token: Token, rule: str, message: str) -> WriteRefusedError:
    return WriteRefusedError(f"{message} (at {_where(text, token.start)})", rule=rule, position=token.start)


def _scan(text: str, tokens: list[Token]) -> int | None:
    """Apply the rules to the significant tokens; returns the offset of a trailing ``;``, if any.

    Raises:
        WriteRefusedError: the first rule the query breaks.
    """
    clause_start = True
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        if token.kind == "punct":
            if token.norm == ";":
                if i + 1 < n:
                    raise _refuse(text, token, "multiple-statements",
                                  "several statements: send one query at a time, without ';' between statements")
                return token.start
            clause_start = token.norm == "{"
            i += 1
            continue
        if token.kind != "word" or _is_name_position(tokens, i):
            if token.kind in _NAME_KINDS:
                i = _check_function_call(text, tokens, i)
            else:
                i += 1
            clause_start = False
            continue
        word = token.norm
        if word == "LOAD" or word == "PERIODIC":
            raise _refuse(text, token, "write-clause", "LOAD CSV reads files and URLs on the server: not allowed")
        if word in WRITE_KEYWORDS:
            raise _refuse(text, token, "write-clause",
                          f"{word} writes to the graph: only reads are allowed (quote a name spelled "
                          f"like a keyword in backticks)")
        if word in ADMIN_KEYWORDS:
            raise _refuse(text, token, "admin-command", f"{word} is a schema or admin command: only reads are allowed")
        if word == "TRANSACTIONS":
            raise _refuse(text, token, "transactions",
                          "IN TRANSACTIONS and transaction commands commit on their own: only reads are allowed")
        if clause_start and word in STATEMENT_START_KEYWORDS:
            if word == "CYPHER":
                raise _refuse(text, token, "pre-parser", "pre-parser options (CYPHER ...) are not accepted")
            raise _refuse(text, token, "admin-command", f"{word} starts an admin command: only reads are allowed")
        if word == "CALL":
            i = _check_call(text, tokens, i)
            clause_start = False
            continue
        # What may follow these is again the start of a statement.
        if word == "UNION" or (clause_start and word in ("EXPLAIN", "PROFILE", "ALL", "DISTINCT")):
            clause_start = True
            i += 1
            continue
        clause_start = False
        i = _check_function_call(text, tokens, i)
    return None


def _check_call(text: str, tokens: list[Token], i: int) -> int:
    """``CALL { ... }`` and ``CALL (x) { ... }`` pass (their bodies are scanned like the rest);
    ``CALL name`` passes only for an allow-listed procedure. Returns the index after the name."""
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    if following is None:
        raise _refuse(text, tokens[i], "procedure", "CALL of nothing")
    if following.kind == "punct" and following.norm in "{(":
        return i + 1
    if following.kind not in _NAME_KINDS:
        raise _refuse(text, following, "procedure", "CALL must be followed by a subquery or an allowed procedure")
    name, after = _qualified_name(tokens, i + 1)
    if name not in ALLOWED_PROCEDURES:
        raise _refuse(text, following, "procedure",
                      f"procedure {name} is not on the allow-list "
                      f"({', '.join(sorted(ALLOWED_PROCEDURES))})")
    return after


def _check_function_call(text: str, tokens: list[Token], i: int) -> int:
    """A dotted name followed by ``(`` is a namespaced function: allowed only for the built-in
    namespaces. Returns the index after the name."""
    if not (i + 1 < len(tokens) and tokens[i + 1].kind == "punct" and tokens[i + 1].norm == "."):
        return i + 1
    if i > 0 and tokens[i - 1].kind == "punct" and tokens[i - 1].norm == ".":
        return i + 1
    name, after = _qualified_name(tokens, i)
    if after < len(tokens) and tokens[after].kind == "punct" and tokens[after].norm == "(":
        namespace = name.rpartition(".")[0]
        if namespace not in ALLOWED_FUNCTION_NAMESPACES:
            raise _refuse(text, tokens[i], "function",
                          f"function {name} is not an allowed built-in function "
                          f"(namespaces: {', '.join(sorted(ALLOWED_FUNCTION_NAMESPACES))})")
    return after


def check_read_only(text: str) -> str:
    """Refuse a query that is not plainly a read; return the text to send (a trailing ``;`` cut).

    Raises:
        WriteRefusedError: the query writes, administers, calls a procedure or function off the
            allow-lists, holds several statements or invisible characters.
        CypherSyntaxError: a string, quoted name or comment is not closed, or the query is empty.
    """
    tokens = lex(text)
    significant = _significant(tokens)
    if not significant:
        raise CypherSyntaxError("the query is empty")
    _refuse_invisible(text, tokens)
    trailing = _scan(text, significant)
    for variant in _variants(tokens):
        try:
            variant_tokens = lex(variant)
        except CypherSyntaxError:
            continue  # not a reading any engine could take
        try:
            _scan(variant, _significant(variant_tokens))
        except WriteRefusedError as e:
            raise WriteRefusedError(f"{e} in the query read without its comments", rule=e.rule) from None
    if trailing is not None:
        text = text[:trailing]
        if not _significant(lex(text)):
            raise CypherSyntaxError("the query is empty")
    return text


def strip_explain(text: str) -> str:
    """The query without a leading EXPLAIN or PROFILE (for checking its plan with EXPLAIN)."""
    significant = _significant(lex(text))
    if significant and significant[0].kind == "word" and significant[0].norm in ("EXPLAIN", "PROFILE"):
        return text[significant[0].start + len(significant[0].text):]
    return text
