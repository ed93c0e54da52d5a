"""Profile version 1008: the landlords' form in every language of the portal;
the existing forms open at their top (no focus moved into the first field)
and ask about pets with three plain choices instead of a select with
"no value"."""
