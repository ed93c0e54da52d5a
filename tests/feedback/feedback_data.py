"""What the feedback tests share: the languages of the demo district, the
users' password and the offers' titles."""

LANGUAGES = ["de", "en", "ar", "fa", "uk", "tr"]
PASSWORD = "feedback-test-2026"
OFFER_TITLES = {
    "de": "Sprachkurs für den Beruf",
    "en": "Language course for work",
    "ar": "دورة لغة للعمل",
    "fa": "دوره زبان برای کار",
    "uk": "Мовний курс для роботи",
    "tr": "İş için dil kursu",
}
