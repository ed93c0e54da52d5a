"""Profile version 1004: the publish guard of the publication workflow asks
the four-eyes rule directly instead of through a view, so the rule needs no
browser layer and the view no longer exists for sites without the add-on."""
