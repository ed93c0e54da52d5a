"""The header's "My list" entry. The count is the reader's and lives in
their browser (static/mylist.js fills it in); the page itself is the same
for everyone, so it can be cached."""

from plone.app.layout.viewlets.common import ViewletBase


class MyListViewlet(ViewletBase):
    def list_url(self):
        return f"{self.navigation_root_url}/@@my-list"
