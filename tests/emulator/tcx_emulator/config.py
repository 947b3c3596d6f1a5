"""Runtime options of the emulator (set from the command line, some changeable at runtime)."""

import dataclasses

VERSION_BUILDS = {'20.0.7': '20.0.7.1057', '20.0.8': '20.0.8.1109', '20.0.9': '20.0.9.995', '20.0.10': '20.0.10.1034'}


@dataclasses.dataclass
class Options:  # pylint: disable=too-many-instance-attributes
    """Every behaviour switch; the defaults are the most likely behaviour of a real PBX."""

    pbx_version: str = '20.0.10'
    principals: dict = dataclasses.field(default_factory=lambda: {'900': 'emulator-secret'})
    token_lifetime: int = 3600
    login_fail_limit: int = 5
    login_block_seconds: int = 300
    login_block_response: str = 'forbidden'
    state_file: str = None
    complex_patch: str = 'replace'
    number_change_error: str = 'WARNINGS.XAPI.FORBIDDEN_CHANGE'
    duplicate_name_error: str = 'WARNINGS.XAPI.ALREADY_IN_USE'
    post_returns: str = 'full'
    expires_in_unit: str = 'auto'
    parking_start: int = 1
    empty_groups: str = 'default'
    unauthorized_body: str = 'empty'
    not_found_body: str = 'odata'
    shared_link_namespace: bool = True
    user_number_range: tuple = (100, 999)
    wrong_type_status: int = 400

    def version_tuple(self):
        """``(20, 0, 10)`` for ``20.0.10``."""
        return tuple(int(part) for part in self.pbx_version.split('.')[:3])

    def version_header(self):
        """The 4-part ``X-3CX-Version`` value."""
        return VERSION_BUILDS.get(self.pbx_version, self.pbx_version + '.1000')

    def lookup_by_key_number(self):
        """True when ``Users(Number='100')`` is served (20.0.8+), False for ``Pbx.GetByNumber`` (up to 20.0.7)."""
        return self.version_tuple() >= (20, 0, 8)

    def expires_in(self):
        """``expires_in`` of a token response, in the unit of the PBX version."""
        unit = self.expires_in_unit
        if unit == 'auto':
            unit = 'seconds' if self.version_tuple() >= (20, 0, 9) else 'minutes'
        return self.token_lifetime // 60 if unit == 'minutes' else self.token_lifetime

    def update(self, changes):
        """Apply ``{name: value}`` changes (from ``POST /_emulator/config``); unknown names raise KeyError."""
        for name, value in changes.items():
            if name not in {field.name for field in dataclasses.fields(self)}:
                raise KeyError(name)
            setattr(self, name, tuple(value) if name == 'user_number_range' else value)
