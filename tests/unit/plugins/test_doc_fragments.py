# -*- coding: utf-8 -*-
"""The doc fragments' option references (``O(routing.holidays.name)``) name an option of the fragment, on the
branch of the option that refers to it: a suboption shared between periods does not name another period's."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib
import pkgutil
import re

import pytest
import yaml

from ansible_collections.tcx.xapi.plugins import doc_fragments


def fragments():
    """``(where, doc)`` of every doc fragment string of the collection."""
    found = []
    for info in pkgutil.iter_modules(doc_fragments.__path__):
        fragment = importlib.import_module('%s.%s' % (doc_fragments.__name__, info.name)).ModuleDocFragment
        for attribute in sorted(vars(fragment)):
            value = getattr(fragment, attribute)
            if attribute.isupper() and isinstance(value, str):
                found.append(('plugins/doc_fragments/%s.py %s' % (info.name, attribute), yaml.safe_load(value)))
    return found


def options(tree, path=()):
    """``[(path, option)]`` of every option and suboption."""
    found = []
    for name, option in (tree or {}).items():
        found.append((path + (name,), option))
        found.extend(options(option.get('suboptions'), path + (name,)))
    return found


@pytest.mark.parametrize('where, doc', fragments())
def test_option_references_name_an_option_on_their_own_branch(where, doc):
    every = options(doc.get('options'))
    paths = set('.'.join(path) for path, _option in every)
    wrong = []
    for path, option in every:
        description = option.get('description')
        for line in description if isinstance(description, list) else [description]:
            for ref in re.findall(r'O\(([^)#=]+)', str(line)):
                if ref.split('.')[0] not in doc.get('options', {}):
                    continue  # an option of the module that takes the fragment
                parent = ref.split('.')[:-1]
                if ref not in paths or list(path[:len(parent)]) != parent:
                    wrong.append('%s names O(%s)' % ('.'.join(path), ref))
    assert wrong == [], '%s: %s' % (where, '; '.join(wrong))
