"""Upgrade steps to profile version 1008."""

from integrationsportal import logger
from integrationsportal.housing.form import FORM_ID
from integrationsportal.housing.form import portal_languages
from integrationsportal.housing.form import setup_forms
from lxml import etree
from plone import api


SCHEMA_NS = "http://namespaces.plone.org/supermodel/schema"
FORM_NS = "http://namespaces.plone.org/supermodel/form"
RADIO = "z3c.form.browser.radio.RadioFieldWidget"


def pets_as_radio(model):
    """``model`` (easyform's fields XML) with the pets field as radio
    buttons, unless a site gave it a widget of its own; ``None`` if nothing
    changes."""
    # the stored model is an editor's: no entities, no network
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(model.encode(), parser)
    except etree.XMLSyntaxError:
        return None
    for field in root.iter(f"{{{SCHEMA_NS}}}field"):
        if field.get("name") != "pets":
            continue
        if field.find(f"{{{FORM_NS}}}widget") is not None:
            return None
        if field.get(f"{{{FORM_NS}}}widget"):
            return None
        widget = etree.Element(f"{{{FORM_NS}}}widget", nsmap={"form": FORM_NS})
        widget.set("type", RADIO)
        field.insert(0, widget)
        return etree.tostring(root, encoding="unicode")
    return None


def housing_forms(context):
    portal = api.portal.get()
    default = api.portal.get_registry_record("plone.default_language", default="de")
    for _language, root in portal_languages(portal, default):
        form = root.get(FORM_ID)
        if form is None or form.portal_type != "EasyForm":
            continue
        form.autofocus = False
        changed = pets_as_radio(form.fields_model or "")
        if changed is not None:
            form.fields_model = changed
        logger.info("Upgrade 1008: %s opens at its top.", form.absolute_url(1))
    for form in setup_forms(portal, default):
        logger.info("Upgrade 1008: landlords' form %s created.", form.absolute_url(1))
