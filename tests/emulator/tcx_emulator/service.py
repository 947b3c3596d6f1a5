"""Write rules of every entity set, as a real PBX enforces them.

:class:`Service` is the generic engine: it creates, patches and deletes an object of any set from
its schema type and its :data:`~tcx_emulator.sets.SETS` entry (numbering, uniqueness, required
properties, defaults, generated secrets, member lists replaced whole, destinations and references
that must exist and block a delete). The hook classes at the end hold what a table cannot say:
memberships of users, departments and parkings, and the friendly-name namespace of website links.
"""

import datetime
import copy
import re

from . import seed
from .errors import XapiError, invalid_body, warning
from .model import ENTITY_SETS, ROLE_NAMES, is_navigation
from .schema import entity_sets, newer_properties
from .sets import SETS
from .validate import BodyChecker

ALREADY_IN_USE = 'WARNINGS.XAPI.ALREADY_IN_USE'
NOT_FOUND = 'WARNINGS.XAPI.NOT_FOUND'
REQUIRED = 'WARNINGS.XAPI.REQUIRED'
NON_EXISTENT_NUMBER = 'WARNINGS.XAPI.NON_EXISTENT_EXT_NUMBER'
CANNOT_BE_DELETED = 'WARNINGS.CANNOT_BE_DELETED'
# The routes of an outbound rule, as the web client shows them.
MAX_ROUTES = 5
FRIENDLY_NAME = re.compile(r'^[A-Za-z0-9][A-Za-z0-9._-]*$')
USER_FRIENDLY_PROPS = ('ClickToCallId', 'WebMeetingFriendlyName')
# Destination kinds that name a DN of the PBX, and the sets such a DN may live in.
INTERNAL_DESTINATIONS = {'Extension': ('Users',), 'VoiceMail': ('Users',), 'VoiceMailOfDestination': ('Users',),
                         'Queue': ('Queues',), 'RingGroup': ('RingGroups',), 'IVR': ('Receptionists',)}
DN_SETS = tuple(name for name, rules in SETS.items() if rules.dn)
# Sets other than Users whose objects are members of departments (``Groups`` rows), by their Pbx.PeerType.
DEPARTMENT_MEMBER_SETS = {rules.peer_type: name for name, rules in SETS.items() if rules.hooks == 'DepartmentMemberHooks'}


class NotFound(Exception):
    """The addressed entity does not exist (rendered as 404)."""


class Service:  # pylint: disable=too-many-public-methods
    """Creates, patches and deletes entities in a :class:`~tcx_emulator.store.Store` (caller holds the lock)."""

    def __init__(self, store):
        self.store = store
        self.options = store.options
        self.hooks = {name: HOOKS[rules.hooks](self, name) for name, rules in SETS.items() if rules.hooks}
        self.trunk_passwords = {}  # trunk Id -> password (write-only, never rendered)

    @property
    def checker(self):
        """Body type checker with the configured wrong-type status and the properties of the PBX version."""
        return BodyChecker(self.options.wrong_type_status, newer_properties(self.options.pbx_version))

    # --- the generic engine -------------------------------------------------------------

    def get(self, entity_set, key):
        """A stored entity or NotFound."""
        return _existing(self.store.tables[entity_set], key)

    def by_number(self, entity_set, number):
        """A stored entity by its Number or NotFound."""
        return self.get(entity_set, self.store.numbers.get(entity_set, {}).get(number))

    def create(self, entity_set, body):
        """POST /<set>: the new entity."""
        rules, entity_type = SETS[entity_set], ENTITY_SETS[entity_set]
        self.checker.check_entity(body, entity_type, entity_set)
        hooks = self.hooks.get(entity_set)
        for prop in rules.required:
            if not body.get(prop):
                raise warning(REQUIRED, prop)
        number = None
        if rules.numbering:
            number = body.get('Number') or self.first_free_number(entity_set)
            self._check_number_free(entity_set, number)
        self._check_unique(entity_set, body, None)
        self._check_references(entity_set, body)
        context = hooks.before_create(body) if hooks else None
        lists = {**self._member_lists(entity_set, body), **self._key_lists(entity_set, body), **self._stored_lists(entity_set, body, None)}
        entity = rules.defaults()
        self._apply_plain(entity_set, entity, body, merge_complex=True)
        entity.update(lists)
        self._fill_peers(entity_set, entity)
        for prop in rules.secrets:
            if not body.get(prop):
                entity[prop] = seed.generate_secret(prop)
        key_name = entity_sets()[entity_set]['key'][0]
        if key_name == 'Id' or 'Id' in entity:
            entity['Id'] = self.store.allocate_id()
        if number is not None:
            entity['Number'] = number
        self.store.tables[entity_set][entity[key_name]] = entity
        if number is not None:
            self.store.numbers[entity_set][number] = entity[key_name]
        if hooks:
            hooks.after_create(entity, body, context)
        return entity

    def patch(self, entity_set, key, body):
        """PATCH /<set>(key) (or the singleton when ``key`` is None)."""
        rules, entity_type = SETS[entity_set], ENTITY_SETS[entity_set]
        entity = self.store.singletons[entity_set] if key is None else self.get(entity_set, key)
        self.checker.check_entity(body, entity_type, entity_set)
        if 'Number' in body and body['Number'] != entity.get('Number'):
            raise warning(self.options.number_change_error, 'Number')
        for prop in rules.required:
            if prop in body and not body[prop]:
                raise warning(REQUIRED, prop)
        self._check_unique(entity_set, body, key)
        self._check_references(entity_set, body)
        lists = {**self._member_lists(entity_set, body), **self._key_lists(entity_set, body), **self._stored_lists(entity_set, body, key)}
        hooks = self.hooks.get(entity_set)
        if hooks:
            key = hooks.before_patch(key, entity, body)
        self._apply_plain(entity_set, entity, body, merge_complex=self.options.complex_patch == 'merge')
        entity.update(lists)
        self._fill_peers(entity_set, entity)
        if hooks:
            hooks.after_patch(key, entity, body)

    def delete(self, entity_set, key):
        """DELETE /<set>(key): refused while another object routes to it or references it."""
        entity = self.get(entity_set, key)
        hooks = self.hooks.get(entity_set)
        if hooks:
            hooks.before_delete(key, entity)
        self._check_not_referenced(entity_set, entity)
        del self.store.tables[entity_set][key]
        if entity.get('Number') is not None:
            self.store.numbers[entity_set].pop(entity['Number'], None)
            self._drop_from_member_lists(entity_set, entity['Number'])
        if hooks:
            hooks.after_delete(key, entity)

    def first_free_number(self, entity_set):
        """The Number a new object of the set gets: the first free extension of DEFAULT's range, or the set's pattern."""
        numbering = SETS[entity_set].numbering
        if numbering.pattern == 'extension':
            return self.first_free_extension()
        index = getattr(self.options, numbering.option) if numbering.option else numbering.start
        while numbering.pattern % index in self.store.numbers[entity_set] or (SETS[entity_set].dn and self._dn_holder(numbering.pattern % index)):
            index += 1
        return numbering.pattern % index

    def first_free_extension(self):
        """The first extension in DEFAULT's user range that no DN uses."""
        props = self.store.default_group().get('Props') or {}
        low = _int_or(props.get('UserNumberFrom'), self.options.user_number_range[0])
        high = _int_or(props.get('UserNumberTo'), self.options.user_number_range[1])
        for candidate in range(low, high + 1):
            if self._dn_holder(str(candidate)) is None:
                return str(candidate)
        raise warning('WARNINGS.NO_MORE_NUMBERS_AVAILABLE', 'Number')

    def _dn_holder(self, number):
        """``(set, entity)`` of the DN with this Number, or None (DN numbers are one namespace)."""
        for name in DN_SETS:
            key = self.store.numbers[name].get(number)
            if key is not None:
                return name, self.store.tables[name][key]
        return None

    def _check_number_free(self, entity_set, number):
        taken = self._dn_holder(number) if SETS[entity_set].dn else number in self.store.numbers[entity_set]
        if taken:
            raise warning(ALREADY_IN_USE, 'Number')

    def _check_unique(self, entity_set, body, own_key):
        for prop, comparison in SETS[entity_set].unique:
            value = body.get(prop)
            if not isinstance(value, str) or (prop == 'Number' and SETS[entity_set].numbering):
                continue
            wanted = value.casefold() if comparison == 'casefold' else value
            for key, other in self.store.tables[entity_set].items():
                held = other.get(prop)
                if key != own_key and isinstance(held, str) and (held.casefold() if comparison == 'casefold' else held) == wanted:
                    raise warning(self.options.duplicate_name_error if prop == 'Name' else ALREADY_IN_USE, prop)

    def _check_references(self, entity_set, body):
        rules = SETS[entity_set]
        for path, target in rules.references:
            value = _dig(body, path)
            if value is not None and value not in self.store.tables[target]:
                raise warning(NOT_FOUND, path.split('.')[0])
        for path in rules.destinations if rules.strict_destinations else ():
            destination = _destination(_dig(body, path))
            if destination and destination.get('To') in INTERNAL_DESTINATIONS and destination.get('Number'):
                if not any(destination['Number'] in self.store.numbers[name] for name in INTERNAL_DESTINATIONS[destination['To']]):
                    raise warning(NON_EXISTENT_NUMBER, path)

    def _fill_peers(self, entity_set, entity):
        """A reference given as ``{"Id": n}`` in a ``Pbx.Peer`` property is stored as the whole peer of that object."""
        for path, target in SETS[entity_set].references:
            prop, _dot, rest = path.partition('.')
            if rest == 'Id' and isinstance(entity.get(prop), dict) and entity[prop].get('Id') in self.store.tables[target]:
                held = self.store.tables[target][entity[prop]['Id']]
                name = (held.get('Gateway') or {}).get('Name') or held.get('Name') or held.get('Number')
                entity[prop] = {'Id': held['Id'], 'Name': name, 'Number': held.get('Number'), 'Type': SETS[target].peer_type,
                                'Hidden': False, 'Tags': []}

    def _key_lists(self, entity_set, body):
        """``{prop: [stored items]}`` for the key lists in ``body``: items numbered from 1, DN targets must exist."""
        found = {}
        for key_list in SETS[entity_set].key_lists:
            if key_list.prop not in body:
                continue
            kinds = dict(key_list.kinds)
            items = []
            for index, item in enumerate(body[key_list.prop] or [], start=1):
                target = kinds.get(item.get(key_list.kind_field))
                number = item.get(key_list.number_field)
                if target and (not number or number not in self.store.numbers[target]):
                    raise warning(NON_EXISTENT_NUMBER, key_list.prop)
                items.append({**copy.deepcopy(item), 'Id': index})
            found[key_list.prop] = items
        return found

    def _stored_lists(self, entity_set, body, own_key):
        """``{prop: [items]}`` for the stored lists (sets.StoredList): those in ``body`` as sent (on create merged into the
        defaults by their key), each item with an ``Id``; a unique item held by another entity is ALREADY_IN_USE."""
        found = {}
        for stored in SETS[entity_set].stored_lists:
            if stored.prop not in body and own_key is not None:
                continue
            sent = copy.deepcopy(body.get(stored.prop) or [])
            if own_key is None:
                given = {item.get(stored.key): item for item in sent}
                items = [_deep_merge(item, given.pop(item.get(stored.key))) if item.get(stored.key) in given else item
                         for item in stored.defaults()]
                sent = items + [item for item in sent if item.get(stored.key) in given]
            if stored.unique:
                self._check_unique_items(entity_set, stored, sent, own_key)
            for item in sent:
                if not isinstance(item.get('Id'), int):
                    item['Id'] = self.store.allocate_id()
            found[stored.prop] = sent
        return found

    def _check_unique_items(self, entity_set, stored, items, own_key):
        wanted = [_hex(item.get(stored.key)) for item in items if item.get(stored.key)]
        if len(set(wanted)) != len(wanted):
            raise warning('WARNINGS.XAPI.DUPLICATE', stored.prop)
        for key, other in self.store.tables[entity_set].items():
            if key != own_key and {_hex(item.get(stored.key)) for item in other.get(stored.prop) or []} & set(wanted):
                raise warning(ALREADY_IN_USE, stored.prop)

    def sync_device_infos(self):
        """The detected devices (DeviceInfos) show which user's Phones hold their MAC address."""
        owners = {}
        for user in self.store.users.values():
            for phone in user.get('Phones') or []:
                owners[_hex(phone.get('MacAddress'))] = user
        for device in self.store.tables['DeviceInfos'].values():
            owner = owners.get(_hex(device.get('MAC')))
            device['Assigned'] = owner is not None
            device['AssignedUser'] = ('%s %s' % (owner['Number'], _display_name(owner))).strip() if owner else None

    def multi_user_update(self, body):
        """POST /Users/Pbx.MultiUserUpdate ``{ids, user}``: the same properties (Pbx.MultiEditUserData) on every user, as a
        PATCH of each; an unknown id is NOT_FOUND and nothing is changed."""
        ids = _action_list(body, ('ids',), int)
        changes = body.get('user') if isinstance(body, dict) else None
        if not isinstance(changes, dict):
            raise invalid_body("The parameter 'user' must be an object.", 'user')
        if any(user_id not in self.store.users for user_id in ids):
            raise warning(NOT_FOUND, 'ids')
        for user_id in ids:
            self.patch('Users', user_id, copy.deepcopy(changes))

    def reprovision_phone(self, body):
        """POST /Users/Pbx.ReprovisionPhone ``{mac}``: 204 for a MAC of a user's phone, else NOT_FOUND."""
        mac = _hex(_action_value(body, 'mac', str))
        if not any(_hex(phone.get('MacAddress')) == mac for user in self.store.users.values() for phone in user.get('Phones') or []):
            raise warning(NOT_FOUND, 'mac')

    def _check_not_referenced(self, entity_set, entity):
        number, entity_key = entity.get('Number'), entity.get('Id')
        for name, rules in SETS.items():
            for key_list in rules.key_lists:
                for other in self._all(name):
                    for item in other.get(key_list.prop) or []:
                        if item.get(key_list.number_field) == number and dict(key_list.kinds).get(item.get(key_list.kind_field)) == entity_set:
                            raise warning(CANNOT_BE_DELETED, key_list.prop)
            if not rules.references and not rules.destinations:
                continue
            for other in self._all(name):
                for path, target in rules.references:
                    if target == entity_set and _dig(other, path) == entity_key:
                        raise warning(CANNOT_BE_DELETED, path.split('.')[0])
                if number is None or not rules.strict_destinations:
                    continue
                for path in rules.destinations:
                    destination = _destination(_dig(other, path))
                    if destination and destination.get('Number') == number and \
                            entity_set in INTERNAL_DESTINATIONS.get(destination.get('To'), ()):
                        raise warning(CANNOT_BE_DELETED, path)

    def _all(self, entity_set):
        if entity_set in self.store.singletons:
            return [self.store.singletons[entity_set]]
        return list(self.store.tables.get(entity_set, {}).values())

    def _member_lists(self, entity_set, body):
        """``{prop: [stored items]}`` for the member lists in ``body``: every item names an existing DN by Number."""
        found = {}
        for member_list in SETS[entity_set].member_lists:
            if member_list.prop not in body:
                continue
            items, seen = [], set()
            for item in body[member_list.prop] or []:
                number = item.get('Number')
                if not number:
                    raise warning(REQUIRED, member_list.prop)
                if not any(number in self.store.numbers[name] for name in member_list.kinds):
                    raise warning(NOT_FOUND, member_list.prop)
                if number in seen:
                    raise warning('WARNINGS.XAPI.DUPLICATE', member_list.prop)
                seen.add(number)
                items.append({'Number': number, **{prop: item.get(prop) for prop in member_list.extra}})
            found[member_list.prop] = items
        return found

    def _drop_from_member_lists(self, entity_set, number):
        for name, rules in SETS.items():
            for member_list in rules.member_lists:
                if entity_set in member_list.kinds:
                    for other in self._all(name):
                        other[member_list.prop] = [item for item in other.get(member_list.prop, []) if item['Number'] != number]

    def member_view(self, item, kinds):
        """A member-list item as the spec's row: ``Id``, ``Name``, ``Number`` of the DN, ``Tags`` and the kept extras."""
        holder = next(((name, self.store.tables[name][self.store.numbers[name][item['Number']]]) for name in kinds
                       if item['Number'] in self.store.numbers[name]), (None, {}))[1]
        name = holder.get('Name') or ('%s %s' % (holder.get('FirstName') or '', holder.get('LastName') or '')).strip()
        return {'Id': holder.get('Id'), 'Name': name, 'Number': item['Number'], 'Tags': [],
                **{key: value for key, value in item.items() if key != 'Number'}}

    def did_numbers(self):
        """The read-only ``DidNumbers`` set: every DID of every trunk, with the inbound rule routing it."""
        rules = {rule.get('Data'): rule for rule in self.store.tables['InboundRules'].values()}
        return [{'Number': did, 'TrunkId': trunk['Id'], 'TemplateFileName': None, 'RoutingRule': rules.get(did)}
                for trunk in self.store.tables['Trunks'].values() for did in trunk.get('DidNumbers') or []]

    def _apply_plain(self, entity_set, entity, body, merge_complex):
        """Copy the non-navigation properties of ``body`` onto ``entity`` (member lists are set by the caller)."""
        entity_type, rules = ENTITY_SETS[entity_set], SETS[entity_set]
        stored = {path.split('.')[0] for path, _target in rules.references}  # navigation properties kept as sent
        lists = {member_list.prop for member_list in rules.member_lists} | {key_list.prop for key_list in rules.key_lists} | {
            stored.prop for stored in rules.stored_lists}
        for name, value in body.items():
            if name == 'Id' or name.startswith('@odata.') or name in lists or (is_navigation(entity_type, name) and name not in stored):
                continue
            if merge_complex and isinstance(value, dict) and isinstance(entity.get(name), dict):
                entity[name] = _deep_merge(entity[name], value)
            else:
                entity[name] = copy.deepcopy(value)

    # --- calls the application makes by name ----------------------------------------------

    def bulk_delete(self, entity_set, body):
        """POST /<set>/Pbx.Bulk...Delete ``{ids: [...]}``: each entity deleted as a DELETE would (unknown ids: 404)."""
        self.checker.check_entity(body, {'ids': 'Collection(Edm.Int32)'}, 'ids')
        for key in body.get('ids') or []:
            self.delete(entity_set, key)

    def set_attached(self, state_key, type_name, body):
        """POST /Backups/Pbx.Set...Settings: ``{settings: <type_name>}`` replaces the stored object (secrets left out keep theirs)."""
        self.checker.check_entity(body, {'settings': type_name}, 'settings')
        stored = self.store.attached[state_key]
        self.store.attached[state_key] = _deep_merge(stored, body.get('settings') or {})

    def create_backup(self, body):
        """POST /Backups/Pbx.Backup: a backup file, listed in /Backups with its size and DownloadLink."""
        self.checker.check_entity(body, {'description': 'Pbx.CreateBackup'}, 'description')
        description = body.get('description') or {}
        backup = seed.new_backup(description.get('Name') or 'backup', datetime.datetime.now(datetime.timezone.utc))
        self.store.tables['Backups'][backup['FileName']] = backup

    def backup_content(self, file_name):
        """The bytes of a backup file, or None when there is none of that name."""
        return seed.backup_bytes(file_name) if file_name in self.store.tables['Backups'] else None

    def batch_delete_users(self, body):
        """POST /Users/Pbx.BatchDelete: failures only."""
        ids = _action_list(body, ('ids', 'Ids'), int)
        failures = []
        for user_id in ids:
            if user_id in self.store.users:
                self.delete('Users', user_id)
            else:
                failures.append({'Error': NOT_FOUND, 'ExtensionNumber': str(user_id)})
        return failures

    def delete_group_by_number(self, body):
        """POST /Groups/Pbx.DeleteCompanyByNumber."""
        number = _action_value(body, 'number', str)
        if number not in self.store.group_numbers:
            raise warning(NOT_FOUND, 'number')
        self.delete('Groups', self.store.group_numbers[number])

    def delete_group_by_id(self, body):
        """POST /Groups/Pbx.DeleteCompanyById."""
        group_id = _action_value(body, 'id', int)
        if group_id not in self.store.groups:
            raise warning(NOT_FOUND, 'id')
        self.delete('Groups', group_id)

    def bulk_delete_weblinks(self, body):
        """POST /WebsiteLinks/Pbx.BulkLinksDelete: all or nothing."""
        links = _action_list(body, ('ids',), str)
        if any(link not in self.store.weblinks for link in links):
            raise warning(NOT_FOUND, 'ids')
        for link in links:
            self.delete('WebsiteLinks', link)

    def bulk_delete_inbound_rules(self, body):
        """POST /InboundRules/Pbx.BulkInboundRulesDelete: all or nothing."""
        ids = _action_list(body, ('ids', 'Ids'), int)
        if any(rule_id not in self.store.tables['InboundRules'] for rule_id in ids):
            raise warning(NOT_FOUND, 'ids')
        for rule_id in ids:
            self.delete('InboundRules', rule_id)

    def init_trunk(self, template_id):
        """GET /Trunks/Pbx.InitTrunk(template='...'): a new trunk's skeleton made from a provider template (not stored),
        as the web client fills it in and POSTs it (3CX's xapi-tutorial, trunks.spec.ts)."""
        template = self.store.tables['TrunkTemplates'].get(template_id)
        if template is None:
            raise warning(NOT_FOUND, 'template')
        trunk = seed.new_trunk_defaults()
        trunk['Number'] = self.first_free_number('Trunks')
        trunk['Gateway'] = seed.new_gateway(template['Name'], template_id, template.get('Content'), template.get('DefaultRegistrarPort'))
        trunk['Gateway']['ProxyPort'] = template.get('DefaultProxyPort')
        return trunk

    def move_outbound_rule(self, body):
        """POST /OutboundRules/Pbx.MoveUpDown {id, up}: the rule swaps places with its neighbour above (up) or below;
        at the top (bottom) nothing moves."""
        rule_id = _action_value(body, 'id', int)
        up = body.get('up', False)
        rules = self.outbound_rules_in_order()
        rule = self.get('OutboundRules', rule_id)
        place = rules.index(rule)
        other = place - 1 if up else place + 1
        if 0 <= other < len(rules):
            rules[place], rules[other] = rules[other], rules[place]
        _renumber(rules)

    def purge_outbound_rules(self, body):
        """POST /OutboundRules/Pbx.Purge {purgeObject: {Ids}}: all or nothing."""
        ids = _action_list((body or {}).get('purgeObject') or {}, ('Ids',), int)
        table = self.store.tables['OutboundRules']
        if any(rule_id not in table for rule_id in ids):
            raise warning(NOT_FOUND, 'Ids')
        for rule_id in ids:
            del table[rule_id]
        _renumber(self.outbound_rules_in_order())

    def outbound_rules_in_order(self):
        """The outbound rules by Priority (the order the PBX tries them)."""
        return sorted(self.store.tables['OutboundRules'].values(), key=lambda rule: (rule.get('Priority') or 0, rule['Id']))

    def validate_link(self, body):
        """POST /WebsiteLinks/Pbx.ValidateLink: None when free or held by the Pair owner."""
        model = body.get('model') if isinstance(body, dict) else None
        if not isinstance(model, dict) or not isinstance(model.get('FriendlyName'), str):
            raise invalid_body("The parameter 'model' is required.", 'model')
        name, pair = model['FriendlyName'], model.get('Pair')
        if not FRIENDLY_NAME.match(name):
            raise warning('WARNINGS.INVALID', 'FriendlyName')
        holder = self.name_holder(name, kinds=None)
        if holder is not None and pair not in _owner_numbers(holder):
            raise warning(ALREADY_IN_USE, 'FriendlyName')

    # --- memberships and friendly names, shared by the hooks ----------------------------------

    def membership_pairs(self, rows, with_roles):
        """``[(group_id, role)]`` of ``Groups`` rows, each naming an existing department once."""
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

    def fix_primary_group(self, user):
        """``PrimaryGroupId`` stays one of the user's departments."""
        group_ids = [row['GroupId'] for row in self.store.memberships_of('User', user['Id'])]
        if user.get('PrimaryGroupId') not in group_ids:
            user['PrimaryGroupId'] = group_ids[0] if group_ids else None

    def ensure_some_group(self, member_type, member_id):
        """With ``--empty-groups default`` a member left without department goes back into DEFAULT."""
        if not self.store.memberships_of(member_type, member_id) and self.options.empty_groups == 'default':
            self.store.set_memberships(member_type, member_id, [(self.store.default_group()['Id'], 'users' if member_type == 'User' else None)])

    def check_friendly_names(self, body, owner):
        """Friendly names in ``body`` are valid and free (``owner`` = ``(kind, key)`` may keep its own)."""
        for prop in USER_FRIENDLY_PROPS:
            if body.get(prop) and (prop in TYPES_WITH_FRIENDLY.get(owner[0], ())):
                self.check_link_name(body[prop], owner, prop)

    def check_link_name(self, name, owner, target):
        """A link or friendly name is valid and not held by another owner."""
        if not FRIENDLY_NAME.match(name):
            raise warning('WARNINGS.INVALID', target)
        kinds = None if self.options.shared_link_namespace else {owner[0]}
        holder = self.name_holder(name, kinds)
        if holder is not None and holder[:2] != owner:
            raise warning(ALREADY_IN_USE, target)

    def name_holder(self, name, kinds):
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


class Hooks:
    """What a set needs beyond its table entry; every step does nothing by default."""

    def __init__(self, service, entity_set):
        self.service, self.store, self.options = service, service.store, service.options
        self.entity_set = entity_set

    def before_create(self, body):
        """Checks before anything is stored; returns a context for :meth:`after_create`."""

    def after_create(self, entity, body, context):
        """Store what lives outside the entity (memberships)."""

    def before_patch(self, key, entity, body):
        """Checks before the patch is applied; returns the (possibly new) key."""
        return key

    def after_patch(self, key, entity, body):
        """Follow-ups after the patch."""

    def before_delete(self, key, entity):
        """Refuse a delete the PBX refuses."""

    def after_delete(self, key, entity):
        """Drop what lived outside the entity."""


class UserHooks(Hooks):
    """Users: memberships (``Groups`` rows with roles), ``PrimaryGroupId``, display name, friendly names."""

    def before_create(self, body):
        self.service.check_friendly_names(body, ('User', None))
        pairs = self._group_pairs(body.get('Groups'), created=True)
        primary = body.get('PrimaryGroupId')
        if primary and primary not in [group_id for group_id, _role in pairs]:
            raise warning(NOT_FOUND, 'PrimaryGroupId')
        return pairs

    def after_create(self, entity, body, context):
        if 'DisplayName' not in body:
            entity['DisplayName'] = _display_name(entity)
        self.store.set_memberships('User', entity['Id'], context)
        self.service.fix_primary_group(entity)
        self.service.sync_device_infos()

    def before_patch(self, key, entity, body):
        self.service.check_friendly_names(body, ('User', key))
        primary = body.get('PrimaryGroupId')
        if primary and primary not in [row['GroupId'] for row in self.store.memberships_of('User', key)]:
            raise warning(NOT_FOUND, 'PrimaryGroupId')
        if 'Groups' in body:
            self.store.set_memberships('User', key, self._group_pairs(body['Groups'], created=False))
        return key

    def after_patch(self, key, entity, body):
        if ('FirstName' in body or 'LastName' in body) and 'DisplayName' not in body:
            entity['DisplayName'] = _display_name(entity)
        self.service.fix_primary_group(entity)
        self.service.sync_device_infos()

    def after_delete(self, key, entity):
        self.store.drop_member('User', key)
        self.service.sync_device_infos()

    def _group_pairs(self, rows, created):
        if rows is None:
            return [(self.store.default_group()['Id'], 'users')] if created else []
        pairs = self.service.membership_pairs(rows, with_roles=True)
        if not pairs and self.options.empty_groups == 'default':
            return [(self.store.default_group()['Id'], 'users')]
        return pairs


class GroupHooks(Hooks):
    """Departments: DEFAULT, members by Number (or by the Id of an existing row), time zones, delete rules."""

    def before_create(self, body):
        self._check_time_zone(body)
        self.service.check_friendly_names(body, ('Group', None))
        return self._member_triples(body['Members'], None) if body.get('Members') else []

    def after_create(self, entity, body, context):
        entity['IsDefault'] = False
        if context:
            self.store.set_group_members(entity['Id'], context)

    def before_patch(self, key, entity, body):
        self._check_time_zone(body)
        self.service.check_friendly_names(body, ('Group', key))
        if 'Members' in body:
            self._replace_members(key, self._member_triples(body['Members'] or [], key))
        body.pop('IsDefault', None)
        return key

    def before_delete(self, key, entity):
        if entity.get('IsDefault'):
            raise warning('WARNINGS.GROUP_CANNOT_BE_DELETED')
        if self.store.members_of(key):
            raise warning('WARNINGS.GROUP_WITH_MEMBERS_CANNOT_BE_DELETED')

    def after_delete(self, key, entity):
        self.store.by_group.pop(key, None)

    def _replace_members(self, group_id, members):
        before = {(row['MemberType'], row['MemberId']) for row in self.store.members_of(group_id)}
        self.store.set_group_members(group_id, members)
        for member_type, member_id in before:
            self.service.ensure_some_group(member_type, member_id)
            if member_type == 'User':
                self.service.fix_primary_group(self.store.users[member_id])

    def _member_triples(self, rows, group_id):
        """``[(member type, member id, role)]``: a row names its member by ``Number`` (3CX's tutorial) or is an existing row by ``Id``."""
        current = {row['Id']: row for row in self.store.members_of(group_id)} if group_id is not None else {}
        triples = []
        for row in rows:
            number, row_id = row.get('Number'), row.get('Id')
            if number is not None and number in self.store.user_numbers:
                triples.append(('User', self.store.user_numbers[number], _role_of(row)))
            elif number is not None and any(number in self.store.numbers[name] for name in DEPARTMENT_MEMBER_SETS.values()):
                member_type = next(kind for kind, name in DEPARTMENT_MEMBER_SETS.items() if number in self.store.numbers[name])
                triples.append((member_type, self.store.numbers[DEPARTMENT_MEMBER_SETS[member_type]][number], None))
            elif number is None and row_id in current:
                kept = current[row_id]
                role = _role_of(row) if kept['MemberType'] == 'User' else None
                triples.append((kept['MemberType'], kept['MemberId'], role))
            else:
                raise warning(NOT_FOUND, 'Members')
        return triples

    @staticmethod
    def _check_time_zone(body):
        if body.get('TimeZoneId') is not None and body['TimeZoneId'] not in {tz[0] for tz in seed.TIME_ZONES}:
            raise warning('WARNINGS.XAPI.INVALID_TIMEZONE', 'TimeZoneId')


class DepartmentMemberHooks(Hooks):
    """Parkings, ring groups and queues: members of departments through ``Groups`` rows (no roles), in DEFAULT when
    created without. The membership's type is the set's ``Pbx.PeerType`` (``Groups({id})/Members`` rows show it)."""

    def before_create(self, body):
        return self._group_pairs(body.get('Groups'))

    def after_create(self, entity, body, context):
        self.store.set_memberships(self._type(entity), entity['Id'], context)

    def before_patch(self, key, entity, body):
        if 'Groups' in body:
            self.store.set_memberships(self._type(entity), key, self._group_pairs(body['Groups']))
        return key

    def after_delete(self, key, entity):
        self.store.drop_member(self._type(entity), key)

    def _type(self, entity):
        return SETS[self.entity_set].peer_type

    def _group_pairs(self, rows):
        pairs = self.service.membership_pairs(rows or [], with_roles=False)
        if not pairs and (rows is None or self.options.empty_groups == 'default'):
            return [(self.store.default_group()['Id'], None)]
        return pairs


class WeblinkHooks(Hooks):
    """Website links: the key ``Link`` is a friendly name; ``Group`` names a department; a new ``Link`` renames."""

    def before_create(self, body):
        self.service.check_link_name(body['Link'], ('Link', None), 'Link')
        self._check_group(body)

    def after_create(self, entity, body, context):
        entity['DN'] = self._dn(body)

    def before_patch(self, key, entity, body):
        new_link = body.get('Link', key)
        if new_link != key:
            self.service.check_link_name(new_link, ('Link', key), 'Link')
        self._check_group(body)
        if new_link != key:
            del self.store.weblinks[key]
            self.store.weblinks[new_link] = entity
        return new_link

    def after_patch(self, key, entity, body):
        if 'DN' in body or 'Group' in body:
            entity['DN'] = self._dn({**entity, **body})

    def _check_group(self, body):
        if body.get('Group') and body['Group'] not in self.store.group_numbers:
            raise warning(NOT_FOUND, 'Group')

    def _dn(self, body):
        if isinstance(body.get('DN'), dict):
            return copy.deepcopy(body['DN'])
        group_id = self.store.group_numbers.get(body.get('Group'))
        if group_id is None:
            return None
        group = self.store.groups[group_id]
        return {'Id': group_id, 'Name': group['Name'], 'Number': group['Number'], 'Type': 'Group', 'Hidden': False, 'Tags': []}


class TrunkHooks(Hooks):
    """A trunk is posted as ``Pbx.InitTrunk`` made it: its Gateway names an existing template. A DID belongs to one trunk.
    The password is write-only: stored aside and read as ``{"Concealed": true}`` (``Pbx.ConcealedPassword``)."""

    def before_create(self, body):
        gateway = body.get('Gateway') or {}
        if not gateway.get('TemplateFilename'):
            raise warning(REQUIRED, 'Gateway.TemplateFilename')
        if gateway['TemplateFilename'] not in self.service.store.tables['TrunkTemplates']:
            raise warning(NOT_FOUND, 'Gateway.TemplateFilename')
        self._check_dids(body, None)

    def after_create(self, entity, body, context):
        entity['Gateway'] = {**seed.new_gateway(), **(entity.get('Gateway') or {}), 'Id': entity['Id']}
        self._conceal(entity, body)

    def before_patch(self, key, entity, body):
        self._check_dids(body, key)
        return key

    def after_patch(self, key, entity, body):
        self._conceal(entity, body)

    def before_delete(self, key, entity):
        for rule in self.service.store.tables['OutboundRules'].values():
            if any(route.get('TrunkId') == key for route in rule.get('Routes') or []):
                raise warning(CANNOT_BE_DELETED, 'Routes')

    def _check_dids(self, body, own_key):
        dids = body.get('DidNumbers')
        if not dids:
            return
        if len(set(dids)) != len(dids):
            raise warning('WARNINGS.XAPI.DUPLICATE', 'DidNumbers')
        for key, other in self.service.store.tables['Trunks'].items():
            if key != own_key and set(dids) & set(other.get('DidNumbers') or []):
                raise warning(ALREADY_IN_USE, 'DidNumbers')

    def _conceal(self, entity, body):
        password = body.get('AuthPassword')
        if isinstance(password, dict) and password.get('Value'):
            self.service.trunk_passwords[entity['Id']] = password['Value']
        entity['AuthPassword'] = {'Concealed': True, 'Value': None} if self.service.trunk_passwords.get(entity['Id']) else None


class OutboundRuleHooks(Hooks):
    """Routes (at most five, as the web client shows them) name existing trunks by ``TrunkId``, and read back as five
    routes, the unused ones with ``TrunkId: -1`` (getrav/3cx-cli's notes, FACTS.md); departments by ``GroupIds``.
    ``Priority`` is the PBX's: a new rule goes last, a written Priority is ignored (the order changes through
    Pbx.MoveUpDown)."""

    def before_create(self, body):
        self._check(body)
        body.pop('Priority', None)

    def after_create(self, entity, body, context):
        entity['Priority'] = len(self.service.store.tables['OutboundRules'])
        self._fill(entity)

    def before_patch(self, key, entity, body):
        self._check(body)
        body.pop('Priority', None)
        return key

    def after_patch(self, key, entity, body):
        self._fill(entity)

    def after_delete(self, key, entity):
        _renumber(self.service.outbound_rules_in_order())

    def _check(self, body):
        routes = body.get('Routes')
        if routes is not None:
            used = [route for route in routes if route.get('TrunkId') not in (None, -1)]
            if len(routes) > MAX_ROUTES and len(used) > MAX_ROUTES:
                raise warning('WARNINGS.XAPI.TOO_MANY_ITEMS_IN_LIST', 'Routes')
            for route in used:
                if route['TrunkId'] not in self.service.store.tables['Trunks']:
                    raise warning(NOT_FOUND, 'Routes')
        for group_id in body.get('GroupIds') or []:
            if group_id not in self.service.store.groups:
                raise warning(NOT_FOUND, 'GroupIds')

    def _fill(self, entity):
        trunks = self.service.store.tables['Trunks']
        routes = [dict(route) for route in entity.get('Routes') or [] if route.get('TrunkId') not in (None, -1)]
        for route in routes:
            route['TrunkName'] = ((trunks.get(route['TrunkId']) or {}).get('Gateway') or {}).get('Name')
            for prop, empty in (('StripDigits', 0), ('Prepend', ''), ('Append', ''), ('CallerID', '')):
                if route.get(prop) is None:
                    route[prop] = empty
        routes += [{'TrunkId': -1, 'TrunkName': None, 'StripDigits': 0, 'Prepend': '', 'Append': '', 'CallerID': ''}
                   for _unused in range(MAX_ROUTES - len(routes))]
        entity['Routes'] = routes
        entity['GroupNames'] = [self.service.store.groups[group_id].get('Name') for group_id in entity.get('GroupIds') or []
                                if group_id in self.service.store.groups]


HOOKS = {hooks.__name__: hooks for hooks in (UserHooks, GroupHooks, DepartmentMemberHooks, WeblinkHooks, TrunkHooks,
                                             OutboundRuleHooks)}


def _renumber(rules):
    """Priorities 1..n in the given order."""
    for place, rule in enumerate(rules, start=1):
        rule['Priority'] = place


def _owner_numbers(holder):
    kind, key, entity = holder
    if kind == 'Link':
        return {key, (entity.get('DN') or {}).get('Number'), entity.get('Group')} - {None}
    return {entity.get('Number')}


def _hex(mac):
    """A MAC address as its hex digits, lower case (``00:15:65:AB:CD:EF`` -> ``001565abcdef``)."""
    return re.sub(r'[^0-9a-f]', '', str(mac or '').lower())


def _dig(value, path):
    """The value at a dotted property path, or None."""
    for part in path.split('.'):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _destination(value):
    """The ``Pbx.Destination`` inside a destination or a ``Pbx.Route``."""
    if isinstance(value, dict) and isinstance(value.get('Route'), dict):
        return value['Route']
    return value if isinstance(value, dict) else None


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
