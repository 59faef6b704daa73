# Everything runs from a virtualenv in .venv, made on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test fuzz lint format bench install migrate migration messages clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[test,lint]'
	touch $@

install: $(BIN)/.installed

## Run the product on the embedded default: SQLite under data/, demo data, the page on :8080.
run: install
	$(BIN)/python main.py

## The whole test suite (PostgreSQL from TEST_POSTGRES_URL; its tests skip without a server, except in CI).
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## A long fuzzing run: tests/test_fuzz.py with random seeds and FUZZ_SCALE (default 50) times the CI examples.
## FUZZ_ARGS goes to pytest (e.g. FUZZ_ARGS="-k sqlite"); Hypothesis prints any failing example with its seed.
FUZZ_SCALE ?= 50
fuzz: install
	FUZZ_PROFILE=long FUZZ_SCALE=$(FUZZ_SCALE) $(BIN)/python -m pytest tests/test_fuzz.py -p no:cacheprovider \
		--hypothesis-show-statistics $(FUZZ_ARGS)

## Lint (ruff), types (mypy) and the layers of ARCHITECTURE.md (import-linter); CI runs it before the tests.
## No ruff cache: a cached verdict once hid a file that a fresh clone (CI) found unformatted.
lint: install
	$(BIN)/ruff check --no-cache .
	$(BIN)/ruff format --check --no-cache .
	$(BIN)/mypy
	$(BIN)/lint-imports

## Format the code and apply ruff's safe fixes.
format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## The benchmark suite, each benchmark against its floor (PostgreSQL admin URL from BENCH_POSTGRES_URL; about
## 13 minutes, BENCH_ARGS=--quick for a 3-minute try). Prints a table, writes bench/results/; see BENCHMARKS.md.
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

## Apply migrations to DATABASE_URL (the Procfile's release step does the same).
migrate: install
	$(BIN)/python main.py migrate

## Write the next migration for both engines after changing models: make migration name=add_something
migration: install
	$(BIN)/python migrations/make_migration.py $(name)

## Re-extract user-facing strings into locales/messages.pot and update every catalog.
messages: install
	$(BIN)/pybabel extract -F locales/babel.cfg -k _ -k gettext -k ngettext:1,2 -o locales/messages.pot --no-location --omit-header .
	$(BIN)/pybabel update -i locales/messages.pot -d locales -D messages --no-fuzzy-matching

clean:
	rm -rf $(VENV) data .pytest_cache
