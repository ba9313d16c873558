# totor: two commands set everything up on a fresh machine.
#   make demo   creates .venv, installs from the hash-pinned lock, runs the main job on samples/
#   make test   the same install, then the whole test suite
VENV   ?= .venv
PY     := $(VENV)/bin/python
TOTOR  := $(VENV)/bin/totor
STAMP  := $(VENV)/.installed
DEMO_DB ?= demo.db

.PHONY: install demo test lint lock bench browser clean

$(STAMP): pyproject.toml requirements.lock
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --require-hashes -r requirements.lock
	$(PY) -m pip install -q --no-deps -e .
	$(TOTOR) gazetteer build
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(TOTOR) extract samples/ --format table
	$(TOTOR) ingest samples/ --db $(DEMO_DB)
	$(TOTOR) clusters --db $(DEMO_DB) --format table

# Debian's chromium drives the browser tests; install it when it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing chromium (Debian package) for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: install browser
	$(PY) -m pytest -q -p no:cacheprovider

lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy

# Regenerate the hash-pinned lock after changing dependencies in pyproject.toml.
lock:
	$(PY) -m pip install -q uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock

bench: install
	$(PY) bench/throughput.py

clean:
	rm -rf $(VENV) $(DEMO_DB) build *.egg-info
