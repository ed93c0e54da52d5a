"""The public offer finder: one query model (query.py) for the page and the
REST service.
"""
