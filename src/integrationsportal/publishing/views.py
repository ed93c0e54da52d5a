"""The editors' and reviewers' lists: my drafts, the review queue, and
the four-eyes check as a view (the guard of workflow definitions before
profile version 1004)."""

from AccessControl import getSecurityManager
from integrationsportal.publishing.foureyes import may_publish
from integrationsportal.publishing.foureyes import submitter
from plone import api
from Products.Five.browser import BrowserView


class MayPublish(BrowserView):
    """The publish guard of workflow definitions before profile version 1004,
    as the user the workflow tool checks (the security manager's, adopted
    roles included). Bound to the add-on's layer; the guard of 1004 asks
    ``may_publish`` itself, with or without a layer."""

    def __call__(self):
        return may_publish(self.context, getSecurityManager().getUser())


class MyDrafts(BrowserView):
    """The current user's items that are not published yet."""

    def items(self):
        user = api.user.get_current()
        brains = api.content.find(
            context=self.context,
            Creator=user.getId(),
            review_state=["private", "pending"],
            sort_on="modified",
            sort_order="descending",
        )
        return [
            {
                "url": brain.getURL(),
                "title": brain.Title,
                "type": brain.portal_type,
                "state": brain.review_state,
                "modified": api.portal.get_localized_time(
                    brain.modified, long_format=True
                ),
            }
            for brain in brains
        ]


class ReviewQueue(BrowserView):
    """Items waiting for review, with who submitted them; one's own
    submissions are marked, as someone else must publish them."""

    def items(self):
        me = api.user.get_current().getId()
        result = []
        for brain in api.content.find(
            context=self.context, review_state="pending", sort_on="modified"
        ):
            obj = brain.getObject()
            by = submitter(obj)
            result.append(
                {
                    "url": brain.getURL(),
                    "title": brain.Title,
                    "type": brain.portal_type,
                    "submitter": by or "",
                    "own": by == me,
                    "modified": api.portal.get_localized_time(
                        brain.modified, long_format=True
                    ),
                }
            )
        return result
