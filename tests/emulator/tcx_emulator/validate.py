"""Type checks of request bodies against the model, like the OData deserializer of a real PBX."""

from .errors import XapiError, invalid_body
from .model import ENUMS, TYPES, element_type

INT32_RANGE = (-2 ** 31, 2 ** 31 - 1)


class BodyChecker:
    """Checks a JSON body against an entity type; ``wrong_type_status`` is 400 (or 500 as some PBXs answer)."""

    def __init__(self, wrong_type_status=400):
        self.wrong_type_status = wrong_type_status

    def check_entity(self, body, entity_type, target):
        """Raise a 400 for a body that is not an object, has unknown properties or badly typed values."""
        if not isinstance(body, dict):
            raise invalid_body("The request body must be a JSON object of type '%s'." % entity_type, target)
        self._check_object(body, entity_type, target)

    def _check_object(self, value, type_name, target):
        props = TYPES[type_name]
        for name, item in value.items():
            if name.startswith('@odata.'):
                continue
            if name not in props:
                raise invalid_body("The property '%s' does not exist on type '%s'. Make sure to only use property names that are "
                                   "defined by the type or mark the type as open type." % (name, type_name), target)
            self._check_value(item, props[name], target)

    def _check_value(self, value, type_name, target):
        if value is None:
            return
        item_type = element_type(type_name)
        if item_type is not None:
            if not isinstance(value, list):
                self._wrong(value, type_name, target)
            for item in value:
                self._check_value(item, item_type, target)
        elif type_name in ENUMS:
            self._check_enum(value, type_name, target)
        elif type_name in TYPES:
            if not isinstance(value, dict):
                self._wrong(value, type_name, target)
            self._check_object(value, type_name, target)
        elif not _scalar_ok(value, type_name):
            self._wrong(value, type_name, target)

    def _check_enum(self, value, type_name, target):
        members = ENUMS[type_name]
        names = [part.strip() for part in value.split(',')] if isinstance(value, str) else [value]
        if not all(name in members for name in names):
            raise invalid_body("The value '%s' is not a valid enumerated type value for '%s'." % (value, type_name), target)

    def _wrong(self, value, type_name, target):
        error = invalid_body("Cannot convert the literal '%s' to the expected type '%s'." % (value, type_name), target)
        if self.wrong_type_status != 400:
            raise XapiError(self.wrong_type_status, 'An error has occurred.', raw_body=error.body())
        raise error


def _scalar_ok(value, type_name):
    if type_name in ('Edm.String', 'Edm.DateTimeOffset'):
        return isinstance(value, str)
    if type_name == 'Edm.Boolean':
        return isinstance(value, bool)
    if type_name in ('Edm.Int32', 'Edm.Int64'):
        return isinstance(value, int) and not isinstance(value, bool) and (type_name == 'Edm.Int64' or INT32_RANGE[0] <= value <= INT32_RANGE[1])
    if type_name == 'Edm.Double':
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return True  # undeclared complex types are accepted as they come
