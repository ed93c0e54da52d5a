"""Take a contact along: ``@@vcard`` (vCard 3.0, UTF-8) and ``@@qr.svg`` /
``@@qr.png`` (a QR code leading to the page). Neither carries staff-only
fields."""

from integrationsportal.shared.relations import related
from Products.Five.browser import BrowserView
import io
import segno
import vobject


def _name_parts(title):
    """'Dr. Amira Haddad' -> ('Amira', 'Haddad', 'Dr.'); a function such as
    'Integrationsberatung' stays whole as the family name."""
    words = title.split()
    prefixes = []
    while len(words) > 2 and words[0].endswith("."):
        prefixes.append(words.pop(0))
    if len(words) < 2:
        return "", title, " ".join(prefixes)
    return " ".join(words[:-1]), words[-1], " ".join(prefixes)


def build_vcard(contact):
    """The vCard of a contact as text."""
    card = vobject.vCard()
    title = contact.Title()
    card.add("fn").value = title
    given, family, prefix = _name_parts(title)
    card.add("n").value = vobject.vcard.Name(family=family, given=given, prefix=prefix)
    organisation = related(contact, "organisation")
    if organisation is not None:
        card.add("org").value = [organisation.Title()]
    if contact.position:
        card.add("title").value = contact.position
    if getattr(contact, "phone", None):
        phone = card.add("tel")
        phone.value = contact.phone
        phone.type_param = "WORK"
    if getattr(contact, "email", None):
        email = card.add("email")
        email.value = contact.email
        email.type_param = "WORK"
    if organisation is not None and (
        getattr(organisation, "street", None) or getattr(organisation, "city", None)
    ):
        address = card.add("adr")
        address.value = vobject.vcard.Address(
            street=organisation.street or "",
            code=organisation.zip_code or "",
            city=organisation.city or "",
            country="Deutschland",
        )
        address.type_param = "WORK"
    card.add("url").value = contact.absolute_url()
    notes = []
    if contact.room:
        notes.append(f"{contact.room}")
    notes.extend(
        line.strip()
        for line in (getattr(contact, "opening_hours", None) or "").splitlines()
        if line.strip()
    )
    if notes:
        card.add("note").value = "\n".join(notes)
    return card.serialize()


class VCardView(BrowserView):
    def __call__(self):
        text = build_vcard(self.context)
        response = self.request.response
        response.setHeader("Content-Type", "text/vcard; charset=utf-8")
        response.setHeader(
            "Content-Disposition", f'attachment; filename="{self.context.getId()}.vcf"'
        )
        return text.encode("utf-8")


class QRCodeView(BrowserView):
    """A QR code with the page's address."""

    kind = "svg"

    def __call__(self):
        code = segno.make(self.context.absolute_url(), error="m")
        buffer = io.BytesIO()
        response = self.request.response
        if self.kind == "svg":
            code.save(
                buffer,
                kind="svg",
                scale=4,
                border=2,
                xmldecl=False,
                title=self.context.Title(),
                svgclass="qr-code",
            )
            response.setHeader("Content-Type", "image/svg+xml")
        else:
            code.save(buffer, kind="png", scale=8, border=2)
            response.setHeader("Content-Type", "image/png")
        return buffer.getvalue()


class QRCodePNGView(QRCodeView):
    kind = "png"
