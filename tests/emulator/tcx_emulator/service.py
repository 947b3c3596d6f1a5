"""Write rules of the four entity sets, as a real PBX enforces them."""

import copy
import re

from . import seed
from .errors import XapiError, invalid_body, warning
from .model import ROLE_NAMES
from .validate import BodyChecker

ALREADY_IN_USE = 'WARNINGS.XAPI.ALREADY_IN_USE'
NOT_FOUND = 'WARNINGS.XAPI.NOT_FOUND'
REQUIRED = 'WARNINGS.XAPI.REQUIRED'
FRIENDLY_NAME = re.compile(r'^[A-Za-z0-9][A-Za-z0-9._-]*$')
USER_FRIENDLY_PROPS = ('ClickToCallId', 'WebMeetingFriendlyName')
KINDS = {'Users': 'User', 'Parkings': 'Parking'}


class NotFound(Exception):
    """The addressed entity does not exist (rendered as 404)."""


class Service:  # pylint: disable=too-many-public-methods
    """Creates, patches and deletes entities in a :class:`~tcx_emulator.store.Store` (caller holds the lock)."""

    def __init__(self, store):
        self.store = store
        self.options = store.options

    @property
    def checker(self):
        """Body type checker with the configured wrong-type status."""
        return BodyChecker(self.options.wrong_type_status)

    # --- users ------------------------------------------------------------------------

    def get_user(self, user_id):
        """A stored user or NotFound."""
        return _existing(self.store.users, user_id)

    def create_user(self, body):
        """POST /Users."""
        self.checker.check_entity(body, 'Pbx.User', 'user')
        number = body.get('Number') or self.first_free_extension()
        self._check_dn_number_free(number)
        self._check_friendly_names(body, ('User', None))
        pairs = self._user_group_pairs(body.get('Groups'), created=True)
        primary = body.get('PrimaryGroupId')
        if primary and primary not in [group_id for group_id, _role in pairs]:
            raise warning(NOT_FOUND, 'PrimaryGroupId')
        user = seed.new_user_defaults()
        self._apply_plain(user, body, merge_complex=True)
        user.update({'Id': self.store.allocate_id(), 'Number': number})
        if 'DisplayName' not in body:
            user['DisplayName'] = _display_name(user)
        self.store.users[user['Id']] = user
        self.store.user_numbers[number] = user['Id']
        self.store.set_memberships('User', user['Id'], pairs)
        self._fix_primary_group(user)
        return user

    def patch_user(self, user_id, body):
        """PATCH /Users(id)."""
        user = self.get_user(user_id)
        self.checker.check_entity(body, 'Pbx.User', 'user')
        self._check_number_unchanged(user, body)
        self._check_friendly_names(body, ('User', user_id))
        primary = body.get('PrimaryGroupId')
        current_groups = [row['GroupId'] for row in self.store.memberships_of('User', user_id)]
        if primary and primary not in current_groups:
            raise warning(NOT_FOUND, 'PrimaryGroupId')
        if 'Groups' in body:
            self.store.set_memberships('User', user_id, self._user_group_pairs(body['Groups'], created=False))
        self._apply_plain(user, body, merge_complex=self.options.complex_patch == 'merge')
        if ('FirstName' in body or 'LastName' in body) and 'DisplayName' not in body:
            user['DisplayName'] = _display_name(user)
        self._fix_primary_group(user)

    def delete_user(self, user_id):
        """DELETE /Users(id)."""
        user = self.get_user(user_id)
        del self.store.users[user_id]
        self.store.user_numbers.pop(user['Number'], None)
        self.store.drop_member('User', user_id)

    def batch_delete_users(self, body):
        """POST /Users/Pbx.BatchDelete: failures only."""
        ids = _action_list(body, ('ids', 'Ids'), int)
        failures = []
        for user_id in ids:
            if user_id in self.store.users:
                self.delete_user(user_id)
            else:
                failures.append({'Error': NOT_FOUND, 'ExtensionNumber': str(user_id)})
        return failures

    def user_by_number(self, number):
        """A stored user by extension number or NotFound."""
        return self.get_user(self.store.user_numbers.get(number))

    def first_free_extension(self):
        """The first extension in DEFAULT's user range that no DN uses."""
        props = self.store.default_group().get('Props') or {}
        low = _int_or(props.get('UserNumberFrom'), self.options.user_number_range[0])
        high = _int_or(props.get('UserNumberTo'), self.options.user_number_range[1])
        for candidate in range(low, high + 1):
            if str(candidate) not in self.store.user_numbers and str(candidate) not in self.store.parking_numbers:
                return str(candidate)
        raise warning('WARNINGS.NO_MORE_NUMBERS_AVAILABLE', 'Number')

    def _fix_primary_group(self, user):
        group_ids = [row['GroupId'] for row in self.store.memberships_of('User', user['Id'])]
        if user.get('PrimaryGroupId') not in group_ids:
            user['PrimaryGroupId'] = group_ids[0] if group_ids else None

    def _user_group_pairs(self, rows, created):
        if rows is None:
            return [(self.store.default_group()['Id'], 'users')] if created else []
        pairs = self._membership_pairs(rows, with_roles=True)
        if not pairs and self.options.empty_groups == 'default':
            return [(self.store.default_group()['Id'], 'users')]
        return pairs

    def _membership_pairs(self, rows, with_roles):
        pairs, seen = [], set()
        for row in rows:
            group_id = row.get('GroupId')
            if not group_id:
                raise warning(REQUIRED, 'GroupId')
            if group_id not in self.store.groups:
                raise warning(NOT_FOUND, 'GroupId')
            if group_id in seen:
                raise warning('WARNINGS.XAPI.DUPLICATE', 'GroupId')
            seen.add(group_id)
            pairs.append((group_id, _role_of(row) if with_roles else None))
        return pairs

    # --- groups (departments) -----------------------------------------------------------

    def get_group(self, group_id):
        """A stored group or NotFound."""
        return _existing(self.store.groups, group_id)

    def create_group(self, body):
        """POST /Groups."""
        self.checker.check_entity(body, 'Pbx.Group', 'group')
        if not body.get('Name'):
            raise warning(REQUIRED, 'Name')
        self._check_group_name_free(body['Name'], None)
        self._check_time_zone(body)
        number = body.get('Number') or self._next_group_number()
        if number in self.store.group_numbers:
            raise warning(ALREADY_IN_USE, 'Number')
        self._check_friendly_names(body, ('Group', None))
        members = self._group_member_triples(body['Members']) if body.get('Members') else []
        group = seed.new_group_defaults()
        self._apply_plain(group, body, merge_complex=True)
        group.update({'Id': self.store.allocate_id(), 'Number': number, 'IsDefault': False})
        self.store.groups[group['Id']] = group
        self.store.group_numbers[number] = group['Id']
        if members:
            self.store.set_group_members(group['Id'], members)
        return group

    def patch_group(self, group_id, body):
        """PATCH /Groups(id)."""
        group = self.get_group(group_id)
        self.checker.check_entity(body, 'Pbx.Group', 'group')
        self._check_number_unchanged(group, body)
        if 'Name' in body:
            if not body['Name']:
                raise warning(REQUIRED, 'Name')
            self._check_group_name_free(body['Name'], group_id)
        self._check_time_zone(body)
        self._check_friendly_names(body, ('Group', group_id))
        if 'Members' in body:
            self._replace_group_members(group_id, self._group_member_triples(body['Members'] or []))
        is_default = group['IsDefault']
        self._apply_plain(group, body, merge_complex=self.options.complex_patch == 'merge')
        group['IsDefault'] = is_default

    def delete_group(self, group_id):
        """DELETE /Groups(id) and Pbx.DeleteCompanyById."""
        group = self.get_group(group_id)
        if group.get('IsDefault'):
            raise warning('WARNINGS.GROUP_CANNOT_BE_DELETED')
        if self.store.members_of(group_id):
            raise warning('WARNINGS.GROUP_WITH_MEMBERS_CANNOT_BE_DELETED')
        del self.store.groups[group_id]
        self.store.group_numbers.pop(group['Number'], None)
        self.store.by_group.pop(group_id, None)

    def delete_group_by_number(self, body):
        """POST /Groups/Pbx.DeleteCompanyByNumber."""
        number = _action_value(body, 'number', str)
        if number not in self.store.group_numbers:
            raise warning(NOT_FOUND, 'number')
        self.delete_group(self.store.group_numbers[number])

    def delete_group_by_id(self, body):
        """POST /Groups/Pbx.DeleteCompanyById."""
        group_id = _action_value(body, 'id', int)
        if group_id not in self.store.groups:
            raise warning(NOT_FOUND, 'id')
        self.delete_group(group_id)

    def _replace_group_members(self, group_id, members):
        before = {(row['MemberType'], row['MemberId']) for row in self.store.members_of(group_id)}
        self.store.set_group_members(group_id, members)
        for member_type, member_id in before:
            self._ensure_some_group(member_type, member_id)
            if member_type == 'User':
                self._fix_primary_group(self.store.users[member_id])

    def _ensure_some_group(self, member_type, member_id):
        if not self.store.memberships_of(member_type, member_id) and self.options.empty_groups == 'default':
            self.store.set_memberships(member_type, member_id, [(self.store.default_group()['Id'], 'users' if member_type == 'User' else None)])

    def _group_member_triples(self, rows):
        triples = []
        for row in rows:
            member_id = row.get('Id')
            if member_id in self.store.users:
                triples.append(('User', member_id, _role_of(row)))
            elif member_id in self.store.parkings:
                triples.append(('Parking', member_id, None))
            else:
                raise warning(NOT_FOUND, 'Members')
        return triples

    def _check_group_name_free(self, name, own_id):
        for group in self.store.groups.values():
            if group['Id'] != own_id and (group.get('Name') or '').lower() == name.lower():
                raise warning(self.options.duplicate_name_error, 'Name')

    def _check_time_zone(self, body):
        if body.get('TimeZoneId') is not None and body['TimeZoneId'] not in {tz[0] for tz in seed.TIME_ZONES}:
            raise warning('WARNINGS.XAPI.INVALID_TIMEZONE', 'TimeZoneId')

    def _next_group_number(self):
        index = 1
        while 'GRP%04d' % index in self.store.group_numbers:
            index += 1
        return 'GRP%04d' % index

    # --- parkings ---------------------------------------------------------------------

    def get_parking(self, parking_id):
        """A stored parking or NotFound."""
        return _existing(self.store.parkings, parking_id)

    def parking_by_number(self, number):
        """A stored parking by number or NotFound."""
        return self.get_parking(self.store.parking_numbers.get(number))

    def create_parking(self, body):
        """POST /Parkings (Number auto-assigned as SP<n>)."""
        self.checker.check_entity(body, 'Pbx.Parking', 'parking')
        number = body.get('Number') or self._next_parking_number()
        self._check_dn_number_free(number)
        pairs = self._parking_group_pairs(body.get('Groups'))
        parking = seed.new_parking_defaults()
        self._apply_plain(parking, body, merge_complex=True)
        parking.update({'Id': self.store.allocate_id(), 'Number': number})
        self.store.parkings[parking['Id']] = parking
        self.store.parking_numbers[number] = parking['Id']
        self.store.set_memberships('Parking', parking['Id'], pairs)
        return parking

    def patch_parking(self, parking_id, body):
        """PATCH /Parkings(id)."""
        parking = self.get_parking(parking_id)
        self.checker.check_entity(body, 'Pbx.Parking', 'parking')
        self._check_number_unchanged(parking, body)
        if 'Groups' in body:
            self.store.set_memberships('Parking', parking_id, self._parking_group_pairs(body['Groups']))
        self._apply_plain(parking, body, merge_complex=self.options.complex_patch == 'merge')

    def delete_parking(self, parking_id):
        """DELETE /Parkings(id)."""
        parking = self.get_parking(parking_id)
        del self.store.parkings[parking_id]
        self.store.parking_numbers.pop(parking['Number'], None)
        self.store.drop_member('Parking', parking_id)

    def _parking_group_pairs(self, rows):
        pairs = self._membership_pairs(rows or [], with_roles=False)
        if not pairs and (rows is None or self.options.empty_groups == 'default'):
            return [(self.store.default_group()['Id'], None)]
        return pairs

    def _next_parking_number(self):
        index = self.options.parking_start
        while 'SP%d' % index in self.store.parking_numbers:
            index += 1
        return 'SP%d' % index

    # --- website links ----------------------------------------------------------------

    def get_weblink(self, link):
        """A stored website link or NotFound."""
        return _existing(self.store.weblinks, link)

    def create_weblink(self, body):
        """POST /WebsiteLinks."""
        self.checker.check_entity(body, 'Pbx.Weblink', 'weblink')
        link = body.get('Link')
        if not link:
            raise warning(REQUIRED, 'Link')
        self._check_link_name(link, ('Link', None), 'Link')
        self._check_link_group(body)
        weblink = seed.new_weblink_defaults()
        self._apply_plain(weblink, body, merge_complex=True)
        weblink.update({'Id': self.store.allocate_id(), 'DN': self._link_dn(body)})
        self.store.weblinks[link] = weblink
        return weblink

    def patch_weblink(self, link, body):
        """PATCH /WebsiteLinks('link'); a new ``Link`` renames the key when the name is free."""
        weblink = self.get_weblink(link)
        self.checker.check_entity(body, 'Pbx.Weblink', 'weblink')
        new_link = body.get('Link', link)
        if new_link != link:
            self._check_link_name(new_link, ('Link', link), 'Link')
        self._check_link_group(body)
        self._apply_plain(weblink, body, merge_complex=self.options.complex_patch == 'merge')
        if 'DN' in body or 'Group' in body:
            weblink['DN'] = self._link_dn({**weblink, **body})
        if new_link != link:
            del self.store.weblinks[link]
            self.store.weblinks[new_link] = weblink

    def delete_weblink(self, link):
        """DELETE /WebsiteLinks('link')."""
        self.get_weblink(link)
        del self.store.weblinks[link]

    def bulk_delete_weblinks(self, body):
        """POST /WebsiteLinks/Pbx.BulkLinksDelete: all or nothing."""
        links = _action_list(body, ('ids',), str)
        if any(link not in self.store.weblinks for link in links):
            raise warning(NOT_FOUND, 'ids')
        for link in links:
            del self.store.weblinks[link]

    def validate_link(self, body):
        """POST /WebsiteLinks/Pbx.ValidateLink: None when free or held by the Pair owner."""
        model = body.get('model') if isinstance(body, dict) else None
        if not isinstance(model, dict) or not isinstance(model.get('FriendlyName'), str):
            raise invalid_body("The parameter 'model' is required.", 'model')
        name, pair = model['FriendlyName'], model.get('Pair')
        if not FRIENDLY_NAME.match(name):
            raise warning('WARNINGS.INVALID', 'FriendlyName')
        holder = self._name_holder(name, kinds=None)
        if holder is not None and pair not in self._owner_numbers(holder):
            raise warning(ALREADY_IN_USE, 'FriendlyName')

    def _check_link_group(self, body):
        if body.get('Group') and body['Group'] not in self.store.group_numbers:
            raise warning(NOT_FOUND, 'Group')

    def _link_dn(self, body):
        if isinstance(body.get('DN'), dict):
            return copy.deepcopy(body['DN'])
        group_id = self.store.group_numbers.get(body.get('Group'))
        if group_id is None:
            return None
        group = self.store.groups[group_id]
        return {'Id': group_id, 'Name': group['Name'], 'Number': group['Number'], 'Type': 'Group', 'Hidden': False, 'Tags': []}

    # --- friendly names (one namespace for links, click-to-call ids, meeting names) ----

    def _check_friendly_names(self, body, owner):
        for prop in USER_FRIENDLY_PROPS:
            if body.get(prop) and (prop in TYPES_WITH_FRIENDLY.get(owner[0], ())):
                self._check_link_name(body[prop], owner, prop)

    def _check_link_name(self, name, owner, target):
        if not FRIENDLY_NAME.match(name):
            raise warning('WARNINGS.INVALID', target)
        kinds = None if self.options.shared_link_namespace else {owner[0]}
        holder = self._name_holder(name, kinds)
        if holder is not None and holder[:2] != owner:
            raise warning(ALREADY_IN_USE, target)

    def _name_holder(self, name, kinds):
        """``(kind, key, entity)`` holding a friendly name (case-insensitive), or None."""
        wanted = name.lower()
        tables = (('User', self.store.users), ('Group', self.store.groups))
        for kind, table in tables:
            if kinds is None or kind in kinds:
                for key, entity in table.items():
                    if any((entity.get(prop) or '').lower() == wanted for prop in USER_FRIENDLY_PROPS):
                        return kind, key, entity
        if kinds is None or 'Link' in kinds:
            for key, entity in self.store.weblinks.items():
                if key.lower() == wanted:
                    return 'Link', key, entity
        return None

    @staticmethod
    def _owner_numbers(holder):
        kind, key, entity = holder
        if kind == 'Link':
            return {key, (entity.get('DN') or {}).get('Number'), entity.get('Group')} - {None}
        return {entity.get('Number')}

    # --- shared helpers -----------------------------------------------------------------

    def _check_dn_number_free(self, number):
        if number in self.store.user_numbers or number in self.store.parking_numbers:
            raise warning(ALREADY_IN_USE, 'Number')

    def _check_number_unchanged(self, entity, body):
        if 'Number' in body and body['Number'] != entity['Number']:
            raise warning(self.options.number_change_error, 'Number')

    @staticmethod
    def _apply_plain(entity, body, merge_complex):
        """Copy the non-navigation properties of ``body`` onto ``entity``."""
        for name, value in body.items():
            if name in ('Id', 'Groups', 'Members', 'Rights', 'DN') or name.startswith('@odata.'):
                continue
            if merge_complex and isinstance(value, dict) and isinstance(entity.get(name), dict):
                entity[name] = _deep_merge(entity[name], value)
            else:
                entity[name] = copy.deepcopy(value)


TYPES_WITH_FRIENDLY = {'User': USER_FRIENDLY_PROPS, 'Group': ('ClickToCallId',)}


def _deep_merge(base, changes):
    merged = dict(base)
    for name, value in changes.items():
        if isinstance(value, dict) and isinstance(merged.get(name), dict):
            merged[name] = _deep_merge(merged[name], value)
        else:
            merged[name] = copy.deepcopy(value)
    return merged


def _existing(table, key):
    if key is None or key not in table:
        raise NotFound()
    return table[key]


def _role_of(row):
    rights = row.get('Rights') or {}
    role = rights.get('RoleName') or 'users'
    if role not in ROLE_NAMES:
        raise warning('WARNINGS.INVALID', 'RoleName')
    return role


def _display_name(user):
    return ('%s %s' % (user.get('FirstName') or '', user.get('LastName') or '')).strip()


def _int_or(text, fallback):
    try:
        return int(text)
    except (TypeError, ValueError):
        return fallback


def _action_value(body, name, kind):
    if not isinstance(body, dict) or not isinstance(body.get(name), kind) or isinstance(body.get(name), bool):
        raise invalid_body("The parameter '%s' is required and must be of type '%s'." % (name, kind.__name__), name)
    return body[name]


def _action_list(body, names, kind):
    for name in names:
        if isinstance(body, dict) and name in body:
            values = body[name]
            if not isinstance(values, list) or not all(isinstance(v, kind) and not isinstance(v, bool) for v in values):
                raise invalid_body("The parameter '%s' must be a list of %s." % (name, kind.__name__), name)
            return values
    raise XapiError(400, 'The request is invalid.', [{'code': '', 'message': "The parameter '%s' is required." % names[0], 'target': names[0]}])
