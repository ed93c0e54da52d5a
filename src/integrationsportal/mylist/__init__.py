"""My list: offers, contacts, chains and organisations a reader keeps, on
their own device. The list is a set of UIDs carried in the address
(``@@my-list?uid=…&uid=…``, or the short form ``?l=`` of UID beginnings)
and kept in the browser's localStorage by ``static/mylist.js``; the server
stores nothing of it. From a list (or from any finder query) a counselling
sheet is printed in the reader's language and German, as a page and as a
PDF; apps read a list through ``@offer-list``."""
