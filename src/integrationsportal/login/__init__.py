"""Logging in: the login forms carry a token against login CSRF (forms.py),
and the login lock's check after traversal for users of the Zope root's user
folder is registered here (the lock itself is ../loginthrottle.py, whose
module path its stored PAS plugin names)."""
