"""The one list of the portal's languages (shared/languages.py): the message
catalogues, the Makefile's i18n target and the writing direction take theirs
from it."""

from integrationsportal.accessibility.direction import direction
from integrationsportal.shared.languages import SUPPORTED_CODES
from integrationsportal.shared.languages import SUPPORTED_LANGUAGES
from pathlib import Path
import subprocess
import sys


LOCALES = Path(__file__).parents[2] / "src" / "integrationsportal" / "locales"


def test_every_language_has_a_catalogue_and_every_catalogue_a_language():
    catalogues = {
        path.parent.parent.name
        for path in LOCALES.glob("*/LC_MESSAGES/integrationsportal.po")
    }
    assert catalogues == set(SUPPORTED_CODES)


def test_the_makefile_reads_the_languages_from_the_list():
    codes = subprocess.run(
        [sys.executable, "-m", "integrationsportal.shared.languages"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert codes == list(SUPPORTED_CODES)
    makefile = (Path(__file__).parents[2] / "Makefile").read_text()
    assert "-m integrationsportal.shared.languages" in makefile


def test_the_portals_languages_are_written_in_their_own_direction():
    for language in SUPPORTED_LANGUAGES:
        assert direction(language.code) == language.direction
        assert direction(language.code.upper() + "-XX") == language.direction


def test_texts_in_other_right_to_left_languages_keep_their_direction():
    # offer texts may be in languages the portal is not translated into
    for code in ("ps", "ur", "ckb", "he"):
        assert direction(code) == "rtl", code
    assert direction("so") == "ltr"
    assert direction("") == "ltr"
