"""Profile version 1003: the workflows name their i18n domain, so that the
titles of their states and transitions are translated from the workflow."""
