#!/usr/bin/env bash
# make ee-context: the ansible-builder build context of the execution environment, from the
# collection tarball of this checkout (see execution-environment.yml).
#
#   1. tools/build_collection.sh builds the tarball; it is copied to build/ee/tcx-xapi.tar.gz
#      (a name without the version, so execution-environment.yml need not change per release)
#   2. ansible-builder create writes the context (Containerfile, _build/ with the tarball) into
#      build/ee/context; nothing is pulled or built, no container engine is needed
# Then, with podman or docker:
#   ansible-builder build -f execution-environment.yml -c build/ee/context -t tcx-xapi-ee
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
ee=build/ee

tarball=$(tools/build_collection.sh | tail -1)
rm -rf "$ee"
mkdir -p "$ee"
cp "$tarball" "$ee/tcx-xapi.tar.gz"
PATH="$root/.venv/bin:$PATH" ansible-builder create -f execution-environment.yml -c "$ee/context" --output-filename Containerfile
if [[ ! -f "$ee/context/_build/collections/tcx-xapi.tar.gz" ]]; then
    echo "ee_context: the context has no collection tarball ($ee/context/_build/collections/tcx-xapi.tar.gz)" >&2
    exit 1
fi
echo "ee-context: $ee/context holds $(basename "$tarball") as _build/collections/tcx-xapi.tar.gz"
echo "  build it with: ansible-builder build -f execution-environment.yml -c $ee/context -t tcx-xapi-ee"
