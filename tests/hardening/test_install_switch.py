"""Installing the add-on is the switch: a second Plone site in the same Zope
that has not installed it answers as vanilla Plone does (no security headers
of ours, Zope's own answer to a form value it cannot convert, none of our
views, error pages or field security), while the add-on's site in the same
process keeps all of them."""

from contextlib import contextmanager
from integrationsportal import translation
from integrationsportal.hardening.fieldsecurity import ReadableFieldsReadFile
from integrationsportal.hardening.headers import HEADERS
from integrationsportal.housing.intake import CreateHousingOfferAction
from integrationsportal.interfaces import IIntegrationsportalLayer
from plone import api
from plone.app.multilingual.interfaces import IPloneAppMultilingualInstalled
from plone.app.multilingual.interfaces import ITranslatable
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.base.interfaces import ILanguage
from Products.CMFPlone.factory import addPloneSite
from zope.annotation.interfaces import IAnnotations
from zope.component.hooks import setSite
from zope.event import notify
from zope.filerepresentation.interfaces import IRawReadFile
from zope.interface import alsoProvides
from zope.interface import noLongerProvides
from zope.lifecycleevent import ObjectModifiedEvent
from ZPublisher import Converters
from ZPublisher.HTTPRequest import HTTPRequest
import pytest
import requests
import transaction


OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
JSON = {"Accept": "application/json"}
HTML = {"Accept": "text/html"}
# the headers Plone itself never sets (plone.protect sets X-Frame-Options);
# the Content-Security-Policy names the site's tile server (places/)
OUR_HEADERS = {name: value for name, value in HEADERS if name != "X-Frame-Options"}
OUR_HEADERS["Content-Security-Policy"] = None
CLIENT_ERROR = 'class="client-error"'


@pytest.fixture
def sites(ml_functional_portal):
    """(ours, plain): the layer's portal with the add-on and a second,
    vanilla Plone site next to it, without any extension profile."""
    ours = ml_functional_portal
    app = ours.aq_parent
    # the request comes marked with the layer portal's browser layers; a
    # new site's creation must not see them
    for layer in (IIntegrationsportalLayer, IPloneAppMultilingualInstalled):
        noLongerProvides(app.REQUEST, layer)
    with api.env.adopt_user(SITE_OWNER_NAME):
        plain = addPloneSite(app, "plain", title="Plain Plone")
    setSite(ours)
    transaction.commit()
    yield ours, plain
    with api.env.adopt_user(SITE_OWNER_NAME):
        app.manage_delObjects(["plain"])
    setSite(ours)
    transaction.commit()


def get(site, path, headers=None, auth=None):
    return requests.get(
        site.absolute_url() + path,
        headers=headers or {},
        auth=auth,
        allow_redirects=False,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("", {}),
        ("", JSON),
        ("/gibt-es-nicht", {}),
        ("/gibt-es-nicht", JSON),
    ],
)
def test_security_headers_only_on_the_site_with_the_add_on(sites, path, headers):
    ours, plain = sites
    mine = get(ours, path, headers)
    for name, value in HEADERS:
        assert mine.headers.get(name) == value, (path, name)
    assert "default-src 'self'" in mine.headers["Content-Security-Policy"]
    vanilla = get(plain, path, headers)
    for name in OUR_HEADERS:
        assert name not in vanilla.headers, (path, name)


@pytest.mark.parametrize(
    "path",
    [
        "/@@four-eyes-may-publish",
        "/@@offer-finder",
        "/@@open-data",
        "/@@translation-dashboard",
        "/@@integrationsportal-settings",
    ],
)
def test_our_views_only_on_the_site_with_the_add_on(sites, path):
    ours, plain = sites
    assert get(ours, path, auth=OWNER).status_code in (200, 302), path
    assert get(plain, path, auth=OWNER).status_code == 404, path


def test_our_services_only_on_the_site_with_the_add_on(sites):
    ours, plain = sites
    assert get(ours, "/de/@offer-finder", JSON).status_code == 200
    assert get(plain, "/@offer-finder", JSON).status_code == 404
    assert get(ours, "/@key-figures", JSON, auth=OWNER).status_code == 200
    assert get(plain, "/@key-figures", JSON, auth=OWNER).status_code == 404


@pytest.mark.parametrize(
    ("name", "value"),
    [("int", "drei"), ("float", "x"), ("date", "31.02.x"), ("json", "{")],
)
def test_converters_called_directly_raise_as_in_zope(name, value):
    """Code that calls a converter itself sees Zope's own exception."""
    converter = Converters.get_converter(name)
    with pytest.raises(Exception) as ours:
        converter(value)
    with pytest.raises(Exception) as zope:
        converter.__wrapped__(value)
    assert type(ours.value) is type(zope.value)
    assert str(ours.value) == str(zope.value)


@contextmanager
def zope_alone():
    """Zope's converters and form reading without the add-on's wrappers."""
    converters = dict(Converters.type_converters)
    process_inputs = HTTPRequest.processInputs
    for name, converter in converters.items():
        Converters.type_converters[name] = converter.__wrapped__
    HTTPRequest.processInputs = process_inputs.__wrapped__
    try:
        yield
    finally:
        Converters.type_converters.update(converters)
        HTTPRequest.processInputs = process_inputs


def answer(response):
    """What a client sees, but the date."""
    headers = dict(response.headers)
    headers.pop("Date", None)
    return response.status_code, headers, response.text


@pytest.mark.parametrize("headers", [{}, HTML, JSON])
@pytest.mark.parametrize("query", ["?age:int=drei", "?age:int=", "?d:date=gestern"])
def test_a_value_zope_cannot_convert(sites, headers, query):
    """Zope answers 500 before traversal, and so does the plain site, to the
    byte; the add-on's site answers 400 with its own error page or error
    JSON, and its headers."""
    ours, plain = sites
    with zope_alone():
        vanilla = answer(get(plain, query, headers))
    assert vanilla[0] == 500
    assert answer(get(plain, query, headers)) == vanilla
    services = ("/de/@offer-finder",) if headers == JSON else ()
    for path in ("", "/de/@@offer-finder", *services):
        mine = get(ours, path + query, headers)
        assert mine.status_code == 400, path
        assert "drei" not in mine.text and "gestern" not in mine.text
        if headers == JSON:
            assert mine.json()["type"] == "BadRequest"
        elif headers == HTML:
            assert CLIENT_ERROR in mine.text
        for name, value in HEADERS:
            assert mine.headers.get(name) == value


def test_a_default_stands_in_for_an_empty_value(sites):
    """Zope puts a ``:default`` in place of an empty value it cannot
    convert; so do both sites."""
    ours, plain = sites
    query = "?age:int:default=5&age:int="
    assert get(plain, query).status_code == 200
    assert get(ours, query).status_code in (200, 302)


def test_a_subrequest_reads_its_form_as_zope_does(sites):
    """Only requests the publisher publishes wait for their site; a
    subrequest fails at once, as in Zope."""
    from plone.subrequest import subrequest

    ours, plain = sites
    setSite(plain)
    try:
        response = subrequest(plain.absolute_url() + "?age:int=drei")
    finally:
        setSite(ours)
    assert response.status == 500


def test_our_error_pages_only_on_the_site_with_the_add_on(sites):
    """Text that is not UTF-8 is refused with the add-on's error page on its
    site; the plain site answers as Plone does."""
    ours, plain = sites
    mine = get(ours, "/de/@@offer-finder?q=%ff", HTML)
    assert mine.status_code == 400
    assert CLIENT_ERROR in mine.text
    vanilla = get(plain, "?q=%ff", HTML)
    assert vanilla.status_code == 200
    assert CLIENT_ERROR not in vanilla.text
    missing = get(plain, "/gibt-es-nicht", HTML)
    assert missing.status_code == 404
    assert CLIENT_ERROR not in missing.text


def test_field_security_only_on_the_site_with_the_add_on(sites):
    """The marshalling adapter that leaves out protected fields is local to
    the add-on's site; the plain site marshals with plone.dexterity's."""
    ours, plain = sites
    setSite(plain)
    try:
        assert not isinstance(IRawReadFile(plain), ReadableFieldsReadFile)
    finally:
        setSite(ours)
    assert isinstance(IRawReadFile(ours["de"]), ReadableFieldsReadFile)
    dav = requests.get(plain.absolute_url() + "/manage_DAVget", auth=OWNER, timeout=60)
    assert dav.status_code == 200
    for name in OUR_HEADERS:
        assert name not in dav.headers


def test_the_housing_action_only_in_the_site_with_the_add_on(sites):
    """easyform offers the landlords' form action only where it can work."""
    ours, plain = sites
    with api.env.adopt_user(SITE_OWNER_NAME):
        assert CreateHousingOfferAction.available(ours)
        assert not CreateHousingOfferAction.available(plain)


def test_translation_records_only_in_the_site_with_the_add_on(sites):
    """A translatable item saved in another site gets no translation
    record of ours (plone.app.multilingual's events reach every site)."""
    ours, plain = sites
    setSite(plain)
    try:
        alsoProvides(plain, ITranslatable)
        ILanguage(plain).set_language("en")  # the plain site's default
        notify(ObjectModifiedEvent(plain))
        assert translation.KEY not in IAnnotations(plain)
    finally:
        noLongerProvides(plain, ITranslatable)
        setSite(ours)
    with api.env.adopt_user(SITE_OWNER_NAME):
        offer = api.content.create(ours["de"], "Offer", id="kurs", title="Kurs")
    ILanguage(offer).set_language("de")
    notify(ObjectModifiedEvent(offer))
    assert translation.KEY in IAnnotations(offer)
