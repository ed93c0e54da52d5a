"""Text analysis for the reader search: the same steps for indexing and for
querying, per language.

A text becomes words, and each word becomes the *tokens* that are looked up:

1. Unicode NFKC, Arabic and Persian digits as 0-9, Arabic diacritics and
   tatweel removed, the alef forms, alef maqsura, Arabic and Persian kaf and
   yeh brought to one form each (``normalize``);
2. words: letters and digits; a Persian zero-width non-joiner ends a word
   (``مشاوره‌ی`` is ``مشاوره`` and the ezafe ``ی``);
3. lower case (Turkish dotted and dotless i kept apart), apostrophes: a
   Turkish suffix after one is cut, an English ``'s`` too;
4. stop words of the language are dropped (``stopwords/*.txt``);
5. stemming: Snowball through PyStemmer for German, English, Turkish, Arabic
   and Persian, light suffix rules for Ukrainian (``ukrainian.py``); the Arabic
   article and the plural ending ``-ات`` are taken off first. German is stemmed
   to a fixed point, as one Snowball step stems "Sprachkurse" to "sprachkurs"
   but "Sprachkurs" to "sprachkur";
6. German compounds are split with a dictionary (``compounds/de.txt``), so a
   word yields its own token and those of its parts;
7. the tokens are folded: Latin accents off (``ä`` is ``a``, ``ß`` is ``ss``,
   ``ı`` is ``i``), Arabic-script letters to one form (``ة`` is ``ه``).

A query word is read in the reader's language when its script is that
language's, otherwise in the site's languages of its script; a document is
read in its own language.
"""

from functools import cache
from functools import lru_cache
from importlib.resources import files
from integrationsportal.search import ukrainian
import re
import Stemmer
import unicodedata


LANGUAGES = ("de", "en", "ar", "fa", "uk", "tr")
SNOWBALL = {
    "de": "german",
    "en": "english",
    "tr": "turkish",
    "ar": "arabic",
    "fa": "persian",
}
SCRIPT_LANGUAGES = {
    "latin": ("de", "en", "tr"),
    "arabic": ("ar", "fa"),
    "cyrillic": ("uk",),
}
MAX_WORD = 40  # longer "words" are not words; they are cut
MIN_COMPOUND = 8  # shorter German words are not split

_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_DIGITS.update({ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")})
# diacritics (harakat, superscript alef, Quranic marks) and tatweel
_ARABIC_MARKS = dict.fromkeys(range(1611, 1632))
_ARABIC_MARKS.update({0x0670: None, 0x0640: None})
_ARABIC_MARKS.update(dict.fromkeys(range(1750, 1774)))
_NORMALIZE = {**_DIGITS, **_ARABIC_MARKS, 0x2019: "'", 0x02BC: "'", 0x200C: " "}
# letters Arabic and Persian keyboards produce differently, before stemming
_ARABIC_PRE = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ک": "ك"}
)
_PERSIAN_PRE = str.maketrans(
    {"أ": "ا", "إ": "ا", "ٱ": "ا", "ى": "ی", "ي": "ی", "ك": "ک", "ة": "ه"}
)
# one form per letter in the tokens
_ARABIC_FOLD = str.maketrans(
    {
        "ة": "ه",
        "ى": "ي",
        "ی": "ي",
        "ک": "ك",
        "ؤ": "و",
        "ئ": "ي",
        "ء": None,
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
    }
)
_LATIN_FOLD = {ord("ß"): "ss", ord("ı"): "i", ord("æ"): "ae", ord("ø"): "o"}
_ARTICLES = ("وال", "بال", "فال", "كال", "لل", "ال")
WORD_RE = re.compile(r"\w+(?:'\w+)*")


def script_of(word):
    """'latin', 'arabic', 'cyrillic' or 'other', from the first letter."""
    for char in word:
        if char.isdigit():
            continue
        code = ord(char)
        if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F:
            return "arabic"
        if 0x0400 <= code <= 0x04FF:
            return "cyrillic"
        if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
            return "latin"
        return "other"
    return "latin"


def normalize(text):
    """NFKC, one form for digits and Arabic marks; ZWNJ ends a word."""
    return unicodedata.normalize("NFKC", text).translate(_NORMALIZE)


def words(text):
    """(start, end, word) of every word in ``text``, as written."""
    text = normalize(text or "")
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


def _lower(word, language):
    if language == "tr":
        word = word.replace("I", "ı").replace("İ", "i")
    return word.lower()


def _apostrophes(word, language):
    if "'" not in word or language == "uk":
        return word  # Ukrainian: part of the word (сім'я is not сім)
    if language == "tr":
        return word.split("'", 1)[0]
    if language == "en" and word.endswith("'s"):
        word = word[:-2]
    return word.replace("'", "")


def fold(token):
    """Latin accents off, Arabic-script letters to one form."""
    if script_of(token) == "arabic":
        return token.translate(_ARABIC_FOLD)
    token = token.translate(_LATIN_FOLD)
    if token.isascii():
        return token
    decomposed = unicodedata.normalize("NFD", token)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _stemmer(language):
    return Stemmer.Stemmer(SNOWBALL[language])


@cache
def stopwords(language):
    """The language's stop words, as lower-case words and as folded tokens."""
    try:
        text = files("integrationsportal.search").joinpath(f"stopwords/{language}.txt")
        lines = text.read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, OSError):
        return frozenset()
    result = set()
    for line in lines:
        word = line.split("#", 1)[0].strip()
        if word:
            word = _lower(normalize(word), language)
            result.add(word)
            result.add(fold(word))
    return frozenset(result)


def is_stopword(word, language):
    word = _lower(word, language)
    return word in stopwords(language) or fold(word) in stopwords(language)


def _arabic_light(word):
    for article in _ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 3:
            word = word[len(article) :]
            break
    if word.endswith("ات") and len(word) >= 5:
        word = word[:-2] + "ة"
    return word


@lru_cache(maxsize=50000)
def stem(word, language):
    """The stem of a lower-case word (not folded)."""
    if language == "uk":
        return ukrainian.stem(word)
    if language not in SNOWBALL:
        return word
    if language == "ar":
        word = _arabic_light(word.translate(_ARABIC_PRE))
    elif language == "fa":
        word = word.translate(_PERSIAN_PRE)
    stemmer = _stemmer(language)
    stemmed = stemmer.stemWord(word)
    if language == "de":
        again = stemmer.stemWord(stemmed)
        while again != stemmed:
            stemmed, again = again, stemmer.stemWord(again)
    return stemmed


@cache
def _compound_stems():
    path = files("integrationsportal.search").joinpath("compounds/de.txt")
    result = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            result.add(fold(stem(word, "de")))
    return frozenset(result)


_LINKS = ("", "s", "es", "n", "en", "e")


def _known(part):
    """The stem of a dictionary word ``part`` (maybe with a linking
    element, or missing a final e), or None."""
    known = _compound_stems()
    for link in _LINKS:
        if link and not part.endswith(link):
            continue
        base = part[: len(part) - len(link)] if link else part
        if len(base) < 3:
            continue
        for candidate in (base, base + "e"):
            token = fold(stem(candidate, "de"))
            if token in known:
                return token
    return None


@lru_cache(maxsize=20000)
def split_compound(word, depth=0):
    """The stems of the parts of a German compound, or () if it is none.
    ``word`` is lower case; the head (right part) is taken as long as it can
    be."""
    if len(word) < MIN_COMPOUND or depth > 3:
        return ()
    for cut in range(3, len(word) - 2):
        left, right = word[:cut], word[cut:]
        head = _known(right)
        head_parts = (head,) if head else _compound_parts(right, depth)
        if not head_parts:
            continue
        modifier = _known(left)
        modifier_parts = (modifier,) if modifier else _compound_parts(left, depth)
        if modifier_parts:
            return tuple(modifier_parts) + tuple(head_parts)
    return ()


def _compound_parts(part, depth):
    """A part that is a compound itself: its own token and its parts
    ("Berufssprachkurs": "sprachkurs", "sprach", "kurs")."""
    parts = split_compound(part, depth + 1)
    if not parts:
        return ()
    return (fold(stem(part, "de")), *parts)


def analyze_word(word, language):
    """(token, parts) of one word read in ``language``: the word's token and
    the tokens of its compound parts; (None, ()) for a stop word."""
    word = _apostrophes(_lower(word, language), language)[:MAX_WORD]
    if not word or word in stopwords(language):
        return None, ()
    token = fold(stem(word, language))
    if len(token) < 3 and len(word) >= 3:
        token = fold(word)  # a stemmer that leaves almost nothing ("uyum": "u")
    if len(token) < 2 and not token.isdigit():
        return None, ()
    parts = ()
    if language == "de" and script_of(word) == "latin":
        parts = tuple(p for p in split_compound(word) if p != token)
    elif language == "tr" and not word.isascii():
        # typed without Turkish letters, a word stems differently: both count
        plain = fold(stem(fold(word), language))
        parts = (plain,) if plain != token and len(plain) >= 3 else ()
    return token, parts


def specific_parts(parts):
    """The parts of a compound a reader's word is met by: all but the last,
    the head, which is the general one ("Pflegekurs" is met by "Pflege", not
    by any "Kurs")."""
    return parts[:-1] if len(parts) > 1 else parts


def analyze_in(word, languages):
    """(tokens, specific compound parts) of a word read in each of
    ``languages``, as frozensets; empty tokens for a stop word."""
    whole, parts = set(), set()
    for language in languages:
        token, word_parts = analyze_word(word, language)
        if token:
            whole.add(token)
            parts.update(specific_parts(word_parts))
    return frozenset(whole), frozenset(parts - whole)


def word_language(word, language):
    """The language a word of a text in ``language`` is read in: the text's,
    unless the word is in another script (a German term in an Arabic text
    is read as German)."""
    script = script_of(word)
    languages = SCRIPT_LANGUAGES.get(script, ())
    if language in languages or not languages:
        return language if language in LANGUAGES else "de"
    return languages[0]


def document_tokens(text, language):
    """{token: is_whole_word} of a text in ``language``: a word's own token
    is True, compound parts False (unless also a word of their own)."""
    language = language if language in LANGUAGES else "de"
    result = {}
    for _start, _end, word in words(text):
        token, parts = analyze_word(word, word_language(word, language))
        if token is None:
            continue
        result[token] = True
        for part in parts:
            result.setdefault(part, False)
    return result


def query_languages(word, reader_language, site_languages=LANGUAGES):
    """The languages a query word is read in: the reader's if the word is
    in its script, and the site's other languages of that script."""
    script = script_of(word)
    same_script = [
        lang for lang in SCRIPT_LANGUAGES.get(script, ()) if lang in site_languages
    ]
    if reader_language in same_script:
        same_script.remove(reader_language)
        return [reader_language] + same_script
    return same_script or [reader_language or "de"]
