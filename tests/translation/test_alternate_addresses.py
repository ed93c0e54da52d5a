"""A page's hreflang alternates carry the address the reader used, even when
the page was first asked for at another address (an instance's own port,
before the reader's request came through the TLS front), and name only
translations every reader may see, even when an editor asked first."""

from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from Products.SiteAccess.VirtualHostMonster import manage_addVirtualHostMonster
from support import get_ok
import lxml.html
import transaction


def alternates(html):
    tree = lxml.html.fromstring(html)
    return {
        link.get("hreflang"): link.get("href")
        for link in tree.xpath('//head/link[@rel="alternate"][@hreflang]')
    }


def test_alternates_follow_the_readers_address(ml_functional_portal):
    portal = ml_functional_portal
    with api.env.adopt_user(SITE_OWNER_NAME):
        page = api.content.create(portal["de"], "Document", id="seite", title="Seite")
        arabic = ITranslationManager(page).add_translation("ar")
        arabic.title = "صفحة"
        arabic.reindexObject()
        for obj in (page, arabic):
            api.content.transition(obj, to_state="published")
        # a translation still being written: private
        farsi = ITranslationManager(page).add_translation("fa")
        farsi.title = "صفحه پیش‌نویس"
        farsi.reindexObject()
    app = portal.aq_parent
    if "virtual_hosting" not in app.objectIds():  # as every Zope has one
        manage_addVirtualHostMonster(app)
    transaction.commit()
    direct = portal.absolute_url()
    # first at the instance's own address, by the site owner who may see
    # the private translation: this fills the cache
    first = alternates(get_ok(page, auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD)).text)
    assert first == {
        "de": f"{direct}/de/seite",
        "ar": f"{direct}/ar/{arabic.getId()}",
    }
    # then as the reader behind the TLS front sees it: the private
    # translation is not named
    virtual = (
        f"{direct.rsplit('/', 1)[0]}/VirtualHostBase/https/integration.example.org:443/"
        f"{portal.getId()}/VirtualHostRoot/de/seite"
    )
    second = alternates(get_ok(virtual).text)
    assert second == {
        "de": "https://integration.example.org/de/seite",
        "ar": f"https://integration.example.org/ar/{arabic.getId()}",
    }
