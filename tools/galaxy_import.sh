#!/usr/bin/env bash
# make galaxy-import: Galaxy's importer on the collection tarball, as Galaxy and Automation Hub
# would run it on upload.
#
#   tools/galaxy_import.sh [TARBALL]    default: the tarball of tools/build_collection.sh
#
# galaxy-importer (pinned in requirements-importer.txt, installed into .venv-importer by
# `make venv`) runs twice: with its default settings and with Automation Hub-like settings
# (tools/galaxy-importer/*.cfg). Any ERROR or WARNING line, or a failed import, fails the step.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
venv=$root/.venv-importer
if [[ ! -x "$venv/bin/python" ]]; then
    echo "galaxy_import: $venv is missing; run make venv" >&2
    exit 1
fi
tarball=${1:-$(tools/build_collection.sh | tail -1)}
tarball=$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")
out=build/galaxy-import
rm -rf "$out"
mkdir -p "$out"

status=0
for settings in default automation-hub; do
    log=$out/$settings.log
    echo "--- galaxy-importer ($settings settings) on $(basename "$tarball")"
    # The importer writes importer_result.json into the working directory; ansible-doc,
    # ansible-lint and flake8 come from its own venv.
    rc=0
    (
        cd "$out"
        PATH="$venv/bin:$PATH" GALAXY_IMPORTER_CONFIG="$root/tools/galaxy-importer/$settings.cfg" \
            "$venv/bin/python" -m galaxy_importer.main "$tarball"
    ) >"$log" 2>&1 || rc=$?
    problems=$(grep -E '^(WARNING|ERROR)' "$log" || true)
    if [[ $rc -ne 0 || -n "$problems" ]]; then
        echo "FAILED: galaxy-importer ($settings settings) exited $rc; its warnings and errors:" >&2
        echo "${problems:-(none: see $log)}" >&2
        status=1
    else
        echo "ok: no error, no warning ($(grep -c '^Loading' "$log") contents loaded; log in $log)"
    fi
done
exit $status
