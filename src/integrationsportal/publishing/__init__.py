"""Publishing: the four-eyes rule, my drafts, the review queue and the offers
to verify.

The workflow's publish guard asks ``foureyes.may_publish`` directly
(``python:modules["integrationsportal.publishing.foureyes"].may_publish(here,
user)``), so the rule holds wherever the workflow runs: in the browser, over
REST and in scripts, whose requests have no browser layer. Guard expressions
are restricted code, so the function is declared public here; it only
answers a question, and only sites with the workflow ask it.
"""

from AccessControl import ModuleSecurityInfo


ModuleSecurityInfo("integrationsportal.publishing.foureyes").declarePublic(
    "may_publish"
)
