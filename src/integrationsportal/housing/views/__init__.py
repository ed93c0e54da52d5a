"""The housing tool's pages, one module each. Nothing imports from here: the
pages read the flats through the modules one level up."""
