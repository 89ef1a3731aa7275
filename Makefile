# Two commands for a newcomer (see README):
#   make run    set up, then serve the API on http://127.0.0.1:8000 with the seed article loaded
#   make test   set up, then run the tests against the real (embedded) engine
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
LINTER := tests/cypher_lint/node_modules/.package-lock.json

.PHONY: setup run test bench clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Neo4j's own Cypher parser, from npm, for the test that lints every file in claimgraph/cypher/.
$(LINTER): tests/cypher_lint/package.json tests/cypher_lint/package-lock.json
	npm ci --prefix tests/cypher_lint --no-audit --no-fund --loglevel=error
	touch $@

setup: $(INSTALLED) $(LINTER)

run: $(INSTALLED)
	$(BIN)/claimgraph serve --load samples/seed-nk-mercenaries.jsonl

test: setup
	$(BIN)/pytest

bench: $(INSTALLED)
	$(BIN)/python bench/load.py

clean:
	rm -rf $(VENV) tests/cypher_lint/node_modules
