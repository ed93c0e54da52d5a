"""Fixtures of the operations tests, which run the README's commands for
real. The instance directory for `make start` is tests/conftest.py's
``instance``; the backed-up portal (test_backup.py) and the cluster
(test_cluster_hardening.py) are made in their modules, one per module.
Fixtures two operations modules share belong here."""
