#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: tcx_queue
short_description: Manage 3CX call queues
version_added: 0.1.0
description:
  - Create, update and delete call queues (XAPI C(Queues)) of a 3CX v20 PBX through its Configuration API.
  - A queue is identified by its O(name); the PBX compares names ignoring case, so a different spelling
    of an existing name renames it.
  - Only the options given are managed; the others keep what the PBX holds.
author:
  - tcx.xapi developers (@tcx-xapi)
options:
  name:
    description:
      - Name of the queue, its natural key.
    type: str
    required: true
  number:
    description:
      - Extension number of the queue (2 to 10 digits), used when it is created. Without it the PBX
        assigns the first free extension, returned in RV(queue.number).
      - A number never changes after creation; giving another number for an existing queue fails
        before any write.
    type: str
  polling_strategy:
    description:
      - How calls are offered to the agents. The C(SkillBasedRouting_*) strategies use the agents' C(skill_group).
    type: str
    choices: [Hunt, RingAll, HuntRandomStart, NextAgent, LongestWaiting, LeastTalkTime, FewestAnswered, HuntBy3s,
              First3Available, SkillBasedRouting_RingAll, SkillBasedRouting_HuntRandomStart,
              SkillBasedRouting_RoundRobin, SkillBasedRouting_FewestAnswered]
  ring_timeout:
    description: Seconds a call rings an agent before the next one is tried (XAPI C(RingTimeout)).
    type: int
  max_callers:
    description: How many callers may wait in the queue (XAPI C(MaxCallersInQueue)).
    type: int
  max_wait_time:
    description: Seconds a caller waits at most before the call goes to O(no_answer) (XAPI C(MasterTimeout)).
    type: int
  sla_time:
    description: Service level time in seconds (XAPI C(SLATime)).
    type: int
  wrap_up_time:
    description: Seconds an agent gets after a call before the next one (XAPI C(WrapUpTime)).
    type: int
  agents:
    description:
      - The agents of the queue, in order (the order matters for the hunt strategies); a change of order
        alone is one update. The list is managed whole; V([]) empties it.
      - Every extension must be a user; an unknown one fails before any write (in check mode it warns,
        since an earlier task may create the user).
    type: list
    elements: dict
    suboptions:
      extension:
        description: The agent's user extension.
        type: str
        required: true
      skill_group:
        description: The agent's skill group, used by the C(SkillBasedRouting_*) strategies.
        type: str
  managers:
    description:
      - User extensions of the queue managers, compared as a set. The list is managed whole; V([]) empties it.
    type: list
    elements: str
  announcements:
    description: What waiting callers hear about their wait.
    type: dict
    suboptions:
      queue_position:
        description: Announce the caller's position in the queue.
        type: bool
      estimated_wait_time:
        description: Announce the estimated wait time.
        type: bool
      estimated_wait_time_interval:
        description: Seconds between two announcements of the estimated wait time.
        type: int
      interval:
        description: Seconds between two announcements (XAPI C(AnnouncementInterval)).
        type: int
  callback:
    description: Offering callers a call back instead of waiting.
    type: dict
    suboptions:
      enable_after:
        description: Seconds of waiting after which the call back is offered (V(0) never).
        type: int
      offer_only:
        description: Only offer the call back (XAPI C(CallbackOfferOnly)).
        type: bool
      prompt:
        description: The prompt file that offers the call back.
        type: str
      prefix:
        description: The prefix dialled before the caller's number to call back.
        type: str
  recording:
    description: Call recording of the queue's calls.
    type: str
    choices: [Disabled, AllowToOptOut, AskToOptIn]
  priority_queue:
    description: Calls of this queue are offered to agents before those of other queues.
    type: bool
  prompts:
    description: The queue's prompts and music.
    type: dict
    suboptions:
      prompt_set:
        description: The prompt set (language of the system prompts).
        type: str
      greeting:
        description: The greeting prompt file (XAPI C(GreetingFile)).
        type: str
      intro_enabled:
        description: Play O(prompts.intro) first.
        type: bool
      intro:
        description: The intro prompt file (XAPI C(IntroFile)).
        type: str
      on_hold:
        description: The music on hold file (XAPI C(OnHoldFile)).
        type: str
      no_answer:
        description: The prompt played before a call goes to O(no_answer) (XAPI C(DestinationNoAnswerPrompt)).
        type: str
      play_full:
        description: Play prompts to the end before a call is offered (XAPI C(PlayFullPrompt)).
        type: bool
  departments:
    description:
      - Names of the departments the queue belongs to (the PBX compares names ignoring case). Compared as a set,
        written as one whole list; must not be empty. Every department must exist.
      - Without it, a new queue belongs to the system department C(DEFAULT).
    type: list
    elements: str
  state:
    description:
      - V(present) creates or updates the queue, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - tcx.xapi.connection
  - tcx.xapi.attributes
  - tcx.xapi.routing.no_answer
  - tcx.xapi.routing.other_hours
notes:
  - M(tcx.xapi.tcx_config) refuses to delete a user that a queue keeps as an agent or manager, naming the queue.
'''

EXAMPLES = r'''
- name: The support queue offers calls to the longest waiting agent
  tcx.xapi.tcx_queue:
    url: https://pbx.example.com
    client_id: "900"
    client_secret: "{{ vault_tcx_client_secret }}"
    name: Support
    polling_strategy: LongestWaiting
    ring_timeout: 15
    max_callers: 20
    max_wait_time: 300
    no_answer:
      to: voicemail
      number: "201"
    agents:
      - extension: "201"
      - extension: "301"
    managers: ["202"]
    announcements:
      queue_position: true
      interval: 60
    recording: AllowToOptOut

- name: Skill-based routing
  tcx.xapi.tcx_queue:
    name: Support
    polling_strategy: SkillBasedRouting_RingAll
    agents:
      - extension: "201"
        skill_group: "1"
      - extension: "301"
        skill_group: "2"

- name: Remove the queue
  tcx.xapi.tcx_queue:
    name: Support
    state: absent
'''

RETURN = r'''
queue:
  description:
    - The queue after the task (as it would be in check mode) in the shape of this module's options,
      its name, number and every option it holds a value for. Given back to this module or to
      M(tcx.xapi.tcx_config) (C(queues)), it changes nothing. Empty after a deletion.
  returned: always
  type: dict
  contains:
    name:
      description: The name.
      type: str
    number:
      description: The extension number (assigned by the PBX when not given; absent in check mode then).
      type: str
    agents:
      description: The agents, in order, each with C(extension) and, when it has one, C(skill_group).
      type: list
      elements: dict
    managers:
      description: The manager extensions.
      type: list
      elements: str
  sample:
    name: Support
    number: "810"
    polling_strategy: LongestWaiting
    ring_timeout: 15
    max_callers: 20
    max_wait_time: 300
    agents:
      - extension: "201"
      - extension: "301"
        skill_group: "2"
    managers: ["202"]
    no_answer:
      to: voicemail
      number: "201"
raw:
  description: The queue as XAPI returns it (C(Pbx.Queue), C(Agents) and C(Managers) rows by C(Number)). Empty after a deletion.
  returned: always
  type: dict
  sample:
    Id: 52
    Name: Support
    Number: "810"
    PollingStrategy: LongestWaiting
    Agents:
      - Number: "201"
        SkillGroup: null
'''

from ansible_collections.tcx.xapi.plugins.module_utils.entity import run_entity_module


def main(module_class=None):
    run_entity_module('queues', module_class=module_class)


if __name__ == '__main__':
    main()
