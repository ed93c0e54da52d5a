"""Named vocabularies. Those a district edits (categories, target groups …)
live in ``editable.py`` and its control panel; the municipalities come from
the site settings; fixed vocabularies (statuses the code relies on) are
defined here."""

from integrationsportal import _
from integrationsportal.roundtables.content import ACTION_ITEM_STATUSES
from integrationsportal.shared.municipalities import municipalities

# the finder and the indexers rank German levels by the editable vocabulary
from integrationsportal.vocabularies.editable import german_level_rank  # noqa: F401
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


@provider(IVocabularyFactory)
def MunicipalitiesVocabulary(context):
    """The district's municipalities (registry: integrationsportal.municipalities)."""
    return SimpleVocabulary(
        [SimpleTerm(token, token, name) for token, name in municipalities()]
    )


def _fixed(*items):
    @provider(IVocabularyFactory)
    def factory(context):
        return SimpleVocabulary(
            [SimpleTerm(value, value, title) for value, title in items]
        )

    return factory


OfferStatusVocabulary = _fixed(
    ("active", _("Active")),
    ("booked", _("Fully booked")),
    ("paused", _("Paused")),
    ("ended", _("Ended")),
)

DeliveryVocabulary = _fixed(
    ("in_person", _("In person")),
    ("online", _("Online")),
    ("hybrid", _("In person and online")),
)

ActionItemStatusVocabulary = _fixed(*ACTION_ITEM_STATUSES)

CostVocabulary = _fixed(
    ("free", _("Free of charge")),
    ("fee", _("With a fee")),
)

PetsAllowedVocabulary = _fixed(
    ("yes", _("Pets allowed")),
    ("ask", _("Pets by arrangement")),
    ("no", _("No pets")),
)
