# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Time zones: the PBX's table in ``/Defs`` and the translation of IANA names to its IDs."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.entity import ValidationError


def timezone_table(ctx):
    """The PBX's time zones (``Id``, ``Name``, ``IanaName``), read once per task."""
    def read():
        defs = ctx.client.get('Defs', params={'$select': 'Id', '$expand': 'TimeZones'})
        return defs.get('TimeZones') or []
    return ctx.cached('timezones', read)


def resolve_timezone(ctx, value):
    """Return the PBX time zone ID for an ID (``"51"``, kept as is) or a name (``Europe/Berlin``)."""
    text = str(value).strip()
    if text.isdigit():
        return text
    wanted = text.lower()
    for zone in timezone_table(ctx):
        if wanted in (str(zone.get('IanaName') or '').lower(), str(zone.get('Name') or '').lower()):
            return str(zone['Id'])
    raise ValidationError(unknown_timezone_message(ctx, text))


def require_known_timezone(ctx, zone_id):
    """Fail unless ``zone_id`` is in the PBX's table."""
    if not any(str(zone.get('Id')) == str(zone_id) for zone in timezone_table(ctx)):
        raise ValidationError(unknown_timezone_message(ctx, zone_id))


def unknown_timezone_message(ctx, value):
    """A message that names the problem and shows a few valid values."""
    examples = ', '.join('%s (%s)' % (z.get('Id'), z.get('IanaName')) for z in timezone_table(ctx)[:5])
    return ('unknown timezone %r: use a 3CX time zone ID or an IANA name from the PBX table, for example %s'
            % (str(value), examples))
