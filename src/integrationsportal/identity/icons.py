"""The district's app icon: served from the registry (the answer file's
``app_icon``) or drawn from its colours and the first letter of its name,
and linked as the home-screen icon instead of Barceloneta's."""

from integrationsportal import _
from integrationsportal.identity.colours import is_colour
from integrationsportal.identity.settings import identity_settings
from integrationsportal.interfaces import IIntegrationsportalLayer
from integrationsportal.shared.languages import language
from io import BytesIO
from PIL import Image
from PIL import ImageDraw
from PIL import ImageFont
from plone import api
from plone.base.interfaces import IPloneSiteRoot
from plone.formwidget.namedfile.converter import b64decode_file
from plone.transformchain.interfaces import ITransform
from Products.Five.browser import BrowserView
from repoze.xmliter.serializer import XMLSerializer
from zope.component import adapter
from zope.component.hooks import getSite
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.interface import implementer
from zope.interface import Interface
import json


SIZE = 512
APP_NAME = _(
    "app_name",
    default="Integration portal ${district}: help into training and work",
)


def draw_icon(name, background, foreground):
    """A square in the primary colour with the name's first letter."""
    image = Image.new("RGB", (SIZE, SIZE), background)
    letter = (name or "?").strip()[:1].upper() or "?"
    font = ImageFont.load_default(size=SIZE * 0.6)
    draw = ImageDraw.Draw(image)
    draw.text((SIZE / 2, SIZE / 2), letter, fill=foreground, font=font, anchor="mm")
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def app_icon_png():
    settings = identity_settings()
    if settings.app_icon:
        return b64decode_file(settings.app_icon)[1]
    background = settings.primary if is_colour(settings.primary) else "#00608c"
    foreground = settings.on_primary if is_colour(settings.on_primary) else "#ffffff"
    return draw_icon(settings.name, background, foreground)


class AppIcon(BrowserView):
    """``@@app-icon.png`` on the portal root."""

    def __call__(self):
        data = app_icon_png()
        response = self.request.response
        response.setHeader("Content-Type", "image/png")
        response.setHeader("Cache-Control", "public, max-age=86400")
        return data


def icon_size(data):
    with Image.open(BytesIO(data)) as image:
        return image.size


class WebManifest(BrowserView):
    """``@@manifest.webmanifest``: the portal as a home-screen app, with the
    district's name, colour and icon. On a language root it is that
    language's app: its name in the language, its start page, its writing
    direction; on the portal root, the language chooser's."""

    def __call__(self):
        settings = identity_settings()
        site_url = api.portal.get().absolute_url()
        width, height = icon_size(app_icon_png())
        title = api.portal.get_registry_record("plone.site_title", default="")
        short_name = settings.name or title
        manifest = {
            "name": title or settings.name,
            "short_name": short_name,
            "start_url": f"{site_url}/",
            "scope": f"{site_url}/",
            "display": "browser",
            "background_color": "#ffffff",
            "icons": [
                {
                    "src": f"{site_url}/@@app-icon.png",
                    "sizes": f"{width}x{height}",
                    "type": "image/png",
                    "purpose": "any",
                }
            ],
        }
        page_language = language(self.context.getId())
        if page_language is not None and not IPloneSiteRoot.providedBy(self.context):
            code = page_language.code
            manifest["id"] = f"{site_url}/{code}/"
            manifest["start_url"] = f"{self.context.absolute_url()}/"
            manifest["lang"] = code
            manifest["dir"] = page_language.direction
            name = Message(APP_NAME, mapping={"district": short_name})
            manifest["name"] = translate(name, target_language=code)
        if is_colour(settings.primary):
            manifest["theme_color"] = settings.primary
        response = self.request.response
        response.setHeader("Content-Type", "application/manifest+json")
        response.setHeader("Cache-Control", "public, max-age=86400")
        return json.dumps(manifest, ensure_ascii=False)


@implementer(ITransform)
@adapter(Interface, IIntegrationsportalLayer)
class AppIconLinks:
    """After the theme: Barceloneta's page template links its own
    apple-touch icons; they point to the district's icon instead."""

    order = 8860  # after plone.app.theming (8850)

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def transformBytes(self, result, encoding):
        return None

    def transformString(self, result, encoding):
        return None

    def transformUnicode(self, result, encoding):
        return None

    def transformIterable(self, result, encoding):
        site = getSite()
        if site is None or not isinstance(result, XMLSerializer):
            return None
        head = result.tree.find("head")
        if head is None:
            return None
        links = [
            link
            for link in head.findall("link")
            if (link.get("rel") or "").startswith("apple-touch-icon")
        ]
        if not links:
            return None
        for link in links[1:]:
            head.remove(link)
        first = links[0]
        first.attrib.clear()
        first.set("rel", "apple-touch-icon")
        first.set("href", f"{site.absolute_url()}/@@app-icon.png")
        return result
