# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The trunk kind (XAPI Trunks, a SIP trunk to a provider): its field table and hooks, for tcx_trunk and tcx_config.

A trunk is named by its provider's name (``Gateway.Name``, what the web client lists) and has an extension
number from 10000 up that the PBX assigns. It is made as the web client makes it: ``Pbx.InitTrunk`` gives a
skeleton from a provider template (``/TrunkTemplates``), filled in with the options and POSTed. The password
is write-only: sent on create or with ``update_password: always``, never read, shown or backed up (a backup
holds :data:`PASSWORD_PLACEHOLDER`, which a restore never writes). Inbound and outbound rules name trunks
(``TrunkDN``, ``Routes[].TrunkId``): deleting a trunk one of them uses is refused before any write.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.tcx.xapi.plugins.module_utils.client import XAPIError, write_with_read_back
from ansible_collections.tcx.xapi.plugins.module_utils.fields import (
    NAME_RULE, PHONE_RULE, TEXT_RULE, Field, Rule, ValidationError,
)
from ansible_collections.tcx.xapi.plugins.module_utils.kind import EntityKind, Selector
from ansible_collections.tcx.xapi.plugins.module_utils.lookups import Directory
from ansible_collections.tcx.xapi.plugins.module_utils.odata import function_call

# What a backup (tcx_config_info) holds instead of a trunk's password: fill it in from the vault before a restore.
PASSWORD_PLACEHOLDER = 'FILL-IN-FROM-VAULT'
# Trunk numbers are extensions from 10000 up (FACTS.md: 3CX's xapi-tutorial).
FIRST_TRUNK_NUMBER = 10000
TRUNK_NUMBER_RULE = Rule(not_empty=True, max_length=10, pattern=r'^[0-9]{5,10}$', shape='a trunk number (5 to 10 digits, from 10000)')
DID_RULE = Rule(not_empty=True, max_length=40, pattern=r'^[+]?[0-9*]+$', shape="a DID number (digits, a leading +)")
HOST_RULE = Rule(not_empty=True, max_length=255, pattern=r'^[A-Za-z0-9.:\[\]_-]+$', shape='a host name or IP address')
PORT_RULE = Rule(minimum=1, maximum=65535)
# The provider's password: never repeated in a message; an empty one is refused (leave it out for a trunk without one).
PASSWORD_RULE = Rule(not_empty=True, max_length=255, secret=True,
                     empty='must not be empty: leave password out for a trunk that has none')
# Pbx.DirectionType (None is the PBX's, not an option).
DIRECTIONS = {'inbound': 'Inbound', 'outbound': 'Outbound', 'both': 'Both'}
# Pbx.RequireRegistrationForType.
REGISTRATION_FOR = ['Nothing', 'IncomingCalls', 'OutgoingCalls', 'InOutCalls']
SELECT = ['Id', 'Number', 'Gateway', 'AuthID', 'AuthPassword', 'DidNumbers', 'Direction', 'SimultaneousCalls', 'ExternalNumber',
          'OutboundCallerID', 'E164CountryCode', 'E164ProcessIncomingNumber', 'InCIDFormatting', 'OutCIDFormatting']


def trunk_name(trunk):
    """The name of a trunk (XAPI form) as the web client shows it: its provider's name."""
    return (trunk.get('Gateway') or {}).get('Name')


class TrunkDirectory(Directory):
    """The task's trunks by name (``Gateway.Name``), Id and Number."""

    def __init__(self):
        super(TrunkDirectory, self).__init__('Gateway.Name', False)

    def remember(self, entity):
        super(TrunkDirectory, self).remember(entity)
        if trunk_name(entity) is not None:
            self.by_key[trunk_name(entity)] = entity

    def forget(self, entity):
        super(TrunkDirectory, self).forget(entity)
        if self.by_key.get(trunk_name(entity)) is entity:
            del self.by_key[trunk_name(entity)]

    def spelling(self, key):
        return key


def trunk_directory(lookups):
    """The task's :class:`TrunkDirectory`, made on first use."""
    if 'Trunks' not in lookups.directories:
        lookups.directories['Trunks'] = TrunkDirectory()
    return lookups.directories['Trunks']


class CallerIdRules(Field):
    """An ordered list of caller ID formatting rules ``{match, replace}`` (``Pbx.CIDFormatting``: SourcePattern, ReplacePattern)."""

    def __init__(self, option, path):
        super(CallerIdRules, self).__init__(option, path, type='list', elements='dict', suboptions=[
            Field('match', required=True, rule=NAME_RULE), Field('replace', rule=TEXT_RULE)])

    def canonical(self, value):
        return [dict(match=rule['match'], replace=rule.get('replace') or '') for rule in value]

    def to_api(self, value, ctx, held=None):
        return [{'SourcePattern': rule['match'], 'ReplacePattern': rule['replace']} for rule in self.canonical(value)]

    def from_api(self, value, ctx):
        if value is None:
            return None
        return [{'match': row.get('SourcePattern'), 'replace': row.get('ReplacePattern') or ''} for row in value]


def _direction_to_api(value, ctx):
    return DIRECTIONS[value]


def _direction_from_api(value, ctx):
    return value.lower() if isinstance(value, str) else value


def _password_to_api(value, ctx):
    return {'Value': value}


class Trunk(EntityKind):
    name = 'trunk'
    plural = 'trunks'
    module = 'tcx_trunk'
    entity_set = 'Trunks'
    result_key = 'trunk'
    info_selectors = (Selector('name', 'Gateway/Name'), Selector('number', 'Number'))
    key_option = 'name'
    key_property = 'Gateway.Name'
    fields = [
        Field('name', 'Gateway.Name', required=True, managed=False, rule=NAME_RULE),
        Field('number', 'Number', rule=TRUNK_NUMBER_RULE),
        Field('template', 'Gateway.TemplateFilename', rule=NAME_RULE),
        Field('host', 'Gateway.Host', rule=HOST_RULE),
        Field('port', 'Gateway.Port', type='int', rule=PORT_RULE),
        Field('proxy_host', 'Gateway.ProxyHost', rule=Rule(max_length=255)),
        Field('proxy_port', 'Gateway.ProxyPort', type='int', rule=PORT_RULE),
        Field('auth_id', 'AuthID', rule=TEXT_RULE),
        Field('password', 'AuthPassword', secret=True, to_api=_password_to_api, rule=PASSWORD_RULE),
        Field('update_password', choices=['on_create', 'always'], default='on_create', managed=False),
        Field('simultaneous_calls', 'SimultaneousCalls', type='int', rule=Rule(minimum=1, maximum=100000)),
        Field('direction', 'Direction', choices=sorted(DIRECTIONS), to_api=_direction_to_api, from_api=_direction_from_api),
        Field('main_number', 'ExternalNumber', rule=PHONE_RULE),
        Field('dids', 'DidNumbers', type='list', elements='str', compare='set', rule=DID_RULE),
        Field('outbound_caller_id', 'OutboundCallerID', rule=PHONE_RULE),
        Field('registration_interval', 'Gateway.TimeBetweenReg', type='int', rule=Rule(minimum=0, maximum=86400)),
        Field('require_registration', 'Gateway.RequireRegistrationFor', choices=REGISTRATION_FOR),
        Field('e164_country_code', 'E164CountryCode', rule=Rule(max_length=4, pattern=r'^[0-9]*$', shape='a country calling code (digits)')),
        Field('e164_process_incoming', 'E164ProcessIncomingNumber', type='bool'),
        CallerIdRules('inbound_caller_id_rules', 'InCIDFormatting'),
        CallerIdRules('outbound_caller_id_rules', 'OutCIDFormatting'),
    ]

    def argument_spec(self):
        spec = super(Trunk, self).argument_spec()
        spec['update_password']['no_log'] = False  # a choice, not a secret: silences Ansible's name heuristic
        return spec

    def select(self):
        return list(SELECT)

    def key_of(self, entity):
        return trunk_name(entity)

    def directory(self, lookups):
        return trunk_directory(lookups)

    def backup(self, ctx, entity):
        """The trunk in the options' shape; a trunk that holds a password shows the backup's placeholder for it."""
        tree = self.options(ctx, entity)
        if entity.get('AuthPassword'):
            tree['password'] = PASSWORD_PLACEHOLDER
        return tree

    def find(self, ctx):
        """The trunk by name among every trunk (a PBX has a handful): one GET."""
        if ctx.params.get('name') is None:
            return None
        listing = self.listing(ctx.client)
        known = self.directory(ctx.lookups)
        for entity in listing:
            known.remember(entity)
        known.complete = True
        return self.find_among(ctx, listing)

    def listing(self, client, options=None):
        return client.get_all(self.entity_set, select=self.select())

    def secret_changed(self, ctx, leaf, current, desired):
        """A password cannot be compared: sent on create, or on every run with ``update_password: always``."""
        return ctx.params.get('update_password') == 'always'

    def normalize(self, ctx, desired):
        if desired.get('password') == PASSWORD_PLACEHOLDER:
            del desired['password']
            ctx.module.warn("trunk '%s': password is the backup's placeholder %s: not written; set the provider's password "
                            "from the vault" % (ctx.params.get('name'), PASSWORD_PLACEHOLDER))
        return desired

    # -- tcx_config ---------------------------------------------------------------------------------

    def prepare(self, lookups, listing, items, pruned):
        """A trunk this task creates without a number gets the one the PBX would give it (the first free from 10000,
        in list order): its diff shows it, a check run predicts it, inbound rules may name it, and parallel creates
        send it, so that each gets exactly that one."""
        if listing is None:
            return
        taken = set(str(t.get('Number')) for t in listing) | set(str(p['number']) for p in items if p.get('number'))
        known = set(trunk_name(t) for t in listing)
        candidate = FIRST_TRUNK_NUMBER
        for params in items:
            if params.get('state') == 'absent' or params.get('number') or params.get('name') in known:
                continue
            while str(candidate) in taken:
                candidate += 1
            params['number'] = str(candidate)
            taken.add(str(candidate))

    def stand_in(self, params, number):
        return {'Id': -number, 'Number': params.get('number') or 'new trunk %d' % number, 'Gateway': {'Name': params['name']}}

    def check_together(self, items):
        """A DID belongs to one trunk."""
        owners, errors = {}, []
        for label, params in items:
            for did in params.get('dids') or []:
                if did in owners:
                    errors.append('%s: DID %s is also listed by %s: a DID belongs to one trunk' % (label, did, owners[did]))
                owners[did] = label
        return errors

    def foresee_deletes(self, ctx, doomed, run):
        """Inbound and outbound rules that still use a trunk this task deletes, as they will be after this task."""
        ids = dict((item.current['Id'], item) for item in doomed)
        errors = []
        for plural in ('inbound_rules', 'outbound_rules'):
            for entity in _objects_after(run, plural):
                for trunk_id, text in rule_trunk_uses(plural, entity):
                    if trunk_id in ids:
                        errors.append('%s: cannot delete: %s' % (ids[trunk_id].label, text))
        return errors

    # -- writes --------------------------------------------------------------------------------------

    def preflight(self, ctx, plan):
        """The number and template never change; a new trunk needs a template the PBX has (read through InitTrunk,
        which writes nothing); a trunk a rule uses is not deleted. In check mode as in a real run."""
        if plan.action == 'update':
            for option, prop in (('number', 'Number'), ('template', 'Gateway')):
                if prop in plan.payload and plan.before.get(option) != plan.after.get(option):
                    raise ValidationError('%s is %s on the PBX and cannot change after creation (given: %s); leave %s out, '
                                          'or delete the trunk and create it again'
                                          % (option, plan.before.get(option), plan.after.get(option), option))
        if plan.action == 'create':
            self.skeleton(ctx)
        if plan.action == 'delete':  # tcx_config foresees it for all its deletes: foresee_deletes
            users = []
            for plural, entity_set, select, expand in (('inbound_rules', 'InboundRules', ['Id', 'Data', 'RuleName'], 'TrunkDN($select=Id)'),
                                                       ('outbound_rules', 'OutboundRules', ['Id', 'Name', 'Routes'], None)):
                for entity in ctx.client.get_all(entity_set, select=select, expand=expand):
                    users.extend(text for trunk_id, text in rule_trunk_uses(plural, entity) if trunk_id == plan.current['Id'])
            if users:
                raise ValidationError('cannot delete: %s' % '; '.join(users))

    def skeleton(self, ctx):
        """``Pbx.InitTrunk``'s new trunk for the template (one GET per template and task)."""
        template = ctx.params.get('template')
        if not template:
            raise ValidationError('template is required to create the trunk: the file name of a provider template '
                                  '(GET /TrunkTemplates lists them, e.g. 1cx.pv.xml)')
        cache = ctx.lookups.notes.setdefault('trunk_templates', {})
        if template not in cache:
            try:
                cache[template] = ctx.client.get('Trunks/' + function_call('Pbx.InitTrunk', template=template))
            except XAPIError as exc:
                if exc.status not in (400, 404):
                    raise
                raise ValidationError('template %r is not a trunk template of the PBX (GET /TrunkTemplates lists them): %s'
                                      % (template, exc.explain()))
        return copy.deepcopy(cache[template])

    def create_payload(self, ctx, payload):
        return payload

    def create(self, ctx, payload):
        """InitTrunk's skeleton filled in with the options, then POST (a lost answer is resolved by reading back)."""
        body = dict((k, v) for k, v in self.skeleton(ctx).items() if not k.startswith('@odata') and k != 'Id')
        for prop, value in payload.items():
            if prop == 'Gateway' and isinstance(body.get('Gateway'), dict):
                body['Gateway'] = dict(body['Gateway'], **value)
            else:
                body[prop] = value
        body['Gateway']['Name'] = ctx.params['name']
        created = write_with_read_back(ctx.client, lambda: ctx.client.post(self.entity_set, body), lambda: self.find(ctx))
        if not created or 'Id' not in created:
            created = self.find(ctx) or created
        return created

    def after_write(self, ctx, entity, plan):
        return entity


def _objects_after(run, plural):
    """The objects of a kind as they will be after this tcx_config task (read now if the task did not read them)."""
    kind = run.kinds.named(plural)
    listing = run.listings.get(plural)
    if listing is None:
        listing = run.read_kind(kind)
    planned = dict((id(i.current), i) for i in run.items[plural] if i.current is not None)
    objects = [planned[id(e)].after() if id(e) in planned else e for e in listing]
    objects.extend(i.after() for i in run.items[plural] if i.current is None and i.present)
    return [entity for entity in objects if entity]


def rule_trunk_uses(plural, entity):
    """``[(trunk Id, sentence)]``: the trunks an inbound rule (``TrunkDN``) or outbound rule (``Routes``) uses."""
    if plural == 'inbound_rules':
        trunk_id = (entity.get('TrunkDN') or {}).get('Id')
        named = "inbound rule '%s'%s" % (entity.get('Data'), " (%s)" % entity['RuleName'] if entity.get('RuleName') else '')
        return [(trunk_id, '%s receives its calls through it (trunk); give the rule another trunk or delete it first' % named)] \
            if trunk_id is not None else []
    found = []
    for place, route in enumerate(entity.get('Routes') or [], start=1):
        if route.get('TrunkId') not in (None, -1):
            found.append((route['TrunkId'], "outbound rule '%s' sends calls through it (routes[%d]); route them elsewhere first"
                          % (entity.get('Name'), place)))
    return found
