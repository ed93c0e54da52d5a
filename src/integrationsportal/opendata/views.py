"""Open data downloads: ``@@open-data`` describes them; ``@@open-data.csv``
and ``@@open-data.json`` (``?dataset=offers|organisations|contacts``),
``@@open-data.geojson`` (``?dataset=offers|organisations``, the items that
have a place) and ``@@offers.ics`` (offers with dates) deliver them. On the
portal root all languages, on a language root that language."""

from datetime import datetime
from datetime import timedelta
from integrationsportal.opendata import export
from integrationsportal.shared.request import last_value
from Products.Five.browser import BrowserView
import csv
import io
import json
import re


CACHE = "public, max-age=3600"
PARAMETER_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")


def _dataset(request):
    value = last_value(request.form.get("dataset"))
    return value if value in export.DATASETS else None


def _refuse(response, message):
    response.setStatus(400)
    response.setHeader("Content-Type", "text/plain; charset=utf-8")
    return message


class OpenDataPage(BrowserView):
    """What the open data holds, its fields and its licence."""

    datasets = ("offers", "organisations", "contacts")

    def fields(self, dataset):
        return export.FIELDS[dataset]

    def has_places(self, dataset):
        """Whether the dataset is also a map (``@@open-data.geojson``)."""
        return dataset in export.PLACED_DATASETS

    def licence(self):
        return export.licence()


class _DatasetDownload(BrowserView):
    """One dataset, chosen by ``?dataset=``; anything else is refused with 400."""

    def __call__(self):
        dataset = _dataset(self.request)
        if dataset is None:
            return _refuse(
                self.request.response,
                "Choose ?dataset=offers, organisations or contacts.",
            )
        return self.render(dataset, self.request.response)

    def render(self, dataset, response):
        raise NotImplementedError


class OpenDataCSV(_DatasetDownload):
    def render(self, dataset, response):
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=export.FIELDS[dataset])
        writer.writeheader()
        for record in export.records(self.context, dataset):
            writer.writerow(
                {
                    k: ";".join(v) if isinstance(v, list) else ("" if v is None else v)
                    for k, v in record.items()
                }
            )
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader(
            "Content-Disposition", f'attachment; filename="{dataset}.csv"'
        )
        response.setHeader("Cache-Control", CACHE)
        return out.getvalue()


class OpenDataJSON(_DatasetDownload):
    def render(self, dataset, response):
        items = export.records(self.context, dataset)
        body = {
            "dataset": dataset,
            "source": self.context.absolute_url(),
            "licence": export.licence(),
            "generated": datetime.now().astimezone().isoformat(),
            "fields": export.FIELDS[dataset],
            "count": len(items),
            "items": items,
        }
        response.setHeader("Content-Type", "application/json; charset=utf-8")
        response.setHeader("Cache-Control", CACHE)
        return json.dumps(body, ensure_ascii=False, indent=1)


class OpenDataGeoJSON(BrowserView):
    """The offers or organisations that have a place, as a GeoJSON
    FeatureCollection (RFC 7946). Its address is a contract: exactly one
    ``dataset`` and no other parameter, anything else is refused with 400."""

    def __call__(self):
        response = self.request.response
        problem = self.problem()
        if problem:
            return _refuse(response, problem)
        dataset = self.request.form["dataset"]
        items = export.records(self.context, dataset)
        features = export.features(items)
        body = {
            "type": "FeatureCollection",
            "dataset": dataset,
            "source": self.context.absolute_url(),
            "licence": export.licence(),
            "generated": datetime.now().astimezone().isoformat(),
            "fields": export.FIELDS[dataset],
            "count": len(features),
            "features": features,
        }
        response.setHeader("Content-Type", "application/geo+json; charset=utf-8")
        response.setHeader(
            "Content-Disposition", f'attachment; filename="{dataset}.geojson"'
        )
        response.setHeader("Cache-Control", CACHE)
        return json.dumps(body, ensure_ascii=False, separators=(",", ":"))

    def problem(self):
        """Why the request names no dataset to deliver, or ""."""
        choose = "Choose ?dataset=offers or ?dataset=organisations."
        form = self.request.form
        unknown = sorted(str(name) for name in form if name != "dataset")
        if unknown:
            name = unknown[0]
            if PARAMETER_NAME.match(name):  # echoed only when plainly harmless
                return f"Unknown parameter {name}. {choose}"
            return f"Unknown parameter. {choose}"
        value = form.get("dataset")
        if value is None:
            return f"The parameter dataset is missing. {choose}"
        if isinstance(value, (list, tuple)):
            return f"Give dataset once. {choose}"
        if value not in export.PLACED_DATASETS:
            return f"Unknown dataset. {choose}"
        return ""


class OffersICal(BrowserView):
    """Offers with a start date, as an iCalendar feed (all-day events)."""

    def __call__(self):
        import vobject

        calendar = vobject.iCalendar()
        calendar.add("prodid").value = "-//Integrationsportal//Angebote//DE"
        calendar.add("x-wr-calname").value = self.context.Title()
        for obj in export.public_objects(self.context, "Offer"):
            if not getattr(obj, "start", None):
                continue
            event = calendar.add("vevent")
            event.add("uid").value = f"{obj.UID()}@integrationsportal"
            event.add("summary").value = obj.Title()
            event.add("dtstart").value = obj.start
            end = obj.end if obj.end and obj.end >= obj.start else obj.start
            event.add("dtend").value = end + timedelta(days=1)  # exclusive
            event.add("url").value = obj.absolute_url()
            event.add("dtstamp").value = obj.modified().asdatetime()
            if obj.Description():
                event.add("description").value = obj.Description()
            place = ", ".join(
                p for p in (getattr(obj, "street", ""), getattr(obj, "city", "")) if p
            )
            if place:
                event.add("location").value = place
        response = self.request.response
        response.setHeader("Content-Type", "text/calendar; charset=utf-8")
        response.setHeader("Content-Disposition", 'attachment; filename="offers.ics"')
        response.setHeader("Cache-Control", CACHE)
        return calendar.serialize()
