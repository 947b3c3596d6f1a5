#!/usr/bin/env bash
# Run one pytest suite: tools/pytest_step.sh DIR [pytest args...]
#
# A suite directory that is missing or collects no tests fails the step: a check that ran
# nothing must not read as passed. PYTHON=.venv-floor/bin/python runs it with another venv.
set -uo pipefail

suite=${1:?usage: tools/pytest_step.sh DIR [pytest args...]}
shift
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1

if [[ ! -d "$suite" ]]; then
    echo "ERROR: $suite does not exist: no tests to run." >&2
    exit 1
fi

"${PYTHON:-.venv/bin/python}" -m pytest "$suite" "$@"
rc=$?
if [[ $rc -eq 5 ]]; then
    echo "ERROR: $suite: pytest collected no tests." >&2
fi
exit $rc
