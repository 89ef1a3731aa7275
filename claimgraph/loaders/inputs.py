"""Which reader reads which file: statements JSONL or GDELT events, by file name or as told.

Folders are read for the files they hold, in name order.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from claimgraph.loaders.gdelt import read_gdelt
from claimgraph.loaders.parsed import InputProblem, ParsedInput
from claimgraph.loaders.statements import read_statements


class InputFormat(str, Enum):
    auto = "auto"
    statements = "statements"
    gdelt = "gdelt"


_SUFFIXES = {
    ".jsonl": InputFormat.statements,
    ".ndjson": InputFormat.statements,
    ".json": InputFormat.statements,
    ".csv": InputFormat.gdelt,
    ".tsv": InputFormat.gdelt,
    ".zip": InputFormat.gdelt,  # GDELT publishes its exports zipped: 20170701234500.export.CSV.zip
}


def _format_of(path: Path) -> InputFormat | None:
    return _SUFFIXES.get(path.suffix.lower())


def read_paths(paths: list[Path], input_format: InputFormat = InputFormat.auto) -> ParsedInput:
    """Read files and folders into one ``ParsedInput``; a file of unknown type is a problem."""
    parsed = ParsedInput()
    groups: dict[InputFormat, list[Path]] = {InputFormat.statements: [], InputFormat.gdelt: []}
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _format_of(p) is not None)
            if not files:
                parsed.problems.append(InputProblem(str(path), "the folder holds no .jsonl, .json, .csv, .tsv or .zip file"))
                parsed.refused_files.add(str(path))
        elif not path.exists():
            parsed.problems.append(InputProblem(str(path), "no such file or folder"))
            parsed.refused_files.add(str(path))
            continue
        else:
            files = [path]
        for file in files:
            chosen = input_format if input_format is not InputFormat.auto else _format_of(file)
            if chosen is None:
                parsed.problems.append(InputProblem(
                    str(file), f"cannot tell what {file.suffix or 'a file without a suffix'} holds: give --format statements or --format gdelt"))
                parsed.refused_files.add(str(file))
            else:
                groups[chosen].append(file)
    if groups[InputFormat.statements]:
        parsed.extend(read_statements(groups[InputFormat.statements]))
    if groups[InputFormat.gdelt]:
        parsed.extend(read_gdelt(groups[InputFormat.gdelt]))
    return parsed
