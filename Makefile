# Two commands do all the set-up on a machine with only Python 3.11+:
#   make lint   creates .venv, installs factcheck, lints seeds/ with the bundled facts
#   make test   creates .venv, installs factcheck with its test tools, runs the whole suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: lint test bench clean

$(BIN)/factcheck: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Exit status 1 means "findings reported" (the seeds hold one real error); 2 is a failure.
lint: $(BIN)/factcheck
	$(BIN)/factcheck lint seeds/ || [ $$? -eq 1 ]

test: $(BIN)/factcheck
	$(BIN)/python -m pytest

# Not a test: prints the speed table the README quotes (proselint is installed for it).
bench: $(BIN)/factcheck
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .factcheck_cache .pytest_cache .mypy_cache .ruff_cache build *.egg-info
