# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Who uses a number: the objects that send calls to it, and the lists that hold it, in one place.

The PBX refuses to delete an extension, ring group, queue or IVR while an object sends calls to its number
(a route, a no-answer destination, an IVR key, an inbound rule: ``WARNINGS.CANNOT_BE_DELETED``), and drops
a deleted user from the lists that hold it (a ring group's members, a queue's agents and managers). The
kinds say what their objects use (``uses``) and hold (``holds``); these functions ask every kind that
``sends_calls`` about its objects, for a single module's delete (:func:`check_delete`) and for tcx_config.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.fields import ValidationError
from ansible_collections.tcx.xapi.plugins.module_utils.references import directory, objects_by


def is_destination(kind):
    """Whether objects of ``kind`` can be where a call goes (users, ring groups, queues, IVRs): only then does
    deleting one ask who uses it."""
    return bool(kind.answers_to)


def holder_of(ctx, number, kind, key):
    """The object of any extension kind (user, ring group, queue, IVR) that holds ``number``, other than the object
    ``key`` of ``kind`` itself (tcx_config's stand-in for it), as ``(noun, object)``; or None. One GET by number per
    kind not read completely yet."""
    for holder in ctx.kinds.holders():
        known = directory(ctx, holder)
        found = known.by_number.get(number) if known.complete else objects_by(ctx, holder, 'Number', [number]).get(number)
        if found is None or (holder.entity_set == kind.entity_set and kind.folded_key(found.get(kind.key_property)) == kind.folded_key(key)):
            continue
        return holder.name, found
    return None


def require_free_number(ctx, kind, number, key):
    """Fail (before any write, in check mode too) when another object already holds the ``number`` a new object
    of ``kind`` (named ``key``) is given: the PBX numbers users, ring groups, queues and IVRs in one range."""
    found = holder_of(ctx, number, kind, key)
    if found is not None:
        raise ValidationError('number %s is already held by %s: give a free number, or leave number out and the '
                              'PBX assigns one' % (number, described_holder(*found)))


def described_holder(noun, entity):
    """``ring group 800 ('Sales')``, ``user 100 ('Ada Lovelace')``: an object that holds an extension number, as a
    refusal names it (a single module's and tcx_config's)."""
    name = entity.get('Name') or ' '.join(p for p in (entity.get('FirstName'), entity.get('LastName')) if p)
    return '%s %s%s' % (noun, entity.get('Number'), " ('%s')" % name if name else '')


def senders(ctx, kinds):
    """``[(kind, objects)]`` of the kinds that send calls: one listing (paged by 100) per kind."""
    return [(kind, kind.listing(ctx.client)) for kind in kinds if kind.sends_calls]


def users_of(sent, numbers):
    """``[(number, sentence)]``: what the objects of ``sent`` (``[(kind, objects)]``) send to ``numbers``,
    each sentence naming the object and the option (``IVR 'Main Menu' sends key 2 to it (menu.2); ...``)."""
    numbers = set(str(n) for n in numbers)
    return [(number, text) for kind, objects in sent for entity in objects
            for number, text in kind.uses(entity or {}) if str(number) in numbers]


def lists_holding(sent, numbers):
    """``[(number, text)]``: the lists of the objects of ``sent`` that hold ``numbers`` (``ring group 'Sales'
    (members)``), which the PBX drops a deleted user from."""
    numbers = set(str(n) for n in numbers)
    return [(number, text) for kind, objects in sent for entity in objects
            for number, text in kind.holds(entity or {}) if str(number) in numbers]


def refusal(texts):
    """The message for deleting an object that ``texts`` (sentences of :func:`users_of`) still use."""
    return 'cannot delete: %s' % '; '.join(texts)


def leaving(texts):
    """The warning for deleting a user that the lists ``texts`` hold."""
    return 'deleting it removes it from %s' % ', '.join(texts)


def check_delete(ctx, kind, plan):
    """Before a single module deletes ``plan.current`` (of ``kind``): fail when an object of any kind
    sends calls to its number, in check mode too, before any write; when lists hold it (a user in a ring group),
    say which in the diff (``member_of``) and a warning. Reads one listing per kind that sends calls."""
    number = (plan.current or {}).get('Number')
    if not number or not is_destination(kind):
        return
    sent = senders(ctx, ctx.kinds)
    using = users_of(sent, [number])
    if using:
        raise ValidationError(refusal([text for _number, text in using]))
    held = sorted(set(text for _number, text in lists_holding(sent, [number])))
    if held:
        plan.before['member_of'] = held
        ctx.module.warn(leaving(held))


def planned_senders(run):
    """``[(kind, objects)]`` of the kinds that send calls, as tcx_config's run ``run`` (the Converger) leaves them:
    what it read (a kind not read yet is read now), with the items it updates as planned and the ones it creates;
    none that it deletes, pruned ones included."""
    sent = []
    for kind in run.kinds:
        if not kind.sends_calls:
            continue
        listing = run.listings.get(kind.plural)
        if listing is None:
            listing = run.read_kind(kind)
        items = run.items[kind.plural] + run.pruned[kind.plural]
        planned = dict((id(i.current), i) for i in items if i.current is not None)
        objects = [planned[id(e)].after() if id(e) in planned else e for e in listing]
        objects.extend(i.after() for i in run.items[kind.plural] if i.current is None and i.present)
        sent.append((kind, [o for o in objects if o is not None]))
    return sent
