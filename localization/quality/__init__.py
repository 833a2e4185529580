"""Translation quality: checks between a source segment and its translation (checks.py), the
shared glossary (glossary.py, tbx.py), the checks run over a wagtail-localize Translation
(translation_checks.py) and publishing refused on an error unless a moderator overrides it
(publishing.py)."""
