#!/usr/bin/env bash
# Lay out a real copy of the collection at build/ansible_collections/tcx/xapi, or below the folder given
# (tools/build_tree.sh build/sanity: build/sanity/ansible_collections/tcx/xapi, sanity's own copy, so that a
# tarball built at the same time does not replace the tree ansible-test reads).
#
# ansible-test resolves its working directory, so the .build symlink is of no use to
# it: it needs a real tree below ansible_collections/<namespace>/<name>. The copy holds
# exactly what git would ship: tracked files that still exist plus untracked files
# that are not ignored (so work in progress is checked too, but no venv or output).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
base=${1:-build}
dest=$base/ansible_collections/tcx/xapi

if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "build_tree: $root is not a git work tree; cannot tell which files belong to the collection" >&2
    exit 1
fi

rm -rf "$base/ansible_collections"
mkdir -p "$dest"
git ls-files -z --cached --others --exclude-standard \
    | while IFS= read -r -d '' f; do
        if [[ -e "$f" || -L "$f" ]]; then printf '%s\0' "$f"; fi
    done \
    | tar --null -T - -cf - | tar -xf - -C "$dest"
# ansible-test walks up to the nearest .git and keeps only files git does not ignore; the
# repository above ignores build/, so the tree gets a repository of its own (no commit needed:
# untracked files count).
git -C "$dest" init -q
echo "build_tree: $(find "$dest" -type f | wc -l) files in $dest"
