#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_livechat_info
short_description: List 3CX live chat and click-to-call links
version_added: 0.1.0
description:
  - Return the live chat links (XAPI C(WebsiteLinks)) of a 3CX v20 PBX that match every selecting
    option given, or all of them when none is given.
  - Pages through any number of links (100 per request, ordered by C(Link)), so the list is complete and in a stable order.
  - Only reads; it runs the same in check mode.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  link:
    description:
      - Only the link with this URL slug, for example V(support), the natural key of a live chat link.
    type: str
  department:
    description:
      - Only links of the department with this name (their C(Group) is the department's number).
      - A department that does not exist matches nothing and gives a warning.
    type: str
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes.info
  - tcx.xapi.info_query
'''

EXAMPLES = r'''
- name: The live chat links of Support
  tcx.xapi.tcx_livechat_info:
    department: Support
  register: support_links

- name: Links where chat is switched off
  tcx.xapi.tcx_livechat_info:
    filter: ChatEnabled eq false
    select: [Name, Website]
'''

RETURN = r'''
livechats:
  description:
    - The matching live chat links in the options of M(tcx.xapi.tcx_livechat). Each can be given back to that module or to
      M(tcx.xapi.tcx_config) unchanged, and then changes nothing. References are by name, secrets are never returned.
    - In the order of RV(raw); with O(select), only the options the selected properties hold.
  returned: always
  type: list
  elements: dict
  sample:
    - link: support
      name: Support chat
      department: Support
      websites: [https://example.com]
raw:
  description:
    - The same livechats as the PBX's Configuration API returns them, secrets removed.
      The matching live chat links, ordered by C(Link); empty when none matches.
    - Each link has every property of the XAPI type C(Pbx.Weblink); the most used are described
      below. Only C(Link) and the O(select) properties when O(select) is given.
  returned: always
  type: list
  elements: dict
  contains:
    Link:
      description: The URL slug, the link's key.
      type: str
      sample: support
    Name:
      description: Display name.
      type: str
      sample: Support chat
    Group:
      description: Number of the department that owns the link.
      type: str
      sample: GRP0001
    DN:
      description:
        - The extension, queue or department that answers (C(Id), C(Name), C(Number), C(Type)),
          when O(select) is not given or contains V(DN).
      type: dict
      sample:
        Id: 35
        Name: Support
        Number: GRP0001
        Type: Group
    Website:
      description: Websites allowed to embed the link.
      type: list
      elements: str
      sample: [https://www.example.com]
    ChatEnabled:
      description: Whether chat is enabled.
      type: bool
      sample: true
    CallsEnabled:
      description: Whether calls are enabled.
      type: bool
      sample: true
    MeetingEnabled:
      description: Whether video meetings are enabled.
      type: bool
      sample: false
    General:
      description: General settings (C(Greeting), C(Authentication), C(AllowSoundNotifications), ...).
      type: dict
      sample:
        Greeting: DesktopAndMobile
        Authentication: None
    Advanced:
      description: Advanced settings (C(CommunicationOptions), C(EnableDirectCall), C(CallTitle), C(IgnoreQueueOwnership)).
      type: dict
      sample:
        CommunicationOptions: PhoneAndChat
  sample:
    - Link: support
      Name: Support chat
      Group: GRP0001
      Website: [https://www.example.com]
      ChatEnabled: true
'''

from ansible_collections.tcx.xapi.plugins.module_utils.info import run_info_module


def main(module_class=None):
    run_info_module('livechats', module_class=module_class)


if __name__ == '__main__':
    main()
