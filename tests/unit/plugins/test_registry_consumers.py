# -*- coding: utf-8 -*-
"""What Ansible needs written in YAML or in module docs lists every kind of the registry, in its order.

The provision role's variables, tcx_config's lists and its callers in the role and the playbooks, and
the docs of the modules that cover every kind cannot read the registry at run time. A kind added to
``plugins/module_utils/kinds`` without them fails here, with the file and what it lacks.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
from pathlib import Path

import pytest
import yaml

from ansible_collections.tcx.xapi.plugins.module_utils.registry import KINDS, PLURALS
from ansible_collections.tcx.xapi.plugins.modules import tcx_config, tcx_config_info, tcx_system_info

REPO = Path(__file__).resolve().parents[3]
ROLE = REPO / 'roles' / 'provision'
ROLE_VARIABLES = ['tcx_' + plural for plural in PLURALS]
# A singleton kind (the office hours) is one dict, never pruned, never counted.
PRUNABLE = [kind.plural for kind in KINDS if not kind.singleton]
# The role's variables that are not a kind's list.
ROLE_SETTINGS = ('tcx_users_csv', 'tcx_contacts_csv', 'tcx_generated_passwords_file', 'tcx_prune', 'tcx_parallel')


def load(path):
    return yaml.safe_load(path.read_text(encoding='utf-8'))


def kind_names(names):
    """The names among ``names`` that are a kind's: role variables or tcx_config lists, as given."""
    return [n for n in names if n in ROLE_VARIABLES or n in PLURALS]


def assert_kinds(names, expected, where):
    """The kinds' names among ``names`` are ``expected``, in its order; the message names what is missing."""
    found = kind_names(names)
    missing = [n for n in expected if n not in found]
    assert not missing, '%s lacks %s (a kind of the registry)' % (where, ', '.join(missing))
    assert found == list(expected), '%s: %s, not in the registry order %s' % (where, found, list(expected))


def text(description):
    """A doc description, a string or a list of them, as one string."""
    return description if isinstance(description, str) else ' '.join(description)


def tasks(value):
    """Every task in a list of plays or tasks, blocks and their ``always``/``rescue`` included."""
    for item in value or []:
        if not isinstance(item, dict):
            continue
        yield item
        for section in ('tasks', 'pre_tasks', 'post_tasks', 'handlers', 'block', 'rescue', 'always'):
            yield from tasks(item.get(section))


def yaml_tasks():
    """``(file, task)`` of every task in the role and the collection's playbooks."""
    files = sorted((ROLE / 'tasks').glob('*.yml')) + sorted((REPO / 'playbooks').glob('*.yml'))
    return [(path.relative_to(REPO).as_posix(), task) for path in files for task in tasks(load(path))]


def test_role_defaults_have_one_list_per_kind_in_registry_order():
    defaults = list(load(ROLE / 'defaults' / 'main.yml'))
    assert_kinds(defaults, ROLE_VARIABLES, 'roles/provision/defaults/main.yml')
    unknown = [name for name in defaults if name not in ROLE_VARIABLES and name not in ROLE_SETTINGS]
    assert unknown == [], 'roles/provision/defaults/main.yml: not a kind of the registry nor a role setting'


def test_role_argument_spec_documents_each_kind_with_its_module():
    options = load(ROLE / 'meta' / 'argument_specs.yml')['argument_specs']['main']['options']
    assert_kinds(options, ROLE_VARIABLES, 'roles/provision/meta/argument_specs.yml options')
    for kind in KINDS:
        option = options['tcx_' + kind.plural]
        shape = ('dict', None, {}) if kind.singleton else ('list', 'dict', [])
        assert (option['type'], option.get('elements'), option['default']) == shape, kind.plural
        assert 'M(tcx.xapi.%s)' % kind.module in text(option['description']), \
            'roles/provision/meta/argument_specs.yml: tcx_%s names its module' % kind.plural
    assert_kinds(options['tcx_prune']['choices'], PRUNABLE, 'roles/provision/meta/argument_specs.yml tcx_prune choices')


def test_role_readme_lists_each_kind_in_registry_order():
    readme = (ROLE / 'README.md').read_text(encoding='utf-8')
    rows = re.findall(r'^\| `(tcx_[a-z_]+)` \|', readme, re.MULTILINE)
    assert_kinds(rows, ROLE_VARIABLES, 'roles/provision/README.md variables table')
    for kind in KINDS:
        row = [line for line in readme.splitlines() if line.startswith('| `tcx_%s` |' % kind.plural)][0]
        assert '`tcx.xapi.%s`' % kind.module in row, 'roles/provision/README.md: tcx_%s names its module' % kind.plural
    prune = [line for line in readme.splitlines() if line.startswith('| `tcx_prune` |')][0]
    assert_kinds(re.findall(r'`([a-z_]+)`', prune.split('|')[3]), PRUNABLE, 'roles/provision/README.md tcx_prune')


def test_every_tcx_config_task_passes_every_kind_from_its_role_variable():
    found = [(where, task['tcx.xapi.tcx_config']) for where, task in yaml_tasks() if 'tcx.xapi.tcx_config' in task]
    assert found, 'the role runs tcx.xapi.tcx_config'
    for where, args in found:
        assert_kinds(args, list(PLURALS), '%s: the lists of tcx.xapi.tcx_config' % where)
        for plural in PLURALS:
            assert 'tcx_' + plural in str(args[plural]), '%s: %s takes tcx_%s' % (where, plural, plural)


def test_playbooks_that_set_role_variables_set_every_kind():
    """A playbook that includes the role with some kinds' lists (the CSV import empties them all) sets all."""
    found = [(where, task.get('vars') or {}) for where, task in yaml_tasks()
             if (task.get('ansible.builtin.include_role') or {}).get('name') == 'tcx.xapi.provision']
    assert found, 'a playbook includes the role'
    for where, variables in found:
        if kind_names(variables):
            assert_kinds(variables, ROLE_VARIABLES, '%s: the role variables it sets' % where)


def documentation(module):
    return yaml.safe_load(module.DOCUMENTATION)


def test_tcx_config_documents_one_list_per_kind_and_links_its_module():
    doc = documentation(tcx_config)
    assert_kinds(doc['options'], list(PLURALS), 'plugins/modules/tcx_config.py options')
    for kind in KINDS:
        assert 'M(tcx.xapi.%s)' % kind.module in text(doc['options'][kind.plural]['description']), \
            'plugins/modules/tcx_config.py: %s names its module' % kind.plural
    assert_kinds(doc['options']['prune']['choices'], PRUNABLE, 'plugins/modules/tcx_config.py prune choices')
    assert [s['module'] for s in doc['seealso'] if not s['module'].endswith('_info')] == [
        'tcx.xapi.' + kind.module for kind in KINDS], \
        'plugins/modules/tcx_config.py seealso: the module of each kind, in the registry order'


def test_tcx_config_info_documents_every_kind():
    doc = documentation(tcx_config_info)
    option = doc['options']['kinds']
    assert_kinds(option['choices'], PLURALS, 'plugins/modules/tcx_config_info.py kinds choices')
    assert option['default'] == option['choices'], 'plugins/modules/tcx_config_info.py kinds default: every kind'
    returned = yaml.safe_load(tcx_config_info.RETURN)
    assert_kinds(returned, list(PLURALS), 'plugins/modules/tcx_config_info.py RETURN')
    for kind in KINDS:
        assert 'M(tcx.xapi.%s)' % kind.module in text(returned[kind.plural]['description']), \
            'plugins/modules/tcx_config_info.py RETURN: %s names its module' % kind.plural
    seealso = [s['module'] for s in doc['seealso']]
    assert [m for m in seealso if m.endswith('_info')] == ['tcx.xapi.%s_info' % kind.module for kind in KINDS], \
        'plugins/modules/tcx_config_info.py seealso: the info module of each kind, in the registry order'


@pytest.mark.parametrize('plural', PRUNABLE)
def test_tcx_system_info_documents_the_count_of_every_kind(plural):
    counts = yaml.safe_load(tcx_system_info.RETURN)['counts']['contains']
    assert plural in counts, 'plugins/modules/tcx_system_info.py RETURN counts lacks %s' % plural


def spoken(kind):
    """How prose names the objects of a kind: ``ring groups``, ``IVRs``, ``blocklist entries``, ``office hours`` (a
    singleton as it is)."""
    if kind.singleton:
        return kind.name
    return kind.name[:-1] + 'ies' if kind.name[-1] == 'y' and kind.name[-2] not in 'aeiou' else kind.name + 's'


def assert_prose_names_every_kind(prose, where, ordered=False):
    """``prose`` names the objects of every kind (ignoring case); ``ordered``: in the registry order."""
    prose = ' '.join(prose.lower().split())
    missing = [spoken(kind) for kind in KINDS if spoken(kind).lower() not in prose]
    assert not missing, '%s lacks %s (a kind of the registry)' % (where, ', '.join(missing))
    if ordered:
        found = sorted(KINDS, key=lambda kind: prose.index(spoken(kind).lower()))
        assert found == list(KINDS), '%s: %s, not in the registry order' % (where, ', '.join(spoken(k) for k in found))


def test_tcx_config_says_in_which_order_it_creates_every_kind():
    description = text(documentation(tcx_config)['description'])
    order = re.search(r'kind after kind \(([^)]*)\)', description)
    assert order, 'plugins/modules/tcx_config.py description: the order of the creates'
    assert_prose_names_every_kind(order.group(1), 'plugins/modules/tcx_config.py description (kind after kind)', ordered=True)


def test_tcx_config_returns_the_name_of_every_kind_in_changes():
    kind = yaml.safe_load(tcx_config.RETURN)['changes']['contains']['kind']
    values = re.findall(r'V\(([^)]*)\)', text(kind['description']))
    assert values == [k.name for k in KINDS], 'plugins/modules/tcx_config.py RETURN changes[].kind: %s, not %s' % (
        values, [k.name for k in KINDS])


def markdown_section(path, heading):
    """The first paragraph after a heading of a Markdown file."""
    body = path.read_text(encoding='utf-8').split(heading, 1)[1]
    return body.strip().split('\n\n', 1)[0]


def test_readme_intro_names_every_kind():
    assert_prose_names_every_kind(markdown_section(REPO / 'README.md', '## What it is'), 'README.md "What it is"')


def test_the_backup_playbook_says_it_backs_up_every_kind():
    readme = (REPO / 'README.md').read_text(encoding='utf-8')
    row = [line for line in readme.splitlines() if line.startswith('| `backup.yml` |')][0]
    assert_prose_names_every_kind(row, 'README.md playbooks table, backup.yml')
    header = (REPO / 'playbooks' / 'backup.yml').read_text(encoding='utf-8').split('\n- ', 1)[0]
    assert_prose_names_every_kind(header.split('read in', 1)[0], 'playbooks/backup.yml header')


def test_the_provision_playbook_header_names_every_role_variable():
    header = (REPO / 'playbooks' / 'provision.yml').read_text(encoding='utf-8').split('\n- ', 1)[0]
    variables = re.findall(r'\btcx_[a-z_]+', header.split('The desired state is', 1)[1].split(')', 1)[0])
    assert_kinds(variables, ROLE_VARIABLES, 'playbooks/provision.yml header (the desired state)')
