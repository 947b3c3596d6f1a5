# -*- coding: utf-8 -*-
# Copyright: tcx.xapi contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The declaration of a kind of entity: what it is called, how it is found and written, and its field table.

A kind (``kinds/department.py``, ...) subclasses :class:`EntityKind`, declares its class attributes and
overrides only the hooks that differ. Every consumer reads kinds from the registry in ``registry.py``:
the entity modules through the engine (entity.py), the info modules, tcx_config, the playbooks' filters.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tcx.xapi.plugins.module_utils.client import XAPIError, write_with_read_back
from ansible_collections.tcx.xapi.plugins.module_utils.connection import connection_argument_spec
from ansible_collections.tcx.xapi.plugins.module_utils.fields import (
    ValidationError, is_empty, leaves, place, rule_problems,
)
from ansible_collections.tcx.xapi.plugins.module_utils.odata import any_of, build_query, equals, key_segment
from ansible_collections.tcx.xapi.plugins.module_utils.references import CLAUSES_PER_REQUEST


class Selector(object):
    """An info module option that keeps the entities whose property ``prop`` equals its value."""

    def __init__(self, option, prop, ignore_case=False):
        self.option = option
        self.prop = prop
        self.ignore_case = ignore_case

    def clause(self, value, kind=None):
        """The filter clause for an option value (quotes doubled by odata.py): ignoring case when the selector
        says so, or when it selects by the natural key of a ``kind`` whose key the PBX compares ignoring case
        (department names: the write modules find ``sales`` as ``Sales``, so do the info modules)."""
        ignore_case = self.ignore_case or (kind is not None and kind.key_ignore_case and self.prop == kind.key_property)
        return equals(self.prop, value, ignore_case=ignore_case)


class EntityKind(object):
    """The declaration of one kind of entity. Kinds subclass it and override hooks.

    Class attributes:

    - ``name`` (for messages: ``department``), ``plural`` (its list in tcx_config, the provision role's
      ``tcx_<plural>``, a backup and an audit, and the info module's result key: ``departments``),
      ``module`` (``tcx_department``; its info module is ``<module>_info``), ``result_key`` (``department``);
    - ``entity_set`` (``Groups``), ``key_option``/``key_property`` (the natural key) and
      ``key_ignore_case`` (how the PBX compares it), ``fields`` (the field table), ``expand``
      (navigation properties to read along), ``extra_select`` (properties hooks need), ``optional_expand``
      (``{option: navigation property}``: a property of ``expand`` that only that option compares, left out of the
      listing tcx_config reads when no item gives the option: see :meth:`listing`);
    - for the info module: ``info_selectors`` (:class:`Selector` options), ``info_order_by`` (a unique
      property: the stable order of paging), ``info_expand`` (navigation property -> ``$expand`` item),
      and how a ``department`` option selects: ``department_member_type`` (rows of
      ``Groups({id})/Members``) or ``department_property`` (a property holding the department's Number);
    - for tcx_config: ``refers_to`` (plurals of the kinds its options name: read with it), ``sends_calls``
      (its objects route calls to numbers: see :meth:`uses`), ``holds_extension`` (its objects' ``Number`` is one
      of the PBX's extension numbers, which users, parkings, ring groups, queues and IVRs share);
    - for destinations: ``answers_to`` (the targets, ``to:`` of a destination, whose number is an object of this
      kind: ``('queue',)``; a destination that names its object by ``name`` finds it by this kind's key);
    - ``singleton``: True for a kind of which the PBX holds exactly one object (:class:`SingletonKind`).
    """

    name = None
    plural = None
    module = None
    entity_set = None
    result_key = None
    info_selectors = ()
    info_order_by = 'Id'
    info_expand = {}
    department_member_type = None
    department_property = None
    key_option = None
    key_property = None
    key_ignore_case = False
    fields = []
    expand = None
    optional_expand = {}
    extra_select = ()
    required_if = ()
    mutually_exclusive = ()
    required_one_of = ()
    refers_to = ()
    sends_calls = False
    holds_extension = False
    answers_to = ()
    singleton = False

    # -- declaration --------------------------------------------------------------------------

    def argument_spec(self):
        """Connection options, ``state`` and the field table as an Ansible argument spec."""
        spec = connection_argument_spec()
        spec['state'] = dict(type='str', default='present', choices=['present', 'absent'])
        for field in self.fields:
            spec[field.option] = field.spec()
        return spec

    def leaves(self):
        """The managed leaves of the field table, computed once per kind."""
        if '_leaves' not in self.__dict__:
            self._leaves = leaves(self.fields)
        return self._leaves

    def select(self):
        """Top-level properties to read: ``Id``, the key, every managed path and ``extra_select``."""
        names = ['Id', self.key_property]
        for leaf in self.leaves():
            names.extend(path.split('.')[0] for path in leaf.field.paths)
        names.extend(self.extra_select)
        return sorted(set(n for n in names if n))

    def options(self, ctx, entity):
        """The entity in the options' own shape: its natural key and every managed option it holds a value
        for, references by natural key, secrets and empty values left out. What a module returns and
        what an info module lists: given back to the module or to tcx_config it changes nothing."""
        tree = dict(self.key_params(entity)) if self.key_of(entity) is not None else {}
        for leaf in self.leaves():
            if leaf.field.secret:
                continue
            # Mirrored properties that disagree show as the first one's value: what the option sets both to.
            value = leaf.field.read(entity, ctx, disagreeing=False)
            if not is_empty(value):
                place(tree, leaf.option_path, value)
        return tree

    def backup(self, ctx, entity):
        """The entity as a backup (tcx_config_info) holds it: its :meth:`options`; a kind adds what a restore must be
        told (a trunk's placeholder for the password it cannot read)."""
        return self.options(ctx, entity)

    def backup_order(self, entity):
        """Where an entity goes in a backup's list: by natural key, so that two reads of one PBX list alike. A kind
        whose list order means something (the outbound rules' priority) sorts by that."""
        return str(self.key_of(entity))

    def option_value(self, ctx, leaf, entity):
        """The option value of a leaf as the PBX holds it (see :meth:`Field.read`)."""
        return leaf.field.read(entity, ctx)

    def describe(self, ctx):
        """How messages name the entity: ``department 'Sales'``."""
        return "%s '%s'" % (self.name, ctx.params.get(self.key_option))

    # -- hooks (override what differs) ---------------------------------------------------------

    def check(self, ctx):
        """Every check of the input that needs no request: the fields' rules, then :meth:`validate`."""
        problems = rule_problems(self.fields, ctx.params)
        if problems:
            raise ValidationError('; '.join(problems))
        self.validate(ctx)

    def validate(self, ctx):
        """Check the input before any request; raise :class:`ValidationError`."""

    def normalize(self, ctx, desired):
        """Turn desired option values into what the PBX stores (may read, never writes)."""
        return desired

    def entity_path(self, entity):
        """The path of one entity, ``Groups(12)``."""
        return self.entity_set + key_segment(entity['Id'])

    def find(self, ctx):
        """The current entity by natural key, or None: one ``$filter`` + ``$select`` GET."""
        key = ctx.params.get(self.key_option)
        if key is None:
            return None
        return self.find_one(ctx, equals(self.key_property, key, ignore_case=self.key_ignore_case))

    def key_of(self, entity):
        """The natural key value of an entity as the PBX holds it."""
        return entity.get(self.key_property)

    def find_among(self, ctx, entities):
        """Like :meth:`find`, but in entities already read (tcx_config reads each kind once)."""
        key = ctx.params.get(self.key_option)
        if key is None:
            return None
        matches = self.index(ctx, entities).get(self.folded_key(key), [])
        if len(matches) > 1:
            raise ValidationError('%s matches %d entities on the PBX; expected one' % (self.describe(ctx), len(matches)))
        return matches[0] if matches else None

    def folded_key(self, key):
        return str(key).lower() if self.key_ignore_case else key

    def index(self, ctx, entities):
        """``{key: [entities]}`` of a listing, built once per task (a thousand lookups stay cheap)."""
        cache_key = (self.entity_set, id(entities))
        if cache_key not in ctx.lookups.indexes:
            index = {}
            for entity in entities:
                index.setdefault(self.folded_key(self.key_of(entity)), []).append(entity)
            ctx.lookups.indexes[cache_key] = index
        return ctx.lookups.indexes[cache_key]

    def member_of(self, params):
        """The department names an object with these options belongs to after its write; None when the
        options leave its memberships as they are (or it has none)."""
        return None

    def named(self, ctx):
        """``[(plural, key)]``: every object of another kind the options (``ctx.params``) name by its natural key
        (a user's departments). tcx_config refuses to delete an object that a present item names."""
        return [('departments', name) for name in self.member_of(ctx.params) or []]

    def key_params(self, entity):
        """The options that name an existing entity (to delete one that tcx_config prunes)."""
        return {self.key_option: self.key_of(entity)}

    def protected(self, entity):
        """True for entities that must never be pruned (the system department)."""
        return False

    def batches(self, updates):
        """Split the updates of one task, ``[(current, payload)]``, into ``(batches, rest)``: batches that the kind's
        bulk action applies with one request each (several objects, one identical payload it carries exactly), and
        the rest, which tcx_config PATCHes one by one (:meth:`update`). A kind without a bulk action batches none."""
        return [], list(updates)

    def update_batch(self, ctx, batch):
        """Apply one batch of :meth:`batches` with one request."""
        raise NotImplementedError('%s has no bulk update' % self.name)

    def delete_many(self, ctx, entities, in_parallel):
        """Delete several entities (``in_parallel(function, entities)`` runs them side by side);
        return ``{key: error message}`` for those that failed. A kind with a batch action overrides it."""
        failures = {}

        def delete(entity):
            try:
                self.delete(ctx, entity)
            except (XAPIError, ValidationError) as exc:
                failures[self.key_of(entity)] = exc.explain() if isinstance(exc, XAPIError) else str(exc)
        in_parallel(delete, entities)
        return failures

    # -- hooks of tcx_config (the order of kinds is the registry's) -------------------------------

    def directory(self, lookups):
        """The task's :class:`~lookups.Directory` of this kind: its objects by key, Id and Number."""
        return lookups.directory(self.entity_set, self.key_property, self.key_ignore_case)

    def stand_in(self, params, number):
        """What stands for an object tcx_config creates (``number``: its place in the list) until it exists:
        its key, a negative Id and a Number that no object has."""
        entity = {'Id': -number, 'Number': 'new %s %d' % (self.name, number)}
        entity[self.key_property] = params[self.key_option]
        return entity

    def prepare(self, lookups, listing, items, pruned):
        """Before planning: ``listing`` (what was read, or None), the validated ``items`` (their params)
        and whether the kind is pruned; a kind may put what its checks need into ``lookups``."""

    def check_together(self, items):
        """Checks across the items of one kind, ``[(label, params)]``: return error messages."""
        return []

    def uses(self, entity):
        """``[(number, text)]``: the numbers an entity (XAPI form) sends calls to, each with the sentence
        that says so (``department 'Sales' routes office hours calls to it (routing.office_hours)``).
        Only kinds with ``sends_calls`` are asked."""
        return []

    def holds(self, entity):
        """``[(number, text)]``: the extensions an entity (XAPI form) holds in lists that the PBX drops a deleted
        user from, each with the list's name (``ring group 'Sales' (members)``). Only kinds with ``sends_calls`` are asked."""
        return []

    def foresee_deletes(self, ctx, doomed, run):
        """What the PBX would refuse of deleting ``doomed`` (tcx_config items) beyond what other objects
        use: messages. ``run`` (the Converger) offers ``deleted_numbers()`` and ``item_with_number()``."""
        return []

    def listing(self, client, options=None):
        """Every object of the kind, with what the kind compares (tcx_config reads each kind once): with
        ``options`` (the options the items give), without the properties of :data:`optional_expand` whose option
        none gives (a user's forwarding profiles are most of a user's JSON). :meth:`complete` reads them."""
        left_out = self.left_out(options)
        return client.get_all(self.entity_set, select=[name for name in self.select() if name not in left_out],
                              expand=self.expand_of(lambda prop: prop not in left_out))

    def left_out(self, options):
        """The navigation properties :meth:`listing` leaves out for items giving ``options`` (None: none)."""
        if options is None:
            return set()
        return set(prop for option, prop in self.optional_expand.items() if option not in options)

    def complete(self, client, entities, options):
        """``entities`` of a :meth:`listing` for ``options``, with what it left out read (one GET per 40)."""
        left_out = self.left_out(options)
        if not left_out or not entities:
            return entities
        read = {}
        for start in range(0, len(entities), CLAUSES_PER_REQUEST):
            chunk = entities[start:start + CLAUSES_PER_REQUEST]
            clause = any_of(*[equals('Id', entity['Id']) for entity in chunk])
            for entity in client.get_all(self.entity_set, filter_expr=clause, select=['Id'] + sorted(left_out),
                                         expand=self.expand_of(lambda prop: prop in left_out)):
                read[entity['Id']] = entity
        return [dict(entity, **dict((prop, read.get(entity['Id'], {}).get(prop)) for prop in left_out)) for entity in entities]

    def with_numbers(self, client, numbers):
        """The objects (``Id``, key, ``Number``, names) that may hold one of ``numbers``: one GET for up to 40 numbers,
        else every object of the kind (one GET per 100: a call-flow kind has a few)."""
        select = self.reference_select()
        if len(numbers) > CLAUSES_PER_REQUEST:
            return client.get_all(self.entity_set, select=select)
        clause = any_of(*[equals('Number', n) for n in numbers])
        return client.get(self.entity_set, params=build_query(clause, select)).get('value', [])

    def reference_select(self):
        """What a reference to an object of this kind reads of it: ``Id``, the key, ``Number`` and its names."""
        return sorted(set(['Id', 'Number', self.key_property]) | set(p for p in ('Name', 'FirstName', 'LastName') if p in self.select()))

    def number_option(self):
        """The option that gives an object's ``Number`` (``extension`` of a user, ``number`` of a queue)."""
        return [field.option for field in self.fields if field.path == 'Number'][0]

    def find_one(self, ctx, filter_expr):
        """The single entity matching a filter, or None; more than one is an error."""
        params = build_query(filter_expr, self.select(), self.expand, top=2)
        found = ctx.client.get(self.entity_set, params=params).get('value', [])
        if len(found) > 1:
            raise ValidationError('%s matches %d entities on the PBX; expected one'
                                  % (self.describe(ctx), len(found)))
        return found[0] if found else None

    def create_payload(self, ctx, payload):
        """The POST body: the managed properties plus anything the PBX needs on create."""
        payload[self.key_property] = ctx.params[self.key_option]
        return payload

    def preflight(self, ctx, plan):
        """Checks that read the PBX after planning and before the first write (GET only).

        Runs for creates, updates and deletes, in check mode as in a real run, so that a check run
        fails where the real run would, with the same message.
        """

    def create(self, ctx, payload):
        """POST the entity and return it. A lost answer is resolved by reading back, never by a blind repeat."""
        created = write_with_read_back(ctx.client, lambda: ctx.client.post(self.entity_set, payload),
                                       lambda: self.find(ctx))
        if not created or 'Id' not in created:
            created = self.find(ctx) or created
        return created

    def update(self, ctx, current, payload):
        """PATCH only the changed properties."""
        ctx.client.patch(self.entity_path(current), payload)

    def delete(self, ctx, current):
        """DELETE the entity; already gone (a retry after a lost answer) counts as deleted."""
        try:
            ctx.client.delete(self.entity_path(current))
        except XAPIError as exc:
            if exc.status != 404:
                raise

    def delete_by_action(self, ctx, action, body):
        """Delete through a PBX action such as ``Groups/Pbx.DeleteCompanyById``.

        A lost answer is resolved by looking the entity up again: gone means deleted.
        """
        write_with_read_back(ctx.client, lambda: ctx.client.post(action, body) or True,
                             lambda: self.find(ctx) is None)

    def after_write(self, ctx, entity, plan):
        """The entity as written. A POST answer carries no navigation property: those the kind
        expands (``expand``) are reported as just written."""
        written = dict((prop, plan.payload[prop]) for prop in self.expanded()
                       if prop not in entity and prop in plan.payload)
        return dict(entity, **written) if written else entity

    def expanded(self):
        """The navigation properties of ``expand`` (``Members,Groups($expand=Rights)`` -> Members, Groups)."""
        return [navigation for navigation, _item in self.expand_items()]

    def expand_of(self, wanted):
        """``expand`` with the items whose navigation property ``wanted(property)`` accepts (None: none)."""
        return ','.join(item for navigation, item in self.expand_items() if wanted(navigation)) or None

    def expand_items(self):
        """``(navigation property, item)`` of each item of ``expand`` (``Members,Groups($expand=Rights)`` ->
        ``(Members, Members)``, ``(Groups, Groups($expand=Rights))``)."""
        items, depth, item = [], 0, ''
        for char in (self.expand or '') + ',':
            depth += {'(': 1, ')': -1}.get(char, 0)
            if char == ',' and depth == 0:
                items.append(item.strip())
                item = ''
            else:
                item += char
        return [(i.split('(', maxsplit=1)[0].strip(), i) for i in items if i]

    def result(self, ctx, entity):
        """Extra keys for the module result."""
        return {}

    def generated_secrets(self, ctx):
        """Rows for :mod:`generated_passwords`: secrets this run generated that the PBX may now hold."""
        return []


class SingletonKind(EntityKind):
    """A kind of which the PBX holds exactly one object, at the path ``entity_set`` (an OData singleton
    such as ``OfficeHours``): no natural key and no ``state``; it is read with one GET, only ever
    updated (PATCH), never created or deleted. tcx_config takes it as one dict, not a list, and its
    info module returns one dict.
    """

    singleton = True

    def argument_spec(self):
        spec = super(SingletonKind, self).argument_spec()
        del spec['state']
        return spec

    def select(self):
        """Every managed top-level property (a singleton has no ``Id``)."""
        return [name for name in super(SingletonKind, self).select() if name != 'Id']

    def describe(self, ctx):
        return self.name

    def entity_path(self, entity):
        return self.entity_set

    def find(self, ctx):
        return ctx.client.get(self.entity_set, params=build_query(select=self.select(), expand=self.expand))

    def find_among(self, ctx, entities):
        return entities[0] if entities else None

    def listing(self, client, options=None):
        return [client.get(self.entity_set, params=build_query(select=self.select(), expand=self.expand))]


class Kinds(object):
    """The kinds of the registry, in its order, as the engine hands them to the hooks (``ctx.kinds``): a kind's
    module reaches another kind through it (a department by name, the queue a destination names), never by
    importing the registry, which imports every kind."""

    def __init__(self, kinds):
        self.kinds = tuple(kinds)
        self.plurals = tuple(kind.plural for kind in self.kinds)

    def __iter__(self):
        return iter(self.kinds)

    def named(self, plural):
        """The kind whose list is called ``plural`` (``departments``)."""
        for kind in self.kinds:
            if kind.plural == plural:
                return kind
        raise KeyError('no kind %r; the kinds are %s' % (plural, ', '.join(self.plurals)))

    def answering(self, to):
        """The kind whose objects hold the number of a destination to ``to`` (``queue``, ``extension``), or None."""
        for kind in self.kinds:
            if to in kind.answers_to:
                return kind
        return None

    def holders(self, to=None):
        """The kinds whose objects a destination to ``to`` can reach: the one that answers to it (none for ``end_call``);
        for a bare number (``to`` None) every kind that answers to a target (users, ring groups, queues, IVRs)."""
        return [kind for kind in self.kinds if (to in kind.answers_to if to is not None else kind.answers_to)]
