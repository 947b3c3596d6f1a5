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
  - tcx.xapi.attributes
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
    - The live chat link after the task (or as it would be, in check mode) in this module's own options, so it
      can be given back to this module or to M(tcx.xapi.tcx_config) unchanged. It has its O(link) and every option the
      PBX holds a value for, the department by name. Empty after a deletion.
  returned: always
  type: dict
  sample:
    link: support
    name: Support chat
    department: Support
    websites: [https://example.com]
    chat_enabled: true
    greeting: DesktopAndMobile
raw:
  description:
    - The same object as the PBX's Configuration API returns it (XAPI C(Pbx.Weblink) properties), every secret property
      removed. Empty after a deletion. For reading what the options do not cover.
  returned: always
  type: dict
  sample:
    Link: support
    Name: Support chat
    Group: GRP0002
    Website: [https://example.com]
    ChatEnabled: true
url:
  description:
    - Public address of the live chat, the PBX address followed by C(/livechat/) and the link.
  returned: always
  type: str
  sample: https://pbx.example.com/livechat/support
'''

from ansible_collections.tcx.xapi.plugins.module_utils.entity import run_entity_module


def main(module_class=None):
    run_entity_module('livechats', module_class=module_class)


if __name__ == '__main__':
    main()
