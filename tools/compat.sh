#!/usr/bin/env bash
# make compat: the integration smoke subset (tests marked smoke: one cycle of every module, the
# provision role, tcx_config) on the other ansible-cores of the declared range:
#   .venv-floor    the oldest that meta/runtime.yml admits (requirements-floor.txt)
#   .venv-latest   the newest pinned (Python >= 3.12)
# The whole suite runs on .venv (make integration); sanity runs on all three (make sanity).
# A missing venv is skipped with a note, except under CI=true, where it fails the step.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
status=0
for venv in .venv-floor .venv-latest; do
    if [[ ! -x "$venv/bin/ansible-playbook" ]]; then
        if [[ "${CI:-}" == true ]]; then
            echo "ERROR: $venv is missing (make venv builds it)" >&2
            status=1
        else
            echo "note: $venv is missing: the smoke subset did not run on its ansible-core"
        fi
        continue
    fi
    echo "--- smoke subset on $("$venv/bin/python" -c 'import ansible, sys; print("ansible-core %s, Python %d.%d" % ((ansible.__version__,) + sys.version_info[:2]))')"
    PATH="$root/$venv/bin:$PATH" ANSIBLE_COLLECTIONS_PATH="$root/.build" PYTHON="$venv/bin/python" \
        tools/pytest_step.sh tests/integration -m smoke -n "${COMPAT_WORKERS:-2}" -q -p no:cacheprovider || status=1
done
exit $status
