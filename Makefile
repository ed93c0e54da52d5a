# Integrationsportal: `make start` serves the portal, `make test` tests it.
# Everything installs into .venv from the pinned set in constraints.txt.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTANCE ?= instance
HOST ?= localhost
PORT ?= 8080
PROFILE ?= profiles/musterkreis.toml
ADMIN_USER ?= admin
ADMIN_PASSWORD ?= admin
PYTEST_ARGS ?=
export ADMIN_USER ADMIN_PASSWORD

INSTALLED := $(VENV)/.installed
ZOPE_CONF := $(INSTANCE)/zope.conf
XML_FILES = $(shell find src -name '*.xml' -o -name '*.zcml' | sort) $(wildcard instance/templates/site.zcml.in)

.PHONY: help
help: ## Show the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-16s %s\n", $$1, $$2}'

$(BIN)/python:
	@echo "Creating the virtual environment in $(VENV) ($$($(PYTHON) --version)) …"
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; sys.exit(0 if (3, 10) <= v < (3, 14) else "Python 3.10 to 3.13 is needed, found %d.%d (set PYTHON=...)" % v)'
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): $(BIN)/python constraints.txt setup.py requirements.in
	@echo "Installing the pinned set from constraints.txt into $(VENV) (about 1–2 minutes the first time) …"
	$(BIN)/python -m pip install -q -c constraints.txt --upgrade pip setuptools wheel
	$(BIN)/python -m pip install -q -c constraints.txt --no-build-isolation -r requirements.in
	@touch $@
	@echo "Installed."

.PHONY: install
install: $(INSTALLED) ## Create .venv and install the pinned set

# Debian/Ubuntu libraries: Pango for PDF output (WeasyPrint), fonts with Arabic
# and Persian glyphs; zbar and poppler for the tests that read QR codes, and
# Varnish, HAProxy and wrk for the cluster tests and the benchmark, Chromium
# for the browser tests; nginx, logrotate, openssl and systemd-analyze for the
# tests of the shipped operations files (deploy/).
SYSTEM_PACKAGES = libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
TEST_SYSTEM_PACKAGES = libzbar0 poppler-utils varnish haproxy wrk chromium nginx logrotate openssl systemd

.PHONY: system-packages
system-packages: ## Install the Debian packages PDF output needs (and the tests: TESTS=1); needs root
	@echo "Installing Debian packages: $(SYSTEM_PACKAGES) $(if $(TESTS),$(TEST_SYSTEM_PACKAGES)) …"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) $(if $(TESTS),$(TEST_SYSTEM_PACKAGES))

.PHONY: instance
instance: $(ZOPE_CONF) ## Write the instance configuration (instance/) if missing

$(ZOPE_CONF): instance/templates/zope.conf.in instance/templates/zope.ini.in instance/templates/site.zcml.in
	@$(PYTHON) scripts/write_instance.py $(INSTANCE)

.PHONY: site
site: $(INSTALLED) instance
	@$(BIN)/python scripts/check_not_running.py $(INSTANCE)
	@$(BIN)/zconsole run $(ZOPE_CONF) scripts/create_site.py --profile $(PROFILE) --if-missing

.PHONY: start
start: site ## Serve the portal at http://$(HOST):$(PORT)/Plone (creates everything missing)
	@echo "Starting the portal at http://$(HOST):$(PORT)/Plone (Ctrl-C stops it) …"
	@exec $(BIN)/runwsgi $(INSTANCE)/zope.ini http_host=$(HOST) http_port=$(PORT)

.PHONY: create-site
create-site: $(INSTALLED) instance ## Create a portal: make create-site PROFILE=profiles/x.toml [DELETE_EXISTING=1]
	@$(BIN)/python scripts/check_not_running.py $(INSTANCE)
	@$(BIN)/zconsole run $(ZOPE_CONF) scripts/create_site.py --profile $(PROFILE) $(if $(filter 1 yes true,$(DELETE_EXISTING)),--delete-existing)

CLUSTER_DIR ?= cluster
CLUSTER_DB ?= integrationsportal
CACHE_PORT ?= 8000
LB_PORT ?= 8100
INSTANCE_PORTS ?= 8101,8102
export CLUSTER_DIR CLUSTER_DB CACHE_PORT LB_PORT INSTANCE_PORTS

.PHONY: cluster
cluster: $(INSTALLED) ## Two instances on RelStorage/PostgreSQL behind HAProxy and Varnish (see deploy/)
	@$(BIN)/python scripts/cluster.py up

.PHONY: cluster-stop
cluster-stop: ## Stop the cluster's instances, HAProxy and Varnish
	@$(BIN)/python scripts/cluster.py down

SOAK_MINUTES ?= 20
export SOAK_MINUTES

.PHONY: soak
soak: $(INSTALLED) ## Mixed load with faults on a cluster of its own for SOAK_MINUTES (20); writes bench/soak.md (see deploy/README.md)
	@$(BIN)/python scripts/soak.py

.PHONY: to-relstorage
to-relstorage: $(INSTALLED) ## Move the embedded portal in INSTANCE into the PostgreSQL database CLUSTER_DB
	@$(BIN)/python scripts/check_not_running.py $(INSTANCE)
	@$(BIN)/python scripts/to_relstorage.py $(INSTANCE) $(CLUSTER_DB)

.PHONY: bench
bench: $(INSTALLED) ## Generate the large portal, load it uncached and through the cluster; writes bench/report.md
	@$(BIN)/python bench/run.py $(BENCH_ARGS)

PORTAL_URL ?= http://$(HOST):$(PORT)/Plone

.PHONY: bench-light
bench-light: $(INSTALLED) ## What a phone downloads, Lighthouse's mobile timings and the speed against vanilla Plone, of a running portal (PORTAL_URL)
	@test -x tests/e2e/node_modules/.bin/lighthouse || (echo "Installing Lighthouse and axe-core (npm ci in tests/e2e) …" && cd tests/e2e && npm ci --no-audit --no-fund --silent)
	@echo "[1/3] Bytes of a first and a repeat visit (bench/weight.md) …"
	@$(BIN)/python bench/weight.py $(PORTAL_URL)
	@echo "[2/3] Lighthouse, mobile, 12 pages (bench/lighthouse-light.md) …"
	@$(BIN)/python bench/lighthouse.py $(PORTAL_URL) --output bench/lighthouse-light --title "Lighthouse: light pages"
	@echo "[3/3] Against vanilla Plone, interleaved (bench/vanilla.md) …"
	@$(BIN)/python bench/vanilla.py $(PORTAL_URL)

BENCH_INSTANCE ?= bench/var/instance
RELEVANCE_LABEL ?= after

.PHONY: bench-search
bench-search: $(INSTALLED) ## The search: recall@10 and MRR of a running demo portal (PORTAL_URL), reindex and finder time at 10,000 offers (BENCH_INSTANCE, made by make bench)
	@echo "[1/2] The relevance set against $(PORTAL_URL) (bench/relevance.md) …"
	@$(BIN)/python bench/relevance.py --url $(PORTAL_URL) --label $(RELEVANCE_LABEL)
	@test -f $(BENCH_INSTANCE)/zope.conf || (echo "No benchmark portal in $(BENCH_INSTANCE): run make bench first, or set BENCH_INSTANCE" && exit 1)
	@echo "[2/2] Reindex and full-text finder time, old index against new (bench/search.md) …"
	@$(BIN)/zconsole run $(BENCH_INSTANCE)/zope.conf bench/search.py

STORAGE ?= filestorage
BACKUP_DIR ?= backups
KEEP ?= 7
export STORAGE BACKUP_DIR KEEP INSTANCE

.PHONY: backup
backup: $(INSTALLED) ## Back up the data to BACKUP_DIR, keeping the newest KEEP (repozo and blobs; STORAGE=relstorage: pg_dump)
	@$(BIN)/python scripts/backup.py backup

.PHONY: restore
restore: $(INSTALLED) ## Restore the newest backup (DATE=… for an older one); stop the portal first
	@$(BIN)/python scripts/backup.py restore $(if $(DATE),--date $(DATE))

.PHONY: pack
pack: $(INSTALLED) ## Pack the database of INSTANCE (stop the embedded portal first)
	@$(if $(filter relstorage,$(STORAGE)),,$(BIN)/python scripts/check_not_running.py $(INSTANCE))
	@$(BIN)/python scripts/backup.py pack

.PHONY: housing-retention
housing-retention: $(INSTALLED) instance ## Erase landlord data past its retention period (for cron; DRY_RUN=1 to preview)
	@$(BIN)/python scripts/check_not_running.py $(INSTANCE)
	@$(BIN)/zconsole run $(ZOPE_CONF) scripts/housing_retention.py $(if $(filter 1 yes true,$(DRY_RUN)),--dry-run)

.PHONY: feedback-retention
feedback-retention: $(INSTALLED) instance ## Delete readers' reports done longer ago than the retention period (for cron; DRY_RUN=1 to preview)
	@$(if $(filter relstorage,$(STORAGE)),,$(BIN)/python scripts/check_not_running.py $(INSTANCE))
	@$(BIN)/zconsole run $(ZOPE_CONF) scripts/feedback_retention.py $(if $(filter 1 yes true,$(DRY_RUN)),--dry-run)

.PHONY: search-alerts
search-alerts: $(INSTALLED) instance ## Send the search alerts that are due (for cron or a timer on RelStorage; a running instance sends them itself every hour)
	@$(if $(filter relstorage,$(STORAGE)),,$(BIN)/python scripts/check_not_running.py $(INSTANCE))
	@$(BIN)/zconsole run $(ZOPE_CONF) scripts/search_alerts.py

SITE ?= Plone

.PHONY: upgrade
upgrade: $(INSTALLED) instance ## After new code: run the portal's pending upgrade steps (stop it and make backup first; DRY_RUN=1 lists them)
	@$(if $(filter relstorage,$(STORAGE)),,$(BIN)/python scripts/check_not_running.py $(INSTANCE))
	@$(BIN)/zconsole run $(ZOPE_CONF) scripts/upgrade.py --site $(SITE) $(if $(filter 1 yes true,$(DRY_RUN)),--dry-run)

.PHONY: test
test: $(INSTALLED) ## Run the whole test suite
	$(BIN)/pytest $(PYTEST_ARGS)

.PHONY: lint
lint: $(INSTALLED) ## Check code style, XML formatting and the pin set
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/zpretty --check $(XML_FILES)
	$(BIN)/python scripts/constraints.py check
	$(BIN)/python scripts/versions_cfg.py check
	@dups=$$(find tests -name 'test_*.py' -printf '%f\n' | sort | uniq -d); \
	if [ -n "$$dups" ]; then echo "Test modules must have unique names (pytest imports them by basename): $$dups"; exit 1; fi

.PHONY: format
format: $(INSTALLED) ## Format Python, XML and ZCML in place
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/zpretty -i $(XML_FILES)

# Leaflet for the reader's maps (places/), shipped with the add-on: no CDN.
LEAFLET_VERSION ?= 1.9.4
LEAFLET_DIR := src/integrationsportal/places/static/leaflet

.PHONY: leaflet
leaflet: ## Refresh the shipped Leaflet from npm (LEAFLET_VERSION=1.9.4) in places/static/leaflet
	@echo "Fetching leaflet@$(LEAFLET_VERSION) from npm into $(LEAFLET_DIR): leaflet.js, leaflet.css, images/ and LICENSE (without the source map) …"
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  (cd "$$tmp" && npm pack --silent leaflet@$(LEAFLET_VERSION) >/dev/null && tar xzf leaflet-$(LEAFLET_VERSION).tgz) && \
	  rm -rf $(LEAFLET_DIR) && mkdir -p $(LEAFLET_DIR)/images && \
	  sed '/^\/\/# sourceMappingURL=/d' "$$tmp/package/dist/leaflet.js" > $(LEAFLET_DIR)/leaflet.js && \
	  cp "$$tmp/package/dist/leaflet.css" "$$tmp/package/LICENSE" $(LEAFLET_DIR)/ && \
	  cp "$$tmp/package/dist/images/"*.png $(LEAFLET_DIR)/images/
	@echo "Leaflet $(LEAFLET_VERSION) is in $(LEAFLET_DIR); restart the portal to serve it."

LOCALES := src/integrationsportal/locales

.PHONY: i18n
i18n: $(INSTALLED) ## Rebuild the message catalogue and sync the .po files of every language
	$(BIN)/i18ndude rebuild-pot --pot $(LOCALES)/integrationsportal.pot --create integrationsportal src/integrationsportal
	@for lang in $$($(BIN)/python -m integrationsportal.shared.languages); do \
	  po=$(LOCALES)/$$lang/LC_MESSAGES/integrationsportal.po; \
	  if [ ! -f $$po ]; then \
	    echo "New language $$lang: creating $$po from the catalogue"; \
	    mkdir -p $$(dirname $$po); \
	    sed -e "s/Language-Code: en/Language-Code: $$lang/; s/Language-Name: English/Language-Name: $$lang/" $(LOCALES)/integrationsportal.pot > $$po; \
	  fi; \
	  $(BIN)/i18ndude sync --pot $(LOCALES)/integrationsportal.pot $$po; \
	done

.PHONY: constraints
constraints: ## Resolve requirements.in anew into constraints.txt (and versions.cfg)
	$(PYTHON) scripts/constraints.py generate
	$(PYTHON) scripts/versions_cfg.py write

BUILDOUT_ARGS ?=

.PHONY: buildout
buildout: ## Build bin/instance the classic way (buildout.cfg, versions.cfg)
	$(PYTHON) scripts/versions_cfg.py check
	@test -x .venv-buildout/bin/buildout || { \
	  echo "Creating .venv-buildout with zc.buildout …"; \
	  $(PYTHON) -m venv .venv-buildout && \
	  .venv-buildout/bin/python -m pip install -q -c constraints.txt -r requirements-buildout.txt; }
	.venv-buildout/bin/buildout -N $(BUILDOUT_ARGS)

.PHONY: clean
clean: ## Remove the virtual environments, buildout output and caches (keeps instance/var)
	rm -rf $(VENV) .venv-buildout bin parts develop-eggs eggs .installed.cfg
	rm -rf .pytest_cache .ruff_cache build dist src/*.egg-info test-results
	find src tests scripts -name __pycache__ -type d -prune -exec rm -rf {} +
	@echo "The portal's data in $(INSTANCE)/var is kept; 'make clean-data' removes it."

.PHONY: clean-data
clean-data: ## Remove the portal's data and generated instance configuration
	rm -rf $(INSTANCE)/var $(INSTANCE)/zope.conf $(INSTANCE)/zope.ini $(INSTANCE)/site.zcml
