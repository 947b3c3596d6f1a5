# tcx.xapi developer entry points. Start with `make demo` or `make test`; `make help` lists all.
#
# Everything runs from a fresh clone with only Python >= 3.11 and make: `make venv` (a
# prerequisite of every target that needs it) builds .venv from requirements-dev.txt, and
# .venv-latest with the newest ansible-core when a Python >= 3.12 exists.
#
# Timings of `make test` on the 2-core reference machine (warm ~/.ansible/test/venv cache):
# see README.md and the comment above `sanity` below.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8765
TLS    ?=
STATE  ?=
# Tools started by other tools (ansible-doc by antsibull-docs, ansible-playbook by tests)
# must come from the venv. Not exported globally: tools/mkvenv.sh must see the system's Pythons.
IN_VENV := PATH="$(CURDIR)/$(VENV)/bin:$$PATH" ANSIBLE_COLLECTIONS_PATH="$(CURDIR)/.build"

# The checks of `make test`, in order; each also runs alone as `make <name>`.
CHECKS := sanity units emulator-tests integration lint docs-lint changelog-lint

.PHONY: help venv test $(CHECKS) emulator demo bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 18

venv: ## Create/refresh .venv (and .venv-latest when Python >= 3.12 exists); instant when up to date
	@tools/mkvenv.sh main
	@tools/mkvenv.sh latest
	@mkdir -p .build/ansible_collections/tcx
	@ln -sfn ../../.. .build/ansible_collections/tcx/xapi

test: venv ## Run every check below, stop at the first failure, print a summary with seconds
	@MAKE="$(MAKE)" tools/steps.sh $(CHECKS)

# ansible-test sanity, from a real copy at build/ansible_collections/tcx/xapi.
# Full sanity with .venv (Python 3.11, ansible-core 2.19); on .venv-latest (Python 3.13,
# ansible-core 2.21) only the tests listed in tools/sanity.sh (LATEST_TESTS): those whose
# result depends on the core version. pylint and mypy dominate the full run and are not repeated.
sanity: venv ## ansible-test sanity (full on .venv, a selection on .venv-latest)
	@tools/sanity.sh

units: venv ## Unit tests: pytest tests/unit
	@$(IN_VENV) tools/pytest_step.sh tests/unit

emulator-tests: venv ## Emulator tests: pytest tests/emulator/tests
	@$(IN_VENV) tools/pytest_step.sh tests/emulator/tests

integration: venv ## Integration tests: ansible-playbook against the emulator (pytest tests/integration)
	@$(IN_VENV) tools/pytest_step.sh tests/integration

lint: venv ## ansible-lint --profile production (offline; see .ansible-lint)
	@$(IN_VENV) ansible-lint --profile production --offline

docs-lint: venv ## antsibull-docs lint-collection-docs --plugin-docs
	@$(IN_VENV) antsibull-docs lint-collection-docs --plugin-docs .

changelog-lint: venv ## antsibull-changelog lint
	@$(IN_VENV) antsibull-changelog lint

emulator: venv ## Run the XAPI emulator in the foreground (PORT=8765, TLS=1, STATE=file.json)
	PYTHONPATH=tests/emulator $(PY) -m tcx_emulator --port $(PORT) $(if $(filter 1 yes true,$(TLS)),--tls) $(if $(STATE),--state $(STATE))

demo: venv ## Start the emulator (TLS=1 for HTTPS), run playbooks/demo.yml (check, apply, apply again), stop it
	@TLS=$(TLS) tools/demo.sh

bench: venv ## Emulator benchmark (tests/emulator/bench_emulator.py), when present
	@if [[ -f tests/emulator/bench_emulator.py ]]; then \
		PYTHONPATH=tests/emulator $(PY) tests/emulator/bench_emulator.py; \
	else \
		echo "note: tests/emulator/bench_emulator.py does not exist yet: nothing to benchmark"; \
	fi

clean: ## Remove venvs, build trees, test output and caches
	rm -rf .venv .venv-latest .build build tests/output .ansible .pytest_cache .hypothesis .demo \
		changelogs/.plugin-cache.yaml
	find . -name __pycache__ -type d -prune -not -path './.git/*' -exec rm -rf {} +
