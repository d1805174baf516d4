# Everything bootstraps its own environment: a fresh machine needs only python3, git and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
GENERATED_PACKAGES = $(wildcard generated/*/*_client)

.PHONY: generate test check lint typecheck drift bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## generate: regenerate every vendor package under generated/ from specs/
generate: $(STAMP)
	$(BIN)/codegen generate

## test: every test, then the static checks and the drift check
test: $(STAMP)
	$(BIN)/pytest
	$(MAKE) --no-print-directory check

## check: ruff, mypy --strict (generator and generated code), and `codegen check`
check: lint typecheck drift

lint: $(STAMP)
	$(BIN)/ruff check codegen tests bench

typecheck: $(STAMP)
	$(BIN)/mypy --strict codegen
	$(BIN)/mypy --strict $(GENERATED_PACKAGES)

drift: $(STAMP)
	$(BIN)/codegen check

## bench: generator, client and drift-check benchmarks (see docs/PERFORMANCE.md)
bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/clients.py
	$(BIN)/python bench/drift.py

clean:
	rm -rf $(VENV) .cache .mypy_cache .pytest_cache .ruff_cache
