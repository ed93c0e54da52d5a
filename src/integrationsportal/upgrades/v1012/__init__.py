"""Profile version 1012: my list. The script that keeps a reader's list in
their browser (``mylist.js``) loads on every page, for everyone."""
