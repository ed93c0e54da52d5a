"""Offers: the content type, its page, its catalog indexers."""
