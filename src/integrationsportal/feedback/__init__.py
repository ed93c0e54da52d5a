"""Feedback from readers on every public page: "Was this helpful?" and
"Report a problem", filed as staff-only ``Feedback`` items that the editors
work from (``@@feedback-inbox``, *Offers to verify*, the translation
dashboard and the key figures)."""
