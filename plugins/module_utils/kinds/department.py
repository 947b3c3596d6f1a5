# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The department kind (XAPI Groups): its field table and hooks, shared by tcx_department and tcx_config."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.entity import (
    EntityKind, Field, ValidationError,
)
from ansible_collections.tcx.xapi.plugins.module_utils.timezones import require_known_timezone, resolve_timezone

ROUTE_TARGETS = ['None', 'VoiceMail', 'Extension', 'Queue', 'RingGroup', 'IVR', 'External', 'Fax',
                 'Boomerang', 'Deflect', 'VoiceMailOfDestination', 'Callback', 'RoutePoint',
                 'ProceedWithNoExceptions']
RANGES = (('user', 'User'), ('system', 'System'), ('trunk', 'Trunk'))


def route(option, prop):
    """The five options of one routing period, on XAPI property ``prop`` (a Pbx.Route)."""
    return Field(option, type='dict', suboptions=[
        Field('to', prop + '.Route.To', choices=ROUTE_TARGETS),
        Field('number', prop + '.Route.Number'),
        Field('external', prop + '.Route.External'),
        Field('prompt_enabled', prop + '.IsPromptEnabled', type='bool'),
        Field('prompt', prop + '.Prompt'),
    ])


class Department(EntityKind):
    name = 'department'
    entity_set = 'Groups'
    result_key = 'department'
    key_option = 'name'
    key_property = 'Name'
    extra_select = ('IsDefault', 'Number')
    fields = [
        Field('name', 'Name', required=True, managed=False),
        Field('language', 'Language'),
        Field('timezone', 'TimeZoneId'),
        Field('prompt_set', 'PromptSet'),
        Field('allow_call_service', 'AllowCallService', type='bool'),
        Field('disable_custom_prompt', 'DisableCustomPrompt', type='bool'),
        Field('extension_range', type='dict', suboptions=[
            Field('%s_%s' % (kind, end), 'Props.%sNumber%s' % (prop, end.capitalize()))
            for kind, prop in RANGES for end in ('from', 'to')
        ]),
        Field('limits', type='dict', suboptions=[
            Field('live_chat_max', 'Props.LiveChatMaxCount', type='int'),
            Field('personal_contacts_max', 'Props.PersonalContactsMaxCount', type='int'),
            Field('prompts_max', 'Props.PromptsMaxCount', type='int'),
        ]),
        Field('routing', type='dict', suboptions=[
            route('office_hours', 'OfficeRoute'),
            route('out_of_office', 'OutOfOfficeRoute'),
            route('break_time', 'BreakRoute'),
            route('holidays', 'HolidaysRoute'),
        ]),
    ]

    def validate(self, ctx):
        if ctx.params['state'] == 'absent' and ctx.params['name'] == 'DEFAULT':
            raise ValidationError('the system department DEFAULT cannot be deleted')
        for option, value in sorted((ctx.params['extension_range'] or {}).items()):
            if value is not None and not value.isdigit():
                raise ValidationError('extension_range.%s must be a string of digits, got %r' % (option, value))
        for option, value in sorted((ctx.params['limits'] or {}).items()):
            if value is not None and value < 0:
                raise ValidationError('limits.%s must not be negative, got %d' % (option, value))

    def normalize(self, ctx, desired):
        if desired.get('timezone') is not None:
            desired['timezone'] = resolve_timezone(ctx, desired['timezone'])
        return desired

    def preflight(self, ctx, plan):
        if 'TimeZoneId' in plan.payload:
            require_known_timezone(ctx, plan.payload['TimeZoneId'])
        props = plan.payload.get('Props') or {}
        for kind, prop in RANGES:
            low, high = props.get('%sNumberFrom' % prop), props.get('%sNumberTo' % prop)
            if low and high and low.isdigit() and high.isdigit() and int(low) > int(high):
                raise ValidationError('extension_range: %s_from (%s) is greater than %s_to (%s)'
                                      % (kind, low, kind, high))

    def protected(self, entity):
        return bool(entity.get('IsDefault'))

    def delete(self, ctx, current):
        if current.get('IsDefault'):
            raise ValidationError('the system department %s cannot be deleted' % current.get('Name'))
        self.delete_by_action(ctx, 'Groups/Pbx.DeleteCompanyById', {'id': current['Id']})
