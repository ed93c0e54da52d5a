"""Profile version 1007: the start pages made of task tiles. The type
``TaskTile`` (kept out of search), the default tiles in every language root
that has none, and the language roots' view ``start-page``."""
