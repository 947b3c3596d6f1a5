"""Error responses shaped like the real XAPI (ASP.NET Core OData)."""


class XapiError(Exception):
    """An error answer: HTTP status plus an OData error body (or a raw body)."""

    def __init__(self, status, message, details=None, raw_body=None, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details or []
        self.raw_body = raw_body
        self.headers = headers or {}

    def body(self):
        """The JSON body (dict) or the raw text body of this error."""
        if self.raw_body is not None:
            return self.raw_body
        return {'error': {'code': '', 'message': self.message, 'details': self.details}}


def warning(key, target=None, status=400):
    """A `Pbx.Warnings` error, e.g. ``Number:\\nWARNINGS.XAPI.ALREADY_IN_USE``."""
    if target:
        return XapiError(status, '%s:\n%s' % (target, key), [{'code': '', 'message': key, 'target': target}])
    return XapiError(status, key, [{'code': '', 'message': key, 'target': None}])


def invalid_query(text):
    """400 for a query option the ASP.NET OData layer refuses."""
    return XapiError(400, 'The query specified in the URI is not valid. ' + text)


def invalid_body(text, target):
    """400 for a request body the OData deserializer refuses (unknown property, wrong type)."""
    return XapiError(400, 'The request is invalid.', [{'code': '', 'message': '%s : %s' % (target, text), 'target': target}])
