"""Type checks of request bodies against the schema, like the OData deserializer of a real PBX.

:func:`body_problems` lists every problem of a body (the contract check of the test suites);
:class:`BodyChecker` refuses a body at its first problem (the emulator's 400).
"""

import re

from .errors import XapiError, invalid_body
from .model import ENUMS, NULLABLE, TYPES, element_type

INT_RANGES = {'Edm.Byte': (0, 255), 'Edm.Int32': (-2 ** 31, 2 ** 31 - 1), 'Edm.Int64': (-2 ** 63, 2 ** 63 - 1)}
STRING_TYPES = ('Edm.String', 'Edm.DateTimeOffset', 'Edm.Duration', 'Edm.Guid', 'Edm.TimeOfDay', 'Edm.Date', 'Edm.Binary')
# The patterns the official spec gives its string formats (swagger-20.0.10.yaml: format duration, time,
# date-time, uuid): a literal that does not match cannot be deserialized to the Edm type.
PATTERNS = {
    'Edm.Duration': r'^-?P([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+([.][0-9]+)?S)?)?$',
    'Edm.TimeOfDay': r'^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{1,12})?$',
    'Edm.DateTimeOffset': r'^[0-9]{4,}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]'
                          r'([.][0-9]{1,12})?(Z|[+-][0-9][0-9]:[0-9][0-9])$',
    'Edm.Guid': r'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
}
COMPILED = {name: re.compile(pattern) for name, pattern in PATTERNS.items()}


class Problem(Exception):
    """One problem of a body: ``kind`` is ``unknown``, ``type``, ``enum`` or ``null``."""

    def __init__(self, kind, text, where):
        super().__init__(text)
        self.kind, self.text, self.where = kind, text, where


def body_problems(body, body_type, missing=None):
    """Every problem of ``body`` against an entity/complex type name or an action's ``{parameter: type}``.

    ``missing`` (``{type: names}``) are properties the PBX version does not have: unknown there.
    """
    found = []
    if isinstance(body_type, dict):
        if not isinstance(body, dict):
            return [Problem('type', 'the action parameters must be a JSON object', '<body>')]
        for name, value in body.items():
            if name not in body_type:
                found.append(Problem('unknown', "The parameter '%s' is not declared by the action." % name, name))
            else:
                _collect(value, body_type[name], name, True, found)
        return found
    if not isinstance(body, dict):
        return [Problem('type', "The request body must be a JSON object of type '%s'." % body_type, '<body>')]
    _collect_object(body, body_type, '', found, missing or {})
    return found


def _collect_object(value, type_name, where, found, missing):
    props, nullable = TYPES[type_name], NULLABLE.get(type_name, frozenset())
    for name, item in value.items():
        if name.startswith('@odata.'):
            continue
        path = where + name
        if name not in props or name in missing.get(type_name, ()):
            found.append(Problem('unknown', "The property '%s' does not exist on type '%s'. Make sure to only use property names that "
                                            "are defined by the type or mark the type as open type." % (name, type_name), path))
        else:
            _collect(item, props[name], path, name in nullable, found, missing)


def _collect(value, type_name, where, nullable, found, missing=None):
    if value is None:
        if not nullable:
            found.append(Problem('null', "A null value was found for the property '%s' of type '%s', which is not nullable."
                                 % (where.rsplit('/', 1)[-1], type_name), where))
        return
    item_type = element_type(type_name)
    if item_type is not None:
        if not isinstance(value, list):
            found.append(_wrong(value, type_name, where))
            return
        for index, item in enumerate(value):
            _collect(item, item_type, '%s/%d' % (where, index), True, found, missing)
    elif type_name in ENUMS:
        names = [part.strip() for part in value.split(',')] if isinstance(value, str) else [value]
        if not all(name in ENUMS[type_name] for name in names):
            found.append(Problem('enum', "The value '%s' is not a valid enumerated type value for '%s'." % (value, type_name), where))
    elif type_name in TYPES:
        if isinstance(value, dict):
            _collect_object(value, type_name, where + '/', found, missing or {})
        else:
            found.append(_wrong(value, type_name, where))
    elif not _scalar_ok(value, type_name):
        found.append(_wrong(value, type_name, where))


def _wrong(value, type_name, where):
    return Problem('type', "Cannot convert the literal '%s' to the expected type '%s'." % (value, type_name), where)


def _scalar_ok(value, type_name):
    if type_name in STRING_TYPES:
        return isinstance(value, str) and (type_name not in COMPILED or bool(COMPILED[type_name].match(value)))
    if type_name == 'Edm.Boolean':
        return isinstance(value, bool)
    if type_name in INT_RANGES:
        low, high = INT_RANGES[type_name]
        return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
    if type_name in ('Edm.Double', 'Edm.Single', 'Edm.Decimal'):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return True  # Edm.Untyped


class BodyChecker:
    """Refuses a body at its first problem; ``wrong_type_status`` is 400 (or 500 as some PBXs answer)."""

    def __init__(self, wrong_type_status=400, missing=None):
        self.wrong_type_status = wrong_type_status
        self.missing = missing

    def check_entity(self, body, entity_type, target):
        """Raise a 400 for a body that is not an object, has unknown properties, bad nulls or badly typed values."""
        problems = body_problems(body, entity_type, self.missing)
        if not problems:
            return
        first = problems[0]
        error = invalid_body(first.text, target)
        if first.kind == 'type' and self.wrong_type_status != 400:
            raise XapiError(self.wrong_type_status, 'An error has occurred.', raw_body=error.body())
        raise error
