"""The control panel "Identity" over HTTP: a site manager changes the
district's colours and contact; colours hard to read are refused."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from support import csrf_token
import requests


def save(portal, **changes):
    session = requests.Session()
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    url = portal.absolute_url() + "/@@identity-controlpanel"
    page = session.get(url, timeout=60)
    assert page.status_code == 200
    data = {
        "_authenticator": csrf_token(page.text),
        "form.widgets.name": "Musterkreis",
        "form.widgets.primary": "#1d5631",
        "form.widgets.on_primary": "#ffffff",
        "form.widgets.accent": "#1b5e7a",
        "form.widgets.address": "",
        "form.widgets.phone": "",
        "form.widgets.email": "",
        "form.widgets.imprint_url": "",
        "form.widgets.privacy_url": "",
        "form.widgets.accessibility_url": "@@accessibility-statement",
        "form.buttons.save": "Save",
    }
    data.update({f"form.widgets.{key}": value for key, value in changes.items()})
    return session.post(url, data=data, timeout=60)


def public_page(portal):
    return requests.get(portal.absolute_url() + "/de", timeout=60).text


def test_colours_and_contact_saved(district):
    response = save(district, primary="#2b2b6b", phone="+49 30 1234")
    assert response.status_code == 200
    page = public_page(district)
    assert "--ip-primary:#2b2b6b" in page
    assert 'href="tel:+49301234"' in page


def test_hard_to_read_colours_refused(district):
    response = save(district, on_primary="#2e6e48")
    assert response.status_code == 200
    # the message names the field (in the manager's language, here German)
    assert "Feld „on_primary“" in response.text
    assert "contrast" in response.text
    page = public_page(district)
    assert "--ip-on-primary:#ffffff" in page
    assert "#2e6e48" not in page
