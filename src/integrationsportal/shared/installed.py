"""Whether a Plone site has the add-on installed.

Installing the add-on is the switch: its views, serializers and exception
views are bound to its browser layer, which plone.browserlayer puts on a
request only inside a site that installed it. What runs without a request of
that site (event subscribers, scripts, the moment traversal enters a site)
asks the site itself: installing registers the layer in the site's component
registry (profiles/default/browserlayer.xml), uninstalling removes it.
"""

from plone.browserlayer.interfaces import ILocalBrowserLayerType
from zope.component import queryUtility


LAYER_NAME = "integrationsportal"  # as in profiles/default/browserlayer.xml


def is_installed(context):
    """Whether the Plone site of ``context`` (the site itself, or an object
    in it) has the add-on installed."""
    return (
        queryUtility(ILocalBrowserLayerType, name=LAYER_NAME, context=context)
        is not None
    )
