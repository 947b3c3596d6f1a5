# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The call queue kind (XAPI Queues): its field table, shared by tcx_queue and tcx_config."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.destinations import OTHER_HOURS_ROUTES, DestinationField, routes
from ansible_collections.tcx.xapi.plugins.module_utils.extensions import ExtensionList, NamedExtension
from ansible_collections.tcx.xapi.plugins.module_utils.fields import COUNT_RULE, NAME_RULE, TEXT_RULE, Field, Rule

# Pbx.PollingStrategyType
POLLING_STRATEGIES = ['Hunt', 'RingAll', 'HuntRandomStart', 'NextAgent', 'LongestWaiting', 'LeastTalkTime', 'FewestAnswered',
                      'HuntBy3s', 'First3Available', 'SkillBasedRouting_RingAll', 'SkillBasedRouting_HuntRandomStart',
                      'SkillBasedRouting_RoundRobin', 'SkillBasedRouting_FewestAnswered']
# Pbx.QueueRecording
RECORDING = ['Disabled', 'AllowToOptOut', 'AskToOptIn']
SECONDS_RULE = Rule(minimum=0, maximum=86400)


class Queue(NamedExtension):
    name = 'queue'
    plural = 'queues'
    module = 'tcx_queue'
    entity_set = 'Queues'
    answers_to = ('queue',)
    result_key = 'queue'
    expand = 'Agents,Managers,Groups'
    info_expand = {'Agents': 'Agents($select=Number,SkillGroup)', 'Managers': 'Managers($select=Number)',
                   'Groups': 'Groups($select=GroupId,Name)'}
    department_member_type = 'Queue'
    fields = NamedExtension.key_fields() + [
        Field('polling_strategy', 'PollingStrategy', choices=POLLING_STRATEGIES),
        Field('ring_timeout', 'RingTimeout', type='int', rule=SECONDS_RULE),
        Field('max_callers', 'MaxCallersInQueue', type='int', rule=COUNT_RULE),
        Field('max_wait_time', 'MasterTimeout', type='int', rule=SECONDS_RULE),
        DestinationField('no_answer', 'ForwardNoAnswer'),
        Field('sla_time', 'SLATime', type='int', rule=SECONDS_RULE),
        Field('wrap_up_time', 'WrapUpTime', type='int', rule=SECONDS_RULE),
        ExtensionList('agents', 'Agents', extras=(('skill_group', 'SkillGroup'),)),
        ExtensionList('managers', 'Managers', ordered=False),
        Field('announcements', type='dict', suboptions=[
            Field('queue_position', 'AnnounceQueuePosition', type='bool'),
            Field('estimated_wait_time', 'AnnounceEstimatedWaitTime', type='bool'),
            Field('estimated_wait_time_interval', 'AnnounceEstimatedWaitTimeInterval', type='int', rule=SECONDS_RULE),
            Field('interval', 'AnnouncementInterval', type='int', rule=SECONDS_RULE),
        ]),
        Field('callback', type='dict', suboptions=[
            Field('enable_after', 'CallbackEnableTime', type='int', rule=SECONDS_RULE),
            Field('offer_only', 'CallbackOfferOnly', type='bool'),
            Field('prompt', 'CallbackOfferPrompt', rule=TEXT_RULE),
            Field('prefix', 'CallbackPrefix', rule=TEXT_RULE),
        ]),
        Field('recording', 'Recording', choices=RECORDING),
        Field('priority_queue', 'PriorityQueue', type='bool'),
        Field('prompts', type='dict', suboptions=[
            Field('prompt_set', 'PromptSet', rule=NAME_RULE),
            Field('greeting', 'GreetingFile', rule=TEXT_RULE),
            Field('intro_enabled', 'EnableIntro', type='bool'),
            Field('intro', 'IntroFile', rule=TEXT_RULE),
            Field('on_hold', 'OnHoldFile', rule=TEXT_RULE),
            Field('no_answer', 'DestinationNoAnswerPrompt', rule=TEXT_RULE),
            Field('play_full', 'PlayFullPrompt', type='bool'),
        ]),
        routes(OTHER_HOURS_ROUTES),
    ]
