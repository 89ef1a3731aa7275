# Two commands for a newcomer (see README):
#   make run    set up, then serve the API and the explorer on http://127.0.0.1:8000 with samples loaded
#   make test   set up, then run the tests against the real (embedded) engine
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
LINTER := tests/cypher_lint/node_modules/.package-lock.json
AXE := tests/browser/node_modules/.package-lock.json

.PHONY: setup run test bench clean train

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Neo4j's own Cypher parser, from npm, for the test that lints every file in claimgraph/cypher/.
$(LINTER): tests/cypher_lint/package.json tests/cypher_lint/package-lock.json
	npm ci --prefix tests/cypher_lint --no-audit --no-fund --loglevel=error
	touch $@

# axe-core, for the explorer's accessibility check in the browser tests (a test tool only).
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium and its driver, for the explorer's browser tests (tests/test_explore_browser.py).
BROWSER := /usr/bin/chromedriver
$(BROWSER):
	$(if $(shell command -v sudo),sudo) apt-get update -q
	$(if $(shell command -v sudo),sudo) apt-get install -y -q chromium chromium-driver

setup: $(INSTALLED) $(LINTER) $(AXE) $(BROWSER)

# The seed article, the GDELT sample and six FNC-1 bodies (extracted at start): every page of
# the explorer has something to show.
run: $(INSTALLED)
	$(BIN)/claimgraph serve --load samples/seed-nk-mercenaries.jsonl --load tests/data/gdelt/events-sample.csv \
		--ingest tests/data/fnc1-dev/bodies.csv --text-column articleBody --id-column "Body ID" --id-prefix fnc1-

test: setup
	$(BIN)/pytest

bench: $(INSTALLED)
	$(BIN)/python bench/load.py

# Rebuild the shipped extraction models (needs ../shared/eval; loaders/models/MODEL_CARD.md).
train: $(INSTALLED)
	$(BIN)/claimgraph train --shared ../shared/eval --extra-gold bench/data/fnc1-train-extra.gold.jsonl

clean:
	rm -rf $(VENV) tests/cypher_lint/node_modules tests/browser/node_modules
