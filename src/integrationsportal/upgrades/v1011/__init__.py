"""Profile version 1011: language-aware search. The catalog's
``SearchableText`` index becomes a ``ReaderTextIndex`` and is filled anew
(with progress in the log); the search glossary and its control panel."""
