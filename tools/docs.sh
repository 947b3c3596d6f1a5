#!/usr/bin/env bash
# make docs: build the collection's documentation site offline.
#
#   1. antsibull-docs writes one reStructuredText page per module, filter and role (from the
#      plugins' DOCUMENTATION/EXAMPLES/RETURN and the role's argument_specs) plus an index,
#      into build/docs/rst (simplified RST: needs no Sphinx extension and no network)
#   2. Sphinx (docs/conf.py: no intersphinx, so no download) turns them into HTML in
#      build/docs/html; warnings fail the build.
# Open build/docs/html/index.html. The guides in docs/*.md are read on GitHub.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=build/docs
rm -rf "$out"
mkdir -p "$out/rst"
antsibull-docs collection --use-current --squash-hierarchy --output-format simplified-rst \
    --dest-dir "$out/rst" tcx.xapi
# Every page in one hidden table of contents, so Sphinx links them all from the index.
{
    printf '\n.. toctree::\n   :hidden:\n\n'
    for page in "$out"/rst/*.rst; do
        name=$(basename "$page" .rst)
        [[ "$name" == index ]] || printf '   %s\n' "$name"
    done
} >>"$out/rst/index.rst"
sphinx-build -q -W --keep-going -b html -c docs "$out/rst" "$out/html"
echo "docs: $(find "$out/html" -maxdepth 1 -name '*.html' | wc -l) pages in $out/html (open $out/html/index.html)"
