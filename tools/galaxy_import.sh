#!/usr/bin/env bash
# make galaxy-import: Galaxy's importer on the collection tarball, as Galaxy and Automation Hub
# would run it on upload.
#
#   tools/galaxy_import.sh [TARBALL]    default: the tarball of tools/build_collection.sh
#
# galaxy-importer (pinned in requirements-importer.txt, installed into .venv-importer by
# `make venv`) runs twice: with its default settings and with Automation Hub-like settings
# (tools/galaxy-importer/*.cfg), side by side. Any ERROR or WARNING line, or a failed import,
# fails the step.
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

# One importer run per settings file, both at once (each mostly runs ansible-lint on one core),
# each in a directory of its own (the importer writes importer_result.json where it runs).
run_importer() { # $1 settings name; writes $out/$1/importer.log and importer.rc
    local dir=$out/$1 rc=0
    mkdir -p "$dir"
    (
        cd "$dir"
        PATH="$venv/bin:$PATH" GALAXY_IMPORTER_CONFIG="$root/tools/galaxy-importer/$1.cfg" \
            "$venv/bin/python" -m galaxy_importer.main "$tarball"
    ) >"$dir/importer.log" 2>&1 || rc=$?
    echo "$rc" >"$dir/importer.rc"
}
settings=(default automation-hub)
echo "--- galaxy-importer (${settings[*]} settings) on $(basename "$tarball")"
for name in "${settings[@]}"; do
    run_importer "$name" &
done
wait

status=0
for name in "${settings[@]}"; do
    log=$out/$name/importer.log
    rc=$(cat "$out/$name/importer.rc")
    problems=$(grep -E '^(WARNING|ERROR)' "$log" || true)
    if [[ $rc -ne 0 || -n "$problems" ]]; then
        echo "FAILED: galaxy-importer ($name settings) exited $rc; its warnings and errors:" >&2
        echo "${problems:-(none: see $log)}" >&2
        status=1
    else
        echo "ok ($name settings): no error, no warning ($(grep -c '^Loading' "$log") contents loaded; log in $log)"
    fi
done
exit $status
