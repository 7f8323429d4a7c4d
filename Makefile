# trackside: two commands, `make demo` and `make test`, each sets up what it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench bench-quick system-deps clean

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
	@ldconfig -p | grep -q libpangoft2-1.0 || { \
	  echo "installing Pango (Debian package) for WeasyPrint (standings --format pdf)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; }
	@test -x /usr/bin/chromium || { \
	  echo "installing chromium (Debian package) for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The demo day scored and published (class results, awards, the HTML page), then its last
# session replayed live from a simulated decoder: open the printed address.
demo: $(STAMP)
	$(BIN)/trackside demo
	$(BIN)/trackside demo --live

# The suite runs on every core: pytest-xdist, one worker per CPU, each taking its share of the
# tests in file order (module fixtures such as the browser are set up about once per worker)
# and stealing from the others when it runs out; one PostgreSQL cluster for the run, a database
# per test. A test hanging for 2 minutes fails with its traceback (pytest-timeout, pyproject.toml).
# `make test PYTEST_ARGS=-n0` runs it in one process.
PYTEST_ARGS ?= -n auto --dist worksteal
test: $(STAMP) system-deps
	$(BIN)/ruff check trackside tests bench
	$(BIN)/pytest $(PYTEST_ARGS)

# Every bench times CPU and wall, interleaves what it compares round by round (>= 7 rounds) and
# ends with one machine-readable line (`score_event: ...`, `p3_decode: ...`, ...).
bench: $(STAMP)
	$(BIN)/python bench/score_event.py
	$(BIN)/python bench/p3_decode.py
	$(BIN)/python bench/scaling.py
	$(BIN)/python bench/live_latency.py
	$(BIN)/python bench/cli_startup.py
	$(BIN)/python bench/tracksprint.py
	$(BIN)/python bench/season.py
	$(BIN)/python bench/race.py
	$(BIN)/python bench/live_race.py
	$(BIN)/python bench/race_io.py
	$(BIN)/python bench/officials.py
	$(BIN)/python bench/console_auth.py

# The same benches on smaller inputs (fewer cars and frames, still 7 rounds): under a minute.
bench-quick: $(STAMP)
	TRACKSIDE_BENCH_QUICK=1 $(BIN)/python bench/score_event.py
	TRACKSIDE_BENCH_QUICK=1 $(BIN)/python bench/p3_decode.py
	TRACKSIDE_BENCH_QUICK=1 $(BIN)/python bench/scaling.py
	TRACKSIDE_BENCH_QUICK=1 $(BIN)/python bench/tracksprint.py
	TRACKSIDE_BENCH_QUICK=1 $(BIN)/python bench/race.py
	TRACKSIDE_BENCH_QUICK=1 $(BIN)/python bench/live_race.py
	TRACKSIDE_BENCH_QUICK=1 $(BIN)/python bench/race_io.py
	TRACKSIDE_BENCH_QUICK=1 $(BIN)/python bench/officials.py
	$(BIN)/python bench/live_latency.py --cars 100 --clients 20 --seconds 5

clean:
	rm -rf $(VENV) build trackside.db
