# 案例手册 — build and test entry points.  `make help` lists the targets.
#
# docs/ is generated from seeds/ by `python -m build_docs`; site/ is built from
# docs/ by mkdocs.  Both are throw-away outputs (see .gitignore); the reference
# copy of the generated Markdown lives in tests/golden/docs/ (`make golden`).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON      ?= python3
PYTEST_ARGS ?=
SERVE_ADDR  ?= 127.0.0.1:8000

VENV       := .venv
VENV_PY    := $(VENV)/bin/python
MKDOCS     := $(VENV)/bin/mkdocs
VENV_STAMP := $(VENV)/.stamp-install
TEST_STAMP := $(VENV)/.stamp-test-extras

SEEDS       := seeds
DOCS        := docs
SITE        := site
GOLDEN_TMP  := .golden.tmp
GOLDEN_DOCS := tests/golden/docs

GENERATE := $(VENV_PY) -m build_docs --strict --seeds $(SEEDS) --docs

# Silence mkdocs-material's end-of-life banner in every build log.
export NO_MKDOCS_2_WARNING := 1

# Debian packages the browser tests need (Playwright drives /usr/bin/chromium;
# `playwright install` is never used).
APT_PACKAGES := chromium fonts-noto-cjk poppler-utils
# Debian packages WeasyPrint needs for the book PDFs (Pango; Noto CJK SC/TC faces).
APT_PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk
PDF_DIR    := pdf
PDF_STAMP  := $(VENV)/.stamp-pdf-extras

.PHONY: help venv site site-build review serve test-deps system-deps pdf-deps pdf offline bench corpus check test golden clean distclean

help: ## List the targets
	@echo "Usage: make <target> [SEEDS=seeds] [SITE_URL=https://…/] [SERVE_ADDR=127.0.0.1:8000] [PYTHON=python3] [PYTEST_ARGS='-k smoke']"
	@echo
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z0-9_.-]+:.*## / {printf "  %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# ---------------------------------------------------------------- environment

venv: $(VENV_STAMP) ## Create .venv (if missing) and pip install -e . into it

$(VENV_PY):
	$(PYTHON) -m venv $(VENV)

# Re-run the install whenever pyproject.toml changes.
$(VENV_STAMP): pyproject.toml | $(VENV_PY)
	$(VENV_PY) -m pip install -e .
	touch $@

test-deps: $(TEST_STAMP) system-deps ## Install the [test] extras, plus Debian chromium and fonts-noto-cjk if missing

$(TEST_STAMP): pyproject.toml $(VENV_STAMP)
	$(VENV_PY) -m pip install -e '.[test]'
	touch $@

system-deps: ## apt-get install chromium and fonts-noto-cjk, only those missing
	@missing=""; \
	for pkg in $(APT_PACKAGES); do \
	  dpkg -s "$$pkg" >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	done; \
	case " $(APT_PACKAGES) " in *" chromium "*) need_chromium=1 ;; *) need_chromium=0 ;; esac; \
	if [ $$need_chromium -eq 1 ] && { ! command -v chromium >/dev/null 2>&1 || [ ! -x /usr/bin/chromium ]; }; then \
	  case " $$missing " in *" chromium "*) ;; *) missing="$$missing chromium" ;; esac; \
	fi; \
	if [ -z "$$missing" ]; then \
	  echo "system-deps: $(APT_PACKAGES) already installed"; \
	  exit 0; \
	fi; \
	if [ "$$(id -u)" -eq 0 ]; then \
	  sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then \
	  sudo="sudo"; \
	else \
	  echo "system-deps: missing Debian packages:$$missing" >&2; \
	  echo "system-deps: not root and sudo is not available; run as root:" >&2; \
	  echo "    apt-get update && apt-get install -y$$missing" >&2; \
	  exit 1; \
	fi; \
	echo "system-deps: installing$$missing"; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get update; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	[ $$need_chromium -eq 0 ] || [ -x /usr/bin/chromium ] || { echo "system-deps: /usr/bin/chromium still missing after install" >&2; exit 1; }

# ---------------------------------------------------------------------- build

site: venv ## Generate docs/ (+ docs-zh-Hant/) and build site/ with site/zh-Hant/ (mkdocs --strict; replaced only on success)
	@$(GENERATE) $(DOCS)
	@$(MAKE) --no-print-directory site-build

# The MkDocs half of `make site`, shared with `make pdf` so that each runs the generator once.
# Both scripts are built into a per-run folder, then swapped in for site/ in one step
# (build_docs/publish.py): a failed, killed or concurrent build never leaves a partial site/.
site-build: venv ## The MkDocs half of make site: build site/ from the current docs/ (no generator run)
	@$(VENV_PY) -m build_docs.publish --site $(SITE) --docs $(DOCS)

review: venv ## Print the review queue: decisions taken on weak evidence, most doubtful first, each with the corrections.yml entry that settles it
	@$(VENV_PY) -m build_docs --seeds $(SEEDS) --review

serve: venv ## Serve both scripts on http://127.0.0.1:8000 (zh-Hant at /zh-Hant/), rebuilt and reloaded when seeds/, corrections.yml, handbook.yml, data, templates or overrides change (SERVE_ADDR=...)
	@$(VENV_PY) -m build_docs.serve --seeds $(SEEDS) --addr $(SERVE_ADDR)

# ------------------------------------------------------------------------ pdf

pdf-deps: $(PDF_STAMP) ## Install WeasyPrint (the [pdf] extra) and, if missing, Pango and Noto CJK; warm the font cache
	@$(MAKE) --no-print-directory system-deps APT_PACKAGES="$(APT_PDF_PACKAGES)"
	@# On a fresh machine the first layout spends minutes building fontconfig's cache with no
	@# output; build it here, once, and say so.
	@if [ ! -f $(VENV)/.stamp-fontcache ]; then \
	  echo "pdf-deps: building the font cache (fc-cache, once per machine; may take a minute)"; \
	  fc-cache -s >/dev/null 2>&1 || fc-cache >/dev/null 2>&1 || true; \
	  touch $(VENV)/.stamp-fontcache; \
	fi

$(PDF_STAMP): pyproject.toml $(VENV_STAMP)
	$(VENV_PY) -m pip install -e '.[pdf]'
	touch $@

pdf: pdf-deps ## Render the book PDFs (whole handbook + each district, both scripts) into pdf/ and build site/ linking them (one generator run)
	@$(GENERATE) $(DOCS) --make-pdf --pdf-dir $(PDF_DIR)
	@$(MAKE) --no-print-directory site-build

# -------------------------------------------------------------------- offline

OFFLINE     := offline
OFFLINE_ZIP := handbook-offline.zip

# The PDFs and the site first (make pdf: one generator run), then both scripts again as files
# for reading from a folder (mkdocs.offline*.yml), zipped; site/ keeps its clean URLs.
offline: pdf ## Build handbook-offline.zip: both scripts, search, switch, glossary and PDFs, read from a folder (file://)
	@$(VENV_PY) -m build_docs.offline --docs $(DOCS) --site $(OFFLINE) --out $(OFFLINE_ZIP)

# ---------------------------------------------------------------------- bench

bench: venv ## Measure the build (run after make site; BENCH_FULL=1 adds 1000 articles): bench/results.md
	$(VENV_PY) bench/run.py

CORPUS ?= ../shared/corpus

corpus: venv ## Score the generator on a corpus of real articles (CORPUS=dir; default ../shared/corpus): bench/corpus.md
	$(VENV_PY) bench/corpus.py --corpus $(CORPUS) --write

# ---------------------------------------------------------------------- tests

check: $(TEST_STAMP) ## Lint (ruff), format check, type check (mypy) and unit tests: no apt, PDF or browser
	$(VENV)/bin/ruff check build_docs bench tests
	$(VENV)/bin/ruff format --check build_docs
	$(VENV)/bin/mypy build_docs
	$(VENV_PY) -m pytest -q -n auto --dist worksteal -m "not browser and not slow" --ignore=tests/e2e --ignore=tests/test_pdf.py --ignore=tests/test_budget.py --ignore=tests/test_search_memo.py --ignore=tests/test_folder.py --ignore=tests/test_publishing.py --ignore=tests/test_search_clean.py --ignore=tests/test_handbook_folder.py --ignore=tests/test_hostile_input.py --ignore=tests/test_bad_input.py --ignore=tests/test_readers.py --ignore=tests/test_reader_pdf.py -p no:cacheprovider $(PYTEST_ARGS)

test: test-deps offline ## Build the PDFs, the site and the offline copy, then run the test suite (extra options: PYTEST_ARGS=...)
	@echo "$(VENV_PY) -m pytest -q $(PYTEST_ARGS)"
	@rc=0; $(VENV_PY) -m pytest -q $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then \
	  echo "test: pytest collected no tests (exit 5) -- tests/ should never be empty; failing" >&2; \
	  exit 1; \
	fi; \
	exit $$rc

golden: venv ## Regenerate tests/golden/docs/ from seeds/ (the only target that rewrites goldens)
	@rm -rf $(GOLDEN_TMP)
	@mkdir -p $(GOLDEN_TMP)
	@$(GENERATE) $(GOLDEN_TMP)/docs --pdf-dir $(GOLDEN_TMP)/no-pdf || { rm -rf $(GOLDEN_TMP); exit 1; }
	@rm -rf $(GOLDEN_DOCS)
	@mkdir -p $(GOLDEN_DOCS)
	@cp -a $(GOLDEN_TMP)/docs/. $(GOLDEN_DOCS)/
	@rm -rf $(GOLDEN_TMP)
	@echo "golden: wrote $(GOLDEN_DOCS)/ ($$(find $(GOLDEN_DOCS) -type f | wc -l) files)"

# -------------------------------------------------------------------- cleanup

clean: ## Remove site/, docs/, build temporaries and caches (keeps .venv)
	@rm -rf $(SITE) $(DOCS) $(DOCS)-zh-Hant .$(DOCS).generations .$(SITE).new-* .$(SITE).lock $(PDF_DIR) .cache reports $(GOLDEN_TMP) .serve \
	  $(OFFLINE) .$(OFFLINE).new-* .$(OFFLINE).lock $(OFFLINE_ZIP) .$(OFFLINE_ZIP).new-* \
	  .handbook .pytest_cache .hypothesis build *.egg-info
	@find . \( -path ./$(VENV) -o -path ./.git \) -prune -o \
	  -type d -name __pycache__ -exec rm -rf {} +
	@echo "clean: removed the outputs and caches (.venv kept)"

distclean: clean ## clean, and remove .venv too
	rm -rf $(VENV)
