"""Write the generated pages of the documentation site into its source tree (see tools/docs.sh).

    python tools/docs_pages.py SRC

SRC holds a copy of the repository and antsibull-docs' pages. This adds:

- ``playbooks.md``: every playbook of ``playbooks/`` with the comment block at its top (each
  playbook documents itself there) and a link to the file;
- ``changelog.md``: the released versions of ``changelogs/changelog.yaml`` and the changes not
  released yet (``changelogs/fragments``), in the sections of ``changelogs/config.yaml``;
- the site's index: antsibull-docs' collection index, titled ``tcx.xapi``, followed by the
  tables of contents that link every page.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

# The README's own title is the collection's name, as the index's: the table of contents names it.
GUIDES = ['Overview <README>', 'playbooks']
TRAILING_GUIDES = ['AWX and Automation Platform <extensions/awx/README>', 'changelog']


def header_comment(path: Path) -> str:
    """The comment lines at the top of a YAML file (after ``---``), without their ``#``."""
    lines = []
    for line in path.read_text(encoding='utf-8').splitlines():
        if line.strip() == '---' and not lines:
            continue
        if not line.startswith('#'):
            break
        lines.append(line[2:] if line.startswith('# ') else line[1:])
    return '\n'.join(lines).strip('\n')


def playbooks_page(src: Path) -> str:
    out = ['# Playbooks', '',
           'Ready-to-run playbooks ship in the collection under `playbooks/` (in a checkout: `playbooks/`;',
           'installed: `ansible_collections/tcx/xapi/playbooks/`). Run one with',
           '`ansible-playbook tcx.xapi.<name>` or by its path. Each documents its variables in its header,',
           'shown here.', '']
    for path in sorted((src / 'playbooks').glob('*.yml')):
        out += ['## %s' % path.stem, '', '[`playbooks/%s`](playbooks/%s)' % (path.name, path.name), '',
                '```text', header_comment(path) or '(no header comment)', '```', '']
    return '\n'.join(out)


def entries(changes: dict, sections: list) -> list:
    out = []
    for key, title in sections:
        items = changes.get(key) or []
        if key == 'release_summary' and items:
            out += [items.strip() if isinstance(items, str) else str(items), '']
            continue
        if items:
            out += ['### %s' % title, ''] + ['- %s' % item.strip() for item in items] + ['']
    return out


def changelog_page(src: Path) -> str:
    config = yaml.safe_load((src / 'changelogs' / 'config.yaml').read_text(encoding='utf-8'))
    sections = [('release_summary', 'Release Summary')] + [tuple(s) for s in config['sections']]
    unreleased = {}
    for fragment in sorted((src / 'changelogs' / 'fragments').glob('*.yml')):
        for key, value in (yaml.safe_load(fragment.read_text(encoding='utf-8')) or {}).items():
            if key == config.get('trivial_section_name', 'trivial'):
                continue
            unreleased.setdefault(key, []).extend(value if isinstance(value, list) else [value])
    out = ['# Changelog', '']
    if unreleased:
        out += ['## Not released yet', '', 'The changes the next release will list '
                '(from `changelogs/fragments/`).', ''] + entries(unreleased, sections)
    log = yaml.safe_load((src / 'changelogs' / 'changelog.yaml').read_text(encoding='utf-8')) or {}
    releases = log.get('releases') or {}
    for version in sorted(releases, key=lambda v: [int(p) if p.isdigit() else p for p in str(v).split('.')],
                          reverse=True):
        release = releases[version] or {}
        date = release.get('release_date')
        out += ['## v%s%s' % (version, ' (%s)' % date if date else ''), '']
        out += entries(release.get('changes') or {}, sections)
    if not unreleased and not releases:
        out += ['No changes recorded yet.', '']
    return '\n'.join(out)


def index_page(src: Path) -> str:
    """antsibull-docs' index with the title tcx.xapi and a table of contents of every page."""
    lines = (src / 'index.rst').read_text(encoding='utf-8').splitlines()
    # Its title is the collection name in title case ("Tcx.Xapi") over a line of "=".
    for i in range(len(lines) - 1):
        if lines[i].strip() and set(lines[i + 1].strip()) == {'='}:
            lines[i], lines[i + 1] = 'tcx.xapi', '=' * len('tcx.xapi')
            break
    plugins = sorted(p.stem for p in src.glob('*_*.rst') if p.stem != 'index')
    guides = [p.relative_to(src).with_suffix('').as_posix() for p in sorted((src / 'docs').glob('*.md'))]
    roles = ['%s role README <%s>' % (p.parent.name, p.relative_to(src).with_suffix('').as_posix())
             for p in sorted((src / 'roles').glob('*/README.md'))]
    toc = []
    for caption, pages in (('Guides', GUIDES + guides + TRAILING_GUIDES), ('Plugins and roles', plugins),
                           ('Role READMEs', roles)):
        toc += ['', '.. toctree::', '   :caption: %s' % caption, '   :maxdepth: 1', '']
        toc += ['   %s' % page for page in pages]
    return '\n'.join(lines + toc) + '\n'


def main() -> None:
    src = Path(sys.argv[1])
    (src / 'playbooks.md').write_text(playbooks_page(src), encoding='utf-8')
    (src / 'changelog.md').write_text(changelog_page(src), encoding='utf-8')
    (src / 'index.rst').write_text(index_page(src), encoding='utf-8')


if __name__ == '__main__':
    main()
