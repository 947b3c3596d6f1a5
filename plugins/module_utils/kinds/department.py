# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The department kind (XAPI Groups): its field table and hooks, shared by tcx_department and tcx_config."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.destinations import ROUTES, route_uses, routes
from ansible_collections.tcx.xapi.plugins.module_utils.kind import EntityKind, Selector
from ansible_collections.tcx.xapi.plugins.module_utils.fields import (
    COUNT_RULE, NAME_RULE, Field, LanguageField, Rule, ValidationError,
)
from ansible_collections.tcx.xapi.plugins.module_utils.odata import any_of, build_query, equals
from ansible_collections.tcx.xapi.plugins.module_utils.references import CLAUSES_PER_REQUEST, name_key
from ansible_collections.tcx.xapi.plugins.module_utils.timezones import (
    require_known_timezone, resolve_timezone, timezone_id, timezone_shown,
)

RANGES = (('user', 'User'), ('system', 'System'), ('trunk', 'Trunk'))
DIGITS_RULE = Rule(max_length=10, pattern=r'^[0-9]+$', shape='a string of digits')
# How many members a refusal to delete a department names.
MEMBERS_SHOWN = 5
GROUP_WITH_MEMBERS = 'WARNINGS.GROUP_WITH_MEMBERS_CANNOT_BE_DELETED'
MEMBER_PROPERTIES = ('Number', 'MemberName', 'Type')


def describe_member(row):
    """``user 101 (Ada Lovelace)``, ``parking SP1``, ``ring group 800 (Sales)``: a row of ``Groups({id})/Members``."""
    kind = {'Extension': 'user', 'User': 'user', 'RingGroup': 'ring group'}.get(row.get('Type'), str(row.get('Type') or 'member').lower())
    name = row.get('MemberName')
    text = '%s %s' % (kind, row.get('Number'))
    return '%s (%s)' % (text, name) if name and name != row.get('Number') else text


def members_refusal(members, total=None):
    """The message for deleting a department that keeps ``members`` (described strings; ``total`` of them)."""
    total = len(members) if total is None else total
    shown = ', '.join(members[:MEMBERS_SHOWN]) + (', ...' if total > MEMBERS_SHOWN else '')
    return ('cannot delete: the department still has members (%d: %s); move them to another department or '
            'delete them first (%s)' % (total, shown, GROUP_WITH_MEMBERS))


class Department(EntityKind):
    name = 'department'
    plural = 'departments'
    module = 'tcx_department'
    entity_set = 'Groups'
    result_key = 'department'
    info_selectors = (Selector('name', 'Name'),)
    key_option = 'name'
    key_property = 'Name'
    key_ignore_case = True  # the PBX refuses SALES when Sales exists: one name, another spelling
    extra_select = ('IsDefault', 'Number')
    sends_calls = True
    fields = [
        Field('name', 'Name', required=True, managed=False, rule=NAME_RULE),
        LanguageField('language', 'Language'),
        Field('timezone', 'TimeZoneId', to_api=timezone_id, from_api=timezone_shown, rule=Rule(not_empty=True)),
        Field('prompt_set', 'PromptSet', rule=NAME_RULE),
        Field('allow_call_service', 'AllowCallService', type='bool'),
        Field('disable_custom_prompt', 'DisableCustomPrompt', type='bool'),
        Field('extension_range', type='dict', suboptions=[
            Field('%s_%s' % (kind, end), 'Props.%sNumber%s' % (prop, end.capitalize()), rule=DIGITS_RULE)
            for kind, prop in RANGES for end in ('from', 'to')
        ]),
        Field('limits', type='dict', suboptions=[
            Field('live_chat_max', 'Props.LiveChatMaxCount', type='int', rule=COUNT_RULE),
            Field('personal_contacts_max', 'Props.PersonalContactsMaxCount', type='int', rule=COUNT_RULE),
            Field('prompts_max', 'Props.PromptsMaxCount', type='int', rule=COUNT_RULE),
        ]),
        routes(ROUTES),
    ]

    def validate(self, ctx):
        if ctx.params['state'] == 'absent' and ctx.params['name'].upper() == 'DEFAULT':
            raise ValidationError('the system department DEFAULT cannot be deleted')

    def normalize(self, ctx, desired):
        if desired.get('timezone') is not None:
            resolve_timezone(ctx, desired['timezone'])  # an unknown zone fails here, before planning
        return desired

    def uses(self, entity):
        """The numbers the department's routes go to."""
        return route_uses(entity, 'department')

    def foresee_deletes(self, ctx, doomed, run):
        """A department may be deleted only when no member stays: its current members (read in one GET
        per 40 departments) that this task neither deletes nor moves out."""
        members = self.members(ctx, [i.current for i in doomed])
        deleted = run.deleted_numbers()
        errors = []
        for item in doomed:
            group = item.current
            staying = [describe_member(row) for row in members.get(group['Id'], [])
                       if row.get('Number') not in deleted and self.stays_in(run.item_with_number(row.get('Number')), group)]
            if staying:
                errors.append('%s: %s' % (item.label, members_refusal(staying)))
        return errors

    @staticmethod
    def stays_in(item, group):
        """Whether a member of ``group`` is still in it after this task: ``item`` is the member's item of
        this task (None when the task does not name it), whose departments may move it out."""
        names = item.kind.member_of(item.ctx.params) if item is not None else None
        return names is None or name_key(group['Name']) in [name_key(n) for n in names]

    def members(self, ctx, groups):
        """``{department Id: [member rows]}`` of departments, in one GET per 40 departments."""
        found = {}
        ids = sorted(g['Id'] for g in groups)
        for start in range(0, len(ids), CLAUSES_PER_REQUEST):
            chunk = ids[start:start + CLAUSES_PER_REQUEST]
            params = build_query(any_of(*[equals('Id', i) for i in chunk]), ['Id'],
                                 expand='Members($select=%s)' % ','.join(MEMBER_PROPERTIES))
            for group in ctx.client.get(self.entity_set, params=params).get('value', []):
                found[group['Id']] = group.get('Members') or []
        return found

    def preflight(self, ctx, plan):
        if plan.action == 'delete':
            self.refuse_delete_with_members(ctx, plan.current)
            return
        if 'TimeZoneId' in plan.payload:
            require_known_timezone(ctx, plan.payload['TimeZoneId'])
        props = plan.payload.get('Props') or {}
        for kind, prop in RANGES:
            low, high = props.get('%sNumberFrom' % prop), props.get('%sNumberTo' % prop)
            if low and high and low.isdigit() and high.isdigit() and int(low) > int(high):
                raise ValidationError('extension_range: %s_from (%s) is greater than %s_to (%s)'
                                      % (kind, low, kind, high))

    def refuse_delete_with_members(self, ctx, current):
        """Deleting a department that has members fails on the PBX: fail before, in check mode too."""
        answer = ctx.client.get(self.entity_path(current) + '/Members',
                                params=build_query(select=MEMBER_PROPERTIES, top=MEMBERS_SHOWN, count=True))
        rows = answer.get('value', [])
        if rows:
            raise ValidationError(members_refusal([describe_member(r) for r in rows], answer.get('@odata.count')))

    def protected(self, entity):
        return bool(entity.get('IsDefault'))

    def delete(self, ctx, current):
        if current.get('IsDefault'):
            raise ValidationError('the system department %s cannot be deleted' % current.get('Name'))
        self.delete_by_action(ctx, 'Groups/Pbx.DeleteCompanyById', {'id': current['Id']})
