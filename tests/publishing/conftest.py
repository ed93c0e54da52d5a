"""Fixtures of the publication workflow tests: the portal's groups with
editors, reviewers and a user in no group."""

from integrationsportal.site.groups import setup_groups
from plone import api
import pytest


@pytest.fixture
def people(portal):
    """{name: user}: editors rita and ralf, paul and petra who both write and
    review, and max, in no group."""
    setup_groups(portal)
    users = {}
    for name, groups in (
        ("rita", ["editors"]),
        ("ralf", ["editors"]),
        ("paul", ["editors", "reviewers"]),  # reviewers who also write
        ("petra", ["editors", "reviewers"]),
        ("max", []),
    ):
        users[name] = api.user.create(email=f"{name}@example.org", username=name)
        for group in groups:
            api.group.add_user(groupname=group, username=name)
    return users
