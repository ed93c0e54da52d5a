"""Accessibility: easy language, sign language, the statement and feedback
pages, lang/dir of mixed-language text.
"""
