"""The finder's filters: for each, its request parameter, the catalog index
it searches, its vocabulary and its label. Facets offer a vocabulary's
values; flags are yes-or-no filters. A facet's label asks the question of
the filter form; its short name ("Place") names a chosen value on the page's
list of active filters ("Place: Lindenau")."""

from dataclasses import dataclass
from integrationsportal import _


@dataclass(frozen=True)
class Facet:
    name: str  # request parameter
    index: str  # catalog index
    vocabulary: str | None
    multiple: bool = False
    label: str = ""
    short: str = ""

    @property
    def name_of_value(self):
        """The filter's name beside a chosen value."""
        return self.short or self.label


FACETS = (
    Facet(
        "category",
        "categories",
        "integrationsportal.OfferCategories",
        True,
        _("What are you looking for?"),
        _("Kind of offer"),
    ),
    Facet(
        "target_group",
        "target_groups",
        "integrationsportal.TargetGroups",
        True,
        _("For whom"),
    ),
    Facet(
        "residence_status",
        "residence_status",
        "integrationsportal.ResidenceStatus",
        False,
        _("Residence status"),
    ),
    Facet(
        "german_level",
        "german_level_rank",
        "integrationsportal.GermanLevels",
        False,
        _("My German"),
    ),
    Facet(
        "language",
        "languages",
        "integrationsportal.Languages",
        True,
        _("Language of the offer"),
    ),
    Facet(
        "municipality",
        "municipality",
        "integrationsportal.Municipalities",
        True,
        _("Place"),
    ),
)
FLAGS = (
    Facet("free", "cost", None, False, _("Free of charge")),
    Facet("barrier_free", "barrier_free", None, False, _("Barrier-free access")),
)
FACETS_BY_NAME = {facet.name: facet for facet in FACETS + FLAGS}
