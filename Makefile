# The two commands of the README: `make demo` and `make test`. Both set everything up first.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: setup demo test clean

setup: $(VENV)/.installed
	scripts/install-browser $(BIN)/python

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[reference,postgres,test,lint]'
	touch $@

# Runs the conformance features against the bundled reference portal.
demo: setup
	$(BIN)/portalcheck run

# Lints and type-checks, then runs the harness's own tests and the conformance features, in parallel.
test: setup
	$(BIN)/ruff check .
	$(BIN)/mypy
	scripts/install-browser-server $(BIN)/python
	$(BIN)/pytest -n auto

clean:
	rm -rf $(VENV) .browser-server portalcheck-report test-results
