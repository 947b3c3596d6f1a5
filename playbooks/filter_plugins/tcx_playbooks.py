# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters of the collection's playbooks (backup.yml, audit.yml).

They sit next to the playbooks (Ansible loads ``filter_plugins/`` beside a playbook) and read the
field tables of the entity kinds in ``plugins/module_utils/kinds``, so a backup names exactly the
options that the modules and the provision role take, and no option list is written twice.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError
from ansible_collections.tcx.xapi.plugins.module_utils.fields import leaves
from ansible_collections.tcx.xapi.plugins.module_utils.kinds import KINDS as REGISTRY

# Role variable, kind, natural key option.
KINDS = tuple((kind.plural, kind) for kind in REGISTRY)
# tcx_config's kind names (in ``changes``) to the role's list names.
KIND_LISTS = dict((kind.name, name) for name, kind in KINDS)


def _get(entity, path):
    for name in path.split('.'):
        if not isinstance(entity, dict):
            return None
        entity = entity.get(name)
    return entity


def _place(tree, option_path, value):
    for name in option_path[:-1]:
        tree = tree.setdefault(name, {})
    tree[option_path[-1]] = value


def _empty(value):
    return value is None or value == '' or value == [] or value == {}


class _Names(object):
    """Department id / number to name, from the exported departments."""

    def __init__(self, departments):
        self.by_id = dict((d.get('Id'), d.get('Name')) for d in departments)
        self.by_number = dict((d.get('Number'), d.get('Name')) for d in departments)

    def of_id(self, group_id):
        return self.by_id.get(group_id, group_id)


def _references(names):
    """The converters of options whose XAPI value refers to a department (the kinds' from_api hooks)."""
    def user_departments(rows):
        result = [{'name': row.get('Name') or names.of_id(row.get('GroupId')),
                   'role': (row.get('Rights') or {}).get('RoleName') or 'users'} for row in rows or []]
        return sorted(result, key=lambda d: str(d['name']))

    return {
        ('users', 'departments'): user_departments,
        ('users', 'primary_department'): lambda group_id: None if group_id is None else names.of_id(group_id),
        ('parkings', 'departments'): lambda rows: sorted(
            set(row.get('Name') or names.of_id(row.get('GroupId')) for row in rows or [])),
        ('livechats', 'department'): lambda number: names.by_number.get(number, number) if number else None,
        ('departments', 'timezone'): lambda zone_id: zone_id,  # the PBX's zone ID is an input as it is
    }


def _options(list_name, kind, entity, references):
    """The module options that describe ``entity`` as the PBX holds it; secrets and empty values left out."""
    item = {kind.key_option: kind.key_of(entity)}
    for leaf in leaves(kind.fields):
        field = leaf.field
        if field.secret:
            continue
        value = _get(entity, field.path)
        convert = references.get((list_name, field.option))
        if convert is not None:
            value = convert(value)
        if isinstance(value, list) and field.compare == 'set' and all(isinstance(v, str) for v in value):
            value = sorted(value)
        if not _empty(value):
            _place(item, leaf.option_path, value)
    return item


def tcx_to_provision(export):
    """A backup (the info modules' lists) as the provision role's variables ``tcx_departments`` ...

    ``export`` is a dict with ``departments``, ``users``, ``parkings`` and ``livechats`` as returned
    by tcx_department_info, tcx_user_info, tcx_parking_info and tcx_livechat_info.
    """
    names = _Names(export.get('departments') or [])
    references = _references(names)
    result = {}
    for list_name, kind in KINDS:
        items = [_options(list_name, kind, entity, references) for entity in export.get(list_name) or []]
        result['tcx_' + list_name] = sorted(items, key=lambda i: str(i.get(kind.key_option)))
    return result


def tcx_department_members(departments, users):
    """The departments with a ``Members`` list (extension, name and role of each member), from the users' memberships."""
    members = {}
    for user in users or []:
        for row in user.get('Groups') or []:
            members.setdefault(row.get('GroupId'), []).append({
                'Number': user.get('Number'),
                'Name': ' '.join(n for n in (user.get('FirstName'), user.get('LastName')) if n),
                'RoleName': (row.get('Rights') or {}).get('RoleName')})
    return [dict(d, Members=sorted(members.get(d.get('Id'), []), key=lambda m: str(m['Number'])))
            for d in departments or []]


def _flatten(value, prefix=''):
    if isinstance(value, dict) and value:
        flat = {}
        for key, inner in value.items():
            flat.update(_flatten(inner, '%s.%s' % (prefix, key) if prefix else str(key)))
        return flat
    return {prefix: value}


DRIFT_COUNTS = ('create', 'update', 'delete', 'unmanaged', 'unchanged', 'failed')


def tcx_drift(result, unmanaged=True):
    """The drift of a check-mode tcx_config result: counts per kind and, per object, the fields that differ.

    Objects of a kind the desired state lists that it does not name (tcx_config's ``unmanaged``)
    are drift too, reported with action ``unmanaged``, unless ``unmanaged`` is false. With
    ``prune`` tcx_config plans them as deletes, reported as ``delete`` ("would delete").
    """
    if not isinstance(result, dict) or 'summary' not in result:
        raise AnsibleFilterError('tcx_drift expects the registered result of tcx.xapi.tcx_config')
    extra = (result.get('unmanaged') or []) if unmanaged else []
    summary = {}
    for list_name, dummy in KINDS:
        counts = dict(result['summary'].get(list_name) or {})
        counts['unmanaged'] = len([o for o in extra if KIND_LISTS.get(o.get('kind')) == list_name])
        summary[list_name] = dict((action, int(counts.get(action, 0))) for action in DRIFT_COUNTS)
    objects = []
    for change in result.get('changes') or []:
        before = _flatten((change.get('diff') or {}).get('before') or {})
        after = _flatten((change.get('diff') or {}).get('after') or {})
        fields = [{'field': name, 'pbx': before.get(name), 'desired': after.get(name)}
                  for name in sorted(set(before) | set(after)) if before.get(name) != after.get(name)]
        objects.append({'kind': KIND_LISTS.get(change.get('kind'), change.get('kind')), 'key': change.get('key'),
                        'action': change.get('action'), 'fields': [f for f in fields if f['field']]})
    for found in extra:
        options = _flatten(found.get('options') or {})
        fields = [{'field': name, 'pbx': options[name], 'desired': None} for name in sorted(options) if name]
        objects.append({'kind': KIND_LISTS.get(found.get('kind'), found.get('kind')), 'key': found.get('key'),
                        'action': 'unmanaged', 'fields': fields})
    totals = dict((action, sum(counts[action] for counts in summary.values())) for action in DRIFT_COUNTS)
    drifting = totals['create'] + totals['update'] + totals['delete'] + totals['unmanaged']
    return {'drift': drifting > 0, 'drifting': drifting, 'summary': summary, 'totals': totals, 'objects': objects,
            'failures': result.get('failures') or []}


def tcx_markdown_cell(value):
    """A value as the text of one Markdown table cell: ``|`` escaped, line breaks as spaces."""
    return ' '.join(str(value).replace('|', '\\|').splitlines())


class FilterModule(object):
    def filters(self):
        return {
            'tcx_to_provision': tcx_to_provision,
            'tcx_department_members': tcx_department_members,
            'tcx_drift': tcx_drift,
            'tcx_markdown_cell': tcx_markdown_cell,
        }
