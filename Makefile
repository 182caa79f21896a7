# つなぐ — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test test-postgres test-browser install migrate demo messages lint format check typecheck ci clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py setup_site

demo: migrate
	$(PY) manage.py load_demo_data
	$(PY) manage.py otp_demo_device
	$(PY) manage.py reconcile_search_index --backend database

## Serve the directory in Japanese at http://127.0.0.1:8000 (demo data loaded the first time),
## with the search queue worker beside it; Ctrl-C stops both. `make run PORT=8080` serves
## another port; links in e-mails follow it (settings SITE_URL, unless SITE_URL is set).
run: demo
	@export PORT=$(PORT); $(PY) manage.py process_search_queue --loop & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

## The production stack locally: gunicorn (production settings, WhiteNoise static files) on
## http://127.0.0.1:8000 and the search queue worker beside it; settings in var/production.env
## (written on the first run). Ctrl-C stops both. See docs/deploy.md.
serve: install
	bash scripts/serve.sh

## The whole suite on the embedded default (SQLite); set DATABASE_URL / ELASTICSEARCH_URL for the real parts.
test: install
	$(PY) -m pytest $(PYTEST_ARGS)

messages: install
	$(PY) manage.py makemessages -l en -l ja_Easy --no-location --ignore=.venv --ignore=var --ignore=test-artifacts
	$(PY) manage.py compilemessages --ignore=.venv

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

## Types of the referral and search code (mypy with django-stubs; config in pyproject.toml).
typecheck: install
	$(PY) -m mypy referrals search

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) var db.sqlite3 db.sqlite3-wal db.sqlite3-shm
