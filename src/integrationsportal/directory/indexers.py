"""Catalog indexers of organisations and contact persons. Staff-only
fields are never indexed."""

from integrationsportal.directory.contact import IContact
from integrationsportal.directory.organisation import IOrganisation
from integrationsportal.shared.indexing import html_text
from integrationsportal.shared.indexing import joined
from integrationsportal.shared.indexing import registry_titles
from integrationsportal.shared.indexing import to_object
from integrationsportal.shared.indexing import uid_of
from plone.indexer import indexer


@indexer(IOrganisation)
def organisation_kind(obj):
    return obj.kind


@indexer(IOrganisation)
def organisation_searchable_text(obj):
    return joined(
        obj.Title(),
        obj.Description(),
        obj.responsibilities,
        html_text(obj.text),
        getattr(obj, "city", None),
        *registry_titles("organisation_kinds", [obj.kind]),
    )


@indexer(IContact)
def contact_organisation_uid(obj):
    return uid_of(to_object(obj.organisation))


@indexer(IContact)
def contact_organisation_title(obj):
    organisation = to_object(obj.organisation)
    return organisation.Title() if organisation is not None else ""


@indexer(IContact)
def contact_searchable_text(obj):
    """Public fields only: the internal phone and notes stay out of search."""
    organisation = to_object(obj.organisation)
    return joined(
        obj.Title(),
        obj.Description(),
        obj.position,
        obj.responsibilities,
        organisation.Title() if organisation is not None else None,
    )
