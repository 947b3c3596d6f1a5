# tcx.xapi developer entry points. Start with `make demo` or `make test`; `make help` lists all.
#
# Everything runs from a fresh clone with only Python >= 3.11 and make: `make venv` (a
# prerequisite of every target that needs it) builds .venv from requirements-dev.txt,
# .venv-latest with the newest ansible-core when a Python >= 3.12 exists, .venv-floor with the
# oldest ansible-core that meta/runtime.yml admits, and .venv-importer with Galaxy's importer.
#
# `make test` from a fresh clone (2026-12-07 15:13, 38 modules in 15 kinds, 542 integration tests, CI=true
# .ci/run, nothing else running): 691 s, about 11.5 minutes, with the venvs built from nothing (82 s). Sanity
# (262 s, one core) runs in the background beside the short checks (schema-check 4 s, units 15 s, emulator
# 14 s, compat 34 s, molecule 12 s, lint 13 s, docs-lint 13 s, changelog-lint 4 s, docs 37 s, packaging 7 s,
# galaxy-import 48 s: 201 s on the other core); integration (347 s, both cores) runs after them.
# Earlier the same day, one step after the other: about 16 minutes (sanity 275 s, integration 411 s). The
# integration suite had grown from 406 to 478 s because routed modules imported the action plugin again in
# every task's worker; each module has the plugin under its own name again (plugins/action, written by
# tools/action_plugins.py), and the audit and the backup are one step per PBX.
# Before (2026-11-28, 22 modules in 10 kinds, 394 integration tests): 433 s of checks, about 9 minutes.
# Older figures (November 2026, 10 modules, ~190 integration tests):
#   make venv         ~100 s from nothing (both venvs), 0.3 s when up to date
#   make sanity       ~45 s on .venv + ~35 s on .venv-latest with ansible-test's venvs cached in
#                     ~/.ansible/test/venv; ~140 s + ~110 s the first time on a machine
#   make units        ~5 s;  make emulator-tests  ~15 s;  make schema-check  ~2 s
#   make integration  ~280 s with 2 pytest-xdist workers (~530 s serially) when modules ran as
#                     processes; ~210 s since they run in the worker (several steps per play)
#   make lint / docs-lint / changelog-lint   ~6 s / ~9 s / ~1 s
# Release checks (November 2026, measured while other sessions loaded the 2 cores, load 8-15:
# on an idle machine expect about half):
#   make venv         +~60 s for .venv-floor and .venv-importer from nothing
#   make sanity       +~46 s on .venv-floor with its ansible-test venvs cached (~220 s the first time)
#   make compat       ~45-90 s per ansible-core (floor 2.17, latest 2.21): the smoke subset, 2 tests
#   make integration  +~15 s for test_smoke.py and test_role_examples.py
#   make docs ~9 s;  make packaging ~16 s;  make galaxy-import ~35 s (both settings side by side)
# So the declared range costs make test ~2.5 min (floor sanity + two smoke runs), the other
# release checks ~1 min.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8765
TLS    ?=
STATE  ?=
# pytest-xdist workers for the integration tests (each worker starts its own emulator). worksteal: a
# worker that runs out of tests takes half of the other's queue, so no core idles while one test is left
# (the longest run first: tests/integration/conftest.py SLOW_FIRST).
INTEGRATION_WORKERS ?= auto
INTEGRATION_DIST ?= worksteal
# Tools started by other tools (ansible-doc by antsibull-docs, ansible-playbook by tests)
# must come from the venv. Not exported globally: tools/mkvenv.sh must see the system's Pythons.
IN_VENV := PATH="$(CURDIR)/$(VENV)/bin:$$PATH" ANSIBLE_COLLECTIONS_PATH="$(CURDIR)/.build"

# The checks of `make test`, in order; each also runs alone as `make <name>`.
CHECKS := sanity schema-check units emulator-tests integration compat molecule lint docs-lint changelog-lint docs \
	packaging galaxy-import
# make test's order: sanity keeps one core busy for about 4.5 minutes (ansible-test runs one process at a
# time), so it runs in the background (tools/steps.sh "bg:sanity") beside the short checks on the other core;
# integration, which takes both cores, runs after both.
TEST_PLAN := bg:sanity schema-check units emulator-tests compat molecule lint docs-lint changelog-lint docs \
	packaging galaxy-import wait integration

.PHONY: help venv test $(CHECKS) schema build ee-context emulator demo bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 18

venv: ## Create/refresh .venv, .venv-latest (Python >= 3.12), .venv-floor, .venv-importer; instant when up to date
	@tools/mkvenv.sh main
	@tools/mkvenv.sh latest
	@tools/mkvenv.sh floor
	@tools/mkvenv.sh importer
	@mkdir -p .build/ansible_collections/tcx
	@ln -sfn ../../.. .build/ansible_collections/tcx/xapi

test: venv ## Run every check below, stop at the first failure, print a summary with seconds
	@MAKE="$(MAKE)" tools/steps.sh $(TEST_PLAN)

# ansible-test sanity, from a real copy at build/sanity/ansible_collections/tcx/xapi, in full on
# .venv (Python 3.11, ansible-core 2.19); on .venv-latest (Python 3.13, ansible-core 2.21) and
# .venv-floor (Python 3.11, ansible-core 2.17, the floor of meta/runtime.yml) every test but the 16
# that do not depend on the core (tools/sanity.sh ONCE_TESTS; SANITY_EVERY_CORE=1 runs them too).
# Each test run alone with warm caches (so with ~1 s of start-up each), on 3.11 / 3.13: pylint 26 s / 40 s, changelog 17 s / 8 s,
# action-plugin-docs 12 s / 5 s, yamllint 8 s / 11 s, import 5 s / 15 s, validate-modules
# 2 s / 13 s, runtime-metadata 1 s / 12 s, the other 17 tests about 1 s each. The 16 core-independent
# tests took 15 s on .venv-latest and 16 s on .venv-floor (2026-12-07, warm caches, load 9-10): about
# 25 s saved. SANITY_LATEST_TESTS="a b" narrows the second run further.
sanity: venv ## ansible-test sanity on the three ansible-cores (see tools/sanity.sh)
	@tools/sanity.sh

units: venv ## Unit tests: pytest tests/unit
	@$(IN_VENV) tools/pytest_step.sh tests/unit

# The emulator's schema (tests/emulator/tcx_emulator/xapi_schema.json) against the official spec beside the
# repository (../shared/xapi, or TCX_XAPI_SPEC_DIR): fails when out of date; without the spec it fails
# under CI=true and otherwise says loudly that nothing was checked. ~2 s.
schema-check: venv ## The checked-in XAPI schema is up to date with the official spec (tools/derive_schema.py --check)
	@$(PY) tools/derive_schema.py --check

schema: venv ## Regenerate tests/emulator/tcx_emulator/xapi_schema.json from the official spec
	@$(PY) tools/derive_schema.py

emulator-tests: venv ## Emulator tests: pytest tests/emulator/tests
	@$(IN_VENV) tools/pytest_step.sh tests/emulator/tests

integration: venv ## Integration tests: ansible-playbook against the emulator (pytest -n auto tests/integration)
	@$(IN_VENV) tools/pytest_step.sh tests/integration -n $(INTEGRATION_WORKERS) --dist $(INTEGRATION_DIST)

compat: venv ## The integration smoke subset on the floor and the newest ansible-core (see tools/compat.sh)
	@tools/compat.sh

# The provision role's molecule scenario (extensions/molecule/provision) against an emulator it
# starts itself: create, converge, idempotence, verify, destroy. ~60 s.
molecule: venv ## molecule test -s provision (the provision role against the emulator)
	@$(IN_VENV) molecule test -s provision

lint: venv ## ansible-lint --profile production (offline; see .ansible-lint)
	@$(IN_VENV) ansible-lint --profile production --offline

docs-lint: venv ## antsibull-docs lint-collection-docs --plugin-docs
	@$(IN_VENV) antsibull-docs lint-collection-docs --plugin-docs .

changelog-lint: venv ## antsibull-changelog lint
	@$(IN_VENV) antsibull-changelog lint

# The documentation site and its link check: part of `make test`, the only place links are checked.
docs: venv ## Build the HTML documentation site offline into build/docs/html and check its links (tools/docs.sh)
	@$(IN_VENV) tools/docs.sh

build: venv ## Build the collection tarball into build/dist (tools/build_collection.sh)
	@tools/build_collection.sh

packaging: venv ## Release tests: tarball contents, EE context, AWX example, ansible-core range, pins (tests/packaging)
	@$(IN_VENV) tools/pytest_step.sh tests/packaging -q

galaxy-import: venv ## galaxy-importer on the tarball, default and Automation Hub-like settings (tools/galaxy_import.sh)
	@tools/galaxy_import.sh

ee-context: venv ## ansible-builder context of the execution environment from the local tarball, in build/ee/context
	@tools/ee_context.sh

emulator: venv ## Run the XAPI emulator in the foreground (PORT=8765, TLS=1, STATE=file.json)
	PYTHONPATH=tests/emulator $(PY) -m tcx_emulator --port $(PORT) $(if $(filter 1 yes true,$(TLS)),--tls) $(if $(STATE),--state $(STATE))

demo: venv ## Start the emulator (TLS=1 for HTTPS), run playbooks/demo.yml (check, apply, apply again), stop it
	@TLS=$(TLS) tools/demo.sh

# Benchmarks, not tests (not part of `make test`), loopback only: ~4 min + ~3 min + ~6 min on the
# 2-core machine, + ~1 min for the call flow, + ~7 min for the four forms of the desired state (each audit three
# times: single runs vary by a third on this machine). bench_callflow.py, bench_fleet.py and bench_forms.py
# write their tables into docs/performance.md.
bench: venv ## Benchmarks: emulator rate, tcx_config vs a loop, per-task cost, a whole call flow, fleet of 1/10/20 PBXs
	-PYTHONPATH=tests/emulator $(PY) tests/emulator/bench_emulator.py
	$(IN_VENV) $(PY) tests/bench/bench_config.py
	$(IN_VENV) $(PY) tests/bench/bench_tasks.py
	$(IN_VENV) $(PY) tests/bench/bench_callflow.py --write-docs
	$(IN_VENV) $(PY) tests/bench/bench_fleet.py --write-docs
	$(IN_VENV) $(PY) tests/bench/bench_forms.py --repeat 3 --write-docs

clean: ## Remove venvs, build trees, test output and caches
	rm -rf .venv .venv-* .build build tests/output .ansible .pytest_cache .hypothesis .demo \
		changelogs/.plugin-cache.yaml
	find . -name __pycache__ -type d -prune -not -path './.git/*' -exec rm -rf {} +
