# The two commands: `make run` and `make test`. Everything the project needs
# is installed from here into .venv; no system PostgreSQL or Redis is required.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# pytest-xdist processes; each has its own test database and Redis database.
TEST_WORKERS ?= auto

.PHONY: install lock run test test-fast e2e mypy lint format check messages bench db-stop backup restore clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@echo "Installing into $(VENV) (pip's output: $(VENV)/pip.log) ..."
	@$(PYTHON) -m venv $(VENV)
	@{ $(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip && \
	   $(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt ".[embedded,test,dev]"; \
	 } > $(VENV)/pip.log 2>&1 || { cat $(VENV)/pip.log; exit 1; }
	@touch $(STAMP)

lock:  ## re-resolve pyproject.toml's dependencies in a fresh venv and pin them in constraints.txt
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet ".[embedded,test,dev]"
	{ sed -n '1,2p' constraints.txt; .venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^prison-casemgmt'; } > constraints.new
	mv constraints.new constraints.txt
	rm -rf .venv-lock

run: install  ## install, migrate, seed the demo once, serve on $HOST:$PORT (127.0.0.1:8000) with worker + beat
	@$(PY) -m config.devrun

test: install  ## the whole suite, one process per core (embedded PostgreSQL unless DATABASE_URL is set)
	$(PY) -m config.embedded -- $(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

test-fast: install  ## everything but the browser tests
	$(PY) -m config.embedded -- $(PY) -m pytest -n $(TEST_WORKERS) -m "not e2e" $(PYTEST_ARGS)

e2e: install
	$(PY) -m config.embedded -- $(PY) -m pytest -m e2e $(PYTEST_ARGS)

# Modules held to mypy --strict (issue 24: the engine and every services/selectors module, as they are typed).
MYPY_STRICT := core \
	accounts/services.py \
	auditlog/selectors.py \
	casemgmt/history.py casemgmt/permissions.py casemgmt/selectors.py casemgmt/services.py \
	casework/selectors.py casework/services.py \
	classification/due.py classification/selectors.py classification/services.py \
	complaints/selectors.py complaints/services.py \
	custody/selectors.py custody/services/__init__.py custody/services/afteradmission.py custody/services/incidents.py custody/services/movements.py custody/services/searches.py \
	discipline/rules.py discipline/selectors.py discipline/services.py \
	documents/services.py \
	family/selectors.py family/services.py \
	intake/selectors.py intake/services.py \
	legal/selectors.py legal/services.py \
	notifications/services.py \
	rehabilitation/selectors.py rehabilitation/services.py \
	reports/selectors.py reports/services.py

mypy: install
	$(VENV)/bin/mypy --strict $(MYPY_STRICT)

lint: install  ## ruff (lint and format), mypy --strict on MYPY_STRICT, migrations complete, manage.py check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MAKE) -s mypy
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

format: install
	$(VENV)/bin/ruff check --fix .

messages: install  ## refresh the .po catalogues and compile them (needs gettext)
	$(PY) manage.py makemessages -l ru -l tg -l en --ignore=.venv --ignore=tests --ignore=bench --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv

bench: install  ## build the 100,000-prisoner set once (database casemgmt_bench), measure, report
	@command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null 2>&1 || echo "wrk not installed: the load run is skipped"
	# the bench names its own settings (config.embedded passes a named module on, and drops
	# the default that importing config sets)
	DATABASE_URL="$(BENCH_DATABASE_URL)" EMBEDDED_DB_NAME=casemgmt_bench DJANGO_SETTINGS_MODULE=bench.settings \
	  $(PY) -m config.embedded -- $(PY) -m bench.run $(BENCH_ARGS)

backup: install  ## one archive (database dump + uploaded files + manifest with checksums) into backups/ (BACKUP_DIR=...)
	$(PY) -m config.embedded -- $(PY) manage.py backup --out "$(or $(BACKUP_DIR),backups)"

restore: install  ## make restore FILE=backups/casemgmt-....tar [FORCE=1]: restore, then verify the audit chains
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/casemgmt-YYYYMMDD-HHMMSS.tar [FORCE=1]"; exit 2; }
	$(PY) -m config.embedded -- $(PY) manage.py restore "$(FILE)" $(if $(FORCE),--force)

db-stop:  ## stop the embedded PostgreSQL if it is running
	$(PY) -m config.embedded stop

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
