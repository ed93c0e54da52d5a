"""plone.restapi answers a request body that is not JSON with
DeserializationError, which the publisher turns into 500. It is the client's
mistake: 400, with the same JSON error body."""

from plone.rest.errors import ErrorHandling
from plone.rest.interfaces import IAPIRequest
from plone.restapi.exceptions import DeserializationError
from zope.component import adapter
import json


@adapter(DeserializationError, IAPIRequest)
class BadRequestBody(ErrorHandling):
    def __call__(self):
        data = self.render_exception(self.context)
        response = self.request.response
        response.setHeader("Content-Type", "application/json")
        response.setStatus(400, lock=1)
        response.setBody(json.dumps(data, indent=2, sort_keys=True), lock=1)
        response._has_challenged = True
