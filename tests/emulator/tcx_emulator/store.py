"""In-memory PBX state: entities, memberships, indexes and persistence.

A membership is stored once (member kind + id, group id, role); ``User.Groups``,
``Parking.Groups`` and ``Group.Members`` are rendered views of it.
"""

import json
import os
import tempfile
import threading

from . import seed
from .schema import entity_sets
from .sets import SETS

ENTITY_SET_ENTRIES = entity_sets()

EMPTY_STATE_VERSION = 1
# Members of departments other than users: the membership's MemberType is the set's Pbx.PeerType.
MEMBER_SETS = dict([('User', 'Users')] + [(rules.peer_type, name) for name, rules in SETS.items()
                                          if rules.hooks == 'DepartmentMemberHooks'])


class Store:  # pylint: disable=too-many-instance-attributes
    """Entity tables per set (:data:`~tcx_emulator.sets.SETS`) with indexes by key and Number. Callers hold ``lock`` around every use."""

    def __init__(self, options):
        self.options = options
        self.lock = threading.RLock()
        self.tables, self.numbers, self.singletons, self.attached = {}, {}, {}, {}
        self.by_member, self.by_group = {}, {}
        self.next_id = self.next_row_id = 1
        self.load(self.seed_state())

    # --- the four kinds the older code names directly ------------------------------------

    users = property(lambda self: self.tables['Users'])
    groups = property(lambda self: self.tables['Groups'])
    parkings = property(lambda self: self.tables['Parkings'])
    weblinks = property(lambda self: self.tables['WebsiteLinks'])
    user_numbers = property(lambda self: self.numbers['Users'])
    parking_numbers = property(lambda self: self.numbers['Parkings'])
    group_numbers = property(lambda self: self.numbers['Groups'])

    # --- whole state -------------------------------------------------------------------

    def seed_state(self):
        """The state of a fresh PBX: the DEFAULT department, the seeded trunk and the system office hours."""
        state = {'version': EMPTY_STATE_VERSION, 'next_id': 3, 'memberships': [],
                 'groups': [seed.default_department(self.options.user_number_range)]}
        for name, rules in SETS.items():
            if rules.seed:
                state[rules.state_key] = rules.seed()
        return state

    def load(self, state):
        """Replace everything with ``state`` (the format of :meth:`dump`); missing properties get defaults, missing secrets are generated."""
        self.tables, self.numbers, self.singletons, self.attached = {}, {}, {}, {}
        for name, rules in SETS.items():
            for state_key, defaults in rules.attached:
                self.attached[state_key] = _with_defaults(defaults(), state.get(state_key) or {})
            if rules.view:
                continue
            if ENTITY_SET_ENTRIES[name]['singleton']:
                self.singletons[name] = _with_defaults(rules.defaults(), state.get(rules.state_key) or {})
                continue
            key_name = ENTITY_SET_ENTRIES[name]['key'][0]
            table = self.tables[name] = {}
            for stored in state.get(rules.state_key, []):
                entity = _with_defaults(rules.defaults(), stored)
                for prop in rules.secrets:
                    if entity.get(prop) is None:
                        entity[prop] = seed.generate_secret(prop)
                table[entity[key_name]] = entity
            self.numbers[name] = {entity['Number']: key for key, entity in table.items() if entity.get('Number') is not None}
        if not any(group.get('IsDefault') for group in self.groups.values()):
            default = seed.default_department(self.options.user_number_range)
            self.groups[default['Id']] = default
            self.group_numbers[default['Number']] = default['Id']
        self.by_member, self.by_group = {}, {}
        rows = state.get('memberships', [])
        all_ids = [entity.get('Id') or 0 for table in self.tables.values() for entity in table.values() if not isinstance(entity.get('Id'), str)]
        self.next_id = max([state.get('next_id', 1)] + [i + 1 for i in all_ids])
        self.next_row_id = max([1] + [(row.get('Id') or 0) + 1 for row in rows])
        for row in rows:
            self._add_membership(row['MemberType'], row['MemberId'], row['GroupId'], row.get('RoleName'), row.get('Id'))

    def dump(self):
        """The whole store as a JSON-ready dict (also the ``--state`` file format)."""
        state = {'version': EMPTY_STATE_VERSION, 'next_id': self.next_id,
                 'memberships': [dict(row) for rows in self.by_member.values() for row in rows]}
        for name, table in self.tables.items():
            state[SETS[name].state_key] = list(table.values())
        for name, entity in self.singletons.items():
            state[SETS[name].state_key] = entity
        state.update(self.attached)
        return state

    def save(self):
        """Write the state file atomically, when ``--state`` is set."""
        path = self.options.state_file
        if not path:
            return
        directory = os.path.dirname(os.path.abspath(path))
        handle, temp_path = tempfile.mkstemp(dir=directory, prefix='.tcx-state-')
        with os.fdopen(handle, 'w', encoding='utf-8') as stream:
            json.dump(self.dump(), stream)
        os.replace(temp_path, path)

    def load_file(self, path):
        """Load the ``--state`` file if it exists."""
        if os.path.exists(path):
            with open(path, encoding='utf-8') as stream:
                self.load(json.load(stream))

    def allocate_id(self):
        """A new DN id (users, groups and parkings share one sequence, like DNs on a PBX)."""
        new_id = self.next_id
        self.next_id += 1
        return new_id

    # --- memberships ------------------------------------------------------------------

    def _add_membership(self, member_type, member_id, group_id, role_name, row_id=None):
        if not row_id:
            row_id, self.next_row_id = self.next_row_id, self.next_row_id + 1
        row = {'Id': row_id, 'MemberType': member_type, 'MemberId': member_id, 'GroupId': group_id,
               'RoleName': role_name}
        self.by_member.setdefault((member_type, member_id), []).append(row)
        self.by_group.setdefault(group_id, {})[(member_type, member_id)] = row

    def memberships_of(self, member_type, member_id):
        """Membership rows of one member."""
        return self.by_member.get((member_type, member_id), [])

    def members_of(self, group_id):
        """Membership rows of one group."""
        return list(self.by_group.get(group_id, {}).values())

    def set_memberships(self, member_type, member_id, pairs):
        """Replace every membership of a member with ``[(group_id, role_name)]`` (a kept group keeps its row Id)."""
        kept = {row['GroupId']: row['Id'] for row in self.by_member.get((member_type, member_id), [])}
        self.drop_member(member_type, member_id)
        for group_id, role_name in pairs:
            self._add_membership(member_type, member_id, group_id, role_name, kept.get(group_id))

    def drop_member(self, member_type, member_id):
        """Remove a member from every group."""
        for row in self.by_member.pop((member_type, member_id), []):
            self.by_group.get(row['GroupId'], {}).pop((member_type, member_id), None)

    def set_group_members(self, group_id, members):
        """Replace every membership of a group with ``[(member_type, member_id, role_name)]``."""
        kept = {key: row['Id'] for key, row in self.by_group.get(group_id, {}).items()}
        for key in list(self.by_group.get(group_id, {})):
            rows = self.by_member.get(key, [])
            self.by_member[key] = [row for row in rows if row['GroupId'] != group_id]
        self.by_group[group_id] = {}
        for member_type, member_id, role_name in members:
            self._add_membership(member_type, member_id, group_id, role_name, kept.get((member_type, member_id)))

    def default_group(self):
        """The system department."""
        return next(group for group in self.groups.values() if group.get('IsDefault'))

    def member(self, member_type, member_id):
        """The user, parking, ring group or queue behind a membership."""
        return self.tables[MEMBER_SETS[member_type]].get(member_id)

    def membership_view(self, row):
        """A membership as a ``Pbx.UserGroup`` row."""
        group = self.groups.get(row['GroupId'], {})
        member = self.member(row['MemberType'], row['MemberId']) or {}
        role = row['RoleName']
        rights = seed.rights_for(role) if role else None
        return {
            'Id': row['Id'], 'GroupId': row['GroupId'], 'Name': group.get('Name'), 'Number': member.get('Number'),
            'MemberName': _member_name(row['MemberType'], member), 'Type': 'Extension' if row['MemberType'] == 'User' else row['MemberType'],
            'CanDelete': True, 'Tags': [], 'TranscriptionMode': member.get('TranscriptionMode'),
            'Rights': rights, 'GroupRights': rights,
        }


def _member_name(member_type, member):
    """"Last, First" for a user (3CX's documentation shows "Doe, John"), the name of a ring group or queue, the Number
    of a parking."""
    if member_type == 'User':
        names = [name for name in (member.get('LastName'), member.get('FirstName')) if name]
        return ', '.join(names)
    return member.get('Name') or member.get('Number')


def _with_defaults(defaults, values):
    """Defaults overlaid with stored values (one level of nested dict merging)."""
    merged = dict(defaults)
    for name, value in values.items():
        if isinstance(value, dict) and isinstance(merged.get(name), dict):
            merged[name] = {**merged[name], **value}
        else:
            merged[name] = value
    return merged
