# Two commands for a newcomer: `make run` and `make test`. Everything else is what they call.
# The Dockerfile runs the same install/compilemessages/collectstatic targets.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PO := locale/bg/LC_MESSAGES/django.po
HOST ?= 127.0.0.1
PORT ?= 8000
# Extras to install: dev (tests, lint) by default; the Docker image installs none.
EXTRAS ?= [dev]
# `make test` runs the suite in this many pytest-xdist workers (auto: one per core); the
# real-browser tests stay together in one of them (tests/conftest.py). TEST_WORKERS=0: one process.
TEST_WORKERS ?= auto
XDIST = -n $(TEST_WORKERS) --dist loadgroup

.PHONY: run test install compilemessages messages migrate content admin collectstatic \
	lint format check check-imports check-templates check-catalogue check-catalogues messages-vendor test-fast test-browser \
	e2e-tools docs-screenshots

run: install compilemessages migrate content admin ## Set up SQLite and serve on http://127.0.0.1:8000
	@echo "Serving on http://$(HOST):$(PORT)/ (Bulgarian at /bg/, English at /en/, admin at /admin/)"
	$(MANAGE) runserver $(HOST):$(PORT)

test: install compilemessages e2e-tools ## Run the whole suite (SQLite, or DATABASE_URL when set)
	$(BIN)/pytest $(XDIST)

test-fast: install compilemessages ## The suite without real-browser tests
	$(BIN)/pytest $(XDIST) -m "not browser"

docs-screenshots: ## Refresh docs/images/translating/ from the last browser run's test-artifacts/
	$(BIN)/python -m tests.e2e.docs_screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".$(EXTRAS)"
	touch $@

install: $(VENV)/.installed

# HTML_CodeSniffer, which the real-browser tests run in each page beside axe (tests/e2e/).
E2E_TOOLS := tests/e2e/node_modules/.package-lock.json
$(E2E_TOOLS): tests/e2e/package.json tests/e2e/package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix tests/e2e --no-audit --no-fund && touch $@; \
	else echo "npm not found: HTML_CodeSniffer's test will be skipped (apt-get install npm)"; fi

e2e-tools: $(E2E_TOOLS)

# Compiles every catalogue under locale/: ours and the installed apps' in locale/vendor/.
# Django's compilemessages needs GNU gettext's msgfmt; without it, polib (a wagtail-localize
# dependency) writes the same .mo files.
compilemessages: install
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(MANAGE) compilemessages --ignore=$(VENV) -v 0; \
	else \
		$(BIN)/python -c "import pathlib, polib; \
			[polib.pofile(str(p)).save_as_mofile(str(p.with_suffix('.mo'))) \
			 for p in pathlib.Path('locale').rglob('*.po')]"; \
	fi

# Our own catalogue only: locale/vendor/ holds no source files, so makemessages never writes there.
# Interface texts changed in the admin are written into the catalogue first: none is lost.
messages: install ## Regenerate the Bulgarian catalogue from templates and code
	$(MANAGE) export_interface_texts
	$(MANAGE) makemessages -l bg --ignore=$(VENV) --ignore=staticfiles --ignore=tests \
		--ignore=locale/vendor --add-location=file --no-obsolete

# After upgrading Wagtail, wagtail-localize, ...: merges locale/vendor/ with the installed
# packages and lists the messages that need a translation (`make check` fails until they have one).
messages-vendor: install ## Update the installed apps' Bulgarian catalogues in locale/vendor/
	$(MANAGE) update_vendor_catalogues -v 2

migrate: install
	$(MANAGE) migrate --noinput -v 0

content: install
	$(MANAGE) load_site_content
	$(MANAGE) setup_roles

admin: install
	$(MANAGE) ensure_admin --url http://$(HOST):$(PORT)/admin/

collectstatic: install
	$(MANAGE) collectstatic --noinput -v 0

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The HTML templates (djlint, configured in pyproject.toml; e-mail bodies and the sitemap are not
# HTML and are left as written).
TEMPLATES := config/templates home/templates localization/templates pages/templates

check-templates: install
	$(BIN)/djlint $(TEMPLATES) --check
	$(BIN)/djlint $(TEMPLATES) --lint

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djlint $(TEMPLATES) --reformat --quiet

check-catalogue:
	@stats=$$(msgfmt --check --statistics -o /dev/null $(PO) 2>&1); echo "$(PO): $$stats"; \
	case "$$stats" in *untranslated*|*fuzzy*) echo "The Bulgarian catalogue is incomplete."; exit 1;; esac

# Production settings with a realistic environment must pass Django's deployment checks.
DEPLOY_ENV := SECRET_KEY=ci-$$(date +%s%N)-a-long-random-secret-key-for-the-deploy-check-only \
	ALLOWED_HOSTS=www.example.org CSRF_TRUSTED_ORIGINS=https://www.example.org \
	WAGTAILADMIN_BASE_URL=https://www.example.org DJANGO_SETTINGS_MODULE=config.settings.production

# Coverage of every installed app's catalogue, msgfmt --check, pofilter and the glossary.
check-catalogues:
	$(MANAGE) check_catalogues

# Imports point one way between the rooms (contracts in pyproject.toml, docs/architecture.md).
check-imports: install
	$(BIN)/lint-imports

check: lint check-imports check-templates compilemessages check-catalogue check-catalogues ## Lint (code and templates), import contracts, system checks, migrations, deploy check, catalogues
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(DEPLOY_ENV) $(MANAGE) check --deploy --fail-level WARNING
