"""A light Ukrainian stemmer for the reader search (there is no Snowball
stemmer for Ukrainian).

``stem(word)`` takes a lower-case word and cuts one inflectional ending of a
noun, an adjective or a present-tense verb, the longest that fits, keeping at
least three letters of stem; a reflexive ``-ся``, ``-сь`` or ``-ться`` is
cut first. So "курс", "курси", "курсів", "курсах" become "курс";
"консультація", "консультації", "консультацію" become "консультац";
"інтеграційний", "інтеграційного", "інтеграційні" become "інтеграційн".
The vowel that drops out of "-ець" and "-ок" is dropped in the nominative
too ("біженець"/"біженця" are "біженц", "садок"/"садка" are "садк").
An apostrophe (``'``, ``’``, ``ʼ``) is part of the word but no letter.

Limits: it knows endings and a few stems (``STEMS``), no words. Other
stems that alternate are not joined ("дозвіл"/"дозволу", "допомога"/
"допомозі", "робота"/"робіт", "висновок"/"висновку"), nor an infinitive with
its present tense ("шукати" is "шукат", "шукаю" is "шука"): an infinitive
"-ти" looks like a plural ("результати") and a past tense "-ла" like a noun
("школа"), so both are left alone. A stem that ends like an ending loses it
unless it is in ``STEMS`` ("альбом" is "альб", "альбоми" is "альбом"; a
genitive plural "реклам" is "рекл"), and unrelated words may meet ("метро",
"метр"). Russian endings are not known.
"""

APOSTROPHES = "'\u2019\u02bc"
MIN_STEM = 3  # letters left at least
VOWELS = "аеєиіїоуюя"

_REFLEXIVE = ("ться", "ся", "сь")
NOUN_ENDINGS = (
    "а я о е є и і ї у ю ь ам ям ами ями ах ях ів їв ей ом ем єм ою ею єю"
    " ові еві єві ія ії ію ією іям іями іях"
)
ADJECTIVE_ENDINGS = "ий ій ого ього ому ьому им ім их іх ими іми ої ьої ьою"
VERB_ENDINGS = "ємо єте єш ють уть емо ете еш имо ите иш"  # present tense
# stems that end like an ending; kept whole before their own endings
STEMS = ("диплом", "прийом", "програм", "систем", "проблем", "схем", "режим", "іслам")
_ENDINGS = sorted(
    set(f"{NOUN_ENDINGS} {ADJECTIVE_ENDINGS} {VERB_ENDINGS}".split()),
    key=lambda ending: (-len(ending), ending),
)  # longest first
_ENDING_SET = {"", *_ENDINGS}


def _letters(text):
    return sum(1 for char in text if char not in APOSTROPHES)


def stem(word: str) -> str:
    """The stem of a lower-case Ukrainian word (the word if none is found)."""
    word = word.replace("\u2019", "'").replace("\u02bc", "'")
    for reflexive in _REFLEXIVE:
        if word.endswith(reflexive) and _letters(word[: -len(reflexive)]) >= 4:
            word = word[: -len(reflexive)]
            break
    for known in STEMS:
        if word.startswith(known) and word[len(known) :] in _ENDING_SET:
            return known  # диплом, диплому; not дипл
    if word.endswith("ець") and _letters(word) >= 6:
        return word[:-3] + "ц"  # біженець, біженця
    if (
        word.endswith("ок")
        and _letters(word) >= 5
        and word[-3] not in VOWELS
        and word[-4] in VOWELS
    ):
        return word[:-2] + "к"  # садок, садка; not строк, строку
    for ending in _ENDINGS:
        if word.endswith(ending) and _letters(word[: -len(ending)]) >= MIN_STEM:
            return word[: -len(ending)]
    return word
