# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The live chat kind (XAPI WebsiteLinks): its field table and hooks, shared by tcx_livechat and tcx_config."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

try:
    from urllib.parse import quote, urlparse
except ImportError:  # pragma: no cover - Python 2 is not supported, kept for the import sanity test
    from urllib import quote
    from urlparse import urlparse

from ansible_collections.tcx.xapi.plugins.module_utils.client import XAPIError
from ansible_collections.tcx.xapi.plugins.module_utils.kind import EntityKind, Selector
from ansible_collections.tcx.xapi.plugins.module_utils.fields import NAME_RULE, TEXT_RULE, Field, ValidationError
from ansible_collections.tcx.xapi.plugins.module_utils.links import check_link_name, ensure_link_available
from ansible_collections.tcx.xapi.plugins.module_utils.odata import build_query, key_segment
from ansible_collections.tcx.xapi.plugins.module_utils.references import (
    departments_by_name, departments_by_number, pbx_spelling,
)

TRANSLATIONS = ('AuthenticationMessage', 'EndingMessage', 'FirstResponseMessage', 'GdprMessage', 'GreetingMessage',
                'GreetingOfflineMessage', 'InviteMessage', 'OfflineEmailMessage', 'OfflineFinishMessage',
                'OfflineFormInvalidEmail', 'OfflineFormInvalidName', 'OfflineFormMaximumCharactersReached',
                'OfflineNameMessage', 'StartChatButtonText', 'UnavailableMessage', 'WindowTitle')


def snake_case(name):
    """``GdprMessage`` -> ``gdpr_message``."""
    return ''.join('_' + c.lower() if c.isupper() and i else c.lower() for i, c in enumerate(name))


def department_number(name, ctx):
    """The department number (``Group``) of a department name; None for an unknown one (check mode only)."""
    department = departments_by_name(ctx, [name])[name]
    return department['Number'] if department else None


def department_name(number, ctx):
    """The name of the department with this number (the number itself if the PBX does not know it)."""
    if not number:
        return None
    department = departments_by_number(ctx, [number]).get(number)
    return department['Name'] if department else number


def is_web_url(value):
    """True for an absolute http(s) URL with a host."""
    parsed = urlparse(value or '')
    return parsed.scheme in ('http', 'https') and bool(parsed.netloc) and ' ' not in value


class LiveChat(EntityKind):
    name = 'live chat link'
    plural = 'livechats'
    module = 'tcx_livechat'
    entity_set = 'WebsiteLinks'
    result_key = 'livechat'
    info_selectors = (Selector('link', 'Link'),)
    info_order_by = 'Link'
    info_expand = {'DN': 'DN'}
    department_property = 'Group'
    refers_to = ('departments',)
    key_option = 'link'
    key_property = 'Link'
    fields = [
        Field('link', 'Link', required=True, managed=False),
        Field('name', 'Name', rule=NAME_RULE),
        Field('department', 'Group', to_api=department_number, from_api=department_name, rule=NAME_RULE),
        Field('websites', 'Website', type='list', elements='str', compare='set'),
        Field('chat_enabled', 'ChatEnabled', type='bool'),
        Field('calls_enabled', 'CallsEnabled', type='bool'),
        Field('meeting_enabled', 'MeetingEnabled', type='bool'),
        Field('record_by_default', 'DefaultRecord', type='bool'),
        Field('hidden', 'Hidden', type='bool'),
        Field('greeting', 'General.Greeting', choices=['Disabled', 'OnlyOnDesktop', 'OnlyOnMobile', 'DesktopAndMobile']),
        Field('authentication', 'General.Authentication', choices=['None', 'Name', 'Email', 'Both']),
        Field('allow_sound_notifications', 'General.AllowSoundNotifications', type='bool'),
        Field('disable_offline_messages', 'General.DisableOfflineMessages', type='bool'),
        Field('communication_options', 'Advanced.CommunicationOptions',
              choices=['ChatOnly', 'PhoneAndChat', 'PhoneOnly', 'VideoPhoneAndChat']),
        Field('enable_direct_call', 'Advanced.EnableDirectCall', type='bool'),
        Field('call_title', 'Advanced.CallTitle', rule=TEXT_RULE),
        Field('ignore_queue_ownership', 'Advanced.IgnoreQueueOwnership', type='bool'),
        Field('styling', type='dict', suboptions=[
            Field('animation', 'Styling.Animation', choices=['SlideUp', 'SlideFromSide', 'FadeIn', 'NoAnimation']),
            Field('minimized', 'Styling.Minimized', type='bool'),
        ]),
        Field('translations', type='dict', suboptions=[
            Field(snake_case(prop), 'Translations.' + prop) for prop in TRANSLATIONS
        ]),
    ]

    def validate(self, ctx):
        try:
            check_link_name(ctx.params['link'])
        except ValidationError as exc:
            raise ValidationError('link: %s' % exc)
        for website in ctx.params.get('websites') or []:
            if not is_web_url(website):
                raise ValidationError('websites: %r is not an http:// or https:// URL' % website)

    def normalize(self, ctx, desired):
        if desired.get('websites') is not None:
            desired['websites'] = sorted(set(desired['websites']))
        if desired.get('department') is not None:
            departments_by_name(ctx, [desired['department']])
            desired['department'] = pbx_spelling(ctx, desired['department'])
        return desired

    def named(self, ctx):
        return [('departments', ctx.params['department'])] if ctx.params.get('department') else []

    def entity_path(self, entity):
        return self.entity_set + key_segment(entity['Link'])

    def find(self, ctx):
        """``GET WebsiteLinks('<link>')``; 404 means there is no such link."""
        try:
            return ctx.client.get(self.entity_set + key_segment(ctx.params['link']),
                                  params=build_query(select=self.select()))
        except XAPIError as exc:
            if exc.status == 404:
                return None
            raise

    def create_payload(self, ctx, payload):
        if ctx.params.get('department') is None:
            raise ValidationError('department is required to create a live chat link')
        payload['Link'] = ctx.params['link']
        return self.with_destination(ctx, payload)

    def with_destination(self, ctx, payload):
        """Add the ``DN`` (the department as destination) that goes with a ``Group`` in the payload."""
        department = departments_by_number(ctx, [payload['Group']]).get(payload['Group']) if payload.get('Group') else None
        if department:
            payload['DN'] = {'Id': department['Id'], 'Name': department['Name'],
                             'Number': department['Number'], 'Type': 'Group'}
        return payload

    def preflight(self, ctx, plan):
        if plan.action == 'create':
            ensure_link_available(ctx, ctx.params['link'], ctx.params['link'])

    def update(self, ctx, current, payload):
        ctx.client.patch(self.entity_path(current), self.with_destination(ctx, payload))

    def result(self, ctx, entity):
        base = urlparse(ctx.client.base_url)
        return {'url': '%s://%s/livechat/%s' % (base.scheme, base.netloc, quote(ctx.params['link']))}
