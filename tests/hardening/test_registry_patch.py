"""``PATCH @registry`` with a value the setting cannot take answers 400
naming the setting, and saves nothing of the body (plone.restapi's own
service answered 500 and had saved the records before the bad one)."""

from plone import api
from support import OWNER
import json
import pytest
import requests
import transaction


LIMIT = "integrationsportal.housing.submissions_per_hour"
CONSENT = "integrationsportal.housing.privacy_version"
HEADERS = {"Accept": "application/json", "Content-Type": "application/json"}


def patch(portal, body):
    return requests.patch(
        portal.absolute_url() + "/@registry",
        data=body if isinstance(body, str) else json.dumps(body),
        headers=HEADERS,
        auth=OWNER,
        timeout=30,
    )


def stored(key):
    transaction.begin()
    return api.portal.get_registry_record(key)


@pytest.mark.parametrize(
    "body,named",
    [
        ({CONSENT: "7", LIMIT: 5000}, LIMIT),  # above the field's maximum
        ({CONSENT: "7", LIMIT: 0}, LIMIT),  # below its minimum
        ({CONSENT: "7", LIMIT: "viele"}, LIMIT),  # a word for a number
        ({CONSENT: "7", LIMIT: None}, LIMIT),  # required
        ({CONSENT: "7", "no.such.record": 1}, "no.such.record"),
        ([1, 2], "object"),
        ('"text"', "object"),
        ("{not json", "JSON"),
    ],
    ids=["too big", "too small", "word", "null", "unknown", "list", "string", "junk"],
)
def test_a_bad_value_is_named_and_nothing_is_saved(functional_portal, body, named):
    before = stored(CONSENT), stored(LIMIT)
    response = patch(functional_portal, body)
    assert response.status_code == 400, response.text[:500]
    assert named in response.json()["message"]
    assert "traceback" not in response.json()  # the code is no one's business
    assert (stored(CONSENT), stored(LIMIT)) == before


def test_good_values_are_saved(functional_portal):
    response = patch(functional_portal, {CONSENT: "8", LIMIT: 1000})
    assert response.status_code == 204, response.text[:500]
    assert (stored(CONSENT), stored(LIMIT)) == ("8", 1000)
