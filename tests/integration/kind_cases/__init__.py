# -*- coding: utf-8 -*-
"""Test parameters of each kind of the registry, one module per kind named after its plural.

Read by test_lifecycle.py; a kind of ``KINDS`` without its module here fails the suite. A module
defines:

- ``PREREQUISITES``: tcx_config lists (``{plural: [items]}``) created before the object.
- ``PRESENT``: the options of a valid object; ``DIFF_AFTER``: the exact ``diff.after`` of its creation
  (``DIFF_BEFORE``, for a singleton kind: the ``diff.before``, the PBX's defaults of those options).
- ``CREATE_WRITES``: ``[(method, path regex)]`` of the writes that create it; optionally
  ``CREATE_BODY(state)``: the body of its POST to the entity set.
- ``NOOP_READS``: sorted ``[(method, path)]`` of the XAPI requests of a run that changes nothing (the
  request budget); a dict by PBX version where the versions differ.
- ``UPDATE``: one option (and value) to change; ``PATCH(state)``: the body of the one PATCH it sends
  (``state``: the emulator's store).
- ``held(state)``: what the emulator holds of the object (None when it holds none), and
  ``HELD_AFTER_UPDATE``: its value after creation and update.
- ``DELETE_WRITES``: ``[(method, path regex)]`` of the writes that delete it (not for a singleton, which
  is never created nor deleted: its "creation" sets the options of the one object).
- ``VERSIONS``: the PBX versions to run on (both where the kind's requests differ by version).
"""
