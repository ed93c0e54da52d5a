"""The "Integrationsportal" distribution: how a district's portal is built.

plone.distribution creates the bare Plone site from the answers (id, title,
description, time zone, default language) and calls the handlers registered
in ``configure.zcml``. The answers come from the "Create a Plone site" form at
the Zope root, from its REST endpoint ``@sites`` or from an answer file
(``profiles/*.toml``, read by ``site/profile.py``); they are described by
``distributions/integrationsportal/schema.json``.
"""

from integrationsportal import logger
from integrationsportal.frontdoor.tiles import setup_start_pages
from integrationsportal.housing.form import HousingProfile
from integrationsportal.housing.form import setup_housing
from integrationsportal.identity.colours import colour_problems
from integrationsportal.identity.setup import setup_identity
from integrationsportal.places.setup import setup_places
from integrationsportal.site.groups import setup_groups
from integrationsportal.site.groups import setup_languages
from plone import api
from plone.distribution.handler import default_handler
from zExceptions import BadRequest


NAME = "integrationsportal"


def answer_problems(answers):
    """What the JSON schema cannot say: answers that contradict each other.

    Yields ``(key, problem)``, the key as in the answers (``default_language``,
    ``housing.rent_limits.<municipality>``)."""
    languages = answers.get("available_languages") or []
    default_language = answers.get("default_language")
    if default_language not in languages:
        yield (
            "default_language",
            f"'{default_language}' must be one of the available languages",
        )
    for field, problem in colour_problems(answers.get("identity") or {}):
        yield f"identity.{field}", problem
    municipalities = answers.get("municipalities") or []
    rent_limits = (answers.get("housing") or {}).get("rent_limits") or {}
    centres = (answers.get("places") or {}).get("municipalities") or {}
    for municipality in centres:
        if municipality not in municipalities:
            yield (
                f"places.municipalities.{municipality}",
                "is not one of the district's municipalities",
            )
    for municipality in rent_limits:
        if municipality not in municipalities:
            yield (
                f"housing.rent_limits.{municipality}",
                "is not one of the district's municipalities",
            )


def pre_handler(answers):
    """Refuse contradicting answers before anything is created: the form and
    ``@sites`` answer 400 naming the field."""
    for key, problem in answer_problems(answers):
        raise BadRequest(f"Field '{key}': {problem}")
    return answers


def handler(distribution, site, answers):
    """Install Plone's classic UI and the add-on, then set up the district:
    languages, groups, settings, housing tool and (if asked for) demo
    content."""
    # the base profiles (profiles.json) as plone.distribution installs them;
    # the demo content comes last, once languages and groups exist
    default_handler(distribution, site, {**answers, "setup_content": False})
    languages = answers["available_languages"]
    default_language = answers["default_language"]
    logger.info("[1/4] Plone site '%s' with the add-on installed.", site.getId())

    logger.info("[2/4] Languages: %s …", ", ".join(languages))
    setup_languages(site, default_language, languages)

    logger.info(
        "[3/4] District '%s', %d municipalities, groups …",
        answers["district_name"],
        len(answers["municipalities"]),
    )
    setup_groups(site)
    api.portal.set_registry_record(
        "integrationsportal.district_name", answers["district_name"]
    )
    api.portal.set_registry_record(
        "integrationsportal.municipalities", list(answers["municipalities"])
    )
    # the open-data licence: unanswered, the settings' defaults stay
    open_data = answers.get("open_data") or {}
    for key in ("licence", "licence_url"):
        if key in open_data:
            api.portal.set_registry_record(
                f"integrationsportal.open_data_{key}", open_data[key]
            )
    setup_identity(answers.get("identity") or {}, answers["district_name"])
    setup_places(answers.get("places") or {})
    housing = HousingProfile.from_answers(answers.get("housing") or {})
    setup_housing(site, default_language, housing, log=logger.info)

    if answers.get("setup_content"):
        logger.info("[4/4] Loading the demo content …")
        setup_tool = site["portal_setup"]
        for profile_id in distribution.contents["profiles"]:
            setup_tool.runAllImportStepsFromProfile(f"profile-{profile_id}")
    else:
        logger.info("[4/4] No demo content (content.demo is off).")
    # last: the tiles lead to the housing form and to the demo's contacts
    setup_start_pages(site)
    return site
