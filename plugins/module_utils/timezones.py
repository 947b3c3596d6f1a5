# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Time zones: the PBX's table in ``/Defs`` and the translation of any zone name to its IDs.

The PBX keeps one row per Windows time zone (``Id``, ``WindowsName``, ``IanaName``, ``Name``).
Users write IANA names (``Europe/Vienna``, ``UTC``, ``Europe/Kyiv``), Windows names
(``W. Europe Standard Time``) or the PBX's own ID (``"60"``). A name resolves, in this order:
by the table itself (ID, IANA, Windows or display name, case-insensitive); by the Windows zone
the name belongs to (:data:`WINDOWS_ZONES`, the grouping of Unicode CLDR's windowsZones); by
the one table zone whose clock shows the same time all year (``zoneinfo``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import difflib
import hashlib
import json
import os
import tempfile

try:
    from zoneinfo import ZoneInfo
except ImportError:  # pragma: no cover - Python < 3.9 is not supported, kept for the import sanity test
    ZoneInfo = None

from ansible_collections.tcx.xapi.plugins.module_utils.fields import ValidationError

# Windows zone -> IANA names (canonical names and their links) that Windows files under it, after
# CLDR's windowsZones grouping. Listed are the zones whose clocks have twins under another Windows
# zone (Vienna and Paris keep the same time, but Windows files them under different zones), so
# that comparing clocks cannot tell them apart; every other zone resolves by its clock.
WINDOWS_ZONES = {
    'UTC': ('Etc/UTC', 'Etc/GMT', 'Etc/UCT', 'Etc/Universal', 'Etc/Zulu', 'Etc/Greenwich', 'Etc/GMT0',
            'Etc/GMT+0', 'Etc/GMT-0', 'UTC', 'UCT', 'GMT', 'GMT0', 'GMT+0', 'GMT-0', 'Greenwich',
            'Universal', 'Zulu'),
    'Greenwich Standard Time': ('Atlantic/Reykjavik', 'Africa/Abidjan', 'Africa/Accra', 'Africa/Bamako',
                                'Africa/Banjul', 'Africa/Bissau', 'Africa/Conakry', 'Africa/Dakar',
                                'Africa/Freetown', 'Africa/Lome', 'Africa/Monrovia', 'Africa/Nouakchott',
                                'Africa/Ouagadougou', 'Atlantic/St_Helena', 'Iceland'),
    'GMT Standard Time': ('Europe/London', 'Europe/Dublin', 'Europe/Lisbon', 'Europe/Guernsey',
                          'Europe/Isle_of_Man', 'Europe/Jersey', 'Atlantic/Canary', 'Atlantic/Faroe',
                          'Atlantic/Faeroe', 'Atlantic/Madeira', 'Europe/Belfast', 'GB', 'GB-Eire', 'Eire',
                          'Portugal'),
    'W. Europe Standard Time': ('Europe/Berlin', 'Europe/Amsterdam', 'Europe/Andorra', 'Europe/Busingen',
                                'Europe/Gibraltar', 'Europe/Luxembourg', 'Europe/Malta', 'Europe/Monaco',
                                'Europe/Oslo', 'Europe/Rome', 'Europe/San_Marino', 'Europe/Stockholm',
                                'Europe/Vaduz', 'Europe/Vatican', 'Europe/Vienna', 'Europe/Zurich',
                                'Arctic/Longyearbyen', 'Atlantic/Jan_Mayen'),
    'Central Europe Standard Time': ('Europe/Budapest', 'Europe/Belgrade', 'Europe/Bratislava',
                                     'Europe/Ljubljana', 'Europe/Podgorica', 'Europe/Prague', 'Europe/Tirane'),
    'Romance Standard Time': ('Europe/Paris', 'Europe/Brussels', 'Europe/Copenhagen', 'Europe/Madrid',
                              'Africa/Ceuta'),
    'Central European Standard Time': ('Europe/Warsaw', 'Europe/Sarajevo', 'Europe/Skopje', 'Europe/Zagreb',
                                       'Poland'),
    'GTB Standard Time': ('Europe/Bucharest', 'Europe/Athens', 'Asia/Nicosia', 'Asia/Famagusta', 'Europe/Nicosia'),
    'FLE Standard Time': ('Europe/Kiev', 'Europe/Kyiv', 'Europe/Helsinki', 'Europe/Mariehamn', 'Europe/Riga',
                          'Europe/Sofia', 'Europe/Tallinn', 'Europe/Vilnius', 'Europe/Uzhgorod',
                          'Europe/Zaporozhye'),
    'Russian Standard Time': ('Europe/Moscow', 'Europe/Simferopol', 'Europe/Kirov', 'W-SU'),
    'Arabic Standard Time': ('Asia/Baghdad',),
    'Arab Standard Time': ('Asia/Riyadh', 'Asia/Aden', 'Asia/Bahrain', 'Asia/Kuwait', 'Asia/Qatar'),
    'China Standard Time': ('Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Chongqing',
                            'Asia/Harbin', 'Asia/Macao', 'PRC', 'Hongkong'),
    'Singapore Standard Time': ('Asia/Singapore', 'Asia/Kuala_Lumpur', 'Asia/Brunei', 'Asia/Kuching',
                                'Asia/Makassar', 'Asia/Manila', 'Singapore'),
    'India Standard Time': ('Asia/Kolkata', 'Asia/Calcutta'),
    'Eastern Standard Time': ('America/New_York', 'America/Detroit', 'America/Nassau', 'America/Toronto',
                              'America/Montreal', 'US/Eastern', 'US/Michigan', 'EST5EDT'),
    'Central Standard Time': ('America/Chicago', 'America/Winnipeg', 'America/Menominee', 'US/Central',
                              'Canada/Central', 'CST6CDT'),
    'Mountain Standard Time': ('America/Denver', 'America/Edmonton', 'America/Boise', 'US/Mountain',
                               'Canada/Mountain', 'MST7MDT'),
    'Pacific Standard Time': ('America/Los_Angeles', 'America/Vancouver', 'US/Pacific', 'Canada/Pacific',
                              'PST8PDT'),
    'Atlantic Standard Time': ('America/Halifax', 'America/Glace_Bay', 'America/Goose_Bay', 'America/Moncton',
                               'America/Thule', 'Atlantic/Bermuda', 'Canada/Atlantic'),
}
# The year whose clocks are compared: every day at noon UTC shows the offset and DST rules.
_COMPARED_YEAR = 2025
# How many close names an unknown-zone message proposes.
MATCHES_SHOWN = 5


def _stored_path(client):
    """The file that keeps a PBX's time zone table next to its token (see token_cache.py), or None."""
    directory = getattr(client, 'cache_dir', None)
    if not directory:
        return None
    return os.path.join(directory, 'timezones-%s.json' % hashlib.sha256(client.base_url.encode('utf-8')).hexdigest()[:40])


def _stored_table(client):
    path = _stored_path(client)
    try:
        with open(path) as handle:
            table = json.load(handle)
        return table if isinstance(table, list) and table else None
    except (TypeError, OSError, ValueError):
        return None


def _store_table(client, table):
    path = _stored_path(client)
    if not path or not table:
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix='.timezones-')
        with os.fdopen(fd, 'w') as handle:
            json.dump(table, handle)
        os.chmod(tmp, 0o600)
        os.rename(tmp, path)
    except OSError:
        pass


def timezone_table(ctx, fresh=False):
    """The PBX's time zones (``Id``, ``Name``, ``IanaName``, ``WindowsName``): read once, then kept where the token is
    kept, so that a task that only compares or shows a zone makes no request for it (a PBX's zones and their IDs
    never change). ``fresh`` reads the PBX again (a zone not in the kept table: the PBX was updated)."""
    lookups = ctx.lookups
    if lookups.timezones is None and not fresh:
        lookups.timezones = _stored_table(ctx.client)
        lookups.timezones_kept = lookups.timezones is not None
    if lookups.timezones is None or (fresh and lookups.timezones_kept):
        defs = ctx.client.get('Defs', params={'$select': 'Id', '$expand': 'TimeZones'})
        lookups.timezones = defs.get('TimeZones') or []
        lookups.timezones_kept = False
        _store_table(ctx.client, lookups.timezones)
    return lookups.timezones


def _zone_with_id(ctx, zone_id):
    """The table row of a PBX zone ID (the PBX read again when the kept table does not know it), or None."""
    for fresh in (False, True):
        for zone in timezone_table(ctx, fresh):
            if str(zone.get('Id')) == str(zone_id):
                return zone
    return None


def _windows_zone_of(name):
    wanted = name.lower()
    for windows, members in WINDOWS_ZONES.items():
        if wanted == windows.lower() or wanted in (m.lower() for m in members):
            return windows
    return None


_CLOCKS = {}


def _clock(name):
    """The UTC offsets (minutes) of zone ``name`` on each day of the compared year, or None if unknown here."""
    if name not in _CLOCKS:
        _CLOCKS[name] = _compute_clock(name)
    return _CLOCKS[name]


def _compute_clock(name):
    if ZoneInfo is None:
        return None
    try:
        zone = ZoneInfo(name)
    except (ValueError, LookupError, OSError):
        return None
    start = datetime.datetime(_COMPARED_YEAR, 1, 1, 12, tzinfo=datetime.timezone.utc)
    return tuple(int((start + datetime.timedelta(days=day)).astimezone(zone).utcoffset().total_seconds() // 60)
                 for day in range(365))


def find_timezone(table, value):
    """The table row for a zone ID or name (see the module docstring for the rules), or None."""
    text = str(value).strip()
    wanted = text.lower()
    for zone in table:
        if wanted in (str(zone.get(prop) or '').lower() for prop in ('Id', 'IanaName', 'WindowsName', 'Name')):
            return zone
    windows = _windows_zone_of(text)
    if windows is not None:
        for zone in table:
            if str(zone.get('WindowsName') or '').lower() == windows.lower() or _windows_zone_of(
                    str(zone.get('IanaName') or '')) == windows:
                return zone
    clock = _clock(text)
    if clock is None:
        return None
    same = [zone for zone in table if zone.get('IanaName') and _clock(zone['IanaName']) == clock]
    return same[0] if len(same) == 1 else None


def resolve_timezone(ctx, value):
    """Return the PBX time zone ID for an ID (``"51"``) or a name (``Europe/Vienna``, ``UTC``, a Windows name).

    Digits are kept as given (:func:`require_known_timezone` checks them before a write).
    """
    text = str(value).strip()
    if text.isdigit():
        return text
    zone = find_timezone(timezone_table(ctx), text) or find_timezone(timezone_table(ctx, fresh=True), text)
    if zone is None:
        raise ValidationError(unknown_timezone_message(ctx, text))
    return str(zone['Id'])


def timezone_display(ctx, zone_id, written=None):
    """How a diff shows the PBX zone ``zone_id``: as the user ``written`` it when that is the same zone,
    else by its IANA name (its ID when the table does not know it)."""
    if zone_id is None:
        return None
    if written is not None:
        try:
            if resolve_timezone(ctx, written) == str(zone_id):
                return written
        except ValidationError:
            pass
    zone = _zone_with_id(ctx, zone_id)
    return (zone or {}).get('IanaName') or str(zone_id)


def timezone_id(value, ctx):
    """A ``timezone`` option as written (``Europe/Vienna``) to the PBX's ID (``"60"``): a field's ``to_api``."""
    return resolve_timezone(ctx, value)


def timezone_shown(zone_id, ctx):
    """The PBX's zone ID as the ``timezone`` option wrote it (when it is that zone), else its IANA name:
    a field's ``from_api``."""
    return timezone_display(ctx, zone_id, ctx.params.get('timezone'))


def require_known_timezone(ctx, zone_id):
    """Fail unless ``zone_id`` is in the PBX's table."""
    if _zone_with_id(ctx, zone_id) is None:
        raise ValidationError(unknown_timezone_message(ctx, zone_id))


def unknown_timezone_message(ctx, value):
    """A message that names the problem and the closest names the PBX knows."""
    table = timezone_table(ctx)
    names = {}
    for zone in table:
        for prop in ('IanaName', 'WindowsName'):
            if zone.get(prop):
                names[str(zone[prop])] = zone
    for windows, members in WINDOWS_ZONES.items():
        for member in members:
            if '/' in member:
                names.setdefault(member, None)
    close = difflib.get_close_matches(str(value), list(names), n=MATCHES_SHOWN, cutoff=0.5)
    if not close:
        close = [str(z.get('IanaName')) for z in table[:MATCHES_SHOWN] if z.get('IanaName')]
        lead = 'for example'
    else:
        lead = 'closest matches'
    return ('unknown timezone %r: use an IANA name (Europe/Vienna), a Windows name (W. Europe Standard Time) '
            'or a 3CX time zone ID; %s: %s' % (str(value), lead, ', '.join(close)))
