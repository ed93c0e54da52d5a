"""How words are read: what a reader types and what a page says must come
out as the same tokens (search/analysis.py, search/query.py)."""

from integrationsportal.search.analysis import analyze_word
from integrationsportal.search.analysis import document_tokens
from integrationsportal.search.glossary import GlossaryError
from integrationsportal.search.glossary import parse
from integrationsportal.search.query import read_query
from integrationsportal.search.query import split_words
import pytest


def token(word, language):
    return analyze_word(word, language)[0]


@pytest.mark.parametrize(
    "typed, written, language",
    [
        ("Sprachkurse", "Sprachkurs", "de"),
        ("sprachkursen", "Sprachkurs", "de"),
        ("Beschaeftigung", "Beschäftigung", "de"),
        ("Pruefung", "Prüfung", "de"),
        ("apprenticeships", "apprenticeship", "en"),
        ("courses", "course", "en"),
        ("اندماج", "الاندماج", "ar"),
        ("طبيب", "الطبيب", "ar"),
        ("شقه", "شقة", "ar"),
        ("الشقة", "شقة", "ar"),
        ("مستشفي", "مستشفى", "ar"),
        ("اذن", "إذن", "ar"),
        ("استشارات", "استشارة", "ar"),
        ("٢٠٢٦", "2026", "ar"),
        ("كار", "کار", "fa"),
        ("پزشكان", "پزشک", "fa"),
        ("danismanligi", "danışmanlığı", "tr"),
        ("kursları", "kurs", "tr"),
    ],
)
def test_what_readers_type_meets_what_pages_say(typed, written, language):
    # the page's word is indexed under its token and, for Turkish written
    # with Turkish letters, also under the token of its plain-letter form
    whole, parts = analyze_word(written, language)
    assert token(typed, language) in {whole, *parts}


def test_arabic_diacritics_and_tatweel_do_not_count():
    assert document_tokens("دَوْرَة", "ar") == document_tokens("دورة", "ar")
    assert document_tokens("دورـــة", "ar") == document_tokens("دورة", "ar")


def test_farsi_zero_width_non_joiner_ends_the_word():
    # مشاوره‌ی: the word and the ezafe; the ezafe is no word of its own
    assert set(document_tokens("مشاوره‌ی مسکن", "fa")) == set(
        document_tokens("مشاوره مسکن", "fa")
    )


def test_german_compounds_meet_their_parts():
    whole, parts = analyze_word("Ausbildungsplatz", "de")
    assert token("Ausbildung", "de") in parts
    assert token("Platz", "de") in parts
    _whole, parts = analyze_word("Integrationskurs", "de")
    assert token("Kurs", "de") in parts
    # a word that is no compound is not cut
    assert analyze_word("Abend", "de")[1] == ()


def test_stop_words_are_left_out_but_not_words_that_look_like_operators():
    reading = read_query("der die das", "de", groups=())
    assert reading.empty
    assert reading.stopwords == ["der", "die", "das"]
    # "Not" is German for an emergency: a word, never an operator
    reading = read_query("Not", "de", groups=())
    assert [w.text for w in reading.words] == ["Not"]


def test_query_syntax_is_only_words():
    assert split_words('"Kurs" AND -Arbeit* OR (Wohnung) NOT') == [
        "Kurs",
        "Arbeit",
        "Wohnung",
    ]
    assert split_words("!!! ??? ... ***") == []
    assert len(split_words("wort " * 400)) == 1
    # a query is read up to its 1000th character
    assert len(split_words(" ".join(f"w{i}" for i in range(500)))) < 250


def test_a_glossary_term_joins_languages():
    groups = parse("Deutschkurs = Sprachkurs = ar:دورة لغة\nen:job -> Arbeit")
    reading = read_query("دورة لغة", "ar", groups=groups)
    assert len(reading.concepts) == 1
    ways = [" ".join(w.text for w in way) for way in reading.concepts[0].ways]
    assert "Sprachkurs" in ways and "Deutschkurs" in ways
    # one way only: "Arbeit" does not find "job"
    reading = read_query("Arbeit", "de", groups=groups)
    assert len(reading.concepts[0].ways) == 1


@pytest.mark.parametrize(
    "text, message",
    [
        ("Deutschkurs", "line 1: a group needs at least two terms"),
        ("# note\nA = B -> C -> D", "line 2: more than one '->'"),
        ("xx:Wort = Wort", "line 1: unknown language code 'xx:'"),
    ],
)
def test_an_unreadable_glossary_line_is_named(text, message):
    with pytest.raises(GlossaryError, match=message):
        parse(text)


def test_the_default_glossary_is_readable():
    from integrationsportal.search.glossary import default_text

    groups = parse(default_text())
    assert len(groups) >= 50
