"""Profile version 1012: my list and search alerts. The script that keeps a
reader's list in their browser (``mylist.js``) loads on every page, for
everyone; "My list" is in the header; the site settings gain the portal's
public address, which the alert mails link to."""
