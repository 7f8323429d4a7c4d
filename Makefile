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

# Debian packages the tests need: PostgreSQL server binaries for the storage tests (the tests
# start their own cluster) and chromium for the browser tests (never a downloaded browser).
system-deps:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  echo "installing PostgreSQL (Debian package) for the storage tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }
	@test -x /usr/bin/chromium || { \
	  echo "installing chromium (Debian package) for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The demo day scored and published (class results, awards, the HTML page), then its last
# session replayed live from a simulated decoder: open the printed address.
demo: $(STAMP)
	$(BIN)/trackside demo
	$(BIN)/trackside demo --live

test: $(STAMP) system-deps
	$(BIN)/ruff check trackside tests bench
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/score_event.py
	$(BIN)/python bench/p3_decode.py
	$(BIN)/python bench/live_latency.py
	$(BIN)/python bench/cli_startup.py

clean:
	rm -rf $(VENV) build trackside.db
