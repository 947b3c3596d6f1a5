#!/usr/bin/env bash
# ansible-test sanity on a real copy of the collection (see tools/build_tree.sh).
#
#   tools/sanity.sh             full sanity with .venv's Python and ansible-core, then with
#                               .venv-latest's (when that venv exists) and .venv-floor's (the
#                               oldest ansible-core that meta/runtime.yml admits)
#   SANITY_ARGS="--test pep8"   extra arguments for every ansible-test run
#   SANITY_EVERY_CORE=1         also run the tests of ONCE_TESTS (below) on the other two cores
#
# No Docker here: --venv makes ansible-test build its own venvs (cached under
# ~/.ansible/test/venv). Their pip comes from tools/pip_bootstrap.py, rewritten before
# every run, because ansible-test's own download of get-pip.py cannot work offline.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# Its own copy: make test builds the tarball (build/ansible_collections) while sanity runs.
tree=build/sanity/ansible_collections/tcx/xapi

# .venv runs the full sanity. The newest and the oldest core run every test whose outcome
# depends on the ansible-core or Python under test (ansible-doc, compile, ignores, import, pep8,
# pylint, runtime-metadata, validate-modules, and any test a newer ansible-test adds), but not
# ONCE_TESTS: they read the collection's files with rules of their own (changelog fragments,
# YAML style, line endings, file names, shebangs, shell scripts, banned code patterns, an action
# plugin beside each module) and would only repeat .venv's verdict.
# SANITY_LATEST_TESTS="pylint validate-modules" limits the run on .venv-latest further.
ONCE_TESTS="action-plugin-docs changelog empty-init line-endings no-assert no-get-exception no-illegal-filenames
no-smart-quotes pslint replace-urlopen shebang shellcheck symlinks use-argspec-type-path use-compat-six yamllint"
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

# --skip-test for each test of ONCE_TESTS that $1's ansible-test has (none with SANITY_EVERY_CORE set).
once_skips() {
    local venv=$1 t
    [[ -z "${SANITY_EVERY_CORE:-}" ]] || return 0
    for t in $(cd "$tree" && "$root/$venv/bin/ansible-test" sanity --list-tests 2>/dev/null); do
        if [[ " ${ONCE_TESTS//$'\n'/ } " == *" $t "* ]]; then
            printf '%s\n' --skip-test "$t"
        fi
    done
}

tools/build_tree.sh build/sanity
run_sanity .venv
if [[ -x .venv-latest/bin/ansible-test ]]; then
    selection=()
    for t in $LATEST_TESTS; do selection+=(--test "$t"); done
    [[ ${#selection[@]} -gt 0 ]] || mapfile -t selection < <(once_skips .venv-latest)
    run_sanity .venv-latest "${selection[@]}"
else
    echo "note: no .venv-latest (no Python >= 3.12 here): sanity skipped the newest ansible-core."
fi
mapfile -t skips < <(once_skips .venv-floor)
run_sanity .venv-floor "${skips[@]}"
