"""Check the internal links of the built documentation site (offline; external links are not fetched).

    python tools/check_links.py build/docs/html

For every HTML page: each relative ``href``/``src`` must name a file that exists in the site,
and each ``#anchor`` an ``id`` (or ``name``) on the page it points to. Every page must also be
reachable from ``index.html`` by following links, so the index leads to all of them. Prints
each problem with the page it is on and exits 1 when there is any.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Pages Sphinx writes for itself, which need not be linked from the index.
SPHINX_PAGES = {'genindex.html', 'search.html', 'py-modindex.html'}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.anchors = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ('id', 'name') if tag == 'a' else ('id',):
            if attrs.get(name):
                self.anchors.add(attrs[name])
        for name in ('href', 'src'):
            if attrs.get(name) is not None:
                self.links.append(attrs[name])


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding='utf-8', errors='replace'))
    return page


def check(site: Path) -> list:
    pages = dict((p, parse(p)) for p in sorted(site.rglob('*.html')) if '_static' not in p.parts)
    problems, edges = [], dict((p, set()) for p in pages)
    for path, page in pages.items():
        where = path.relative_to(site)
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith('//') or link.startswith('mailto:'):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path.resolve()
            if parts.path.endswith('/') or target.is_dir():
                target = target / 'index.html'
            if not target.is_file():
                problems.append('%s: link to a missing file: %s' % (where, link))
                continue
            if target.suffix == '.html':
                edges[path].add(target)
                anchor = unquote(parts.fragment)
                if anchor and anchor not in pages.get(target, parse(target)).anchors:
                    problems.append('%s: link to a missing anchor: %s' % (where, link))
    index = (site / 'index.html').resolve()
    if index not in pages:
        return problems + ['index.html is missing']
    seen, todo = {index}, [index]
    while todo:
        for target in edges.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    for path in pages:
        if path not in seen and path.name not in SPHINX_PAGES:
            problems.append('%s: no link leads to it from index.html' % path.relative_to(site))
    return problems


def main() -> None:
    site = Path(sys.argv[1]).resolve()
    problems = check(site)
    for problem in problems:
        print('broken: %s' % problem)
    pages = len([p for p in site.rglob('*.html') if '_static' not in p.parts])
    if problems:
        print('check_links: %d broken internal link(s) in %d pages of %s' % (len(problems), pages, site))
        sys.exit(1)
    print('check_links: %d pages, every internal link and anchor resolves, all reachable from index.html' % pages)


if __name__ == '__main__':
    main()
