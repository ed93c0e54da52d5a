"""Search alerts by e-mail, end to end over HTTP and a real SMTP server:
the form, the mail to confirm (double opt-in), the alert mail with only
new and changed offers and the link that ends it, and what the form refuses
(a wrong address, no consent, a bot, a missing token, a flood)."""

from integrationsportal.alerts import job
from integrationsportal.alerts.store import Alerts
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from support import create_published
from support import csrf_token
from support import edit
import html
import re
import requests
import time
import transaction


def form_of(portal, **params):
    url = f"{portal['en'].absolute_url()}/@@finder-alert"
    answer = requests.get(url, params=params, timeout=60)
    assert answer.status_code == 200, answer.text[:300]
    state = re.search(r'name="form.widgets.state"[^>]*value="([^"]*)"', answer.text)
    state = state or re.search(
        r'value="([^"]*)"[^>]*name="form.widgets.state"', answer.text
    )
    return url, answer.text, html.unescape(state.group(1))


def subscribe(portal, email="amira@example.org", consent=True, session=None, **extra):
    session = session or requests.Session()
    url, text, state = form_of(portal, category="language")
    data = {
        "form.widgets.email": email,
        "form.widgets.state": state,
        "form.widgets.website": "",
        "form.buttons.subscribe": "Send",
        "_authenticator": csrf_token(text),
        **extra,
    }
    if consent:
        data["form.widgets.consent:list"] = "selected"
    return session.post(url, data=data, timeout=60)


def run_job(portal, **kwargs):
    """The alert run, as the instance's thread or the cron job does it, on
    what the server committed."""
    transaction.begin()
    return job.run(portal, **kwargs)


def wait_for(inbox, count, seconds=10):
    deadline = time.monotonic() + seconds
    while len(inbox.messages) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    return inbox.messages


def link(message, view):
    body = message.get_content()
    return re.search(rf"(http\S+/{view}\?token=\S+)", body).group(1)


def test_the_form_says_what_is_kept_and_for_how_long(alert_portal):
    _url, text, state = form_of(alert_portal, category="language")
    text = html.unescape(text)
    assert "Your e-mail address and this search, only to send you these mails." in text
    assert "within two days" in text
    assert "ends the alert" in text
    assert state == "category=language"


def test_double_opt_in_then_only_news_then_the_end(alert_portal, inbox):
    answer = subscribe(alert_portal)
    assert answer.status_code == 200
    assert "a mail with a link to confirm is on its way" in html.unescape(answer.text)
    confirmation = wait_for(inbox, 1)[0]
    assert confirmation.recipients == ["amira@example.org"]
    assert "Sprachkurs" not in confirmation.get_content()  # no offers before confirming
    confirm = link(confirmation, "@@finder-alert-confirm")

    # nothing is sent before the reader confirms
    run_job(alert_portal)
    assert len(inbox.messages) == 1

    # a link checker that opens the link confirms nothing; the button does
    assert "Start the alert" in requests.get(confirm, timeout=60).text
    token = confirm.split("token=")[1]
    assert Alerts(alert_portal).get(token).confirmed is None
    started = requests.post(confirm.split("?")[0], data={"token": token}, timeout=60)
    assert "Your alert runs" in html.unescape(started.text)
    transaction.begin()  # see the server's commit
    assert Alerts(alert_portal).get(token).confirmed is not None

    # what the reader saw at confirmation is no news
    run_job(alert_portal)
    assert len(wait_for(inbox, 2, seconds=1)) == 1

    with api.env.adopt_user(SITE_OWNER_NAME):
        create_published(
            alert_portal["de"],
            "Offer",
            title="Deutsch für den Beruf",
            categories=["language"],
        )
        create_published(
            alert_portal["de"], "Offer", title="Gabelstaplerschein", categories=["work"]
        )
        changed = alert_portal["de"]["sprachcafe"]
        edit(changed, description="Jetzt auch samstags")
    transaction.commit()
    sent, _expired = run_job(alert_portal)
    assert sent == 1
    news = wait_for(inbox, 2)[1]
    body = news.get_content()
    assert "Deutsch für den Beruf" in body and "Sprachcafé" in body
    assert "Gabelstaplerschein" not in body  # not of this search
    assert "nächstem Jahr" not in body and "Abgelaufener" not in body
    assert "Sprachkurs am Abend" not in body  # unchanged
    assert news.recipients == ["amira@example.org"]
    end = link(news, "@@finder-alert-end")
    assert news["List-Unsubscribe"] == f"<{end}>"
    assert news["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    assert token not in body  # the end link holds no secret of the reader's
    # the mail program's one-click end: a bare POST
    ended = requests.post(
        end.split("?")[0],
        data={"token": end.split("token=")[1], "List-Unsubscribe": "One-Click"},
        timeout=60,
    )
    assert ended.status_code == 200
    assert "your address is deleted" in html.unescape(ended.text)
    transaction.begin()
    assert Alerts(alert_portal).of_address("amira@example.org") == []
    assert requests.get(end, timeout=60).status_code == 404


def test_an_alert_never_confirmed_is_deleted_after_two_days(alert_portal, inbox):
    from datetime import timedelta
    from integrationsportal.alerts.store import now

    subscribe(alert_portal, email="later@example.org")
    wait_for(inbox, 1)
    transaction.begin()
    assert len(Alerts(alert_portal).of_address("later@example.org")) == 1
    run_job(alert_portal, when=now() + timedelta(days=1))
    assert len(Alerts(alert_portal).of_address("later@example.org")) == 1
    run_job(alert_portal, when=now() + timedelta(days=2, minutes=1))
    assert Alerts(alert_portal).of_address("later@example.org") == []


def test_what_the_form_refuses(alert_portal, inbox):
    bad = subscribe(alert_portal, email="amira(at)example")
    assert "Please give an e-mail address such as name@example.org." in html.unescape(
        bad.text
    )
    unconsented = subscribe(alert_portal, consent=False)
    assert "Please agree, or no alert can be sent." in html.unescape(unconsented.text)
    bot = subscribe(alert_portal, **{"form.widgets.website": "http://spam.example"})
    assert "on its way" in html.unescape(bot.text)  # told the same as anyone
    no_token = subscribe(alert_portal, _authenticator="")
    assert no_token.status_code in (400, 403)
    tampered = subscribe(alert_portal, **{"form.widgets.state": "category=nonsense"})
    assert tampered.status_code == 400
    time.sleep(1)
    assert inbox.messages == []  # not one mail for any of these


def test_a_flood_from_one_address_is_stopped(alert_portal, inbox):
    answers = [
        subscribe(alert_portal, email=f"person{n}@example.org").status_code
        for n in range(7)
    ]
    assert answers[:5] == [200] * 5
    assert answers[5:] == [429, 429]
    # one address gets at most three mails to confirm a day
    wait_for(inbox, 5)
    transaction.begin()
    Alerts(alert_portal).data["clients"].clear()
    transaction.commit()
    for _n in range(4):
        subscribe(alert_portal, email="target@example.org")
    time.sleep(1)
    to_target = [m for m in inbox.messages if m.recipients == ["target@example.org"]]
    assert len(to_target) == 3


def test_the_instance_runs_the_alerts_of_every_portal_by_itself(alert_portal, inbox):
    """What the thread started with the instance does each interval
    (alerts/schedule.py): the alerts of each portal with the add-on."""
    from integrationsportal.alerts import schedule
    from integrationsportal.alerts.store import now

    alerts = Alerts(alert_portal)
    alerts.add(
        "emre@example.org",
        "en",
        [("category", "language")],
        now(),
        alert_portal["en"].absolute_url(),
    )
    alert = alerts.of_address("emre@example.org")[0]
    alert.confirmed = now()
    transaction.commit()
    app = alert_portal.aq_parent
    schedule.run_everywhere(app)
    news = wait_for(inbox, 1)
    assert len(news) == 1 and news[0].recipients == ["emre@example.org"]
    assert "Sprachkurs am Abend" in news[0].get_content()
    assert f"{alert_portal.absolute_url()}/de/" in news[0].get_content()
    assert schedule.interval() == 3600


def test_the_confirmation_holds_no_text_a_stranger_typed(alert_portal, inbox):
    """Anyone can name any address: the first mail says nothing but the
    filters, never the words typed with them."""
    url, text, _state = form_of(
        alert_portal, category="language", q="Ihr Konto ist gesperrt, rufen Sie 0900 an"
    )
    answer = requests.post(
        url,
        data={
            "form.widgets.email": "victim@example.org",
            "form.widgets.state": _state,
            "form.widgets.consent:list": "selected",
            "form.buttons.subscribe": "Send",
            "_authenticator": csrf_token(text),
        },
        timeout=60,
    )
    assert answer.status_code == 200
    body = wait_for(inbox, 1)[0].get_content()
    assert "0900" not in body and "gesperrt" not in body


def test_mail_links_use_the_public_address_not_the_host_header(alert_portal, inbox):
    api.portal.set_registry_record(
        "integrationsportal.public_url", "https://integration.example.org"
    )
    transaction.commit()
    url, text, state = form_of(alert_portal, category="language")
    requests.post(
        url,
        data={
            "form.widgets.email": "amira@example.org",
            "form.widgets.state": state,
            "form.widgets.consent:list": "selected",
            "form.buttons.subscribe": "Send",
            "_authenticator": csrf_token(text),
        },
        headers={"Host": "evil.example"},
        timeout=60,
    )
    body = wait_for(inbox, 1)[0].get_content()
    assert "https://integration.example.org/en/@@finder-alert-confirm?token=" in body
    assert "evil.example" not in body


def test_the_limit_counts_an_address_however_it_is_written(alert_portal, inbox):
    for written in ("Victim@Example.org", "vICTIM@example.org", "victim@EXAMPLE.org",
                    "victiM@example.org"):  # fmt: skip
        subscribe(alert_portal, email=written)
    time.sleep(1)
    assert len(inbox.messages) == 3


def test_an_alert_for_all_offers_and_a_tagged_link(alert_portal, inbox):
    url = f"{alert_portal['en'].absolute_url()}/@@finder-alert"
    tagged = requests.get(url, params={"utm_source": "newsletter"}, timeout=60)
    assert tagged.status_code == 200
    text = tagged.text
    answer = requests.post(
        url,
        data={
            "form.widgets.email": "all@example.org",
            "form.widgets.state": "",
            "form.widgets.consent:list": "selected",
            "form.buttons.subscribe": "Send",
            "_authenticator": csrf_token(text),
        },
        timeout=60,
    )
    assert answer.status_code == 200
    assert "all offers" in wait_for(inbox, 1)[0].get_content()


def test_a_mail_server_that_is_down_makes_no_alert_and_says_so(alert_portal, inbox):
    from support import free_port

    api.portal.set_registry_record("plone.smtp_port", free_port())  # nobody there
    transaction.commit()
    answer = subscribe(alert_portal, email="amira@example.org")
    assert answer.status_code == 503
    assert "no alert was made" in html.unescape(answer.text)
    transaction.begin()
    assert Alerts(alert_portal).of_address("amira@example.org") == []
