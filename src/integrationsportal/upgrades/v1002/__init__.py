"""Profile version 1002: the vocabularies a district edits are JSON records
with a control panel of their own, no longer pipe-format lines."""
