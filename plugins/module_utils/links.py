# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Friendly names: the one namespace of website links, click-to-call ids and meeting names.

A user's friendly URL (``ClickToCallId``/``WebMeetingFriendlyName``), a department's click-to-call
id and a live chat link (``WebsiteLinks('name')``) share one namespace on the PBX. Modules that set
such a name call :func:`ensure_link_available` before their first write.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.tcx.xapi.plugins.module_utils.client import XAPIError
from ansible_collections.tcx.xapi.plugins.module_utils.fields import ValidationError
from ansible_collections.tcx.xapi.plugins.module_utils.odata import any_of, build_query, equals

VALIDATE_LINK = 'WebsiteLinks/Pbx.ValidateLink'
# Friendly names end up in URLs (/callus/<name>, /meet/<name>); the PBX accepts these characters.
LINK_NAME = re.compile(r'^[A-Za-z0-9][A-Za-z0-9._-]*$')
MAX_LINK_NAME = 64
USER_NAME_PROPS = ('ClickToCallId', 'WebMeetingFriendlyName')


def check_link_name(name):
    """Raise :class:`ValidationError` when ``name`` cannot be a friendly name (no request)."""
    if not name or len(name) > MAX_LINK_NAME or not LINK_NAME.match(name):
        raise ValidationError(
            "friendly name %r is not valid: use 1 to %d letters, digits, '.', '_' or '-', "
            "starting with a letter or digit" % (name, MAX_LINK_NAME))


def link_holders(ctx, name, pair):
    """Who holds friendly name ``name`` other than the owner ``pair``: a list of readable descriptions.

    Reads only (three filtered GETs, case-insensitive like the PBX): users whose click-to-call id or
    meeting name is ``name``, departments whose click-to-call id is ``name``, and the website link
    ``name``. Entities whose number is ``pair`` (and a link whose department or owner is ``pair``)
    are the owner's own and are left out.
    """
    holders = []
    users = ctx.client.get('Users', params=build_query(
        any_of(*[equals(prop, name, ignore_case=True) for prop in USER_NAME_PROPS]),
        ['Id', 'Number', 'FirstName', 'LastName'], top=10)).get('value', [])
    for user in users:
        if user.get('Number') != pair:
            full_name = ('%s %s' % (user.get('FirstName') or '', user.get('LastName') or '')).strip()
            holders.append("user %s%s" % (user.get('Number'), ' (%s)' % full_name if full_name else ''))
    groups = ctx.client.get('Groups', params=build_query(
        equals('ClickToCallId', name, ignore_case=True), ['Id', 'Number', 'Name'], top=10)).get('value', [])
    for group in groups:
        if group.get('Number') != pair:
            holders.append("department '%s'" % group.get('Name'))
    links = ctx.client.get('WebsiteLinks', params=build_query(
        equals('Link', name, ignore_case=True), ['Link', 'Name', 'Group', 'DN'], top=10)).get('value', [])
    for link in links:
        owners = set([link.get('Link'), link.get('Group'), (link.get('DN') or {}).get('Number')])
        if pair not in owners:
            holders.append("website link '%s'" % link.get('Link'))
    return holders


def ensure_link_available(ctx, name, pair):
    """Make sure friendly name ``name`` is free for the owner whose number is ``pair``; else raise.

    ``pair`` is the owner's number (a user's extension, a link's own name or department number):
    a name the owner already holds counts as available. In a real run this asks the PBX
    (``POST WebsiteLinks/Pbx.ValidateLink``, which writes nothing); in check mode, where the client
    refuses every POST, it answers the same question with GETs (:func:`link_holders`).
    Raises :class:`ValidationError` ("friendly name 'x' is already used by user 101 (Ada Lovelace)").
    """
    check_link_name(name)
    if ctx.module.check_mode:
        holders = link_holders(ctx, name, pair)
        if holders:
            raise _taken(name, holders)
        return
    try:
        ctx.client.post(VALIDATE_LINK, {'model': {'FriendlyName': name, 'Pair': pair}}, retry=True)
    except XAPIError as exc:
        if exc.status != 400:
            raise
        holders = link_holders(ctx, name, pair)
        if holders or exc.key == 'WARNINGS.XAPI.ALREADY_IN_USE':
            raise _taken(name, holders or ['another user, department or website link'])
        raise ValidationError("friendly name %r was refused by the PBX: %s" % (name, exc.explain()))


def _taken(name, holders):
    return ValidationError("friendly name '%s' is already used by %s; choose another name"
                           % (name, ', '.join(holders)))
