"""Search alerts by e-mail: a reader who wants to hear of new offers for a
finder state leaves an address, confirms it from a mail (double opt-in),
and gets a mail when offers of that state are new or changed, each mail
with a link that ends the alert at once.

What is kept, and for how long: the address, the finder state and its
language, while the alert runs; an alert not confirmed within two days is
deleted, and so is one that is ended. Only hashes are kept of the secret
links and of the senders' network addresses (for the rate limits). Nothing
of it is content: it is in no catalog, page, REST answer, feed or export.
"""
