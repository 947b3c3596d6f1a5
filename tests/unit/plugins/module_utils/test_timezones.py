# -*- coding: utf-8 -*-
"""Time zone names to the PBX's zone IDs, without a PBX (the table is the emulator's, as a real PBX sends it)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.tcx.xapi.plugins.module_utils.connection import Context
from ansible_collections.tcx.xapi.plugins.module_utils.fields import ValidationError
from ansible_collections.tcx.xapi.plugins.module_utils.timezones import resolve_timezone, timezone_display
from ansible_collections.tcx.xapi.plugins.module_utils.registry import REGISTRY

TABLE = [
    {'Id': '4', 'WindowsName': 'Pacific Standard Time', 'IanaName': 'America/Los_Angeles', 'Name': '(UTC-08:00) Pacific'},
    {'Id': '35', 'WindowsName': 'Eastern Standard Time', 'IanaName': 'America/New_York', 'Name': '(UTC-05:00) Eastern'},
    {'Id': '50', 'WindowsName': 'GMT Standard Time', 'IanaName': 'Europe/London', 'Name': '(UTC+00:00) London'},
    {'Id': '51', 'WindowsName': 'UTC', 'IanaName': 'Etc/UTC', 'Name': '(UTC) Coordinated Universal Time'},
    {'Id': '52', 'WindowsName': 'Greenwich Standard Time', 'IanaName': 'Atlantic/Reykjavik', 'Name': '(UTC+00:00) Reykjavik'},
    {'Id': '60', 'WindowsName': 'W. Europe Standard Time', 'IanaName': 'Europe/Berlin', 'Name': '(UTC+01:00) Berlin'},
    {'Id': '61', 'WindowsName': 'Central Europe Standard Time', 'IanaName': 'Europe/Budapest', 'Name': '(UTC+01:00) Budapest'},
    {'Id': '62', 'WindowsName': 'Romance Standard Time', 'IanaName': 'Europe/Paris', 'Name': '(UTC+01:00) Paris'},
    {'Id': '63', 'WindowsName': 'Central European Standard Time', 'IanaName': 'Europe/Warsaw', 'Name': '(UTC+01:00) Warsaw'},
    {'Id': '72', 'WindowsName': 'FLE Standard Time', 'IanaName': 'Europe/Kiev', 'Name': '(UTC+02:00) Kyiv'},
    {'Id': '105', 'WindowsName': 'Tokyo Standard Time', 'IanaName': 'Asia/Tokyo', 'Name': '(UTC+09:00) Tokyo'},
]


class FakeModule(object):
    params = {}
    check_mode = False


def context():
    ctx = Context(FakeModule(), client=None, kinds=REGISTRY)
    ctx.lookups.timezones = TABLE
    return ctx


@pytest.mark.parametrize('name, zone_id', [
    ('Europe/Berlin', '60'),
    ('europe/berlin', '60'),
    ('Europe/Vienna', '60'),
    ('Europe/Amsterdam', '60'),
    ('Europe/Zurich', '60'),
    ('W. Europe Standard Time', '60'),
    ('Europe/Madrid', '62'),
    ('Europe/Prague', '61'),
    ('UTC', '51'),
    ('Etc/GMT', '51'),
    ('Zulu', '51'),
    ('Europe/Kyiv', '72'),
    ('Europe/Kiev', '72'),
    ('Europe/Helsinki', '72'),
    ('US/Eastern', '35'),
    ('America/Toronto', '35'),
    ('Europe/Lisbon', '50'),
    ('Africa/Abidjan', '52'),
    ('Japan', '105'),
    ('Asia/Seoul', '105'),  # not listed anywhere: the one zone of the table with the same clock all year
    ('60', '60'),
])
def test_a_zone_resolves_by_iana_name_link_windows_name_or_clock(name, zone_id):
    assert resolve_timezone(context(), name) == zone_id


def test_an_unknown_zone_lists_the_closest_names():
    with pytest.raises(ValidationError) as error:
        resolve_timezone(context(), 'Europe/Berlinn')
    assert "unknown timezone 'Europe/Berlinn'" in str(error.value)
    assert 'closest matches: Europe/Berlin' in str(error.value)


@pytest.mark.parametrize('name', ['CET', 'Africa/Lagos'])
def test_a_zone_whose_clock_matches_several_table_zones_or_none_is_not_guessed(name):
    with pytest.raises(ValidationError, match="unknown timezone '%s'" % name):
        resolve_timezone(context(), name)


def test_a_zone_shows_as_written_when_it_is_the_pbx_zone_else_by_its_iana_name():
    assert timezone_display(context(), '60', 'Europe/Vienna') == 'Europe/Vienna'
    assert timezone_display(context(), '51', 'Europe/Vienna') == 'Etc/UTC'
    assert timezone_display(context(), '999', None) == '999'
    assert timezone_display(context(), None, 'UTC') is None


class ZoneClient(object):
    """A client whose Defs answer is ``table``, counting the reads; its cache directory is ``cache_dir``."""

    base_url = 'https://pbx.example.com/xapi/v1/'

    def __init__(self, table, cache_dir):
        self.table = table
        self.cache_dir = cache_dir
        self.reads = 0

    def get(self, path, params=None):
        assert path == 'Defs' and params == {'$select': 'Id', '$expand': 'TimeZones'}
        self.reads += 1
        return {'Id': 1, 'TimeZones': list(self.table)}


def task(client):
    return Context(FakeModule(), client=client, kinds=REGISTRY)


def test_the_zone_table_is_read_once_and_kept_for_the_next_tasks(tmp_path):
    client = ZoneClient(TABLE, str(tmp_path))
    assert resolve_timezone(task(client), 'Europe/Berlin') == '60'
    assert timezone_display(task(client), '51') == 'Etc/UTC'
    assert resolve_timezone(task(client), 'Asia/Tokyo') == '105'
    assert client.reads == 1
    assert [p.name.split('-')[0] for p in tmp_path.iterdir()] == ['timezones']
    assert oct(next(tmp_path.iterdir()).stat().st_mode & 0o777) == '0o600'


def test_a_zone_the_kept_table_does_not_know_reads_the_pbx_again(tmp_path):
    client = ZoneClient(TABLE[:3], str(tmp_path))
    assert resolve_timezone(task(client), 'America/New_York') == '35'
    client.table = TABLE  # the PBX was updated and knows more zones
    assert resolve_timezone(task(client), 'Europe/Berlin') == '60'
    assert timezone_display(task(client), '105') == 'Asia/Tokyo'
    assert client.reads == 2


def test_without_a_cache_directory_every_task_reads_the_table():
    client = ZoneClient(TABLE, None)
    assert resolve_timezone(task(client), 'Europe/Berlin') == '60'
    assert resolve_timezone(task(client), 'Europe/Berlin') == '60'
    assert client.reads == 2
