# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A user's forwarding profiles (the status of the 3CX app: Available, Away, Out of office, Custom 1 and 2) as one option.

The PBX holds them in the user's ``ForwardingProfiles`` list (``Pbx.ForwardingProfile``, official spec
swagger-20.0.10.yaml): per profile its ``Name``, ``AvailableRoute`` (``Pbx.AvailableRouting``: where unanswered,
busy and not registered calls go, internal and external calls apart), ``AwayRoute`` (``Pbx.AwayRouting``: where
all calls go, internal and external apart), ``NoAnswerTimeout``, ``RingMyMobile``, ``AcceptMultipleCalls`` and
``DisableRingGroupCalls``. The option is ``{profile: {situation: destination or {internal_calls, external_calls},
setting: value}}``; only the profiles, situations and settings given are managed. A PATCH replaces the whole list
(FACTS.md), so a change sends every profile as read, with only the given parts changed.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.tcx.xapi.plugins.module_utils.destinations import DestinationField, Destinations
from ansible_collections.tcx.xapi.plugins.module_utils.fields import Field, ValidationError, rule_problems

# The profiles, as the option names them and as the PBX names them (Pbx.ForwardingProfile.Name and
# Pbx.User.CurrentProfileName; the spec has no enumeration: the names are those of the 3CX web client, compared
# ignoring case, spaces and underscores).
PROFILES = (('available', 'Available'), ('away', 'Away'), ('out_of_office', 'Out of office'),
            ('custom_1', 'Custom 1'), ('custom_2', 'Custom 2'))
PROFILE_NAMES = dict(PROFILES)
# Where calls go in each situation: the routing property and its properties for internal and external calls.
SITUATIONS = (('no_answer', 'AvailableRoute', 'NoAnswerInternal', 'NoAnswerExternal'),
              ('busy', 'AvailableRoute', 'BusyInternal', 'BusyExternal'),
              ('not_registered', 'AvailableRoute', 'NotRegisteredInternal', 'NotRegisteredExternal'),
              ('all_calls', 'AwayRoute', 'Internal', 'External'))
CALLS = ('internal_calls', 'external_calls')
SETTINGS = (('no_answer_timeout', 'NoAnswerTimeout', int), ('ring_my_mobile', 'RingMyMobile', bool),
            ('accept_multiple_calls', 'AcceptMultipleCalls', bool), ('reject_ring_group_calls', 'DisableRingGroupCalls', bool))
# Pbx.DestinationType targets a forwarding rule may have; ``mobile`` is the user's own mobile number, which the PBX
# holds as an ``External`` destination to it.
FORWARD_TARGETS = Destinations(
    [('end_call', 'None'), ('voicemail', 'VoiceMail'), ('extension', 'Extension'), ('queue', 'Queue'),
     ('ring_group', 'RingGroup'), ('ivr', 'IVR'), ('external', 'External'), ('mobile', 'External')],
    numbered=('extension', 'queue', 'ring_group', 'ivr'), external=('external',), number_optional=('voicemail',))
# Seconds a call rings before it counts as not answered (the web client offers 5 to 600).
TIMEOUT = (1, 600)


def profile_option(name):
    """The option name of a profile as the PBX names it (``Out of office`` -> ``out_of_office``), or None."""
    folded = str(name or '').lower().replace(' ', '').replace('_', '')
    for option, pbx in PROFILES:
        if folded == option.replace('_', ''):
            return option
    return None


def current_profile_to_api(value, ctx):
    """``out_of_office`` -> ``Out of office`` (``CurrentProfileName``)."""
    return PROFILE_NAMES[value]


def current_profile_from_api(value, ctx):
    """``Out of office`` -> ``out_of_office``; a name the collection does not know stays as it is."""
    return profile_option(value) or value


class ForwardDestination(DestinationField):
    """One destination of a forwarding rule."""

    form = FORWARD_TARGETS


class ForwardingField(Field):
    """The option ``forwarding``: the user's forwarding profiles, compared and written only where given."""

    def __init__(self, option, path):
        super(ForwardingField, self).__init__(option, path, type='dict', rule=self)
        self.key = ForwardDestination('destination', 'Destination')

    # -- input ------------------------------------------------------------------------------------

    def canonical(self, value):
        """Profiles as given; a situation given as one destination is that destination for internal and external
        calls; destinations without unset parts and with ``to`` in its option name."""
        found = {}
        for option, profile in (value or {}).items():
            if not isinstance(profile, dict):
                found[option] = profile
                continue
            shaped = {}
            for name, setting in profile.items():
                if setting is None:
                    continue
                if name in dict((s[0], s) for s in SITUATIONS) and isinstance(setting, dict):
                    calls = dict((c, setting) for c in CALLS) if 'to' in setting else setting
                    setting = dict((c, self.destination(d)) for c, d in calls.items() if d is not None)
                shaped[name] = setting
            found[option] = shaped
        return found

    def destination(self, value):
        if not isinstance(value, dict):
            return value
        value = dict((k, str(v) if k in ('number', 'external') else v) for k, v in value.items() if v is not None)
        return self.key.canonical(value)

    def problem(self, value):
        """Every problem of the value, each starting with its place (``.away.all_calls.internal_calls to must be ...``)."""
        if not isinstance(value, dict):
            return None
        problems = []
        for option, profile in sorted(self.canonical(value).items()):
            if option not in PROFILE_NAMES:
                problems.append('has profile %r; the profiles are %s' % (option, ', '.join(p[0] for p in PROFILES)))
            elif not isinstance(profile, dict):
                problems.append('.%s must be a dict of situations and settings' % option)
            else:
                problems.extend('.%s%s' % (option, p) for p in self.profile_problems(profile))
        return problems or None

    def profile_problems(self, profile):
        problems = []
        situations = [s[0] for s in SITUATIONS]
        settings = dict((s[0], s[2]) for s in SETTINGS)
        for name, setting in sorted(profile.items()):
            if name in situations:
                if not isinstance(setting, dict):
                    problems.append('.%s must be a destination or a dict of internal_calls and external_calls' % name)
                    continue
                for calls, destination in sorted(setting.items()):
                    if calls not in CALLS:
                        problems.append('.%s has %r; give a destination (to, number, ...) or internal_calls and '
                                        'external_calls' % (name, calls))
                    elif not isinstance(destination, dict):
                        problems.append('.%s.%s must be a destination (to, number, name or external)' % (name, calls))
                    else:
                        found = self.key.problem(destination) or '; '.join(rule_problems(self.key.suboptions, destination))
                        if found:
                            problems.append('.%s.%s %s' % (name, calls, found))
            elif name in settings:
                problem = self.setting_problem(name, setting, settings[name])
                if problem:
                    problems.append('.%s %s' % (name, problem))
            else:
                problems.append(' has %r; the situations are %s and the settings %s' % (
                    name, ', '.join(situations), ', '.join(s[0] for s in SETTINGS)))
        return problems

    @staticmethod
    def setting_problem(name, value, kind):
        if kind is bool:
            return None if isinstance(value, bool) else 'must be true or false, got %r' % (value,)
        if isinstance(value, bool) or not isinstance(value, int):
            return 'must be a number of seconds, got %r' % (value,)
        if not TIMEOUT[0] <= value <= TIMEOUT[1]:
            return 'must be from %d to %d seconds, got %d' % (TIMEOUT[0], TIMEOUT[1], value)
        return None

    # -- reading and comparing ----------------------------------------------------------------------

    @staticmethod
    def mobile(ctx, entity=None):
        """The user's mobile number after this task: the option if given, else the one the PBX holds."""
        given = (getattr(ctx, 'params', None) or {}).get('mobile')
        if given:
            return given
        if entity is not None:
            ctx.cache['forwarding_mobile'] = entity.get('Mobile')
        return ctx.cache.get('forwarding_mobile')

    def read(self, entity, ctx, disagreeing=True):
        """Every profile the PBX holds, in the option's shape (a destination to the user's mobile as ``to: mobile``)."""
        profiles = entity.get(self.path)
        if profiles is None:
            return None
        mobile = self.mobile(ctx, entity)
        found = {}
        for profile in profiles:
            option = profile_option(profile.get('Name'))
            if option is None:
                continue
            shaped = {}
            for name, route, internal, external in SITUATIONS:
                held = profile.get(route) or {}
                calls = dict((c, self.read_destination(held.get(prop), ctx, mobile)) for c, prop in zip(CALLS, (internal, external)))
                calls = dict((c, d) for c, d in calls.items() if d)
                if calls:
                    shaped[name] = calls
            for name, prop, dummy in SETTINGS:
                if profile.get(prop) is not None:
                    shaped[name] = profile[prop]
            found[option] = shaped
        return found

    def read_destination(self, api, ctx, mobile):
        value = self.key.from_api(api, ctx)
        if value and value.get('to') == 'external' and mobile and value.get('external') == mobile:
            return {'to': 'mobile'}
        return value

    def same(self, current, desired, ctx=None):
        current = current or {}
        for option, profile in self.canonical(desired).items():
            held = current.get(option)
            if held is None:
                return False
            for name, setting in profile.items():
                if isinstance(setting, dict):
                    held_calls = held.get(name) or {}
                    if not all(self.key.same(held_calls.get(c), d, ctx) for c, d in setting.items()):
                        return False
                elif held.get(name) != setting:
                    return False
        return True

    def shown(self, current, desired, ctx=None):
        """The parts of the profiles that the desired value gives."""
        if not isinstance(current, dict):
            return current
        shown = {}
        for option, profile in self.canonical(desired).items():
            held = current.get(option)
            if held is None:
                continue
            part = {}
            for name, setting in profile.items():
                if isinstance(setting, dict):
                    calls = dict((c, self.shown_destination((held.get(name) or {}).get(c), d, ctx)) for c, d in setting.items())
                    calls = dict((c, d) for c, d in calls.items() if d)
                    if calls:
                        part[name] = calls
                elif held.get(name) is not None:
                    part[name] = held[name]
            shown[option] = part
        return shown or None

    def shown_destination(self, current, desired, ctx=None):
        """The parts of a held destination that the desired one sets; all of it when it goes elsewhere (an outside number
        that is not the user's mobile shows as the number)."""
        if isinstance(current, dict) and current.get('to') != self.key.form.option(desired.get('to')):
            return current
        return self.key.shown(current, desired, ctx)

    # -- writing ------------------------------------------------------------------------------------

    def to_api(self, value, ctx, held=None):
        """The whole list: the profiles as held (``held``; on create none), the given parts changed, new ones added."""
        profiles = copy.deepcopy(held or [])
        by_option = dict((profile_option(p.get('Name')), p) for p in profiles)
        for option, profile in sorted(self.canonical(value).items()):
            target = by_option.get(option)
            if target is None:
                target = by_option[option] = {'Name': PROFILE_NAMES[option]}
                profiles.append(target)
            for name, route, internal, external in SITUATIONS:
                for calls, prop in zip(CALLS, (internal, external)):
                    destination = (profile.get(name) or {}).get(calls)
                    if destination is not None:
                        routing = target.get(route)
                        if not isinstance(routing, dict):
                            routing = target[route] = {}
                        routing[prop] = self.key.to_api(self.resolved(destination, ctx), ctx, held=routing.get(prop))
            for name, prop, dummy in SETTINGS:
                if profile.get(name) is not None:
                    target[prop] = profile[name]
        return profiles

    def resolved(self, destination, ctx):
        """``to: mobile`` as the PBX holds it: an external destination to the user's mobile number; a queue, ring group
        or IVR given by name must exist (check mode warns: an earlier task may create it)."""
        if destination.get('name') is not None and self.key.form.number(ctx, destination) is None:
            text = "forwarding: no %s named '%s'" % (destination['to'].replace('_', ' '), destination['name'])
            if not ctx.module.check_mode:
                raise ValidationError(text)
            ctx.module.warn(text + ': check mode assumes an earlier task creates it')
        if self.key.form.option(destination.get('to')) != 'mobile':
            return destination
        mobile = self.mobile(ctx)
        if not mobile:
            raise ValidationError('forwarding to: mobile needs the user\'s mobile number: set mobile')
        return {'to': 'external', 'external': mobile}
