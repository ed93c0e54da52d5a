"""Profile version 1005: the "Find an offer" tab links to ``offer-finder``
without ``@@``, so that Plone's navigation marker no longer takes it for the
language root and marks it current on every page. (A view is reached without
``@@`` as long as no item in the language root has the id ``offer-finder``.)"""
