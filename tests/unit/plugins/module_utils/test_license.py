# -*- coding: utf-8 -*-
"""The licence: key masked, dates parsed, days left counted in UTC calendar days, warnings."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.tcx.xapi.plugins.module_utils.license import licence, masked_key, parse_date, raw, warnings

NOW = datetime.datetime(2027, 1, 1, 23, 30, tzinfo=datetime.timezone.utc)


def test_the_key_shows_only_its_last_four_characters():
    assert masked_key('ABCD-EFGH-IJKL-MNOP') == '****-****-****-MNOP'
    assert masked_key('SHORT') == '*****' and masked_key(None) is None


def test_dates_with_offsets_and_fractions():
    assert parse_date('2027-01-31T00:00:00Z') == datetime.datetime(2027, 1, 31, tzinfo=datetime.timezone.utc)
    assert parse_date('2027-01-31T01:00:00.25+01:00') == datetime.datetime(2027, 1, 31, tzinfo=datetime.timezone.utc)
    assert parse_date(None) is None and parse_date('31.01.2027') is None


def test_days_left_are_calendar_days_and_warnings_name_what_runs_out():
    found = licence({'ExpirationDate': '2027-01-21T00:00:00Z', 'MaintenanceExpiresAt': '2026-12-01T00:00:00Z',
                     'LicenseKey': 'ABCD-EFGH-IJKL-MNOP', 'MaxSimCalls': 16}, NOW)
    assert (found['days_left'], found['maintenance_days_left'], found['simultaneous_calls']) == (20, -31, 16)
    assert warnings(found, 20) == ['the licence runs out in 20 day(s) (2027-01-21T00:00:00Z)',
                                   'maintenance ran out 31 day(s) ago (2026-12-01T00:00:00Z)']
    assert warnings(found, 19) == ['maintenance ran out 31 day(s) ago (2026-12-01T00:00:00Z)']
    assert warnings(licence({}, NOW), 30) == []  # a licence without dates never runs out


def test_raw_has_no_licence_key():
    assert raw({'@odata.context': 'x', 'LicenseKey': 'ABCD', 'MaxSimCalls': 8}) == {'MaxSimCalls': 8}
