# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The PBX's licence (the XAPI singleton LicenseStatus) as tcx_license_info and the audit report it.

The licence key is a secret of the customer's: only its last four characters are shown. Dates are the
PBX's (``ExpirationDate``, ``MaintenanceExpiresAt``); ``days_left`` counts calendar days (UTC) from today.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import re

from ansible_collections.tcx.xapi.plugins.module_utils.fields import strip_secrets

DATE = re.compile(r'^(?P<time>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.\d+)?(?P<zone>Z|[+-]\d{2}:\d{2})?$')
# What is read: everything a monthly compliance report lists per customer.
SELECT = ('Activated', 'LicenseActive', 'LicenseKey', 'ProductCode', 'MaxSimCalls', 'SimMeetingParticipants',
          'ExpirationDate', 'MaintenanceExpiresAt', 'Support', 'CompanyName', 'ResellerName', 'Version', 'CountryCode')


def masked_key(key):
    """The licence key with all but its last four characters hidden (``****-****-****-ABCD``)."""
    if not key:
        return None
    shown = key[-4:] if len(key) > 8 else ''
    return ''.join('-' if char == '-' else '*' for char in key[:len(key) - len(shown)]) + shown


def parse_date(text):
    """An XAPI ``Edm.DateTimeOffset`` (``2027-01-31T00:00:00Z``, ``...+01:00``, fractions of a second) as an aware
    datetime, or None."""
    match = DATE.match(text or '')
    if not match:
        return None
    zone = match.group('zone')
    offset = datetime.timedelta(0) if zone in ('Z', None) else \
        (1 if zone[0] == '+' else -1) * datetime.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
    # fromisoformat reads what DATE matched as strptime('%Y-%m-%dT%H:%M:%S') would, without strptime's first call in a
    # process (7 ms: it imports _strptime and builds its regular expressions, in every worker of an audit).
    return datetime.datetime.fromisoformat(match.group('time')).replace(tzinfo=datetime.timezone(offset))


def days_until(when, now):
    """Calendar days (UTC) from ``now`` to ``when`` (0 on its day, negative once past), or None."""
    utc = datetime.timezone.utc
    return None if when is None else (when.astimezone(utc).date() - now.astimezone(utc).date()).days


def licence(status, now=None):
    """The licence in the module's shape: key masked, edition, simultaneous calls, dates and days left."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    expires, maintenance = parse_date(status.get('ExpirationDate')), parse_date(status.get('MaintenanceExpiresAt'))
    return {
        'key': masked_key(status.get('LicenseKey')),
        'edition': status.get('ProductCode'),
        'active': status.get('LicenseActive'),
        'activated': status.get('Activated'),
        'simultaneous_calls': status.get('MaxSimCalls'),
        'meeting_participants': status.get('SimMeetingParticipants'),
        'expires_at': status.get('ExpirationDate'),
        'days_left': days_until(expires, now),
        'maintenance_expires_at': status.get('MaintenanceExpiresAt'),
        'maintenance_days_left': days_until(maintenance, now),
        'support': status.get('Support'),
        'company': status.get('CompanyName'),
        'reseller': status.get('ResellerName'),
        'version': status.get('Version'),
    }


def warnings(found, warn_days):
    """The sentences that say what runs out within ``warn_days`` days (or ran out)."""
    found_warnings = []
    for what, days, date in (('the licence', found['days_left'], found['expires_at']),
                             ('maintenance', found['maintenance_days_left'], found['maintenance_expires_at'])):
        if days is None:
            continue
        if days < 0:
            found_warnings.append('%s ran out %d day(s) ago (%s)' % (what, -days, date))
        elif days <= warn_days:
            found_warnings.append('%s runs out in %d day(s) (%s)' % (what, days, date))
    return found_warnings


def raw(status):
    """LicenseStatus as XAPI returns it, without the licence key."""
    return strip_secrets(dict((k, v) for k, v in status.items() if not k.startswith('@odata')), extra=('LicenseKey',))
