# Thin entry point. `make serve` to read the course, `make test` to check everything.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve build test check-writing check-quizzes pilot release preview releases delete-release lms bench system-deps clean
.PHONY: build-materialx test-materialx

# The virtual environment, rebuilt when a pin changes. The course's own package
# (courseware/) is installed in editable mode, so hooks, scripts and tests import it.
$(BIN)/.runtime: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq python3-venv; \
	  else echo "Python's venv module is missing: run 'sudo apt-get install python3-venv'" >&2; exit 1; fi; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	@touch $@

$(BIN)/.test: $(BIN)/.runtime requirements-test.txt
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-test.txt
	@touch $@

# The engine is ProperDocs, the maintained continuation of MkDocs 1.x (README "Engine").
serve: $(BIN)/.runtime  ## Serve the course at http://127.0.0.1:8000 with live reload
	$(BIN)/properdocs serve -f mkdocs.yml --dev-addr 127.0.0.1:8000 --livereload

build: $(BIN)/.runtime  ## Strict build into site/
	$(BIN)/properdocs build -f mkdocs.yml --strict --clean

# Debian packages the tests drive: Chromium (browser tests), nginx (publishing), hunspell
# (spelling), Java (the W3C HTML checker), npm (the pinned test tools in tests/node/) and
# poppler-utils (reading the released PDF's pages and bookmarks).
SYSTEM_TOOLS := /usr/bin/chromium:chromium /usr/sbin/nginx:nginx /usr/bin/hunspell:hunspell \
  /usr/share/hunspell/en_GB.dic:hunspell-en-gb /usr/bin/java:default-jre-headless /usr/bin/npm:npm \
  /usr/bin/pdftotext:poppler-utils
system-deps:
	@missing=""; for pair in $(SYSTEM_TOOLS); do [ -e "$${pair%%:*}" ] || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "The tests need these Debian packages:$$missing" >&2; \
	    echo "Install them with: sudo apt-get install$$missing" >&2; exit 1; fi; \
	fi

# npm packages the tests run (the W3C HTML checker), exactly as tests/node/package-lock.json pins them.
NODE_TOOLS := tests/node/node_modules/.installed
$(NODE_TOOLS): tests/node/package-lock.json
	npm ci --prefix tests/node --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

test: system-deps $(BIN)/.test $(NODE_TOOLS)  ## Install what the tests need and run the whole suite
	@$(BIN)/python -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: the suite is missing" >&2; exit 1; fi; \
	exit $$status
	@$(MAKE) --no-print-directory test-materialx  # the fallback theme stays green (README "Engine")

# MaterialX, Material's community fork, the tested fallback for Material's end of life
# (README "Engine"). Its Python package is also named `material`, so it gets a virtual
# environment of its own: installing it into .venv (or Material into this one) breaks both.
MX_VENV   := .venv-materialx
MX_BIN    := $(MX_VENV)/bin
MX_CONFIG := mkdocs-materialx.yml

$(MX_BIN)/.runtime: requirements-materialx.txt pyproject.toml
	$(PYTHON) -m venv $(MX_VENV)
	$(MX_BIN)/pip install -q --disable-pip-version-check -r requirements-materialx.txt
	$(MX_BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	@touch $@

# The test pins without their first line, `-r requirements.txt`, which would bring Material back.
$(MX_BIN)/.test: $(MX_BIN)/.runtime requirements-test.txt
	grep -v '^-r ' requirements-test.txt > $(MX_VENV)/requirements-test-only.txt
	$(MX_BIN)/pip install -q --disable-pip-version-check -r $(MX_VENV)/requirements-test-only.txt
	@touch $@

build-materialx: $(MX_BIN)/.runtime  ## Strict build on MaterialX into site-materialx/
	$(MX_BIN)/properdocs build -f $(MX_CONFIG) --strict --clean -d site-materialx

# The same tests, pointed at the fork by COURSE_CONFIG: the strict build (the site fixture),
# every page's HTML validity, every page's requests, console and axe-core sweep in both
# palettes, and an answered quiz in both.
MX_TESTS := tests/test_html.py::test_every_page_is_valid_html \
  "tests/test_browser.py::test_every_page_is_local_clean_and_accessible[light]" \
  "tests/test_browser.py::test_every_page_is_local_clean_and_accessible[dark]" \
  tests/test_browser.py::test_answered_quiz_is_accessible
test-materialx: system-deps $(MX_BIN)/.test $(NODE_TOOLS)  ## The strict build, validity and accessibility sweep on MaterialX
	COURSE_CONFIG=$(MX_CONFIG) $(MX_BIN)/python -m pytest $(MX_TESTS)

check-writing: $(BIN)/.test  ## Readability, spelling and copy check of docs/, quizzes/ and conversations/
	$(BIN)/python scripts/check_writing.py docs quizzes conversations

check-quizzes: $(BIN)/.runtime  ## Check the question banks, quiz markup and conversations, without a build
	$(BIN)/python scripts/check_quizzes.py --strict

# Blind pilot sheets (curriculum.md §3): give each reader one sheet and nothing else, then
# score their replies with `scripts/pilot.py score pilot/BANK/MODE.key.json REPLIES`.
pilot: $(BIN)/.runtime  ## Answer sheets for a blind pilot: make pilot [BANKS="06-running-the-floor"]
	$(BIN)/python scripts/pilot.py sheets $(or $(BANKS),$(basename $(notdir $(wildcard quizzes/*.yml)))) --out pilot

# VERSION and SITE_URL reach release.py through the environment ("$$VERSION"), never as
# text pasted into the shell command, so no value can run a command of its own. Only a value
# that was given is exported: an empty SITE_URL would move every other target's site to "/".
ifdef VERSION
export VERSION
endif
ifdef SITE_URL
export SITE_URL
endif
release: $(BIN)/.runtime  ## A versioned release into dist/: make release VERSION=X.Y.Z SITE_URL=https://…/training/
	@test -n "$$VERSION" || { echo "Give the version: make release VERSION=X.Y.Z SITE_URL=https://…/training/" >&2; exit 2; }
	$(BIN)/python scripts/release.py "$$VERSION" $${SITE_URL:+--site-url "$$SITE_URL"} \
	  $(if $(REQUIRE_ORGANISATION),--require-organisation) $(if $(LEARNER_ONLY),--learner-only)

# The release tools (README "Verify" and "Release"): a release behind nginx on 127.0.0.1, the
# released versions, and removing one. VERSION comes through the environment, as above.
preview: $(BIN)/.runtime  ## Serve dist/site-X.Y.Z.tar.gz with nginx on 127.0.0.1: make preview VERSION=X.Y.Z
	@test -n "$$VERSION" || { echo "Give the version: make preview VERSION=X.Y.Z" >&2; exit 2; }
	$(BIN)/python scripts/preview_release.py "dist/site-$$VERSION.tar.gz" "dist/nginx-csp-$$VERSION.conf"

releases: $(BIN)/.runtime  ## List the released versions
	$(BIN)/python scripts/release.py --list

delete-release: $(BIN)/.runtime  ## Remove a released version (not the one latest points to): make delete-release VERSION=X.Y.Z
	@test -n "$$VERSION" || { echo "Give the version: make delete-release VERSION=X.Y.Z" >&2; exit 2; }
	$(BIN)/python scripts/release.py --delete "$$VERSION"

# Lighthouse for the benchmark only, exactly as bench/node/package-lock.json pins it.
BENCH_TOOLS := bench/node/node_modules/.installed
$(BENCH_TOOLS): bench/node/package-lock.json
	npm ci --prefix bench/node --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

bench: system-deps $(BIN)/.test $(BENCH_TOOLS)  ## Speed, size and Lighthouse against bench/budgets.json; writes bench/results.json
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site site-materialx .pytest_cache

lms: $(BIN)/.runtime  ## The LMS packages alone (SCORM 1.2 and 2004, Moodle XML, QTI 2.1): make lms VERSION=X.Y.Z
	@test -n "$$VERSION" || { echo "Give the version: make lms VERSION=X.Y.Z" >&2; exit 2; }
	$(BIN)/python scripts/release.py "$$VERSION" --lms-only $${SITE_URL:+--site-url "$$SITE_URL"}
