# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The system-wide office hours (the XAPI singleton OfficeHours), shared by tcx_office_hours and tcx_config.

``Pbx.OfficeHours`` holds the weekly office hours (``Hours``, a ``Pbx.Schedule``), the breaks
(``BreakTime``, another one), the time zone (``TimeZoneId``) and the system language (``SystemLanguage``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.fields import Field, LanguageField, Rule
from ansible_collections.tcx.xapi.plugins.module_utils.kind import SingletonKind
from ansible_collections.tcx.xapi.plugins.module_utils.times import WeeklyHours
from ansible_collections.tcx.xapi.plugins.module_utils.timezones import (
    require_known_timezone, resolve_timezone, timezone_id, timezone_shown,
)


class OfficeHours(SingletonKind):
    name = 'office hours'
    plural = 'office_hours'
    module = 'tcx_office_hours'
    entity_set = 'OfficeHours'
    result_key = 'office_hours'
    fields = [
        WeeklyHours('hours', 'Hours', 'OfficeHours'),
        WeeklyHours('breaks', 'BreakTime', 'BreakTime'),
        Field('timezone', 'TimeZoneId', to_api=timezone_id, from_api=timezone_shown, rule=Rule(not_empty=True)),
        LanguageField('language', 'SystemLanguage'),
    ]

    def normalize(self, ctx, desired):
        if desired.get('timezone') is not None:
            resolve_timezone(ctx, desired['timezone'])  # an unknown zone fails here, before planning
        return desired

    def preflight(self, ctx, plan):
        if 'TimeZoneId' in plan.payload:
            require_known_timezone(ctx, plan.payload['TimeZoneId'])
