# -*- coding: utf-8 -*-
"""tcx_license_info: the licence with its key masked, its dates and the warnings before they run out."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime


def licence(**options):
    return {'name': 'licence', 'tcx.xapi.tcx_license_info': options, 'register': 'out'}


def days_from_now(days):
    today = datetime.datetime.now(datetime.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    return (today + datetime.timedelta(days=days)).strftime('%Y-%m-%dT%H:%M:%SZ')


def set_licence(emulator, **values):
    state = emulator.state()
    state['license_status'].update(values)
    emulator.load_state(state)


def test_one_get_masked_key_edition_calls_and_days_left(emulator, play):
    emulator.clear_requests()
    run = play([licence()], expect_rc=0)
    result = run.result()
    found = result['license']
    assert result['changed'] is False and result['warnings_expiry'] == []
    assert found['key'] == '****-*****-*****-*EKEY' and 'EMUL-ATOR1' not in str(result)
    assert 'LicenseKey' not in result['raw'] and result['raw']['MaxSimCalls'] == 8
    assert (found['edition'], found['simultaneous_calls'], found['active']) == ('3CXPSPROFENT', 8, True)
    assert (found['days_left'], found['maintenance_days_left']) == (365, 200)
    assert [(r['method'], r['path']) for r in emulator.requests(path='^/xapi/')] == [('GET', '/xapi/v1/LicenseStatus')]
    assert emulator.writes() == []


def test_it_warns_days_before_the_licence_or_maintenance_runs_out(emulator, play):
    set_licence(emulator, ExpirationDate=days_from_now(20), MaintenanceExpiresAt=days_from_now(-3))
    run = play([licence(warn_days=21)], expect_rc=0)
    result = run.result()
    assert result['warnings_expiry'] == ['the licence runs out in 20 day(s) (%s)' % days_from_now(20),
                                         'maintenance ran out 3 day(s) ago (%s)' % days_from_now(-3)]
    assert 'the licence runs out in 20 day(s)' in run.stdout + run.stderr
    quiet = play([licence(warn_days=19)], expect_rc=0).result()
    assert quiet['warnings_expiry'] == ['maintenance ran out 3 day(s) ago (%s)' % days_from_now(-3)]
    bad = play([dict(licence(warn_days=-1), ignore_errors=True)]).result()
    assert bad['msg'] == 'warn_days must be 0 or more days, got -1'
