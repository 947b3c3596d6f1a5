# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What one task knows about the PBX beyond the object it works on, read once and shared by its objects.

A single module has its own :class:`Lookups`; tcx_config shares one between all its items, so that a
department named by a thousand users is read once. Everything here is a typed attribute, so what a
hook may rely on is written down in one place.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class Directory(object):
    """The objects of one entity set known to this task: by natural key (as the PBX compares it), Id and Number.

    ``complete`` says every object of the set, existing or created by this task, is known (tcx_config
    read them all and stood in for the ones it creates), so an unknown key is an error, not a reason to read.
    Stand-ins for objects this task creates have a negative Id until they exist.
    """

    def __init__(self, key_property, ignore_case):
        self.key_property = key_property
        self.ignore_case = ignore_case
        self.by_key = {}
        self.by_id = {}
        self.by_number = {}
        self.complete = False

    def fold(self, key):
        """A key as the PBX compares it (names of departments, ring groups, ... ignoring case)."""
        return str(key).lower() if self.ignore_case else str(key)

    def remember(self, entity):
        """Know an object under its key, Id and Number (those it has)."""
        if entity.get(self.key_property) is not None:
            self.by_key[self.fold(entity[self.key_property])] = entity
        if entity.get('Id') is not None:
            self.by_id[entity['Id']] = entity
        if entity.get('Number') is not None:
            self.by_number[entity['Number']] = entity

    def forget(self, entity):
        """Drop an object (a stand-in whose create failed)."""
        if entity.get(self.key_property) is not None:
            self.by_key.pop(self.fold(entity[self.key_property]), None)
        self.by_id.pop(entity.get('Id'), None)
        self.by_number.pop(entity.get('Number'), None)

    def known(self, key):
        """The object with this key, or None."""
        return self.by_key.get(self.fold(key))

    def spelling(self, key):
        """A key as the PBX spells it (``sales`` -> ``Sales``); unknown keys stay as given."""
        entity = self.known(key)
        return entity[self.key_property] if entity else key


class Lookups(object):
    """The shared knowledge of one task.

    ``directories``: entity set -> :class:`Directory` (see :meth:`directory`).
    ``indexes``: ``{(entity set, id of a listing): {folded key: [entities]}}`` (tcx_config's lookups by key).
    ``users_after``: tcx_config's users as they will be after its run (number, names, email), for the
    unique-email check without a request; None outside tcx_config or when users were not read.
    ``users_by_email``: the index of ``users_after`` by email, lower case.
    ``timezones``: the PBX's time zone table, read once (or kept from an earlier task: ``timezones_kept``).
    ``notes``: ``{name: dict}``, what a kind notes for the rest of its task (the trunk templates read, the
    outbound rules' order to restore after their writes); see the kind's own module.
    ``whole_state``: True in tcx_config, whose task is the whole desired state: a reference that neither the PBX
    nor the task holds is an error in check mode too (a single module only warns: an earlier task may create it).
    """

    def __init__(self, whole_state=False):
        self.whole_state = whole_state
        self.directories = {}
        self.indexes = {}
        self.users_after = None
        self.users_by_email = None
        self.timezones = None
        self.timezones_kept = False
        self.notes = {}

    def directory(self, entity_set, key_property='Name', ignore_case=True):
        """The :class:`Directory` of an entity set, made on first use."""
        if entity_set not in self.directories:
            self.directories[entity_set] = Directory(key_property, ignore_case)
        return self.directories[entity_set]
