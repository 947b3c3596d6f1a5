# -*- coding: utf-8 -*-
"""tcx_parking against the emulator (PBX 20.0.10 and 20.0.7): what is particular to parkings.

The lifecycle every kind shares (create, check mode, no-op, update, absent, round trip) is in test_lifecycle.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from tcx_emulator.pytest_plugin import start_emulator

from conftest import assert_each_fails_clearly

VERSIONS = ['20.0.10', '20.0.7']


@pytest.fixture(scope='module', params=VERSIONS)
def pbx_server(request, emulator_server):
    """The session emulator (20.0.10), or one started for this module as PBX 20.0.7."""
    if request.param == '20.0.10':
        yield emulator_server
        return
    with start_emulator('--pbx-version', request.param) as handle:
        yield handle


@pytest.fixture
def emulator(pbx_server):
    """Overrides the harness fixture so that every test here runs against both PBX versions."""
    pbx_server.reset()
    pbx_server.clear_faults()
    pbx_server.clear_requests()
    yield pbx_server


@pytest.fixture
def departments(api, emulator):
    """Sales, Support and Service exist; returns their ids by name (request log cleared)."""
    ids = dict((name, api.call('POST', 'Groups', json={'Name': name})['Id']) for name in ('Sales', 'Support', 'Service'))
    emulator.clear_requests()
    return ids


def parking_task(**options):
    return {'name': 'parking', 'tcx.xapi.tcx_parking': options}


def parkings(emulator):
    """Every parking the emulator holds, as ``{number: sorted department names}``."""
    state = emulator.state()
    names = dict((g['Id'], g['Name']) for g in state['groups'])
    return dict((p['Number'], sorted(names[m['GroupId']] for m in state['memberships']
                                     if m['MemberType'] == 'Parking' and m['MemberId'] == p['Id']))
                for p in state['parkings'])


def writes(emulator):
    return [(w['method'], w['path'], w['body']) for w in emulator.writes()]


SHARED = {'number': 'SP11', 'departments': ['Support', 'Sales']}


def test_departments_in_another_order_and_repeated_are_the_same_set(emulator, play, departments):
    run = play([parking_task(**SHARED), parking_task(number='SP11', departments=['Sales', 'Support', 'Sales'])])
    result = run.result()
    assert result['changed'] is False
    assert result['diff']['before'] == result['diff']['after'] == {'departments': ['Sales', 'Support']}
    assert run.writes(1) == []


def test_present_without_number_twice_creates_exactly_one_parking(emulator, play, departments):
    first = play([parking_task(departments=['Sales', 'Support'])]).result()
    assert first['changed'] is True
    assert first['diff'] == {'before': {}, 'after': {'departments': ['Sales', 'Support']}}
    number = first['parking']['number']
    assert number.startswith('SP')
    second = play([parking_task(departments=['Support', 'Sales'])]).result()
    assert second['changed'] is False and second['parking']['number'] == number
    assert parkings(emulator) == {number: ['Sales', 'Support']}
    assert [w[0] for w in writes(emulator)] == ['POST']


def test_without_number_a_parking_with_other_departments_is_not_the_same(emulator, play, departments):
    play([parking_task(number='SP5', departments=['Sales'])], expect_rc=0)
    result = play([parking_task(departments=['Sales', 'Support'])]).result()
    assert result['changed'] is True
    created = result['parking']['number']
    assert parkings(emulator) == {'SP5': ['Sales'], created: ['Sales', 'Support']}


def test_lost_post_answer_without_number_does_not_create_a_duplicate(emulator, play, departments):
    emulator.add_fault(method='POST', path='^/xapi/v1/Parkings$', action='status', status=503, when='after')
    result = play([parking_task(departments=['Sales', 'Support'])]).result()
    assert result['changed'] is True
    assert parkings(emulator) == {result['parking']['number']: ['Sales', 'Support']}
    assert [w[0] for w in writes(emulator)] == ['POST']


def test_check_mode_without_number_predicts_a_create_and_writes_nothing(emulator, play, departments):
    checked = play([parking_task(departments=['Sales', 'Support'])], check=True).result()
    assert checked['changed'] is True
    assert checked['diff'] == {'before': {}, 'after': {'departments': ['Sales', 'Support']}}
    assert emulator.writes() == [] and parkings(emulator) == {}


def test_absent_by_department_set_deletes_the_matching_parking(emulator, play, departments):
    play([parking_task(number='SP5', departments=['Sales'])], expect_rc=0)
    play([parking_task(number='SP6', departments=['Sales', 'Support'])], expect_rc=0)
    result = play([parking_task(departments=['Support', 'Sales'], state='absent')]).result()
    assert result['changed'] is True
    assert parkings(emulator) == {'SP5': ['Sales']}
    assert play([parking_task(departments=['Support', 'Sales'], state='absent')]).result()['changed'] is False


def test_absent_by_department_set_matching_several_fails_listing_them(emulator, play, departments):
    play([parking_task(number='SP5', departments=['Sales'])], expect_rc=0)
    play([parking_task(number='SP6', departments=['Sales'])], expect_rc=0)
    emulator.clear_requests()
    result = play([parking_task(departments=['Sales'], state='absent')])
    assert result.rc != 0
    assert '2 parkings have exactly these departments (SP5, SP6)' in result.result()['msg']
    assert emulator.writes() == []
    assert parkings(emulator) == {'SP5': ['Sales'], 'SP6': ['Sales']}


def test_unknown_department_only_warns_in_check_mode(emulator, play, departments):
    result = play([parking_task(departments=['Sales', 'Nowhere'])], check=True)
    assert result.rc == 0 and result.result()['changed'] is True
    assert "unknown department 'Nowhere'" in result.stdout + result.stderr
    assert emulator.writes() == []


BAD_INPUT = [
    ({'number': 'SP11', 'departments': []}, 'departments must name at least one department'),
    ({'departments': ['Sales', 'Nowhere']}, "unknown department 'Nowhere'"),
    ({'number': 'SP11'}, 'state is present but all of the following are missing: departments'),
    ({'state': 'absent'}, 'one of the following is required: number, departments'),
    ({'number': 'SP11', 'departments': ['Sales'], 'state': 'gone'}, 'value of state must be one of: present, absent'),
]


def test_bad_input_fails_clearly_and_writes_nothing(emulator, play, departments):
    assert_each_fails_clearly(play, parking_task, BAD_INPUT)
    assert emulator.writes() == []
