"""Profile version 1006: the district's identity (registry records of
``IIdentitySettings``) and the compact header (the language button instead
of the row of language links, the login in the footer)."""
