#!/usr/bin/env bash
# ansible-test sanity on a real copy of the collection (see tools/build_tree.sh).
#
#   tools/sanity.sh             full sanity with .venv's Python and ansible-core, then with
#                               .venv-latest's (when that venv exists) and .venv-floor's (the
#                               oldest ansible-core that meta/runtime.yml admits)
#   SANITY_ARGS="--test pep8"   extra arguments for every ansible-test run
#
# No Docker here: --venv makes ansible-test build its own venvs (cached under
# ~/.ansible/test/venv). Their pip comes from tools/pip_bootstrap.py, rewritten before
# every run, because ansible-test's own download of get-pip.py cannot work offline.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tree=build/ansible_collections/tcx/xapi

# Both cores run the full sanity: it is cheap enough (see the Makefile for the timings),
# and the newer core brings newer pylint, validate-modules and runtime-metadata rules.
# SANITY_LATEST_TESTS="pylint validate-modules" limits the run on .venv-latest.
LATEST_TESTS=${SANITY_LATEST_TESTS:-}

run_sanity() { # $1 venv, rest: extra ansible-test arguments
    local venv=$1 version extra
    shift
    read -ra extra <<<"${SANITY_ARGS:-}"
    version=$("$venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    "$venv/bin/python" tools/pip_bootstrap.py
    echo "--- ansible-test sanity on Python $version, ansible-core $("$venv/bin/python" -c 'import ansible; print(ansible.__version__)')"
    (
        cd "$tree"
        # .venv/bin first: ansible-test looks for python$version on PATH, and pyenv's
        # shims there may be broken.
        PATH="$root/$venv/bin:$PATH" "$root/$venv/bin/ansible-test" sanity \
            --venv --python "$version" --color no "$@" "${extra[@]}"
    )
}

tools/build_tree.sh
run_sanity .venv
if [[ -x .venv-latest/bin/ansible-test ]]; then
    selection=()
    for t in $LATEST_TESTS; do selection+=(--test "$t"); done
    run_sanity .venv-latest "${selection[@]}"
else
    echo "note: no .venv-latest (no Python >= 3.12 here): sanity skipped the newest ansible-core."
fi
run_sanity .venv-floor
