# The two commands of a fresh machine: `make site` builds site/, `make test` runs every test.
# Both set up what they need on first use (a .venv with pinned packages; Debian's headless
# Chromium for the browser tests).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
VNU_VERSION := 26.9.27
VNU := $(VENV)/vnu/node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: offline site test check serve lint unit fast browser chromium headless-shell java debian-tools vnu goldens schemas clean bench fuzz

site: $(RUNTIME)
	$(BIN)/findings build

# The offline edition: the whole site as a zip that works opened from the file system.
# DATA: the data folder (the tests make the zip of a fixture study).
DATA ?= themes_data
offline: $(RUNTIME)
	rm -rf offline && mkdir -p offline
	$(BIN)/findings build --offline --data $(DATA) --site-dir offline/findings-site
	cd offline && ../$(BIN)/python -m zipfile -c findings-offline.zip findings-site
	@echo "offline/findings-offline.zip: unzip it and open findings-site/index.html"

check: $(RUNTIME)
	$(BIN)/findings check

serve: $(RUNTIME)
	$(BIN)/findings serve

# PYTEST_ARGS: by default the tests are spread over two cores, a file to a worker
# (pytest-xdist; the workers share one build of each fixture site), the longest files first
# (tests/conftest.py's LONGEST_FIRST). PYTEST_ARGS= runs them in
# one process; --durations=20 names the slowest.
#
# On a fresh machine the three installs (pip, apt, npm) run side by side; mypy, the slowest
# check, runs beside the tests (which leave part of the two cores idle waiting on the browser)
# and its verdict is printed after theirs: either failing fails `make test`.
PYTEST_ARGS ?= -n 2 --dist loadfile --no-loadscope-reorder
#
# The tests start Python many times (each worker, each end-to-end run of the command): each
# start reuses the bytecode an earlier one compiled, even where the environment asks Python
# not to write it (PYTHONDONTWRITEBYTECODE), which would cost each start seconds of compiling.
test fast unit browser: export PYTHONDONTWRITEBYTECODE :=
test:
	@$(MAKE) --no-print-directory -j3 $(DEV) debian-tools vnu
	$(BIN)/ruff check scripts tests
	$(BIN)/lint-imports
	@rm -f $(VENV)/mypy.log; { $(BIN)/mypy > $(VENV)/mypy.log 2>&1; echo $$? >> $(VENV)/mypy.log; } & \
	$(BIN)/pytest $(PYTEST_ARGS); tests=$$?; wait; \
	echo "mypy:"; sed '$$d' $(VENV)/mypy.log; mypy=$$(tail -n 1 $(VENV)/mypy.log); \
	test "$$tests" -eq 0 && test "$$mypy" -eq 0

lint: $(DEV)
	$(BIN)/ruff check scripts tests
	$(BIN)/mypy
	$(BIN)/lint-imports

unit: $(DEV) $(VNU) java
	$(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

# `make fast`: the in-process tests of each stage (unit and golden pages), for a quick loop
# while editing: no browser, no fixture sites, no run of the command in a process of its own,
# no build by the site engine (a test that runs it unmarked `engine` fails here) and no long
# search (`slow`: fuzzing, megabyte inputs). `make test` runs them all.
fast: $(DEV)
	$(BIN)/pytest tests/unit tests/golden -m "not end_to_end and not engine and not slow" \
		--without-engine $(PYTEST_ARGS)

browser: $(DEV) headless-shell
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

# `make fuzz`: the long Hypothesis run of tests/unit/test_fuzz.py (10,200 generated data
# folders and documents; `make test` runs 150). A failure prints its smallest example.
fuzz: $(DEV)
	HYPOTHESIS_PROFILE=long $(BIN)/pytest tests/unit/test_fuzz.py

goldens: $(DEV)
	$(BIN)/pytest tests/golden --update-goldens

schemas: $(RUNTIME)
	$(BIN)/python -m findings.jsonschema scripts/findings/jsonschema
	$(BIN)/python -m findings.dictionary DATA-DICTIONARY.md
	$(BIN)/findings schemas --data themes_data

# The Pythons findings supports (pyproject.toml's requires-python): checked before anything is
# installed, so a too-old one gets this sentence rather than pip's resolver error.
PYTHON_SUPPORTED := 3.11
# The packages are installed by uv (pinned in requirements.txt, put in by the venv's own pip):
# the same pins as pip would install, in a fifth of the time (pip spent most of a fresh
# `make test`'s first minute resolving and unpacking them, one at a time).
INSTALL := $(BIN)/uv pip install --quiet --python $(BIN)/python
# A .venv that no longer works (its python's link leads nowhere after the system Python moved,
# or pip is gone) is noticed on every run and rebuilt from scratch.
VENV_BROKEN := $(shell test -d $(VENV) && { $(BIN)/python -c "import pip" >/dev/null 2>&1 \
	|| echo broken; })

$(RUNTIME): requirements.txt pyproject.toml $(if $(VENV_BROKEN),rebuild-venv)
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
		echo "findings needs Python $(PYTHON_SUPPORTED) or newer, but '$(PYTHON)' is" \
		"$$($(PYTHON) --version 2>&1 || echo missing): install Python $(PYTHON_SUPPORTED)+," \
		"then run make again with PYTHON=python3.11 (or newer)."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --no-compile $$(grep -E '^uv==' requirements.txt)
	$(INSTALL) -r requirements.txt
	$(INSTALL) --no-deps --no-build-isolation -e .
	touch $@

.PHONY: rebuild-venv
rebuild-venv:
	@echo "findings: $(VENV) is broken (its python does not run, or pip is missing): rebuilding it"
	rm -rf $(VENV)

$(DEV): $(RUNTIME) requirements-dev.txt
	$(INSTALL) -r requirements-dev.txt
	touch $@

# The full browser, for `make bench` (Lighthouse).
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update && apt-get install -y chromium; }

# The browser tests' Chromium: Debian's headless shell, the same Chromium without a window.
headless-shell:
	@command -v chromium-headless-shell >/dev/null 2>&1 || \
		{ apt-get update && apt-get install -y chromium-headless-shell; }

# Debian's headless Chromium and Java (for the Nu Html Checker) in one apt run, whichever is
# missing: two apt runs side by side would wait on each other's lock.
debian-tools:
	@set -- $$(command -v chromium-headless-shell >/dev/null 2>&1 || echo chromium-headless-shell) \
		$$(command -v java >/dev/null 2>&1 || echo default-jre-headless); \
	if [ $$# -gt 0 ]; then apt-get update && apt-get install -y "$$@"; fi

# The Nu Html Checker (tests/site/test_valid_html.py): the npm package's jar, run on Debian's Java.
vnu: $(VNU)

$(VNU): | $(if $(VENV_BROKEN),rebuild-venv)
	npm install --prefix $(VENV)/vnu --no-audit --no-fund --ignore-scripts vnu-jar@$(VNU_VERSION)
	test -f $@ && touch $@

java:
	@command -v java >/dev/null 2>&1 || { apt-get update && apt-get install -y default-jre-headless; }

clean:
	rm -rf site $(VENV) .pytest_cache .mypy_cache .ruff_cache

# `make bench` (issue 6): synthetic studies of 100, 1,000 and 10,000 quotes, timed and judged
# against the budgets; results in benchmarks/results/ (see benchmarks/README.md).
# Quick: make bench BENCH_ARGS="--sizes 100 --runs 1"
# ProperDocs, Zensical (own venvs) and Lighthouse are optional: one that fails to install is
# reported by the benchmark, which goes on without it.
BENCH_ARGS ?=
BENCH_DEPS := $(VENV)/.bench-installed
BENCH_LOGS := benchmarks/work/logs
BENCH_TOOLS := benchmarks/.venv-properdocs/.installed benchmarks/.venv-zensical/.installed \
	benchmarks/node_modules/.installed

bench: $(BENCH_DEPS) chromium
	-@$(MAKE) --no-print-directory -k $(BENCH_TOOLS)
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

$(BENCH_DEPS): $(RUNTIME) benchmarks/requirements.txt
	$(BIN)/pip install --quiet -r benchmarks/requirements.txt
	touch $@

benchmarks/.venv-%/.installed: benchmarks/requirements-%.txt
	@mkdir -p $(BENCH_LOGS)
	rm -rf benchmarks/.venv-$*
	$(PYTHON) -m venv benchmarks/.venv-$* > $(BENCH_LOGS)/install-$*.log 2>&1
	benchmarks/.venv-$*/bin/pip install -r $< >> $(BENCH_LOGS)/install-$*.log 2>&1 \
		|| { echo "bench: $* not installed, see $(BENCH_LOGS)/install-$*.log"; exit 1; }
	touch $@

benchmarks/node_modules/.installed: benchmarks/package.json benchmarks/package-lock.json
	@mkdir -p $(BENCH_LOGS)
	cd benchmarks && npm ci --ignore-scripts --no-audit --no-fund > work/logs/install-lighthouse.log 2>&1 \
		|| { echo "bench: Lighthouse not installed, see $(BENCH_LOGS)/install-lighthouse.log"; exit 1; }
	touch $@
