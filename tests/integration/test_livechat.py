# -*- coding: utf-8 -*-
"""tcx_livechat against the emulator with real ansible-playbook runs: what is particular to live chat links.

The lifecycle every kind shares (create, check mode, no-op, update, absent, round trip) is in test_lifecycle.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from conftest import assert_each_fails_clearly
from kind_cases import livechats as livechat_case

LINK_PATH = "/xapi/v1/WebsiteLinks('support')"

SUPPORT = livechat_case.PRESENT  # the link 'support' of the department Support, with some settings
SUPPORT_DIFF_AFTER = dict((k, v) for k, v in livechat_case.DIFF_AFTER.items() if k != 'link')


@pytest.fixture
def departments(api, emulator):
    """Sales and Support exist; returns them as ``{name: {Id, Number}}`` (request log cleared)."""
    made = {}
    for name in ('Sales', 'Support'):
        group = api.call('POST', 'Groups', json={'Name': name})
        made[name] = {'Id': group['Id'], 'Number': group['Number']}
    emulator.clear_requests()
    return made


def livechat_task(**options):
    return {'name': 'livechat', 'tcx.xapi.tcx_livechat': options}


def weblinks(emulator):
    """The website links the emulator holds, by link."""
    return dict((w['Link'], w) for w in emulator.state()['weblinks'])


def writes(emulator):
    return [(w['method'], w['path'], w['body']) for w in emulator.writes()]


def test_result_has_the_link_and_its_public_url_in_check_mode_too(emulator, play, departments):
    checked, created = play([dict(livechat_task(**SUPPORT), check_mode=True), livechat_task(**SUPPORT)]).results
    assert checked['url'] == created['url'] == emulator.url + '/livechat/support'
    assert created['livechat']['link'] == 'support' and created['livechat']['department'] == 'Support'
    assert created['raw']['Group'] == departments['Support']['Number']


def test_websites_in_another_order_are_the_same_set(emulator, play, departments):
    reordered = {**SUPPORT, 'websites': list(reversed(SUPPORT['websites']))}
    run = play([livechat_task(**SUPPORT), livechat_task(**reordered)])
    result = run.result()
    assert result['changed'] is False
    assert result['diff']['before'] == result['diff']['after'] == SUPPORT_DIFF_AFTER
    assert run.writes(1) == []


def test_changing_one_nested_setting_keeps_the_others(emulator, play, departments):
    play([livechat_task(**SUPPORT)], expect_rc=0)
    before = copy.deepcopy(weblinks(emulator)['support'])
    emulator.clear_requests()
    result = play([livechat_task(link='support', greeting='DesktopAndMobile')]).result()
    assert result['diff'] == {'before': {'greeting': 'OnlyOnDesktop'}, 'after': {'greeting': 'DesktopAndMobile'}}
    expected_general = dict(before['General'], Greeting='DesktopAndMobile')
    assert writes(emulator) == [('PATCH', LINK_PATH, {'General': expected_general})]
    after = weblinks(emulator)['support']
    assert after['General'] == expected_general
    assert after['General']['Authentication'] == 'Email' and after['General']['AllowSoundNotifications'] is False
    assert dict(after, General=None) == dict(before, General=None)


def test_changing_one_translation_keeps_the_other_texts(emulator, play, departments):
    play([livechat_task(**SUPPORT)], expect_rc=0)
    emulator.clear_requests()
    result = play([livechat_task(link='support', translations={'window_title': 'Help'})]).result()
    assert result['diff'] == {'before': {'translations': {'window_title': 'Support'}},
                              'after': {'translations': {'window_title': 'Help'}}}
    assert [(w['method'], sorted(w['body'])) for w in emulator.writes()] == [('PATCH', ['Translations'])]
    translations = weblinks(emulator)['support']['Translations']
    assert translations['WindowTitle'] == 'Help' and translations['GreetingMessage'] == 'Hello!'


def test_moving_to_another_department_sends_group_and_destination(emulator, play, departments):
    play([livechat_task(**SUPPORT)], expect_rc=0)
    emulator.clear_requests()
    result = play([livechat_task(link='support', department='Sales')]).result()
    assert result['diff'] == {'before': {'department': 'Support'}, 'after': {'department': 'Sales'}}
    sales = departments['Sales']
    assert writes(emulator) == [('PATCH', LINK_PATH, {
        'Group': sales['Number'], 'DN': {'Id': sales['Id'], 'Name': 'Sales', 'Number': sales['Number'], 'Type': 'Group'}})]
    held = weblinks(emulator)['support']
    assert held['Group'] == sales['Number'] and held['DN']['Number'] == sales['Number']


@pytest.fixture
def taken_names(api, emulator, departments):
    """'helpdesk' is a user's friendly name, 'hotline' a department's click-to-call id, 'Sales-Chat' a link."""
    api.call('POST', 'Users', json={'Number': '150', 'FirstName': 'Ada', 'LastName': 'Lovelace',
                                    'EmailAddress': 'ada@example.com', 'ClickToCallId': 'helpdesk',
                                    'WebMeetingFriendlyName': 'helpdesk'})
    api.call('PATCH', 'Groups(%d)' % departments['Sales']['Id'], json={'ClickToCallId': 'hotline'})
    api.call('POST', 'WebsiteLinks', json={'Link': 'Sales-Chat', 'Group': departments['Sales']['Number']})
    emulator.clear_requests()


@pytest.mark.parametrize('link, holder', [('helpdesk', 'user 150 (Ada Lovelace)'), ('hotline', "department 'Sales'"),
                                          ('sales-chat', "website link 'Sales-Chat'")])
@pytest.mark.parametrize('check', [False, True], ids=['real', 'check'])
def test_a_taken_link_fails_clearly_and_creates_nothing(emulator, play, taken_names, link, holder, check):
    result = play([livechat_task(link=link, department='Support')], check=check)
    assert result.rc != 0
    assert "friendly name '%s' is already used by %s" % (link, holder) in result.result()['msg']
    assert [w for w in emulator.writes() if w['path'] != '/xapi/v1/WebsiteLinks/Pbx.ValidateLink'] == []
    assert sorted(weblinks(emulator)) == ['Sales-Chat']


BAD_INPUT = [
    ({'link': 'sup port', 'department': 'Support'}, "link: friendly name 'sup port' is not valid"),
    ({'link': 'süpport', 'department': 'Support'}, 'is not valid'),
    ({'link': '-support', 'department': 'Support'}, 'is not valid'),
    ({'link': 'support', 'department': 'Support', 'websites': ['example.com']},
     "websites: 'example.com' is not an http:// or https:// URL"),
    ({'link': 'support', 'department': 'Support', 'websites': ['ftp://example.com']}, 'is not an http:// or https:// URL'),
    ({'link': 'support', 'department': 'Nowhere'}, "unknown department 'Nowhere'"),
    ({'link': 'support', 'department': 'Support', 'greeting': 'Desktop'}, 'value of greeting must be one of'),
    ({'link': 'support', 'department': 'Support', 'styling': {'animation': 'Spin'}}, 'animation'),
    ({'link': 'support'}, 'department is required to create a live chat link'),
]


def test_bad_input_fails_clearly_and_writes_nothing(emulator, play, departments):
    assert_each_fails_clearly(play, livechat_task, BAD_INPUT)
    assert emulator.writes() == []


EVERY_OPTION = {
    'link': 'all.options_1', 'name': 'Everything', 'department': 'Sales', 'websites': ['http://shop.example.com'],
    'chat_enabled': False, 'calls_enabled': False, 'meeting_enabled': True, 'record_by_default': True, 'hidden': True,
    'greeting': 'OnlyOnMobile', 'authentication': 'Both', 'allow_sound_notifications': False,
    'disable_offline_messages': True, 'communication_options': 'VideoPhoneAndChat', 'enable_direct_call': False,
    'call_title': 'Talk to us', 'ignore_queue_ownership': True,
    'styling': {'animation': 'SlideFromSide', 'minimized': False},
    'translations': {
        'authentication_message': 'Who are you?', 'ending_message': 'Bye', 'first_response_message': 'One moment',
        'gdpr_message': 'We store your data', 'greeting_message': 'Hi', 'greeting_offline_message': 'We are away',
        'invite_message': 'Chat with us', 'offline_email_message': 'Your email', 'offline_finish_message': 'Thanks',
        'offline_form_invalid_email': 'Bad email', 'offline_form_invalid_name': 'Bad name',
        'offline_form_maximum_characters_reached': 'Too long', 'offline_name_message': 'Your name',
        'start_chat_button_text': 'Start', 'unavailable_message': 'Nobody here', 'window_title': 'Chat',
    },
}


def test_every_option_is_written_and_then_stable(emulator, play, departments):
    created = play([livechat_task(**EVERY_OPTION)]).result()
    assert created['changed'] is True
    held = weblinks(emulator)['all.options_1']
    assert (held['Name'], held['Group'], held['Website']) == (
        'Everything', departments['Sales']['Number'], ['http://shop.example.com'])
    assert (held['ChatEnabled'], held['CallsEnabled'], held['MeetingEnabled'], held['DefaultRecord'], held['Hidden']) == (
        False, False, True, True, True)
    assert held['General'] == dict(held['General'], Greeting='OnlyOnMobile', Authentication='Both',
                                   AllowSoundNotifications=False, DisableOfflineMessages=True)
    assert held['Advanced'] == {'CommunicationOptions': 'VideoPhoneAndChat', 'EnableDirectCall': False,
                                'CallTitle': 'Talk to us', 'IgnoreQueueOwnership': True}
    assert (held['Styling']['Animation'], held['Styling']['Minimized']) == ('SlideFromSide', False)
    assert held['Translations'] == dict(
        AuthenticationMessage='Who are you?', EndingMessage='Bye', FirstResponseMessage='One moment',
        GdprMessage='We store your data', GreetingMessage='Hi', GreetingOfflineMessage='We are away',
        InviteMessage='Chat with us', OfflineEmailMessage='Your email', OfflineFinishMessage='Thanks',
        OfflineFormInvalidEmail='Bad email', OfflineFormInvalidName='Bad name',
        OfflineFormMaximumCharactersReached='Too long', OfflineNameMessage='Your name', StartChatButtonText='Start',
        UnavailableMessage='Nobody here', WindowTitle='Chat')
    emulator.clear_requests()
    again = play([livechat_task(**EVERY_OPTION)]).result()
    assert again['changed'] is False and emulator.writes() == []
