"""Fixtures of the round table tests. The two tables with their members
and closed content (``tables``) are made in test_round_tables.py, next to
the secret words and passwords its tests look for. Fixtures a second round
table module would share belong here."""
