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

demo: demo-cli

## The whole test suite (what CI runs through .ci/run).
test: venv
	$(PY) -m pytest -q

lint: venv
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

eval: venv
	$(FAZHI) eval --gold tests/data/gold --corpus samples/seeds --detail

bench: venv
	$(PY) bench/facts_bench.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache

## The corpus benchmark on a synthetic corpus (BENCH_N=10000 by default; 100000 for the targets).
BENCH_N ?= 10000
bench-corpus: venv
	$(PY) bench/corpus_bench.py --n $(BENCH_N)
