#!/usr/bin/env bash
# make build: the collection tarball of this checkout, as a release of it would ship.
#
# Built from the copy that tools/build_tree.sh lays out (the files git tracks or would track,
# so a developer's stray files never end up in it), with galaxy.yml's build_ignore applied by
# ansible-galaxy. Writes build/dist/tcx-xapi-<version>.tar.gz and prints its path last.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tree=build/ansible_collections/tcx/xapi
dist=build/dist

tools/build_tree.sh >/dev/null
rm -rf "$dist"
mkdir -p "$dist"
PATH="$root/.venv/bin:$PATH" ansible-galaxy collection build --force --output-path "$root/$dist" "$tree" >/dev/null
tarball=$(find "$dist" -maxdepth 1 -name 'tcx-xapi-*.tar.gz' -print)
if [[ $(wc -l <<<"$tarball") -ne 1 || -z "$tarball" ]]; then
    echo "build_collection: expected one tcx-xapi-*.tar.gz in $dist, found: ${tarball:-none}" >&2
    exit 1
fi
echo "$tarball"
