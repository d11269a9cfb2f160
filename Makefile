# Portail CQP-VAE. `make run` serves the portal, `make test` runs every check.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The exact versions tested (pip constraints within pyproject.toml's bounds): `make lock` rewrites it.
LOCK := requirements.lock
export DJANGO_SETTINGS_MODULE ?= portal.settings.dev
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

# The first interpreter that is Python 3.12 or newer.
PYTHON_CANDIDATES := python3.13 python3.12 python3 $(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3) /usr/bin/python3
FIND_PYTHON = for c in $(PYTHON_CANDIDATES); do \
	  if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then command -v $$c; break; fi; \
	done

.PHONY: help install lock run serve worker test test-fast lint check security browsers bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml $(LOCK)
	@py="$$($(FIND_PYTHON))"; \
	if [ -z "$$py" ]; then echo "Python 3.12 or newer is required (Django 6.1): install it (for example with pyenv) and run make again." >&2; exit 1; fi; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	  echo "Creating $(VENV) with $$py"; rm -rf $(VENV); "$$py" -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c $(LOCK) -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) ## Create the virtual environment and install the project (versions of requirements.lock)

lock: ## Rewrite requirements.lock from the virtual environment (after changing pyproject.toml)
	$(PY) -m pip install --quiet -e '.[dev]'
	@{ echo "# Exact versions tested, used as pip constraints by make install. Rewritten by make lock."; \
	  $(PY) -m pip freeze --exclude-editable | LC_ALL=C sort -f; } > $(LOCK)
	@touch $(STAMP)

run: install ## Install, migrate, load referentials and demo content, serve on 127.0.0.1:8000
	$(PY) -m portal migrate --noinput
	$(PY) -m portal load_initial_data
	$(PY) -m portal runserver 127.0.0.1:8000

serve: install ## Production mode on 127.0.0.1:8000: gunicorn, PostgreSQL and Redis of this machine, a task worker, the daily pruning of finished tasks
	$(PY) -m portal.serve

worker: install ## Run background tasks (emails, purges) queued in the database
	$(PY) -m portal db_worker

browsers: ## Install Debian's Chromium, poppler-utils, the PDFs' DejaVu fonts and Java (Nu Html Checker) when missing
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1 || [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils fonts-dejavu-core default-jre-headless >/dev/null; \
	  elif command -v sudo >/dev/null 2>&1; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils fonts-dejavu-core default-jre-headless >/dev/null; \
	  else echo "chromium, poppler-utils, fonts-dejavu-core or Java are missing and cannot be installed: browser, PDF and HTML validity tests will fail." >&2; fi; \
	fi

lint: install ## ruff, djlint and the import contracts (import-linter)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint
	$(VENV)/bin/lint-imports --no-cache

check: install ## makemigrations --check and check --deploy against the production settings
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) -m portal makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=portal.settings.prod SECRET_KEY='ci-8f2b1c9e7d6a5f4e3b2a1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f' \
	  ALLOWED_HOSTS=cqp-vae.example.fr WAGTAILADMIN_BASE_URL=https://cqp-vae.example.fr \
	  DATABASE_URL=sqlite:///var/check.sqlite3 $(PY) -m portal check --deploy --fail-level WARNING

security: install ## bandit: no high-severity finding in the project's code
	$(VENV)/bin/bandit --quiet --recursive portal home selfcheck livrets --severity-level high --confidence-level medium

test: install browsers node_modules/.installed lint check security ## Install what tests need (the Nu Html Checker with npm) and run the whole suite
	DJANGO_ALLOW_ASYNC_UNSAFE=true DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) -m pytest $(PYTEST_ARGS)

test-fast: install ## The edit-test loop: every test but the browser, PDF and two-server ones, no lint
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) -m pytest -m "not browser and not pdf and not servers" $(PYTEST_ARGS)

# The bench measures on PostgreSQL (database $(BENCH_DB) on 127.0.0.1:5432, created when missing)
# when the server answers, else on SQLite; an explicit DATABASE_URL wins.
BENCH_DB := cqp_vae_bench
BENCH_PG := postgres://postgres@127.0.0.1:5432

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

bench: install browsers node_modules/.installed ## Print performance figures as name: value lines (PostgreSQL if it answers)
	@if [ -z "$$DATABASE_URL" ]; then \
	  if command -v psql >/dev/null 2>&1 && psql "$(BENCH_PG)/postgres" -qAtc 'select 1' >/dev/null 2>&1; then \
	    psql "$(BENCH_PG)/postgres" -qAtc "select 1 from pg_database where datname = '$(BENCH_DB)'" | grep -q 1 \
	      || createdb --host=127.0.0.1 --port=5432 --username=postgres $(BENCH_DB) || exit 1; \
	    export DATABASE_URL="$(BENCH_PG)/$(BENCH_DB)"; \
	  else echo "make bench: PostgreSQL does not answer on 127.0.0.1:5432, measuring on SQLite instead" >&2; fi; \
	fi; \
	echo "make bench: database $${DATABASE_URL:-sqlite (var/bench.sqlite3)}" >&2; \
	DJANGO_SETTINGS_MODULE=portal.settings.bench $(PY) -m tests.bench

clean: ## Remove the virtual environment and local data
	rm -rf $(VENV) var node_modules
