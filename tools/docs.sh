#!/usr/bin/env bash
# make docs: build the collection's documentation site offline and check its links.
#
#   1. The source tree build/docs/src: a copy of the repository's files (those git tracks or
#      would track), so that the Markdown pages' relative links find what they point at.
#   2. antsibull-docs adds one reStructuredText page per module, filter and role (from the
#      plugins' DOCUMENTATION/EXAMPLES/RETURN and the role's argument_specs) and the collection
#      index (simplified RST: needs no Sphinx extension and no network).
#   3. tools/docs_pages.py adds the playbooks page and the changelog page and gives the index
#      its title and tables of contents: the guides (README, playbooks, every docs/*.md, the
#      AWX guide, the changelog), every plugin and role page, the role READMEs.
#   4. Sphinx (docs/conf.py: MyST for Markdown, no intersphinx, so no download) writes the HTML
#      into build/docs/html; any warning fails the build.
#   5. tools/check_links.py: every internal link and anchor resolves and every page is
#      reachable from index.html, else the build fails.
# Open build/docs/html/index.html. Measured: ~10 s on the 2-core machine.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=build/docs
src=$out/src
rm -rf "$out"
mkdir -p "$src"
git ls-files -z --cached --others --exclude-standard \
    | while IFS= read -r -d '' f; do
        if [[ -f "$f" ]]; then printf '%s\0' "$f"; fi
    done \
    | tar --null -T - -cf - | tar -xf - -C "$src"
antsibull-docs collection --use-current --squash-hierarchy --output-format simplified-rst \
    --dest-dir "$src" tcx.xapi
python tools/docs_pages.py "$src"
sphinx-build -q -W --keep-going -b html -c docs "$src" "$out/html"
python tools/check_links.py "$out/html"
echo "docs: $(find "$out/html" -name '*.html' -not -path '*/_static/*' | wc -l) pages in $out/html (open $out/html/index.html)"
