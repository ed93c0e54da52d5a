"""Profile version 1001: fields with a read permission hidden in marshalling
and WebDAV, related items on the public types, and translation fingerprints
kept for existing originals."""
