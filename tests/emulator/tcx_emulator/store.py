"""In-memory PBX state: entities, memberships, indexes and persistence.

A membership is stored once (member kind + id, group id, role); ``User.Groups``,
``Parking.Groups`` and ``Group.Members`` are rendered views of it.
"""

import json
import os
import tempfile
import threading

from . import seed

EMPTY_STATE_VERSION = 1


class Store:
    """Entity tables with indexes by key and Number. Callers hold ``lock`` around every use."""

    def __init__(self, options):
        self.options = options
        self.lock = threading.RLock()
        self.users, self.groups, self.parkings, self.weblinks = {}, {}, {}, {}
        self.user_numbers, self.parking_numbers, self.group_numbers = {}, {}, {}
        self.by_member, self.by_group = {}, {}
        self.next_id = 1
        self.load(self.seed_state())

    # --- whole state -------------------------------------------------------------------

    def seed_state(self):
        """The state of a fresh PBX: only the DEFAULT department."""
        return {'version': EMPTY_STATE_VERSION, 'next_id': 2, 'users': [], 'parkings': [], 'weblinks': [], 'memberships': [],
                'groups': [seed.default_department(self.options.user_number_range)]}

    def load(self, state):
        """Replace everything with ``state`` (the format of :meth:`dump`); missing properties get defaults."""
        self.users = {u['Id']: _with_defaults(seed.new_user_defaults(), u) for u in state.get('users', [])}
        self.groups = {g['Id']: _with_defaults(seed.new_group_defaults(), g) for g in state.get('groups', [])}
        self.parkings = {p['Id']: _with_defaults(seed.new_parking_defaults(), p) for p in state.get('parkings', [])}
        self.weblinks = {w['Link']: _with_defaults(seed.new_weblink_defaults(), w) for w in state.get('weblinks', [])}
        if not any(group.get('IsDefault') for group in self.groups.values()):
            default = seed.default_department(self.options.user_number_range)
            self.groups[default['Id']] = default
        self.user_numbers = {u['Number']: u['Id'] for u in self.users.values()}
        self.parking_numbers = {p['Number']: p['Id'] for p in self.parkings.values()}
        self.group_numbers = {g['Number']: g['Id'] for g in self.groups.values()}
        self.by_member, self.by_group = {}, {}
        for row in state.get('memberships', []):
            self._add_membership(row['MemberType'], row['MemberId'], row['GroupId'], row.get('RoleName'))
        all_ids = list(self.users) + list(self.groups) + list(self.parkings) + [w.get('Id') or 0 for w in self.weblinks.values()]
        self.next_id = max([state.get('next_id', 1)] + [i + 1 for i in all_ids])

    def dump(self):
        """The whole store as a JSON-ready dict (also the ``--state`` file format)."""
        memberships = [dict(row) for rows in self.by_member.values() for row in rows]
        return {'version': EMPTY_STATE_VERSION, 'next_id': self.next_id, 'users': list(self.users.values()),
                'groups': list(self.groups.values()), 'parkings': list(self.parkings.values()),
                'weblinks': list(self.weblinks.values()), 'memberships': memberships}

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

    def _add_membership(self, member_type, member_id, group_id, role_name):
        row = {'MemberType': member_type, 'MemberId': member_id, 'GroupId': group_id, 'RoleName': role_name}
        self.by_member.setdefault((member_type, member_id), []).append(row)
        self.by_group.setdefault(group_id, {})[(member_type, member_id)] = row

    def memberships_of(self, member_type, member_id):
        """Membership rows of one member."""
        return self.by_member.get((member_type, member_id), [])

    def members_of(self, group_id):
        """Membership rows of one group."""
        return list(self.by_group.get(group_id, {}).values())

    def set_memberships(self, member_type, member_id, pairs):
        """Replace every membership of a member with ``[(group_id, role_name)]``."""
        self.drop_member(member_type, member_id)
        for group_id, role_name in pairs:
            self._add_membership(member_type, member_id, group_id, role_name)

    def drop_member(self, member_type, member_id):
        """Remove a member from every group."""
        for row in self.by_member.pop((member_type, member_id), []):
            self.by_group.get(row['GroupId'], {}).pop((member_type, member_id), None)

    def set_group_members(self, group_id, members):
        """Replace every membership of a group with ``[(member_type, member_id, role_name)]``."""
        for key in list(self.by_group.get(group_id, {})):
            rows = self.by_member.get(key, [])
            self.by_member[key] = [row for row in rows if row['GroupId'] != group_id]
        self.by_group[group_id] = {}
        for member_type, member_id, role_name in members:
            self._add_membership(member_type, member_id, group_id, role_name)

    def default_group(self):
        """The system department."""
        return next(group for group in self.groups.values() if group.get('IsDefault'))

    def member(self, member_type, member_id):
        """The user or parking behind a membership."""
        return (self.users if member_type == 'User' else self.parkings).get(member_id)

    def membership_view(self, row):
        """A membership as a ``Pbx.UserGroup`` row."""
        group = self.groups.get(row['GroupId'], {})
        member = self.member(row['MemberType'], row['MemberId']) or {}
        role = row['RoleName']
        rights = seed.rights_for(role) if role else None
        return {
            'Id': row['MemberId'], 'GroupId': row['GroupId'], 'Name': group.get('Name'), 'Number': member.get('Number'),
            'MemberName': _member_name(row['MemberType'], member), 'Type': 'Extension' if row['MemberType'] == 'User' else 'Parking',
            'CanDelete': not group.get('IsDefault', False), 'Tags': [], 'TranscriptionMode': member.get('TranscriptionMode'),
            'Rights': rights, 'GroupRights': rights,
        }


def _member_name(member_type, member):
    if member_type == 'User':
        return member.get('DisplayName') or ('%s %s' % (member.get('FirstName') or '', member.get('LastName') or '')).strip()
    return member.get('Number')


def _with_defaults(defaults, values):
    """Defaults overlaid with stored values (one level of nested dict merging)."""
    merged = dict(defaults)
    for name, value in values.items():
        if isinstance(value, dict) and isinstance(merged.get(name), dict):
            merged[name] = {**merged[name], **value}
        else:
            merged[name] = value
    return merged
