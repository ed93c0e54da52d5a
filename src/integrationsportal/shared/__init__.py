"""What several features share: following relations under one visibility
rule, the summaries of an offer, contact and organisation, formatting and
reading request values. Nothing here imports a view."""
