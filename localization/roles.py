"""The site's roles: Editors (both trees), Moderators (approve and publish), and one translator
group per language, confined to that language's page tree and snippets.

Topics and media serve both languages at once, so translators get less there: on a topic they
change only the name in their language (no adding or deleting); images and documents they upload
and choose, but only Editors and Moderators replace a file or delete one (docs/translating.md,
localization/media_permissions.py)."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

EDITORS, MODERATORS = "Editors", "Moderators"
TRANSLATOR_GROUPS = {"Translators BG": "bg", "Translators EN": "en"}

SNIPPET_MODELS = ["organisation", "person", "fundingprogramme", "euacknowledgement", "topic"]
TOPIC_FIELD_PERMISSIONS = [
    "change_topic_name_bg",
    "change_topic_name_en",
    "change_topic_slug_and_kind",
]
# Collection permissions on the root collection. Wagtail lets whoever may add an image or a
# document change the ones they uploaded; localization/media_permissions.py keeps the file and
# deleting to the holders of "change".
MEDIA_PERMISSIONS = {
    "editor": [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ],
    "translator": [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
    ],
}
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page"],
    MODERATORS: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    ],
    "translator": ["add_page", "change_page"],
}


def confined_languages(user) -> set[str] | None:
    """The languages a translator is confined to, or None for everyone else."""
    if not user.is_authenticated or user.is_superuser:
        return None
    if not hasattr(user, "_skc_confined_languages"):
        names = set(user.groups.values_list("name", flat=True))
        codes = {code for name, code in TRANSLATOR_GROUPS.items() if name in names}
        user._skc_confined_languages = None if names & {EDITORS, MODERATORS} or not codes else codes
    return user._skc_confined_languages


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def snippet_permissions(actions, models=SNIPPET_MODELS):
    return [permission("snippets", f"{action}_{model}") for model in models for action in actions]


def topic_permissions(codenames):
    return [permission("snippets", codename) for codename in codenames]


def glossary_permissions(actions):
    return [permission("localization", f"{action}_glossaryterm") for action in actions]


def set_up_roles() -> list[Group]:
    """Create or update the groups and their permissions (idempotent)."""
    homes = {page.locale.language_code: page for page in Page.objects.filter(depth=2)}
    root_collection = Collection.get_first_root_node()
    access_admin = permission("wagtailadmin", "access_admin")
    submit = permission("wagtail_localize", "submit_translation")
    all_snippets = [
        *snippet_permissions(["add", "change", "delete"]),
        *topic_permissions(TOPIC_FIELD_PERMISSIONS),
        *glossary_permissions(["add", "change", "delete", "view"]),
    ]
    plan = {
        EDITORS: (list(homes.values()), PAGE_PERMISSIONS[EDITORS],
                  [access_admin, submit, *all_snippets], MEDIA_PERMISSIONS["editor"]),
        MODERATORS: (list(homes.values()), PAGE_PERMISSIONS[MODERATORS],
                     [access_admin, submit, *all_snippets,
                      permission("pages", "view_reportrequest"),
                      permission("pages", "delete_reportrequest")],
                     MEDIA_PERMISSIONS["editor"]),
    }  # fmt: skip
    translated_snippets = [model for model in SNIPPET_MODELS if model != "topic"]
    for name, code in TRANSLATOR_GROUPS.items():
        plan[name] = (
            [homes[code]],
            PAGE_PERMISSIONS["translator"],
            [access_admin, submit, *snippet_permissions(["add", "change"], translated_snippets),
             *snippet_permissions(["change"], ["topic"]),
             *topic_permissions([f"change_topic_name_{code}"]),
             *glossary_permissions(["view"])],
            MEDIA_PERMISSIONS["translator"],
        )  # fmt: skip
    groups = []
    for name, (roots, page_codenames, model_permissions, media_permissions) in plan.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(model_permissions)
        GroupPagePermission.objects.filter(group=group).delete()
        for root in roots:
            for codename in page_codenames:
                GroupPagePermission.objects.create(
                    group=group, page=root, permission=permission("wagtailcore", codename)
                )
        GroupCollectionPermission.objects.filter(group=group).delete()
        for app_label, codename in media_permissions:
            GroupCollectionPermission.objects.create(
                group=group, collection=root_collection, permission=permission(app_label, codename)
            )
        groups.append(group)
    return groups
