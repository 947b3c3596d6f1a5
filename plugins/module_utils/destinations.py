# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where a call goes, in one option shape everywhere: routes, no-answer, IVR keys, inbound rules.

A destination is ``{to, number, name, external}``:

- ``to``: ``extension``, ``queue``, ``ring_group``, ``ivr``, ``voicemail``, ``external``, ``end_call``, ...
  (the snake_case of the PBX's names; the PBX's own spelling, ``RingGroup``, is accepted too);
- ``number``: the extension, queue, ring group or IVR number, or instead
- ``name``: a queue, ring group or IVR by its name (resolved to its number, also to any one the same
  tcx_config run creates: see converge.py for the order of its writes);
- ``external``: the outside number, for ``to: external``.

The PBX holds two forms of it: ``Pbx.Destination`` (``To``, ``Number``, ``External``; in routes inside
``Pbx.Route`` with the prompt) and an IVR's forwards (``ForwardType``, ``ForwardDN``). A
:class:`Destinations` table per form translates; :class:`DestinationField` and :class:`RouteField`
are the fields a kind declares.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.fields import (
    TEXT_RULE, Field, Rule, Spread, ValidationError, get_option, rule_problems,
)
from ansible_collections.tcx.xapi.plugins.module_utils.references import directory, objects_by, objects_by_key

# The targets a destination may give by name instead of by number: those of the kinds named by a name (their
# ``answers_to``; tests/unit/plugins/module_utils/test_layering.py holds the two together). Which kind holds a
# target's numbers is asked at run time (``ctx.kinds.answering(to)``).
NAMED = ('ivr', 'queue', 'ring_group')
NUMBER_RULE = Rule(not_empty=True, max_length=20, pattern=r'^[0-9*#]+$', shape='an extension number (digits)')
EXTERNAL_RULE = Rule(not_empty=True, max_length=40, pattern=r'^[+0-9 ()./*#-]+$', shape='a phone number')


def _fold(name):
    return str(name).lower().replace('_', '')


class Destinations(object):
    """One form of destination on the PBX: ``{option name: PBX name}`` of its targets, which of them
    need a number, which may have one (``carries_number``: kept and compared when given) and which an
    external number."""

    def __init__(self, targets, numbered, external=(), number_optional=()):
        self.targets = dict(targets)
        self.numbered = frozenset(numbered)
        self.carries_number = self.numbered.union(number_optional)
        self.external = frozenset(external)
        self._by_fold = {}
        for option, pbx in self.targets.items():
            self._by_fold.setdefault(_fold(option), option)
            self._by_fold.setdefault(_fold(pbx), option)
        self._option_of = {}
        for option, pbx in self.targets.items():
            self._option_of.setdefault(pbx, option)

    def option(self, to):
        """The option name of a target as written (``RingGroup``, ``ring_group``), or None if unknown."""
        return self._by_fold.get(_fold(to)) if to is not None else None

    def option_of_pbx(self, pbx):
        """The option name of the PBX's name of a target (``VoiceMail`` -> ``voicemail``)."""
        return self._option_of.get(pbx, pbx)

    def problem(self, value):
        """What is wrong with a destination (a phrase), or None: a Rule for :func:`rule_problems`."""
        if not isinstance(value, dict):
            return None
        to = value.get('to')
        if to is None:
            return 'needs to (one of %s)' % ', '.join(sorted(self.targets)) if any(
                value.get(k) is not None for k in ('number', 'name', 'external')) else None
        option = self.option(to)
        if option is None:
            return 'to must be one of %s, got %r' % (', '.join(sorted(self.targets)), to)
        if value.get('name') is not None and option not in NAMED:
            return 'name is only for to: %s; give number with to: %s' % (', '.join(sorted(NAMED)), option)
        if value.get('name') is not None and value.get('number') is not None:
            return 'give number or name, not both'
        if option in self.numbered and value.get('number') is None and value.get('name') is None:
            return 'needs number%s with to: %s' % (' or name' if option in NAMED else '', option)
        if option in self.external and not value.get('external'):
            return 'needs external (the outside number) with to: %s' % option
        return None

    def number(self, ctx, value):
        """The number a destination goes to: ``number``, or the number of the object ``name`` names (None
        in check mode for an object that does not exist yet; a stand-in's number for an object tcx_config
        creates in the same run)."""
        if value.get('name') is None:
            return value.get('number')
        found = objects_by_key(ctx, ctx.kinds.answering(self.option(value['to'])), [value['name']])[value['name']]
        return found.get('Number') if found is not None else None

    def target(self, ctx, value):
        """``(kind, object)`` of the object a destination goes to as this task knows it (``object``
        ``{Id, Name, Number}``), or None: by ``name``, or by ``number`` among the objects of the kind that holds
        numbers of its target (of any such kind for a bare number). Reads nothing."""
        if not isinstance(value, dict):
            return None
        option = self.option(value.get('to')) if value.get('to') is not None else None
        if value.get('name') is not None:
            found = directory(ctx, ctx.kinds.answering(option)).known(value['name']) if option in NAMED else None
            return (ctx.kinds.answering(option), found) if found is not None else None
        number = value.get('number')
        if number is None:
            return None
        for holder in ctx.kinds.holders(option):
            found = directory(ctx, holder).by_number.get(str(number))
            if found is not None:
                return holder, found
        return None

    def waits(self, ctx, value):
        """Whether a destination goes to an object that tcx_config creates in this run and that does not
        exist yet when the object holding the destination is created: a stand-in (negative Id) of a kind
        not created before it (``ctx.created_before``). tcx_config sets such an edge once every object exists."""
        found = self.target(ctx, value)
        return found is not None and found[1].get('Id', 0) < 0 and found[0].plural not in ctx.created_before


# Pbx.DestinationType; ``end_call`` is the PBX's ``None``.
DESTINATION = Destinations(
    [('end_call', 'None'), ('none', 'None'), ('voicemail', 'VoiceMail'), ('extension', 'Extension'),
     ('queue', 'Queue'), ('ring_group', 'RingGroup'), ('ivr', 'IVR'), ('external', 'External'), ('fax', 'Fax'),
     ('boomerang', 'Boomerang'), ('deflect', 'Deflect'), ('voicemail_of_destination', 'VoiceMailOfDestination'),
     ('callback', 'Callback'), ('route_point', 'RoutePoint'), ('proceed_with_no_exceptions', 'ProceedWithNoExceptions')],
    numbered=('extension', 'queue', 'ring_group', 'ivr', 'fax', 'route_point', 'voicemail_of_destination'),
    external=('external',), number_optional=('voicemail',))  # VoiceMail with a Number: that user's voicemail
# Pbx.IVRForwardType: what an IVR key, its timeout or an invalid key leads to.
IVR_FORWARD = Destinations(
    [('end_call', 'EndCall'), ('extension', 'Extension'), ('ring_group', 'RingGroup'), ('queue', 'Queue'),
     ('ivr', 'IVR'), ('voicemail', 'VoiceMail'), ('call_by_name', 'CallByName'), ('repeat_prompt', 'RepeatPrompt'),
     ('custom_input', 'CustomInput')],
    numbered=('extension', 'ring_group', 'queue', 'ivr', 'voicemail'))

DESTINATION_OPTIONS = ('to', 'number', 'name', 'external')


def destination_suboptions():
    """The suboptions of a destination option."""
    return [Field('to'), Field('number', rule=NUMBER_RULE), Field('name', rule=TEXT_RULE), Field('external', rule=EXTERNAL_RULE)]


def forward_suboptions():
    """The suboptions of an IVR forward: a destination without an outside number (IVR_FORWARD has none)."""
    return [field for field in destination_suboptions() if field.option != 'external']


class DestinationField(Field):
    """An option whose value is one ``Pbx.Destination`` at ``path`` (``ForwardNoAnswer``), compared as the
    PBX routes: the target, and its number or outside number where it has one."""

    form = DESTINATION
    extra = ()

    def __init__(self, option, path, **kwargs):
        kwargs.setdefault('suboptions', destination_suboptions())
        super(DestinationField, self).__init__(option, path, type='dict', rule=self, **kwargs)

    def problem(self, value):
        return self.form.problem(value)

    def destination_of(self, api):
        """The destination part (``Pbx.Destination``) of the PBX's value."""
        return api

    def waits(self, ctx, value):
        return self.form.waits(ctx, value)

    def without(self, value, numbers):
        """A destination to one of ``numbers`` ends the call instead (a route keeps its prompt)."""
        if not isinstance(value, dict) or value.get('number') is None or str(value['number']) not in numbers:
            return value
        kept = dict((k, v) for k, v in value.items() if k not in DESTINATION_OPTIONS)
        return dict(kept, to='end_call')

    def from_api(self, value, ctx):
        destination = self.destination_of(value) or {}
        if not value:
            return None
        to = self.form.option_of_pbx(destination.get('To')) if destination.get('To') is not None else None
        value = {'to': to}
        if to in self.form.carries_number and destination.get('Number'):
            value['number'] = destination['Number']
        if to in self.form.external and destination.get('External'):
            value['external'] = destination['External']
        return dict((k, v) for k, v in value.items() if v is not None)

    def wanted(self, ctx, value):
        """The desired value as the PBX would hold it: ``to`` in its option name, ``name`` resolved to ``number``."""
        wanted = dict((k, v) for k, v in value.items() if v is not None and k != 'name')
        if value.get('to') is not None:
            wanted['to'] = self.form.option(value['to'])
        if value.get('name') is not None:
            wanted['number'] = self.form.number(ctx, value)
        return wanted

    def canonical(self, value):
        """``to`` in its option name (``VoiceMail`` -> ``voicemail``); an unknown one stays for its error."""
        to = self.form.option(value.get('to'))
        return dict(value, to=to) if to is not None else value

    def shown(self, current, desired, ctx=None):
        """The current destination in the shape of the desired one: the desired one itself when both reach the
        same object (a ring group by name and its number are one destination); else the parts the desired one
        sets, a queue, ring group or IVR by its name when the desired one names its object."""
        if not isinstance(current, dict):
            return current
        destination = dict((k, v) for k, v in desired.items() if k in DESTINATION_OPTIONS and v is not None)
        if self.reaches_same(current, destination, ctx):
            shown = destination
        else:
            shown = self.as_written(current, destination, ctx)
        shown.update((k, current[k]) for k, v in desired.items()
                     if k not in DESTINATION_OPTIONS and v is not None and current.get(k) is not None)
        return shown or None

    def as_written(self, current, destination, ctx):
        """The current destination (options) with the parts ``destination`` gives: by name when it gives a name
        and the PBX's number is a queue, ring group or IVR that ``ctx`` can name, else by number."""
        given = set(destination)
        if 'name' in given:
            given.add('number')
        shown = dict((k, v) for k, v in current.items() if k in given and k in DESTINATION_OPTIONS)
        name = self.name_of(ctx, current.get('to'), current.get('number')) if 'name' in given else None
        if name is not None:
            shown.pop('number', None)
            shown['name'] = name
        return shown

    def name_of(self, ctx, to, number):
        """The name of the queue, ring group or IVR (``to``) that holds ``number``, or None (one GET by number
        at most, only for a destination that changes)."""
        option = self.form.option(to) if to is not None else None
        if ctx is None or option not in NAMED or not number:
            return None
        return (objects_by(ctx, ctx.kinds.answering(option), 'Number', [str(number)]).get(str(number)) or {}).get('Name')

    def same(self, current, desired, ctx=None):
        return self.reaches_same(current, desired, ctx)

    def reaches_same(self, current, desired, ctx=None):
        """Whether the current destination (options) reaches what the desired one gives: the same target, and
        the same object (its number, or the number of the object it names) or outside number where it has one."""
        current = current or {}
        wanted = self.wanted(ctx, desired)
        if wanted.get('to') is not None and wanted['to'] not in self.form.carries_number:
            wanted.pop('number', None)
        if wanted.get('to') is not None and wanted['to'] not in self.form.external:
            wanted.pop('external', None)
        return all(self.form.option(current.get(k)) == v if k == 'to' else current.get(k) == v for k, v in wanted.items())

    def to_api(self, value, ctx, held=None):
        destination = dict(self.destination_of(held) or {})
        wanted = self.wanted(ctx, value)
        if any(key in wanted for key in ('to', 'number')):
            # Name and Type describe the destination held; the PBX fills them in for a new one.
            destination.pop('Name', None)
            destination.pop('Type', None)
        if 'to' in wanted:
            destination['To'] = self.form.targets[wanted['to']]
        if 'number' in wanted:
            destination['Number'] = wanted['number']
        if 'external' in wanted:
            destination['External'] = wanted['external']
        return destination


class RouteField(DestinationField):
    """An option whose value is one ``Pbx.Route`` at ``path`` (``OfficeRoute``): a destination plus
    ``prompt_enabled`` and ``prompt``, the shape of a department's, ring group's, queue's or IVR's routes."""

    PROMPT = (('prompt_enabled', 'IsPromptEnabled'), ('prompt', 'Prompt'))

    def __init__(self, option, path, **kwargs):
        suboptions = destination_suboptions() + [Field('prompt_enabled', type='bool'), Field('prompt', rule=TEXT_RULE)]
        super(RouteField, self).__init__(option, path, suboptions=suboptions, **kwargs)

    def destination_of(self, api):
        return (api or {}).get('Route')

    def from_api(self, value, ctx):
        route = value or {}
        found = super(RouteField, self).from_api(value, ctx) or {}
        for option, prop in self.PROMPT:
            if route.get(prop) is not None:
                found[option] = route[prop]
        return found or None

    def same(self, current, desired, ctx=None):
        current = current or {}
        if any(desired.get(option) is not None and current.get(option) != desired[option] for option, _p in self.PROMPT):
            return False
        destination = dict((k, v) for k, v in desired.items() if k in DESTINATION_OPTIONS)
        return self.reaches_same(current, destination, ctx)

    def to_api(self, value, ctx, held=None):
        route = dict(held or {})
        route['Route'] = super(RouteField, self).to_api(value, ctx, held)
        for option, prop in self.PROMPT:
            if value.get(option) is not None:
                route[prop] = value[option]
        return route


def routes(names):
    """The four routes of an object that has office hours (department, ring group, queue, IVR):
    a ``routing`` group of :class:`RouteField` options on ``OfficeRoute`` ... ``HolidaysRoute``."""
    return Field('routing', type='dict', suboptions=[RouteField(option, prop) for option, prop in names])


ROUTES = (('office_hours', 'OfficeRoute'), ('out_of_office', 'OutOfOfficeRoute'), ('break_time', 'BreakRoute'),
          ('holidays', 'HolidaysRoute'))
# Ring groups, queues and IVRs answer in office hours themselves: the official spec (Pbx.RingGroup, Pbx.Queue,
# Pbx.Receptionist) gives them no OfficeRoute, only the three routes for the other periods.
OTHER_HOURS_ROUTES = ROUTES[1:]


def destination_uses(destination, sentence):
    """``[(number, sentence)]`` of one ``Pbx.Destination`` (XAPI form) when it goes to a number: a kind's ``uses``."""
    destination = destination or {}
    if DESTINATION.option_of_pbx(destination.get('To')) in DESTINATION.carries_number and destination.get('Number'):
        return [(destination['Number'], sentence)]
    return []


def route_uses(entity, noun):
    """``[(number, sentence)]`` of the routes of an object (XAPI form) that go to a number: a kind's ``uses``."""
    found = []
    for option, prop in ROUTES:
        found.extend(destination_uses((entity.get(prop) or {}).get('Route'),
                                      "%s '%s' routes %s calls to it (routing.%s); route them elsewhere first"
                                      % (noun, entity.get('Name'), option.replace('_', ' '), option)))
    return found


class ForwardField(Spread, DestinationField):
    """An option whose value is one destination held as a ``Pbx.IVRForwardType`` and a number in two properties:
    ``TimeoutForwardType``/``TimeoutForwardDN`` of an IVR, ``ForwardType``/``ForwardDN`` of an IVR key."""

    form = IVR_FORWARD

    def __init__(self, option, type_path, number_path, **kwargs):
        kwargs.setdefault('suboptions', forward_suboptions())
        super(ForwardField, self).__init__(option, (type_path, number_path), **kwargs)

    def destination_of(self, api):
        api = api or {}
        return {'To': api.get(self.paths[0]), 'Number': api.get(self.paths[1])}

    def from_api(self, value, ctx):
        if not value or value.get(self.paths[0]) is None:
            return None
        return super(ForwardField, self).from_api(value, ctx)

    def to_api(self, value, ctx, held=None):
        destination = super(ForwardField, self).to_api(value, ctx)
        return {self.paths[0]: destination.get('To'), self.paths[1]: destination.get('Number')}


class NumberOnlyField(DestinationField):
    """An option whose value is a destination the PBX holds as a bare number (an IVR's ``InvalidKeyForwardDN``).

    ``to`` says what the number is (where ``name`` is looked up, what must hold the number) and may be left
    out with ``number``; a target without a number (``end_call``) clears it. Results give the number only.
    """

    form = IVR_FORWARD

    def __init__(self, option, path, **kwargs):
        kwargs.setdefault('suboptions', forward_suboptions())
        super(NumberOnlyField, self).__init__(option, path, **kwargs)

    def problem(self, value):
        if isinstance(value, dict) and value.get('to') is None and value.get('name') is None:
            return None  # a bare number, as the PBX holds it
        return super(NumberOnlyField, self).problem(value)

    def from_api(self, value, ctx):
        return {'number': value} if value else None

    def wanted_number(self, ctx, value):
        """The number the destination goes to, None for a target without one."""
        if value.get('to') is not None and self.form.option(value['to']) not in self.form.numbered:
            return None
        return self.form.number(ctx, value)

    def reaches_same(self, current, desired, ctx=None):
        return (current or {}).get('number') == self.wanted_number(ctx, desired)

    def as_written(self, current, destination, ctx):
        """The number held; by name when the desired destination names a queue, ring group or IVR holding it."""
        name = self.name_of(ctx, destination.get('to'), current.get('number')) if 'name' in destination else None
        return {'to': self.form.option(destination['to']), 'name': name} if name is not None else dict(current)

    def to_api(self, value, ctx, held=None):
        return self.wanted_number(ctx, value)


MENU_KEYS = '0123456789*#'


class MenuField(Field):
    """An IVR's keys as ``{key: destination}`` (keys ``0``-``9``, ``*``, ``#``), held as its ``Forwards`` list of
    ``{Input, ForwardType, ForwardDN}``. The PBX replaces the whole list on a PATCH: the menu given is the whole menu."""

    def __init__(self, option, path):
        super(MenuField, self).__init__(option, path, type='dict', rule=self)
        self.key = ForwardField(option, 'ForwardType', 'ForwardDN')

    def canonical(self, value):
        """Keys as strings (YAML reads ``1:`` as a number), destinations without unset parts, numbers as strings,
        ``to`` in its option name."""
        found = {}
        for key, destination in (value or {}).items():
            if isinstance(destination, dict):
                destination = self.key.canonical(dict((k, str(v) if k in ('number', 'external') else v)
                                                      for k, v in destination.items() if v is not None))
            found[str(key)] = destination
        return found

    def problem(self, value):
        if not isinstance(value, dict):
            return None
        problems = []
        for key, destination in sorted(self.canonical(value).items()):
            if len(key) != 1 or key not in MENU_KEYS:
                problems.append('has key %r; the keys are 0-9, * and # (quote them in YAML)' % key)
            elif not isinstance(destination, dict):
                problems.append('key %s must be a destination (to, number or name)' % key)
            else:
                found = self.key.problem(destination) or '; '.join(rule_problems(self.key.suboptions, destination))
                if found:
                    problems.append('key %s %s' % (key, found))
        return '; '.join(problems) or None

    def destinations(self, where, value):
        return [('%s.%s' % (where, key), self.key, destination) for key, destination in sorted(self.canonical(value).items())]

    def from_api(self, value, ctx):
        return dict((item['Input'], self.key.from_api(item, ctx)) for item in value or [] if item.get('Input') is not None)

    def waits(self, ctx, value):
        return any(self.key.waits(ctx, destination) for destination in self.canonical(value).values())

    def without(self, value, numbers):
        """The menu without the keys that go to one of ``numbers``."""
        menu = self.canonical(value)
        kept = dict((key, d) for key, d in menu.items() if not (isinstance(d, dict) and str(d.get('number')) in numbers))
        return kept if len(kept) < len(menu) else value

    def same(self, current, desired, ctx=None):
        current, desired = current or {}, self.canonical(desired)
        return set(current) == set(desired) and all(self.key.same(current[k], desired[k], ctx) for k in desired)

    def shown(self, current, desired, ctx=None):
        """The keys held, each in the shape of the desired key (see :meth:`DestinationField.shown`): a key that
        reaches the same object shows as written."""
        if not isinstance(current, dict):
            return current
        desired = self.canonical(desired)
        return dict((key, self.key.shown(held, desired[key], ctx) if isinstance(desired.get(key), dict) else held)
                    for key, held in current.items())

    def to_api(self, value, ctx, held=None):
        menu = self.canonical(value)
        items = []
        for key in sorted(menu, key=MENU_KEYS.index):
            item = {'Input': key}
            item.update(self.key.to_api(menu[key], ctx))
            items.append(item)
        return items


def _destinations(field, where, value):
    """``[(where, field, value)]`` of the destinations in one option value."""
    if hasattr(field, 'destinations'):
        return field.destinations(where, value)
    if isinstance(field, DestinationField) and isinstance(value, dict):
        return [(where, field, value)]
    return []


def destinations_in(kind, params):
    """``[(option path, field, value)]``: every destination the options give (routes, no-answer, IVR keys, ...)."""
    found = []
    for leaf in kind.leaves():
        value = get_option(params, leaf.option_path)
        if value is not None:
            found.extend(_destinations(leaf.field, '.'.join(leaf.option_path), value))
    return found


def named_in(ctx, kind):
    """``[(plural, name)]``: the queues, ring groups and IVRs the options (``ctx.params``) name (a kind's ``named`` hook)."""
    found = []
    for _where, field, value in destinations_in(kind, ctx.params):
        option = field.form.option(value.get('to'))
        if value.get('name') is not None and option in NAMED:
            found.append((ctx.kinds.answering(option).plural, value['name']))
    return found


def require_known_numbers(ctx, kind, params):
    """Fail (before any write) when a destination given by number goes to a number that no object of its
    target holds: one GET per target kind for the numbers not known yet. In check mode a single module only
    warns, since an earlier task may create it; tcx_config knows every object it creates."""
    wanted = {}
    for where, field, value in destinations_in(kind, params):
        option = field.form.option(value.get('to')) if value.get('to') is not None else None
        if value.get('number') is not None and ctx.kinds.answering(option) is not None:
            wanted.setdefault(option, []).append((where, str(value['number'])))
    problems = []
    for option in sorted(wanted):
        holder = ctx.kinds.answering(option)
        found = objects_by(ctx, holder, 'Number', [number for _where, number in wanted[option]])
        problems.extend('%s: no %s has number %s' % (where, holder.name, number)
                        for where, number in wanted[option] if number not in found)
    if not problems:
        return
    text = '; '.join(problems)
    complete = ctx.lookups.whole_state or all(directory(ctx, ctx.kinds.answering(o)).complete for o in wanted)
    if ctx.module.check_mode and not complete:
        ctx.module.warn(text + ': check mode assumes an earlier task creates it')
        return
    raise ValidationError(text)


def forward_uses(forward_type, number, sentence):
    """``[(number, sentence)]`` of one IVR forward (``ForwardType``, ``ForwardDN``) that goes to a number."""
    if number and IVR_FORWARD.option_of_pbx(forward_type) in IVR_FORWARD.numbered:
        return [(number, sentence)]
    return []
