"""The point on the edit form: two numbers or nothing. Text, one number
alone or a latitude beyond 90 is an error on the form, and the point the
item had stays; good numbers (with a comma too) are saved."""

from bs4 import BeautifulSoup
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest
import requests
import transaction


OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
LAT = "form.widgets.IPlace.geolocation:tuple"


@pytest.fixture
def organisation(functional_portal):
    from plone.formwidget.geolocation.geolocation import Geolocation

    with api.env.adopt_user(SITE_OWNER_NAME):
        obj = api.content.create(
            container=functional_portal,
            type="Organisation",
            title="Beratungsstelle am Markt",
            kind="jobcenter",
        )
        obj.geolocation = Geolocation(50.64, 9.69)
    transaction.commit()
    return obj


def edit_form(obj):
    """The edit form's fields as the browser would send them."""
    html = requests.get(obj.absolute_url() + "/@@edit", auth=OWNER, timeout=30).text
    form = BeautifulSoup(html, "html.parser").find("form", id="form")
    assert form is not None, "no edit form"
    data = []
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.get("type") in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "select":
            for option in field.find_all("option", selected=True):
                data.append((name, option.get("value", "")))
        elif field.name == "textarea":
            data.append((name, field.text))
        else:
            data.append((name, field.get("value", "")))
    return data


def save_with_point(obj, latitude, longitude):
    data = [pair for pair in edit_form(obj) if pair[0] != LAT]
    data += [(LAT, latitude), (LAT, longitude), ("form.buttons.save", "Save")]
    return requests.post(
        obj.absolute_url() + "/@@edit",
        data=data,
        auth=OWNER,
        timeout=30,
        allow_redirects=False,
    )


def stored_point(obj):
    transaction.begin()
    value = obj.geolocation
    return None if value is None else (value.latitude, value.longitude)


def test_the_edit_form_has_the_point_fields(organisation):
    names = [name for name, _value in edit_form(organisation)]
    assert names.count(LAT) == 2


@pytest.mark.parametrize(
    "latitude, longitude",
    [("abc", "9.7"), ("50.6", ""), ("95", "9.7"), ("50.6", "9.7; drop")],
)
def test_a_bad_point_is_an_error_and_nothing_changes(organisation, latitude, longitude):
    response = save_with_point(organisation, latitude, longitude)
    assert response.status_code == 200  # the form again, not a redirect
    assert "Enter the latitude (-90 to 90)" in response.text
    assert stored_point(organisation) == (50.64, 9.69)


@pytest.mark.parametrize(
    "latitude, longitude, expected",
    [("50.7", "9.81", (50.7, 9.81)), ("50,71", "9,82", (50.71, 9.82))],
)
def test_a_good_point_is_saved(organisation, latitude, longitude, expected):
    response = save_with_point(organisation, latitude, longitude)
    assert response.status_code == 302, response.text[:300]
    assert stored_point(organisation) == expected


def test_an_empty_point_removes_it(organisation):
    response = save_with_point(organisation, "", "")
    assert response.status_code == 302
    assert stored_point(organisation) is None
