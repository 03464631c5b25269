# Two commands: `make run` starts the app on http://localhost:8501, `make test` checks everything
# (ruff, import-linter, mypy, then every test layer).
# Needs only python3 and make; everything else goes into .venv (and, for the tests, Debian's
# chromium and postgresql packages when run as root).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.installed-requirements
DEV_STAMP := $(VENV)/.installed-requirements-dev
TEST_LAYERS := $(wildcard tests/unit tests/integration tests/app tests/e2e)

.PHONY: run serve test lint format migrate bench test-deps venv clean

run: $(RUN_STAMP) migrate
	$(PY) -m streamlit run app.py

# A coach's server (README, "Deploying for a team"): login required, checks its configuration,
# migrates SSI_COACH_DATABASE_URL itself. Options: make serve SERVE_ARGS="--allowed-host …".
serve: $(RUN_STAMP)
	$(PY) -m ssi_coach.serve $(SERVE_ARGS)

test: $(DEV_STAMP) test-deps lint
	$(PY) -m pytest $(TEST_LAYERS)

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

format: $(DEV_STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrate: $(RUN_STAMP)
	$(PY) -m ssi_coach.store.migrate

bench: $(DEV_STAMP)
	$(PY) -m benchmarks.pages
	$(PY) -m benchmarks.import_size
	$(PY) -m benchmarks.review
	$(PY) -m benchmarks.chromium
	$(PY) -m benchmarks.team

test-deps:
	@bash scripts/install-test-deps.sh

venv: $(PY)

$(PY):
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "python3 -m venv failed: install python3-venv"; exit 1; }

# The stamps make a second run skip pip until a requirements file changes.
$(RUN_STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(RUN_STAMP)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis tests/e2e/screenshots
