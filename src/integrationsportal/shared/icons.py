"""Plone's icon resolver, remembering each inline SVG for the request."""


class Icons:
    """A list of twenty offers shows the same seven icons over and over:
    each is resolved once."""

    def __init__(self, context, request):
        self.resolver = context.restrictedTraverse("@@iconresolver")
        self.tags = {}

    def tag(self, name):
        if name not in self.tags:
            self.tags[name] = self.resolver.tag(name)
        return self.tags[name]
