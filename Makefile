# The two commands of a fresh machine: `make site` builds site/, `make test` runs every test.
# Both set up what they need on first use (a .venv with pinned packages; Debian's chromium).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed

.PHONY: site test check serve lint unit browser chromium goldens schemas clean

site: $(RUNTIME)
	$(BIN)/findings build

check: $(RUNTIME)
	$(BIN)/findings check

serve: $(RUNTIME)
	$(BIN)/findings serve

test: $(DEV) chromium lint
	$(BIN)/pytest

lint: $(DEV)
	$(BIN)/ruff check scripts tests
	$(BIN)/mypy

unit: $(DEV)
	$(BIN)/pytest -m "not browser"

browser: $(DEV) chromium
	$(BIN)/pytest -m browser

goldens: $(DEV)
	$(BIN)/pytest tests/golden --update-goldens

schemas: $(RUNTIME)
	$(BIN)/python -m findings.jsonschema scripts/findings/jsonschema
	$(BIN)/python -m findings.dictionary DATA-DICTIONARY.md

$(RUNTIME): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(DEV): $(RUNTIME) requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update && apt-get install -y chromium; }

clean:
	rm -rf site $(VENV) .pytest_cache .mypy_cache .ruff_cache
