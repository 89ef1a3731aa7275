"""What the README and docker-compose.yml promise matches the code."""

from __future__ import annotations

import re
import yaml
from conftest import REPO

from claimgraph.graph.settings import Settings

README = (REPO / "README.md").read_text(encoding="utf-8")


def env_name(field: str) -> str:
    alias = Settings.model_fields[field].validation_alias
    return alias.choices[0] if alias is not None else f"CLAIMGRAPH_{field}"


def as_written(default: object) -> str:
    """A default as the README writes it: 90.0 as 90."""
    return str(int(default)) if isinstance(default, float) and default.is_integer() else str(default)


def test_docs_every_setting_is_in_the_readme_with_its_default() -> None:
    table = {m[1]: m[2] for m in re.finditer(r"^\| `(\w+)` \| ([^|]+) \|", README, re.MULTILINE)}
    for field, info in Settings.model_fields.items():
        name = env_name(field)
        assert name in table, f"{name} is not in the README's settings table"
        if info.default is not None:
            assert table[name].strip().strip("`") == as_written(info.default), name


def test_docs_readme_commands_are_the_makefile_targets() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "make run" in README and "make test" in README
    # make run serves the samples every explorer page needs, from files the repository holds.
    recipe = re.search(r"^run: .*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1).replace("\\\n", " ")
    assert recipe.split()[:2] == ["$(BIN)/claimgraph", "serve"]
    sources = re.findall(r"--(?:load|ingest) (\S+)", recipe)
    assert sources == ["samples/seed-nk-mercenaries.jsonl", "tests/data/gdelt/events-sample.csv", "tests/data/fnc1-dev/bodies.csv"]
    assert all((REPO / source).is_file() for source in sources)
    assert re.search(r"^test: setup\n\t\$\(BIN\)/pytest$", makefile, re.MULTILINE)
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_docs_compose_runs_neo4j_5_and_the_api_against_it() -> None:
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))
    neo4j, api = compose["services"]["neo4j"], compose["services"]["api"]
    assert re.fullmatch(r"neo4j:5\.\d+(-community)?", neo4j["image"])
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    assert any(v.endswith(":/data") for v in neo4j["volumes"]) and "neo4j-data" in compose["volumes"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
    assert set(api["environment"]) >= {"NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"}
    assert all(p.startswith("127.0.0.1:") for p in neo4j["ports"] + api["ports"])
    assert (REPO / api["command"][-1]).is_file()
