"""Hardening: how a site with the add-on meets hostile or broken requests.

Everything here is bound to the add-on's browser layer or to its installed
state, so a Plone site in the same Zope without the add-on behaves as
vanilla Plone:

- ``guard``: checks each request after traversal, before a view runs
  (unreadable text, batching numbers, Zope converter values on the add-on's
  views, REST bodies too deep or holding NaN), and shortens over-long login
  redirects;
- ``querystring``: ``@querystring-search`` and ``@@getVocabulary`` check
  their criteria before the catalog sees them;
- ``errors``: the exception views: the reader's mistakes answer 4xx with a
  message in the reader's language (pages) or plone.restapi's error JSON
  (services); nobody but a Manager sees an exception's own text;
- ``fieldsecurity``: fields with a read permission stay hidden in
  marshalling (FTP/WebDAV), image metadata and old versions;
- ``headers``: the security headers on every response;
- ``converters``: a form value Zope cannot convert (``age:int=drei``) answers
  400 on a site with the add-on and as Zope does elsewhere; the converters
  and Zope's form reading are wrapped process-wide (the form is read before
  any site is known), so that the error waits for the site;
- ``compilelock``: templates are compiled one at a time, process-wide (a
  CPython race; it changes no answer of any site).

The login lock stays in ``integrationsportal.loginthrottle``: the PAS plugin
object stored in existing databases names that module.
"""
