from wagtail import hooks

from localization.slugs import give_bulgarian_page_a_latin_slug

hooks.register("before_page_clean", give_bulgarian_page_a_latin_slug)
