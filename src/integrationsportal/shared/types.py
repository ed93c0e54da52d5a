"""The portal's own content types that stay internal: round tables and the
housing tool. Only their members or the housing team see them; they are never
translated, never public and never purged from a cache proxy."""

INTERNAL_TYPES = (
    "RoundTable",
    "Meeting",
    "ActionItem",
    "HousingOffers",
    "HousingOffer",
)
