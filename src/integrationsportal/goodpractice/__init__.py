"""Good-practice examples from other districts: the content type and its page."""
