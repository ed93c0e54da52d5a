"""Reader search: language-aware full text for the finder, the REST finder
and the site search (the catalog's ``SearchableText`` index), with a glossary
editors maintain, typo tolerance, ranking and highlighted matches."""
