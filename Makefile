# `make run` and `make test` set everything up on a fresh machine with python3 >= 3.11.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
# uv installs the same pinned set as pip, about four times faster on these machines;
# pip does it where uv cannot be had.
install = if [ -x $(BIN)/uv ]; then $(BIN)/uv pip install --quiet --python $(BIN)/python $(1); \
	else $(BIN)/python -m pip install --quiet --disable-pip-version-check $(1); fi

.PHONY: run prod-local test test-browser lint format lock vendor browser-deps clean

# The web server, and a Celery worker running beat for the morning reminders, on the
# embedded broker (files under var/celery) unless REDIS_URL is set. Emails are
# written to var/mail/ unless EMAIL_URL is set. Ctrl-C stops both.
# The worker's banner and log go to var/celery/worker.log, not the terminal, so that
# the block below is the last thing a person reads. Run as root, Celery warns there
# (a SecurityWarning about superuser privileges) because the worker runs as whoever
# started it; we leave it, as dropping to another user would need one that owns var/.
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: $(VENV)/.installed-runtime
	mkdir -p var/mail var/celery/queue var/celery/processed var/celery/control
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py seed_demo
	@$(BIN)/python -c "import socket, sys; sys.exit(socket.socket().connect_ex(('127.0.0.1', $(PORT))) == 0)" \
		|| { echo "Port $(PORT) is in use: stop what is using it, or serve on another with PORT=8001 make run."; exit 1; }
	@echo "Starting the Celery worker (its log: var/celery/worker.log) and the web server..."
	@DEBUG=$${DEBUG:-1} $(BIN)/celery --app=assurance worker --beat --pool=solo \
		--without-mingle --without-gossip --loglevel=INFO >var/celery/worker.log 2>&1 & worker=$$!; \
	{ $(wait_for_server) && $(run_summary); } & summary=$$!; \
	trap 'kill $$worker $$summary 2>/dev/null; wait $$worker' EXIT INT TERM; \
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Polls for up to a minute: runserver prints its own banner before it listens, so the
# summary printed after this comes last. The port was free before, so this is ours.
wait_for_server = $(BIN)/python -c "import socket, sys, time; sys.exit(not any( \
	socket.socket().connect_ex(('127.0.0.1', $(PORT))) == 0 or time.sleep(0.5) for _ in range(120)))"
# Users and password as seed_demo creates them (assurance/tests/test_makefile.py checks).
run_summary = printf '%s\n' '' \
	'------------------------------------------------------------------------' \
	'  Assurance is running at http://127.0.0.1:$(PORT)/' \
	'  Sign in as opcc (OPCC staff), force (Force), pcc (PCC) or admin (superuser)' \
	'  with the password assurance-demo (unless seed_demo --password set another).' \
	'  Emails: var/mail/   Celery worker log: var/celery/worker.log' \
	'  Stop with Ctrl-C.' \
	'------------------------------------------------------------------------' ''

# The Procfile's processes as production runs them (DEBUG off, gunicorn with 2
# processes, a Celery worker with 2, one beat), each restarted when it exits,
# against the local PostgreSQL and Redis. Plain HTTP on loopback, so no HTTPS
# redirect and no secure-only cookies. The secret key is made once, kept in var/.
prod-local: export DEBUG = 0
prod-local: export PROD_DB ?= assurance_local
prod-local: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/$(PROD_DB)
prod-local: export REDIS_URL ?= redis://127.0.0.1:6379/0
prod-local: export ALLOWED_HOSTS ?= 127.0.0.1,localhost
prod-local: export SITE_URL ?= http://127.0.0.1:$(PORT)
prod-local: export PORT := $(PORT)
prod-local: export SECRET_KEY_FILE ?= $(CURDIR)/var/prod-local/secret-key
prod-local: export HTTPS = 0
prod-local: export SECURE_SSL_REDIRECT = 0
prod-local: export SESSION_COOKIE_SECURE = 0
prod-local: export CSRF_COOKIE_SECURE = 0
prod-local: export WEB_CONCURRENCY ?= 2
prod-local: export CELERY_CONCURRENCY ?= 2
prod-local: export PATH := $(abspath $(BIN)):$(PATH)
prod-local: $(VENV)/.installed-dev
	mkdir -p var/prod-local var/celery
	@[ -s "$$SECRET_KEY_FILE" ] || $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" >"$$SECRET_KEY_FILE"
	@case "$$DATABASE_URL" in */$(PROD_DB)) createdb -h 127.0.0.1 -U postgres $(PROD_DB) 2>/dev/null || true;; esac
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@# A sweep now, as beat's first may be 15 minutes away: /healthz reports its age.
	$(BIN)/python manage.py send_reminders
	$(BIN)/honcho --procfile Procfile start --port $(PORT)

test: $(VENV)/.installed-dev browser-deps
	$(BIN)/pytest

test-browser: $(VENV)/.installed-dev browser-deps
	$(BIN)/pytest -m browser

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-pin every package after editing requirements*.in.
lock: $(BIN)/python
	$(BIN)/uv pip compile --quiet --python-version 3.11 requirements.in -o requirements.txt
	$(BIN)/uv pip compile --quiet --python-version 3.11 requirements-dev.in -o requirements-dev.txt

# Copy Bootstrap from npm into static/: the app is served on closed networks, no CDN.
vendor:
	npm ci --no-audit --no-fund
	cp node_modules/bootstrap/dist/css/bootstrap.min.css* node_modules/bootstrap/dist/js/bootstrap.bundle.min.js* node_modules/bootstrap/LICENSE static/vendor/bootstrap/

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	-$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed-runtime: requirements.txt | $(BIN)/python
	$(call install,-r requirements.txt)
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(call install,-r requirements-dev.txt)
	touch $@ $(VENV)/.installed-runtime

# Chromium (Debian) and axe-core (npm) for the browser tests. Where they cannot be
# installed, the browser tests skip with the reason, except on CI where they fail.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Chromium for the browser tests (apt-get install chromium)..."; \
		apt-get install -y -qq chromium >/dev/null 2>&1 \
		|| { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1; } \
		|| echo "Could not install Chromium."; \
	fi
	@if [ ! -f node_modules/axe-core/axe.min.js ] && command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --silent || echo "Could not install axe-core (npm ci)."; \
	fi

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache
