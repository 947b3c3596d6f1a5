"""One declarative entry per entity set: what the spec cannot say about it.

The schema (``xapi_schema.json``) gives each set's type, key, properties, navigation properties
and bound operations; :class:`SetRules` adds the behaviour of a real PBX: how a ``Number`` is
allocated, which properties are unique and how they compare, what a new object holds, which
secrets are generated on create, which lists a PATCH replaces whole, where other objects point at
it (a reference that blocks its delete), and for the kinds with memberships or friendly
names a hook class with the code a table cannot hold (:mod:`tcx_emulator.service`).
"""

import dataclasses
import functools

from . import seed


@dataclasses.dataclass(frozen=True)
class Numbering:
    """How a missing ``Number`` is allocated: ``extension`` (first free in DEFAULT's user range) or ``pattern % n``."""

    pattern: str = 'extension'
    start: int = 1
    option: str = None  # Options attribute overriding ``start`` (``parking_start``)


@dataclasses.dataclass(frozen=True)
class MemberList:
    """A list property whose items name DNs by ``Number``; a PATCH replaces it whole; items render as ``{Id, Name, Number}``."""

    prop: str
    kinds: tuple = ('Users',)  # entity sets a member may be
    extra: tuple = ()  # item properties kept as sent (SkillGroup, ...)


@dataclasses.dataclass(frozen=True)
class KeyList:
    """A list property stored as sent (a PATCH replaces it whole; each item gets an ``Id``), whose items may route to a DN:
    ``number_field`` names it when ``kind_field`` is one of ``kinds`` (IVR keys: ``ForwardDN`` by ``ForwardType``)."""

    prop: str
    number_field: str
    kind_field: str
    kinds: tuple = (('Extension', 'Users'), ('VoiceMail', 'Users'), ('RingGroup', 'RingGroups'), ('Queue', 'Queues'),
                    ('IVR', 'Receptionists'))


@dataclasses.dataclass(frozen=True)
class StoredList:
    """A navigation list stored on the entity as sent (``Pbx.User.ForwardingProfiles``, ``Phones``): a PATCH replaces it whole
    (FACTS.md: collection-valued properties are replaced, not merged). A new entity starts with ``defaults()``; an item of a
    POST body replaces the default item with the same ``key`` (inferred: a new user has its five forwarding profiles).
    ``unique`` items are unique across the set by ``key`` compared as hex digits (a phone's MAC address belongs to one user)."""

    prop: str
    key: str
    defaults: object = list
    unique: bool = False


@dataclasses.dataclass(frozen=True)
class SetRules:  # pylint: disable=too-many-instance-attributes
    """The behaviour of one entity set that the spec cannot express."""

    state_key: str
    numbering: Numbering = None
    dn: bool = False  # its Number shares the extension namespace with every other DN
    peer_type: str = None  # Pbx.PeerType of its DNs (membership rows, destinations)
    unique: tuple = ()  # (property, 'casefold' | 'exact')
    required: tuple = ()
    defaults: object = dict  # callable: the properties of a new object
    secrets: tuple = ()  # properties generated on create when the body does not set them
    member_lists: tuple = ()
    key_lists: tuple = ()
    stored_lists: tuple = ()
    destinations: tuple = ()  # property paths (dotted) of Pbx.Destination / Pbx.Route values: they reference DNs
    strict_destinations: bool = True  # a destination must name an existing DN and blocks its delete
    references: tuple = ()  # (property, entity set): the property holds a key of that set; it must exist and blocks its delete
    read_only: bool = False  # only GET (DidNumbers)
    hooks: str = None  # name of the service hook class for memberships / friendly names
    seed: object = None  # callable: objects of a fresh PBX
    view: str = None  # read-only set computed from others (Service method name)
    attached: tuple = ()  # (state key, defaults): objects that the set's functions read and its actions write (backup settings)


ROUTES = ('OfficeRoute', 'OutOfOfficeRoute', 'BreakRoute', 'HolidaysRoute')

SETS = {
    'Users': SetRules('users', Numbering('extension'), dn=True, peer_type='Extension', defaults=seed.new_user_defaults,
                      secrets=('AccessPassword', 'AuthID', 'AuthPassword', 'DeskphonePassword', 'VMPIN'), hooks='UserHooks',
                      stored_lists=(StoredList('ForwardingProfiles', 'Name', seed.new_forwarding_profiles),
                                    StoredList('Phones', 'MacAddress', unique=True))),
    'Groups': SetRules('groups', Numbering('GRP%04d'), peer_type='Group', unique=(('Name', 'casefold'),),
                       required=('Name',), defaults=seed.new_group_defaults, destinations=ROUTES, strict_destinations=False,
                       hooks='GroupHooks'),
    'Parkings': SetRules('parkings', Numbering('SP%d', option='parking_start'), dn=True, peer_type='Parking',
                         defaults=seed.new_parking_defaults, hooks='DepartmentMemberHooks'),
    'WebsiteLinks': SetRules('weblinks', required=('Link',), defaults=seed.new_weblink_defaults, hooks='WeblinkHooks'),
    'RingGroups': SetRules('ring_groups', Numbering('extension'), dn=True, peer_type='RingGroup', unique=(('Name', 'casefold'),),
                           required=('Name',), defaults=seed.new_ring_group_defaults,
                           member_lists=(MemberList('Members'),), destinations=('ForwardNoAnswer',) + ROUTES,
                           hooks='DepartmentMemberHooks'),
    'Queues': SetRules('queues', Numbering('extension'), dn=True, peer_type='Queue', unique=(('Name', 'casefold'),),
                       required=('Name',), defaults=seed.new_queue_defaults,
                       member_lists=(MemberList('Agents', extra=('SkillGroup',)), MemberList('Managers')),
                       destinations=('ForwardNoAnswer',) + ROUTES, hooks='DepartmentMemberHooks'),
    'Receptionists': SetRules('receptionists', Numbering('extension'), dn=True, peer_type='IVR', unique=(('Name', 'casefold'),),
                              required=('Name',), defaults=seed.new_receptionist_defaults, destinations=ROUTES,
                              key_lists=(KeyList('Forwards', 'ForwardDN', 'ForwardType'),), hooks='DepartmentMemberHooks'),
    'InboundRules': SetRules('inbound_rules', unique=(('Data', 'exact'),), required=('Data',), defaults=seed.new_inbound_rule_defaults,
                             destinations=('OfficeHoursDestination', 'OutOfOfficeHoursDestination', 'HolidaysDestination'),
                             references=(('TrunkDN.Id', 'Trunks'),)),
    'Holidays': SetRules('holidays', unique=(('Name', 'casefold'),), required=('Name',), defaults=seed.new_holiday_defaults),
    # Trunk numbers are extensions from 10000 up (FACTS.md, 3CX's xapi-tutorial); a trunk is made from a template
    # (InitTrunk, then POST): the hooks require its Gateway and keep the password write-only.
    'Trunks': SetRules('trunks', Numbering('10%03d', start=0), dn=True, peer_type='ExternalLine', defaults=seed.new_trunk_defaults,
                       required=('Gateway',), seed=seed.seed_trunks, hooks='TrunkHooks'),
    'TrunkTemplates': SetRules('trunk_templates', read_only=True, defaults=seed.new_trunk_template_defaults,
                               seed=seed.seed_trunk_templates),
    # Priority is the rule's place (1 = tried first), kept by the PBX: new rules go last, Pbx.MoveUpDown swaps neighbours,
    # Pbx.Purge deletes several; routes name trunks by TrunkId (the hooks check them; a trunk a route uses cannot be deleted).
    'OutboundRules': SetRules('outbound_rules', required=('Name',), defaults=seed.new_outbound_rule_defaults, hooks='OutboundRuleHooks'),
    'DidNumbers': SetRules('did_numbers', read_only=True, view='did_numbers'),
    'OfficeHours': SetRules('office_hours', defaults=seed.new_office_hours),
    # Pbx.Contact: the spec keeps no property unique (only the Id key) and requires none; a contact made through XAPI
    # is of the PBX's own source (Pbx.ContactSource 3CX).
    'Contacts': SetRules('contacts', defaults=seed.new_contact_defaults),
    # Pbx.DeviceInfo: the phones the PBX detected on the network (GET and DELETE only, per the spec); Assigned and
    # AssignedUser follow the users' Phones (the service keeps them in step).
    'DeviceInfos': SetRules('device_infos', defaults=seed.new_device_info_defaults),
    # Pbx.PhoneTemplate: keyed by its file name (Id, a string, per the spec).
    'PhoneTemplates': SetRules('phone_templates', defaults=seed.new_phone_template_defaults, seed=seed.seed_phone_templates),
    # Backups: GET lists them, DELETE removes one, POST answers 405 (FACTS.md); Pbx.Backup makes one, the
    # Get/Set...Settings functions and actions read and write the backup settings (swagger-20.0.10.yaml).
    'Backups': SetRules('backups', defaults=seed.new_backup_defaults, seed=seed.seed_backups, attached=(
        ('backup_settings', functools.partial(seed.settings_defaults, 'Pbx.BackupSettings', seed.BACKUP_SETTINGS)),
        ('backup_repository_settings', functools.partial(seed.settings_defaults, 'Pbx.BackupRepositorySettings',
                                                         {'Location': {'FileSystemType': 'Local', 'LocalPath': '/var/lib/3cxpbx/Instance1/Data/Backups'}})))),
    'LicenseStatus': SetRules('license_status', defaults=seed.license_status),
    # The IP blocklist: a plain set (swagger-20.0.10.yaml: GET/POST, GET/PATCH/DELETE by Id, Pbx.BulkIpsDelete).
    'Blocklist': SetRules('blocklist', required=('IPAddrMask',), defaults=seed.new_blocklist_defaults),
}
# The settings sections: singletons with GET and PATCH (swagger-20.0.10.yaml), values of a fresh PBX from seed.py.
SETTINGS_SETS = ('E164Settings', 'MailSettings', 'GeneralSettingsForPbx', 'GeneralSettingsForApps', 'AntiHackingSettings',
                 'CodecsSettings', 'DialCodeSettings', 'MusicOnHoldSettings', 'VoicemailSettings', 'CallParkingSettings',
                 'ChatLogSettings', 'LoggingSettings', 'PhoneBookSettings', 'PhonesSettings', 'NetworkSettings',
                 'ConsoleRestrictions')
SETS.update((name, SetRules(name[0].lower() + name[1:], defaults=functools.partial(
    seed.settings_defaults, 'Pbx.' + name, seed.SETTINGS_VALUES.get(name, {})))) for name in SETTINGS_SETS)
