"""Publishing: the four-eyes rule, my drafts, the review queue and the offers
to verify.
"""
