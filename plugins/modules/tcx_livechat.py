#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_livechat
short_description: Manage 3CX live chat and website links
version_added: 0.1.0
description:
  - Create, update and delete live chat / click-to-call website links (XAPI C(WebsiteLinks)) of a 3CX v20 PBX
    through its Configuration API.
  - The link (the URL slug in C(https://<pbx>/livechat/<link>)) identifies the website link. Only the options
    you set are managed; the others stay as they are.
  - Settings the PBX keeps in nested objects (C(General), C(Advanced), C(Styling), C(Translations)) are compared
    one by one. When one of them changes, the module sends that whole object with only the changed value replaced,
    so the settings you did not set keep their values.
  - Links share one namespace with the friendly names of users and departments. Before creating a link the
    module asks the PBX whether the name is free (C(WebsiteLinks/Pbx.ValidateLink); in check mode it looks the
    name up instead), and fails without writing anything when it is taken.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  link:
    description:
      - The URL slug of the link, for example V(support) for C(https://pbx.example.com/livechat/support). It identifies the link.
      - Letters, digits, V(.), V(_) and V(-), starting with a letter or digit, at most 64 characters.
    type: str
    required: true
  state:
    description:
      - V(present) creates or updates the link, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  name:
    description:
      - Display name of the link.
    type: str
  department:
    description:
      - Name of the department whose agents answer the chats and calls of this link. Required to create a link.
      - Sets the link's C(Group) (the department number) and C(DN) (the department as destination).
    type: str
  websites:
    description:
      - Websites allowed to embed the chat, each an V(http://) or V(https://) URL. Compared as a set.
    type: list
    elements: str
  chat_enabled:
    description:
      - Whether visitors can chat.
    type: bool
  calls_enabled:
    description:
      - Whether visitors can call.
    type: bool
  meeting_enabled:
    description:
      - Whether visitors can start a video meeting.
    type: bool
  record_by_default:
    description:
      - Whether calls through the link are recorded by default.
    type: bool
  hidden:
    description:
      - Whether the link is hidden.
    type: bool
  greeting:
    description:
      - Where the greeting bubble shows.
    type: str
    choices: [Disabled, OnlyOnDesktop, OnlyOnMobile, DesktopAndMobile]
  authentication:
    description:
      - What visitors must enter before a chat.
    type: str
    choices: [None, Name, Email, Both]
  allow_sound_notifications:
    description:
      - Whether the chat window plays sound notifications.
    type: bool
  disable_offline_messages:
    description:
      - Whether visitors cannot leave a message when nobody is available.
    type: bool
  communication_options:
    description:
      - Which ways of contact the link offers.
    type: str
    choices: [ChatOnly, PhoneAndChat, PhoneOnly, VideoPhoneAndChat]
  enable_direct_call:
    description:
      - Whether visitors can call directly without chatting first.
    type: bool
  call_title:
    description:
      - Title of the call button.
    type: str
  ignore_queue_ownership:
    description:
      - Whether chats ignore queue ownership.
    type: bool
  styling:
    description:
      - Look of the chat window.
    type: dict
    suboptions:
      animation:
        description: How the chat window appears.
        type: str
        choices: [SlideUp, SlideFromSide, FadeIn, NoAnimation]
      minimized:
        description: Whether the chat window starts minimized.
        type: bool
  translations:
    description:
      - Texts shown to visitors (XAPI C(Pbx.WebsiteLinksTranslations)). Only the texts you set are managed.
    type: dict
    suboptions:
      authentication_message:
        description: Text that asks for the visitor's details.
        type: str
      ending_message:
        description: Text shown when the chat ends.
        type: str
      first_response_message:
        description: First automatic answer.
        type: str
      gdpr_message:
        description: GDPR consent text.
        type: str
      greeting_message:
        description: Greeting while agents are available.
        type: str
      greeting_offline_message:
        description: Greeting while nobody is available.
        type: str
      invite_message:
        description: Invitation to start a chat.
        type: str
      offline_email_message:
        description: Text asking for the e-mail address when offline.
        type: str
      offline_finish_message:
        description: Text shown after an offline message was sent.
        type: str
      offline_form_invalid_email:
        description: Error text for an invalid e-mail address in the offline form.
        type: str
      offline_form_invalid_name:
        description: Error text for an invalid name in the offline form.
        type: str
      offline_form_maximum_characters_reached:
        description: Error text when the offline message is too long.
        type: str
      offline_name_message:
        description: Text asking for the name when offline.
        type: str
      start_chat_button_text:
        description: Label of the start chat button.
        type: str
      unavailable_message:
        description: Text shown when the chat is unavailable.
        type: str
      window_title:
        description: Title of the chat window.
        type: str
extends_documentation_fragment:
  - tcx.xapi.connection
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
  platform:
    support: full
    platforms: posix
'''

EXAMPLES = r'''
- name: Live chat for the Support department on two websites
  tcx.xapi.tcx_livechat:
    url: https://pbx.example.com
    client_id: "900"
    client_secret: "{{ vault_tcx_client_secret }}"
    link: support
    name: Support chat
    department: Support
    websites:
      - https://example.com
      - https://www.example.com
    greeting: DesktopAndMobile
    authentication: Email
    styling:
      animation: SlideUp
    translations:
      greeting_message: How can we help?
  register: chat

- name: Show the public address
  ansible.builtin.debug:
    msg: "{{ chat.url }}"

- name: Chat only, no calls
  tcx.xapi.tcx_livechat:
    link: support
    calls_enabled: false
    communication_options: ChatOnly

- name: Remove the link
  tcx.xapi.tcx_livechat:
    link: support
    state: absent
'''

RETURN = r'''
livechat:
  description:
    - The website link as the PBX holds it after the task (XAPI C(Pbx.Weblink) properties), or as it would be
      in check mode. Empty after a deletion.
  returned: always
  type: dict
  sample:
    Link: support
    Name: Support chat
    Group: GRP0002
    Website: [https://example.com]
    ChatEnabled: true
    General:
      Greeting: DesktopAndMobile
      Authentication: Email
url:
  description:
    - Public address of the live chat, the PBX address followed by C(/livechat/) and the link.
  returned: always
  type: str
  sample: https://pbx.example.com/livechat/support
'''

try:
    from urllib.parse import quote, urlparse
except ImportError:  # pragma: no cover - Python 2 is not supported, kept for the import sanity test
    from urllib import quote
    from urlparse import urlparse

from ansible_collections.tcx.xapi.plugins.module_utils.client import XAPIError
from ansible_collections.tcx.xapi.plugins.module_utils.entity import (
    EntityKind, Field, ValidationError, run_entity_module,
)
from ansible_collections.tcx.xapi.plugins.module_utils.links import check_link_name, ensure_link_available
from ansible_collections.tcx.xapi.plugins.module_utils.odata import build_query, key_segment
from ansible_collections.tcx.xapi.plugins.module_utils.references import departments_by_name, departments_by_number

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
    entity_set = 'WebsiteLinks'
    result_key = 'livechat'
    key_option = 'link'
    key_property = 'Link'
    fields = [
        Field('link', 'Link', required=True, managed=False),
        Field('name', 'Name'),
        Field('department', 'Group', to_api=department_number, from_api=department_name),
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
        Field('call_title', 'Advanced.CallTitle'),
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
        department = ctx.params.get('department')
        if department is not None and not department.strip():
            raise ValidationError('department must not be empty')
        for website in ctx.params.get('websites') or []:
            if not is_web_url(website):
                raise ValidationError('websites: %r is not an http:// or https:// URL' % website)

    def normalize(self, ctx, desired):
        if desired.get('websites') is not None:
            desired['websites'] = sorted(set(desired['websites']))
        if desired.get('department') is not None:
            departments_by_name(ctx, [desired['department']])
        return desired

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


def main():
    run_entity_module(LiveChat())


if __name__ == '__main__':
    main()
