# Two commands do everything: `make serve` (live site) and `make test` (every test).
# Both set up what they need first: uv (bootstrapped into .tools/, outside .venv, which
# `uv sync` owns), the pinned Python environment from uv.lock, and KaTeX from
# package-lock.json. Nothing else is downloaded.

UV_VERSION := 0.13.8
PYTHON ?= python3
TOOLS := .tools
UV := $(TOOLS)/bin/uv
BIN := .venv/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH :=

.PHONY: setup serve site test test-fast bench lint lock clean

setup: .venv/.synced node_modules/.package-lock.json

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

.venv/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

## serve: the site with live reload at http://127.0.0.1:$(PORT). Rebuilds are incremental
## (--dirty): only the pages whose Markdown, shown snippet sections, figures or lab
## imports changed are rebuilt (site_plugins/incremental.py), and labs, figures and math
## come from the build cache in .cache/site when their sources are unchanged. MkDocs
## warns on every dirty build, so serve is not strict; `make site` and the tests are.
PORT ?= 8000
serve: setup
	$(BIN)/mkdocs serve --no-strict --dev-addr 127.0.0.1:$(PORT) --livereload --dirty

## site: the static site in site/ (strict: any warning fails), through the build cache
site: setup
	$(BIN)/mkdocs build --strict --clean

## test: unit tests, doctests of pages and docstrings, the strict build, browser tests
## (in parallel processes, one build shared by all; see addopts in pyproject.toml)
test: setup
	$(BIN)/pytest

## test-fast: the edit loop: unit tests and doctests only, no site build, no browser
test-fast: setup
	$(BIN)/pytest -m "not browser and not build"

## bench: build time, test time, page weights, snippet speed vs library counterparts
bench: setup
	$(BIN)/python -m tests.site.bench

## lint: ruff and mypy over the package, the build's plugins and the tests
lint: setup
	$(BIN)/ruff check snippets site_plugins tests docs
	$(BIN)/ruff format --check snippets site_plugins tests
	$(BIN)/mypy

## lock: re-resolve the pinned Python and browser dependencies
lock: $(UV)
	$(UV) lock
	npm install --package-lock-only --no-audit --no-fund

clean:
	rm -rf site .cache .pytest_cache
