"""Bulgarian number formats: Django groups no digits in Bulgarian; amounts on this site are
written "1 234 567,50" (a no-break space between groups of three)."""

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
