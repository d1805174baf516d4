# Everything bootstraps its own environment: a fresh machine needs only python3, git and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
GENERATED_PACKAGES = $(wildcard generated/*/*_client)
# The client tests again, on the lowest httpx and pydantic the packages declare (one venv:
# every package declares the same floors; tests/floors/pins.py checks it).
FLOOR_VENV := .venv-floor
FLOOR_STAMP := $(FLOOR_VENV)/.installed-stamp
# The packages the tests generate from fixture specs (tests/floors/prebuilt.py), generated
# beforehand for the floor run, which has no generator.
FLOOR_PREBUILT := .cache/floor-packages

.PHONY: generate test floor check lint typecheck drift bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## generate: regenerate every vendor package under generated/ from specs/
generate: $(STAMP)
	$(BIN)/codegen generate

$(FLOOR_STAMP): $(STAMP) $(wildcard generated/*/pyproject.toml)
	test -x $(FLOOR_VENV)/bin/python || $(PYTHON) -m venv $(FLOOR_VENV)
	$(FLOOR_VENV)/bin/python -m pip install --quiet --upgrade pip
	eval $(FLOOR_VENV)/bin/python -m pip install --quiet $$($(BIN)/python -m tests.floors.pins --tools)
	touch $(FLOOR_STAMP)

## test: every test, the client tests on the floor versions, the static checks, the drift check
test: $(STAMP)
	$(BIN)/pytest
	$(MAKE) --no-print-directory floor
	$(MAKE) --no-print-directory check

## floor: the client tests on the lowest httpx and pydantic the packages declare
floor: $(FLOOR_STAMP)
	$(FLOOR_VENV)/bin/python -m tests.floors.pins --check
	rm -rf $(FLOOR_PREBUILT)
	$(BIN)/python -m tests.floors.prebuilt $(FLOOR_PREBUILT)
	PREBUILT_PACKAGES=$(FLOOR_PREBUILT) $(FLOOR_VENV)/bin/python -m pytest -q -p no:cacheprovider \
		tests/clients tests/runtime tests/floors tests/examples \
		--ignore=tests/examples/test_example_packages.py --ignore=tests/runtime/test_media_packages.py

## check: ruff, mypy --strict (generator and generated code), and `codegen check`
check: lint typecheck drift

lint: $(STAMP)
	$(BIN)/ruff check codegen tests bench

typecheck: $(STAMP)
	$(BIN)/mypy --strict codegen
	$(BIN)/mypy --strict $(GENERATED_PACKAGES)
	MYPYPATH=$(subst $(eval) ,:,$(wildcard generated/*)) $(BIN)/mypy --strict tests/typing

drift: $(STAMP)
	$(BIN)/codegen check

## bench: generator, client and drift-check benchmarks (see docs/PERFORMANCE.md)
bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/clients.py
	$(BIN)/python bench/drift.py

clean:
	rm -rf $(VENV) $(FLOOR_VENV) .cache .mypy_cache .pytest_cache .ruff_cache
