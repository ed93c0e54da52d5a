"""The tab of the section being read, marked by the server.

Plone marks it in the browser (pattern ``pat-navigationmarker`` in Plone's
bundle), which anonymous readers no longer load. This viewlet marks it as
the page is rendered, the way the pattern does: ``current`` (and
``aria-current="page"``) on the tab of the page itself, ``inPath`` on the
tab of the section it is in. The start page's tab is marked only on the
start page, not as the section of every page.
"""

from plone.app.layout.viewlets.common import GlobalSectionsViewlet


class MarkedGlobalSections(GlobalSectionsViewlet):
    _item_markup_template = (
        '<li class="{id}{has_sub_class}{marker_class} nav-item">'
        '<a href="{url}" class="state-{review_state} nav-link"'
        "{aria_haspopup}{aria_current}>{title}</a>{opener}"
        "{sub}"
        "</li>"
    )

    def update(self):
        super().update()
        url = self.request.get("ACTUAL_URL", "") or self.request.getURL()
        self.reading = url.rstrip("/")
        self.root_url = self.navigation_root_url.rstrip("/")

    def render_item(self, item, path):
        own = (item.get("url") or "").rstrip("/")
        item["marker_class"] = ""
        item["aria_current"] = ""
        if own and self.reading in (own, f"{own}/view"):
            item["marker_class"] = " current"
            item["aria_current"] = ' aria-current="page"'
        elif own and own != self.root_url and self.reading.startswith(own + "/"):
            item["marker_class"] = " inPath"
        return super().render_item(item, path)
