# The two set-up commands of the README: `make demo` and `make test`.
# Each creates the virtualenv it needs on first use; nothing else is assumed but Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
PY      = $(VENV)/bin/python
FAZHI   = $(VENV)/bin/fazhi
STAMP   = $(VENV)/.installed

.PHONY: venv demo demo-cli test lint bench bench-facts bench-corpus bench-web eval clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Analyse the bundled sample reports and show the result.
demo-cli: venv
	$(FAZHI) analyze samples/seeds --format table
	$(FAZHI) eval --gold tests/data/gold --corpus samples/seeds

## The web application on the bundled sample reports (ingested into a demo corpus first): open the
## address it prints. Visitors read without logging in; the demo account may upload and manage.
DEMO_DIR      ?= artifacts/demo
DEMO_DB       ?= $(DEMO_DIR)/fazhi.db
DEMO_PORT     ?= 8000
DEMO_PASSWORD ?= demo-password
demo: venv
	@# A demo corpus from an earlier fazhi: its search index rebuilt, its analyses brought up to date.
	@if [ -f $(DEMO_DB) ]; then $(FAZHI) reanalyze --reindex --db $(DEMO_DB) && $(FAZHI) reanalyze --db $(DEMO_DB); fi
	$(FAZHI) ingest samples/seeds --db $(DEMO_DB) --jobs 1
	$(FAZHI) copies --db $(DEMO_DB) > /dev/null
	@echo "$(DEMO_PASSWORD)" | $(FAZHI) user add demo --admin --password-stdin --exist-ok --db $(DEMO_DB)
	@echo "演示账户 / demo account: demo / $(DEMO_PASSWORD)"
	$(FAZHI) serve --db $(DEMO_DB) --data-dir $(DEMO_DIR)/data --port $(DEMO_PORT) --public

## The whole test suite (what CI runs through .ci/run).
test: venv
	$(PY) -m pytest -q

lint: venv
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

eval: venv
	$(FAZHI) eval --gold tests/data/gold --corpus samples/seeds --detail

## Every benchmark that needs no server: fact extraction (accuracy and speed against a baseline),
## then the corpus (BENCH_N reports). `make bench BENCH_N=100000` for the corpus targets.
bench: bench-facts bench-corpus

bench-facts: venv
	$(PY) bench/facts_bench.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache

## The corpus benchmark on a synthetic corpus (BENCH_N=10000 by default; 100000 for the targets).
BENCH_N ?= 10000
bench-corpus: venv
	$(PY) bench/corpus_bench.py --n $(BENCH_N)

## The web load benchmark: 50 clients for 60 s on the dashboard, report pages and search over a
## synthetic corpus of WEB_BENCH_N reports (built once under /tmp/fazhi-bench, then reused).
WEB_BENCH_N ?= 10000
bench-web: venv
	$(PY) bench/web_bench.py --n $(WEB_BENCH_N)
