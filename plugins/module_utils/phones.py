# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A user's desk phones (``Pbx.User.Phones``, a list of ``Pbx.Phone``) as one option, and MAC addresses.

A phone is its ``MacAddress``, the provisioning template (``TemplateName``), the PBX network interface it is
provisioned on (``Interface``) and settings of ``Pbx.PhoneSettings`` (``Codecs``, ``TimeZone``, ``PhoneLanguage``,
``ProvisionType``). The option is the whole list of the user's desk phones; of each phone only the settings given
are managed. A MAC address is accepted in any common spelling and compared as its twelve hex digits. A PATCH
replaces the whole list (FACTS.md), so a change sends every phone, the settings not given as read.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import re

from ansible_collections.tcx.xapi.plugins.module_utils.fields import Field, Rule, ValidationError

MAC = re.compile(r'^[0-9a-f]{12}$')
# Pbx.ProvType.
PROVISION_TYPES = ['LocalLan', 'RemoteExt', 'RemoteExtSipProxyMgr', 'SBC']
# (option, property path inside a Pbx.Phone).
SETTINGS = (('template', 'TemplateName'), ('interface', 'Interface'), ('codecs', 'Settings.Codecs'),
            ('time_zone', 'Settings.TimeZone'), ('language', 'Settings.PhoneLanguage'), ('provisioning', 'Settings.ProvisionType'))
TEXT = Rule(not_empty=True, max_length=255)


def normalize_mac(value):
    """The twelve hex digits of a MAC address, lower case (``00:15:65:AB:CD:EF``, ``0015.65ab.cdef``,
    ``00-15-65-ab-cd-ef`` -> ``001565abcdef``); None when it is not one."""
    digits = re.sub(r'[\s:.\-]', '', str(value or '')).lower()
    return digits if MAC.match(digits) else None


def phone_suboptions():
    """The suboptions of one desk phone."""
    return [Field('mac', required=True), Field('template', rule=TEXT), Field('interface', rule=TEXT),
            Field('codecs', type='list', elements='str'), Field('time_zone', rule=TEXT), Field('language', rule=TEXT),
            Field('provisioning', choices=PROVISION_TYPES)]


def _get(phone, path):
    for part in path.split('.'):
        phone = (phone or {}).get(part) if isinstance(phone, dict) else None
    return phone


def _set(phone, path, value):
    parts = path.split('.')
    for part in parts[:-1]:
        if not isinstance(phone.get(part), dict):
            phone[part] = {}
        phone = phone[part]
    phone[parts[-1]] = value


def owner_name(user):
    """``202 (Bob Smith)``: how a message names the user a phone belongs to."""
    name = ' '.join(n for n in (user.get('FirstName'), user.get('LastName')) if n)
    return '%s (%s)' % (user.get('Number'), name) if name else str(user.get('Number'))


class PhonesField(Field):
    """The option ``phones``: the user's desk phones, by MAC address; a phone left out is removed from the user."""

    def __init__(self, option, path):
        super(PhonesField, self).__init__(option, path, type='list', elements='dict', suboptions=phone_suboptions(), rule=self)

    def problem(self, value):
        """A MAC address that is not one (checked per element by :func:`rule_problems`)."""
        if isinstance(value, dict) and value.get('mac') is not None and normalize_mac(value['mac']) is None:
            return ".mac %r is not a MAC address (12 hex digits, with or without ':', '-' or '.')" % (value['mac'],)
        return None

    def canonical(self, value):
        """The phones with their MAC addresses normalised and settings not given left out."""
        return [dict((k, normalize_mac(v) or v if k == 'mac' else v) for k, v in (phone or {}).items() if v is not None)
                for phone in value or []]

    def read(self, entity, ctx, disagreeing=True):
        phones = entity.get(self.path)
        if phones is None:
            return None
        found = []
        for phone in phones:
            shaped = {'mac': normalize_mac(phone.get('MacAddress')) or phone.get('MacAddress')}
            for option, path in SETTINGS:
                value = _get(phone, path)
                if value not in (None, '', []):
                    shaped[option] = value
            found.append(shaped)
        return found

    def same(self, current, desired, ctx=None):
        held = dict((p.get('mac'), p) for p in current or [])
        desired = self.canonical(desired)
        if set(held) != set(p['mac'] for p in desired):
            return False
        return all(held[p['mac']].get(k) == v for p in desired for k, v in p.items())

    def shown(self, current, desired, ctx=None):
        """The phones as held, with the settings the desired phones give."""
        if current is None:
            return None
        given = set(k for p in self.canonical(desired) for k in p)
        return [dict((k, v) for k, v in p.items() if k in given or k == 'mac') for p in current]

    def to_api(self, value, ctx, held=None):
        """Every phone of the list: a phone the user has already keeps what is not given; a new one is added.
        A MAC address another user's phone has is refused before any write, naming that user."""
        wanted = self.canonical(value)
        doubled = sorted(set(p['mac'] for p in wanted if [q['mac'] for q in wanted].count(p['mac']) > 1))
        if doubled:
            raise ValidationError('phones lists %s more than once' % ', '.join(doubled))
        self.refuse_taken(ctx, [p['mac'] for p in wanted])
        held_by_mac = dict((normalize_mac(p.get('MacAddress')), p) for p in held or [])
        phones = []
        for phone in wanted:
            target = copy.deepcopy(held_by_mac.get(phone['mac'])) or {}
            target['MacAddress'] = phone['mac'] if 'MacAddress' not in target else target['MacAddress']
            for option, path in SETTINGS:
                if phone.get(option) is not None:
                    _set(target, path, phone[option])
            phones.append(target)
        return phones

    @staticmethod
    def refuse_taken(ctx, macs):
        """Fail when another user has a phone with one of ``macs``: from the users tcx_config read, else one read of
        the users with their phones (paged)."""
        if not macs:
            return
        own = ctx.params.get('extension')
        users = ctx.lookups.users_after  # tcx_config: every user with its phones (a user it creates has none yet)
        if users is None:
            users = ctx.client.get_all('Users', select=['Id', 'Number', 'FirstName', 'LastName'], expand='Phones($select=MacAddress)')
        wanted = set(macs)
        for user in users:
            if user.get('Number') == own:
                continue
            for phone in user.get('Phones') or []:
                mac = normalize_mac(phone.get('MacAddress'))
                if mac in wanted:
                    raise ValidationError('phones: MAC address %s is a desk phone of user %s; remove it there first'
                                          % (mac, owner_name(user)))

    def reprovision(self, ctx, plan):
        """``Users/Pbx.ReprovisionPhone`` for each phone this write added or changed (``reprovision_phones``)."""
        if not ctx.params.get('reprovision_phones') or self.path not in plan.payload:
            return
        before = dict((normalize_mac(p.get('MacAddress')), p) for p in (plan.current or {}).get(self.path) or [])
        for phone in plan.payload[self.path]:
            mac = normalize_mac(phone.get('MacAddress'))
            if before.get(mac) != phone:
                ctx.client.post('Users/Pbx.ReprovisionPhone', {'mac': phone.get('MacAddress')})


# (option, Pbx.DeviceInfo property) of a detected phone as tcx_phone_info returns it.
DEVICE_OPTIONS = (('mac', 'MAC'), ('vendor', 'Vendor'), ('model', 'Model'), ('firmware', 'FirmwareVersion'),
                  ('ip_address', 'NetworkAddress'), ('user_agent', 'UserAgent'), ('template', 'TemplateName'),
                  ('assigned', 'Assigned'), ('assigned_user', 'AssignedUser'), ('detected_at', 'DetectedAt'))


def device_options(device):
    """A detected phone (``Pbx.DeviceInfo``) as tcx_phone_info returns it; its MAC address normalised."""
    found = dict((option, device.get(prop)) for option, prop in DEVICE_OPTIONS if device.get(prop) is not None)
    if found.get('mac'):
        found['mac'] = normalize_mac(found['mac']) or found['mac']
    found['assigned'] = bool(device.get('Assigned'))
    return found


def detected_phones(client, mac=None, assigned=None):
    """The phones the PBX detected (``DeviceInfos``, paged in Id order), optionally one MAC address (compared
    normalised, so read whole) or only the assigned or unassigned ones (``Assigned`` filtered by the PBX)."""
    filter_expr = None if assigned is None else 'Assigned eq %s' % ('true' if assigned else 'false')
    devices = client.get_all('DeviceInfos', filter_expr)
    if mac is not None:
        wanted = normalize_mac(mac)
        if wanted is None:
            raise ValidationError("mac %r is not a MAC address (12 hex digits, with or without ':', '-' or '.')" % (mac,))
        devices = [d for d in devices if normalize_mac(d.get('MAC')) == wanted]
    return devices
