"""A language's start page: the task tiles in the editor's order, then the
latest news and good practice, then a short word about the portal."""

from integrationsportal.frontdoor.tiles import tile_target
from integrationsportal.frontdoor.tiles import TILE_TYPE
from integrationsportal.shared.icons import Icons
from plone import api
from Products.Five.browser import BrowserView


LATEST = 3  # news items and good-practice examples below the tiles


class StartPage(BrowserView):
    def tiles(self):
        """The published tiles the user may see, in folder order, each with
        where it leads; a tile that leads nowhere visible is left out."""
        root_url = self.context.absolute_url()
        portal_url = api.portal.get().absolute_url()
        icons = Icons(self.context, self.request)
        result = []
        for brain in api.content.find(
            context=self.context,
            depth=1,
            portal_type=TILE_TYPE,
            sort_on="getObjPositionInParent",
        ):
            tile = brain.getObject()
            target = tile_target(tile, root_url, portal_url)
            if target is None:
                continue
            url, hreflang = target
            result.append(
                {
                    "title": tile.Title(),
                    "sentence": tile.Description(),
                    "url": url,
                    "hreflang": hreflang,
                    "icon": icons.tag(tile.icon or "info-circle"),
                }
            )
        return result

    def _latest(self, portal_type):
        return [
            {
                "title": brain.Title,
                "description": brain.Description,
                "url": brain.getURL(),
            }
            for brain in api.content.find(
                context=self.context,
                portal_type=portal_type,
                sort_on="effective",
                sort_order="descending",
                sort_limit=LATEST,
            )[:LATEST]
        ]

    def news(self):
        return self._latest("News Item")

    def good_practice(self):
        return self._latest("GoodPractice")

    def about(self):
        return (self.context.Description() or "").strip()
