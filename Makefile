# trackside: two commands, `make demo` and `make test`, each sets up what it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# PostgreSQL server binaries for the storage tests (Debian package; tests start their own cluster).
system-deps:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  echo "installing PostgreSQL (Debian package) for the storage tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }

demo: $(STAMP)
	$(BIN)/trackside demo

test: $(STAMP) system-deps
	$(BIN)/ruff check trackside tests bench
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/score_event.py

clean:
	rm -rf $(VENV) build trackside.db
