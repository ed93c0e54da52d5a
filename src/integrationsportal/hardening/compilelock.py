"""Page templates are compiled one at a time.

Chameleon compiles a template into Python through the ``ast`` module the
first time it is rendered. CPython 3.11 keeps the recursion depth of its AST
constructor in state that all threads share (python/cpython#106905 and its
relatives), so two threads compiling templates at the same moment can fail
with ``SystemError: AST constructor recursion depth mismatch``. Seen here:
after a restart, four waitress threads serving the first requests at once
failed ``cards.pt`` and Plone's navigation portlet, and a contact page
answered 500.

Compiling happens once per template and process, so serialising it costs
nothing afterwards. The lock is Chameleon's own (the one its module loader
already holds while it writes and imports a compiled template); it is
reentrant, so a template that loads another while compiling is fine.

This wraps ``chameleon.template.BaseTemplate._cook`` for the whole process,
and stays so on purpose, although everything else the add-on does is bound
to its browser layer or its installed state: a template is compiled once per
process, for whichever site renders it first, and the race is CPython's,
not a site's. The lock alters no result and no answer of any site, with or
without the add-on; it only makes threads compile one after the other
instead of crashing.
"""

from chameleon import loader
from chameleon.template import BaseTemplate
import functools


MARK = "_integrationsportal_serialized"


def serialized(cook):
    if getattr(cook, MARK, False):
        return cook

    @functools.wraps(cook)
    def _cook(self, *args, **kwargs):
        loader.acquire_lock()
        try:
            return cook(self, *args, **kwargs)
        finally:
            loader.release_lock()

    setattr(_cook, MARK, True)
    return _cook


def apply():
    BaseTemplate._cook = serialized(BaseTemplate._cook)
