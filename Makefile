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

.PHONY: setup serve site test bench lint lock clean

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
## (--dirty): only pages whose Markdown or shown snippets changed are rebuilt, and labs,
## figures and math come from .cache/ when their sources are unchanged. MkDocs warns on
## every dirty build, so serve is not strict; `make site` and the tests are.
PORT ?= 8000
serve: setup
	NOTEBOOK_CACHE=true $(BIN)/mkdocs serve --no-strict --dev-addr 127.0.0.1:$(PORT) --livereload --dirty

## site: the static site in site/ (strict: any warning fails)
site: setup
	$(BIN)/mkdocs build --strict --clean

## test: unit tests, doctests of pages and docstrings, the strict build, browser tests
test: setup
	$(BIN)/pytest

## bench: build time, test time, page weights, snippet speed vs library counterparts
bench: setup
	$(BIN)/python -m tests.site.bench

## lint: ruff and mypy over the package, tests and hooks
lint: setup
	$(BIN)/ruff check snippets tests overrides docs
	$(BIN)/ruff format --check snippets tests overrides
	$(BIN)/mypy

## lock: re-resolve the pinned Python and browser dependencies
lock: $(UV)
	$(UV) lock
	npm install --package-lock-only --no-audit --no-fund

clean:
	rm -rf site .cache .pytest_cache
