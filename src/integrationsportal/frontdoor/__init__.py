"""The reader's front door: the language chooser at the portal root and each
language's start page made of task tiles."""
