"""Profile version 1013: feedback from readers. Two staff-only types
(``FeedbackReports``, ``Feedback``) with their workflows, the permission to
review reports, the catalog indexes of the editors' inbox, and two site
settings (how long reports that are done are kept, and how many one
network may send an hour)."""
