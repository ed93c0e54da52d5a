"""The portal's own content types that stay internal: round tables, the
housing tool and the readers' reports. Only their members, the housing team
or the editorial staff see them; they are never
translated, never public and never purged from a cache proxy."""

INTERNAL_TYPES = (
    "RoundTable",
    "Meeting",
    "ActionItem",
    "HousingOffers",
    "HousingOffer",
    "FeedbackReports",
    "Feedback",
)
