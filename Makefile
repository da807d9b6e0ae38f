# Two commands do all the set-up from a fresh clone: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := $(CURDIR)/.demo/starcampus-demo.sqlite3

.PHONY: demo test lint bench clean venv doc-images

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

# The program is not on PATH: say where it is (the README's quick start says the same).
WHERE = @echo "starcampus: $(CURDIR)/$(BIN)/starcampus  —  export PATH=\"$(CURDIR)/$(BIN):\$$PATH\""

venv: $(STAMP)
	$(WHERE)

demo: $(STAMP)
	$(WHERE)
	mkdir -p .demo
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm $(DEMO_DB)-writelock
	$(BIN)/starcampus --db $(DEMO_DB) demo load
	$(BIN)/starcampus --db $(DEMO_DB) --as demo-admin

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest -n 2 --dist loadgroup --durations=30 -m "not known_bug" tests

bench: $(STAMP)
	$(BIN)/python -m bench.run

# docs/img/*.png from the demo, rendered by LibreOffice and pdftoppm (tests/exports/test_doc_images.py
# fails until they are regenerated after a change to what they show).
doc-images: $(STAMP)
	$(BIN)/python -m tests.exports.make_doc_images

clean:
	rm -rf $(VENV) .demo .pytest_cache .mypy_cache .ruff_cache
