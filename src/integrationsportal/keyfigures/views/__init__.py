"""The key figures' pages, one module each. Nothing imports from here: the
pages read the figures through the modules one level up."""
