# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Sphinx configuration of `make docs` (tools/docs.sh): an offline build of the documentation site.

The source tree (build/docs/src) is a copy of the repository's files with the antsibull-docs
plugin pages, the playbooks page and the changelog page added at its root; only the pages
listed in ``include_patterns`` become documents. Markdown pages are read with MyST.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from docutils import nodes

project = 'tcx.xapi'
html_title = 'tcx.xapi'
html_short_title = 'tcx.xapi'
root_doc = 'index'
extensions = ['myst_parser']
source_suffix = {'.rst': 'restructuredtext', '.md': 'markdown'}
include_patterns = [
    'index.rst',
    '*_module.rst', '*_filter.rst', '*_role.rst', '*_lookup.rst', '*_inventory.rst',
    'README.md',
    'docs/*.md',
    'extensions/awx/README.md',
    'roles/*/README.md',
    'playbooks.md',
    'changelog.md',
]
# Anchors for the headings of Markdown pages, so that README links such as (#many-pbxs) resolve.
myst_heading_anchors = 3
# No intersphinx: the build must not download anything.
intersphinx_mapping = {}
html_theme = 'alabaster'
html_theme_options = {'description': 'Ansible collection for the 3CX v20 Configuration API'}
html_show_sourcelink = False
html_copy_source = False

# antsibull-docs writes "simplified RST" meant to be read as files: its links point at
# "<name>_<type>.rst". Pages of this collection lie beside each other in the site, so such a link
# becomes "<name>_<type>.html"; a plugin of another collection (its label is its FQCN, e.g.
# ansible.builtin.assert) links to its page on docs.ansible.com. Anything else is left alone,
# and the link check of tools/check_links.py reports it.
RST_LINK = re.compile(r'^(?P<page>[A-Za-z0-9_.-]+)\.rst(?P<anchor>#.*)?$')
FQCN = re.compile(r'^(?P<namespace>[a-z0-9_]+)\.(?P<collection>[a-z0-9_]+)\.(?P<name>[a-z0-9_]+)$')
ANSIBLE_DOCS = 'https://docs.ansible.com/ansible/latest/collections/%s/%s/%s.html'


# In its raw HTML option tables, antsibull-docs links plugins as on docs.ansible.com:
# "../../<namespace>/<collection>/<name>_<type>.html".
RAW_LINK = re.compile(r"""href=(['"])\.\./\.\./(?P<namespace>[a-z0-9_]+)/(?P<collection>[a-z0-9_]+)/(?P<page>[A-Za-z0-9_.-]+)\.html""")


def fix_raw_link(app, match):
    page, quote = match.group('page'), match.group(1)
    if (match.group('namespace'), match.group('collection')) == ('tcx', 'xapi') and page in app.env.found_docs:
        return 'href=%s%s.html' % (quote, page)
    return 'href=%s%s' % (quote, ANSIBLE_DOCS % (match.group('namespace'), match.group('collection'), page))


def fix_antsibull_links(app, doctree):
    for raw in list(doctree.findall(nodes.raw)):
        if 'html' in raw.get('format', '').split():
            text = RAW_LINK.sub(lambda m: fix_raw_link(app, m), raw.astext())
            if text != raw.astext():
                raw.replace_self(nodes.raw('', text, format=raw['format']))
    for ref in doctree.findall(nodes.reference):
        match = RST_LINK.match(ref.get('refuri', ''))
        if not match:
            continue
        page, anchor = match.group('page'), match.group('anchor') or ''
        fqcn = FQCN.match(ref.astext().strip())
        if page in app.env.found_docs:
            ref['refuri'] = page + '.html' + anchor
        elif fqcn and (fqcn.group('namespace'), fqcn.group('collection')) != ('tcx', 'xapi'):
            ref['refuri'] = ANSIBLE_DOCS % (fqcn.group('namespace'), fqcn.group('collection'), page) + anchor


def setup(app):
    app.connect('doctree-read', fix_antsibull_links)
