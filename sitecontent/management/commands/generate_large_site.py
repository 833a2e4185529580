"""Generate a large synthetic site for benchmarks: thousands of published news and event pages
under one language's news and events sections (made by ``load_site_content``).

Each page is added with treebeard's ``add_child`` (so Wagtail validates it, sets its URL path and
indexes it for search), gets one revision that is both its latest and its live revision, and a
"published" log entry: the admin shows it as any published page. Pages are made in batches, one
transaction each. Page number N of a prefix always gets the same title, slug and translation key,
so a rerun with the same ``--prefix`` skips what exists and adds only what is missing.
"""

import datetime
import json
import math
import random
import time
import uuid
from typing import NamedTuple

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.log_actions import log
from wagtail.models import Locale, Page, Revision

from pages.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from snippets.models import Topic

NAMESPACE = uuid.UUID("0c6d7f9e-3b7a-4c4e-9a57-2f1d8e6b5a10")
BATCH_SIZE = 250


class Phrase(NamedTuple):
    """A piece of a title in both languages, with the Latin slug of the Bulgarian (by the
    official transliteration; tests check it against ``localization.slugs``)."""

    en: str
    bg: str
    bg_latin: str

    def text(self, language):
        return self.bg if language == "bg" else self.en

    def slug(self, language):
        return self.bg_latin if language == "bg" else slugify(self.en)


SUBJECTS = [
    Phrase("Smart cities", "Умни градове", "umni-gradove"),
    Phrase("Energy efficiency", "Енергийна ефективност", "energiyna-efektivnost"),
    Phrase("Circular economy", "Кръгова икономика", "kragova-ikonomika"),
    Phrase("Green buildings", "Зелени сгради", "zeleni-sgradi"),
    Phrase("Smart mobility", "Умна мобилност", "umna-mobilnost"),
    Phrase("Industry 4.0", "Индустрия 4.0", "industria-40"),
    Phrase("Solar energy", "Слънчева енергия", "slancheva-energia"),
    Phrase(
        "Electric vehicles", "Електрически превозни средства", "elektricheski-prevozni-sredstva"
    ),
    Phrase("Cloud computing", "Облачни изчисления", "oblachni-izchislenia"),
    Phrase("Artificial intelligence", "Изкуствен интелект", "izkustven-intelekt"),
    Phrase("Smart agriculture", "Умно земеделие", "umno-zemedelie"),
    Phrase("Education", "Образование", "obrazovanie"),
]
HEADLINES = [
    Phrase(
        "cluster members sign a memorandum",
        "членовете на клъстера подписаха меморандум",
        "chlenovete-na-klastera-podpisaha-memorandum",
    ),
    Phrase(
        "a new project wins funding",
        "нов проект получи финансиране",
        "nov-proekt-poluchi-finansirane",
    ),
    Phrase(
        "partners from Italy visit",
        "партньори от Италия гостуваха",
        "partnyori-ot-italia-gostuvaha",
    ),
    Phrase(
        "the cluster presents a pilot solution",
        "клъстерът представи пилотно решение",
        "klasterat-predstavi-pilotno-reshenie",
    ),
    Phrase(
        "training for young professionals begins",
        "започна обучение за млади специалисти",
        "zapochna-obuchenie-za-mladi-spetsialisti",
    ),
    Phrase("the annual report is out", "излезе годишният доклад", "izleze-godishniyat-doklad"),
    Phrase(
        "the municipality adopts a roadmap",
        "общината прие пътна карта",
        "obshtinata-prie-patna-karta",
    ),
    Phrase("a call for ideas opens", "стартира покана за идеи", "startira-pokana-za-idei"),
    Phrase(
        "universities and companies join forces",
        "университети и фирми обединиха усилия",
        "universiteti-i-firmi-obediniha-usilia",
    ),
    Phrase(
        "survey results are in",
        "готови са резултатите от проучване",
        "gotovi-sa-rezultatite-ot-prouchvane",
    ),
]
# Where: a city's name, and "in <city>" as it reads in a sentence.
CITIES = [
    (Phrase("Sofia", "София", "sofia"), Phrase("in Sofia", "в София", "v-sofia")),
    (Phrase("Plovdiv", "Пловдив", "plovdiv"), Phrase("in Plovdiv", "в Пловдив", "v-plovdiv")),
    (Phrase("Varna", "Варна", "varna"), Phrase("in Varna", "във Варна", "vav-varna")),
    (Phrase("Burgas", "Бургас", "burgas"), Phrase("in Burgas", "в Бургас", "v-burgas")),
    (Phrase("Ruse", "Русе", "ruse"), Phrase("in Ruse", "в Русе", "v-ruse")),
    (
        Phrase("Stara Zagora", "Стара Загора", "stara-zagora"),
        Phrase("in Stara Zagora", "в Стара Загора", "v-stara-zagora"),
    ),
    (
        Phrase("Blagoevgrad", "Благоевград", "blagoevgrad"),
        Phrase("in Blagoevgrad", "в Благоевград", "v-blagoevgrad"),
    ),
    (Phrase("Gabrovo", "Габрово", "gabrovo"), Phrase("in Gabrovo", "в Габрово", "v-gabrovo")),
]
EVENT_FORMATS = [
    Phrase("forum", "Форум", "forum"),
    Phrase("conference", "Конференция", "konferentsia"),
    Phrase("seminar", "Семинар", "seminar"),
    Phrase("round table", "Кръгла маса", "kragla-masa"),
    Phrase("exhibition", "Изложение", "izlozhenie"),
    Phrase("hackathon", "Хакатон", "hakaton"),
    Phrase("workshop", "Работна среща", "rabotna-sreshta"),
    Phrase("info day", "Информационен ден", "informatsionen-den"),
]
VENUES = [
    {"en": "Sofia Tech Park", "bg": "София Тех Парк"},
    {"en": "Inter Expo Center", "bg": "Интер Експо Център"},
    {"en": "International Fair Plovdiv", "bg": "Международен панаир Пловдив"},
    {"en": "Festival and Congress Centre", "bg": "Фестивален и конгресен център"},
    {"en": "the city hall", "bg": "общината"},
]
COUNTRY = {"en": "Bulgaria", "bg": "България"}
INTROS = {
    "en": [
        "The cluster's working group on {subject} met {where} to agree the next steps with "
        "members and partners.",
        "Companies, universities and the municipality {where} compared notes on {subject} "
        "and the funding open to them.",
        "What {subject} means for small firms {where}: the cluster sums up a busy month.",
    ],
    "bg": [
        "Работната група на клъстера за {subject} се събра {where}, за да договори следващите "
        "стъпки с членове и партньори.",
        "Фирми, университети и общината {where} обмениха опит за {subject} и достъпното "
        "финансиране.",
        "Какво означава {subject} за малките фирми {where}: клъстерът обобщава един наситен месец.",
    ],
}
PARAGRAPHS = {
    "en": [
        "Members presented projects already running and the results they measured over the "
        "past year, from lower energy bills to shorter delivery times.",
        "The discussion turned to standards, public procurement and how to share data between "
        "municipalities without locking them into one supplier.",
        "Participants agreed to meet again in three months and to publish a short report with "
        "recommendations for the municipality and for national programmes.",
        "Students from partner universities joined the teams and will continue the work as part "
        "of their internships with cluster members.",
    ],
    "bg": [
        "Членовете представиха вече работещи проекти и измерените през изминалата година "
        "резултати – от по-ниски сметки за енергия до по-кратки срокове за доставка.",
        "Дискусията засегна стандартите, обществените поръчки и споделянето на данни между "
        "общините, без те да зависят от един доставчик.",
        "Участниците се договориха да се срещнат отново след три месеца и да публикуват кратък "
        "доклад с препоръки към общината и националните програми.",
        "Студенти от партньорските университети се включиха в екипите и ще продължат работата "
        "по време на стажовете си при членове на клъстера.",
    ],
}


def combination(n, *choices):
    """The n-th combination of one item of each list in ``choices``, in a scattered order: the
    first ``len(a) * len(b) * ...`` numbers each get a different one (titles do not repeat)."""
    total = math.prod(len(items) for items in choices)
    step = next(s for s in range(7919, 7919 + total + 1) if math.gcd(s, total) == 1)
    number = n * step % total
    picked = []
    for items in choices:
        number, index = divmod(number, len(items))
        picked.append(items[index])
    return picked


class Command(BaseCommand):
    help = (
        "Generate published synthetic news and event pages under one language's sections, "
        "for benchmarks (a rerun with the same --prefix adds only what is missing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--news", type=int, default=5000, help="News pages (default 5000)")
        parser.add_argument("--events", type=int, default=500, help="Event pages (default 500)")
        parser.add_argument("--language", default="en", help="Language of the pages (default en)")
        parser.add_argument(
            "--prefix", default="gen", help="Start of every generated slug (default 'gen')"
        )
        parser.add_argument(
            "--years",
            type=int,
            default=10,
            help="Past years the news (and about 70%% of the events) are spread over (default 10)",
        )
        parser.add_argument(
            "--progress-every", type=int, default=500, help="Report progress every N pages"
        )

    def handle(self, *args, news, events, language, prefix, years, progress_every, **options):
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None:
            raise CommandError(f"Unknown language: {language}")
        if not prefix or slugify(prefix) != prefix:
            raise CommandError("--prefix must be a non-empty slug, e.g. 'gen' or 'bench-2'")
        if min(news, events) < 0 or min(progress_every, years) < 1:
            raise CommandError(
                "--news and --events cannot be negative, --progress-every and --years below 1"
            )
        self.locale, self.language, self.prefix = locale, language, prefix
        self.progress_every, self.years = progress_every, years
        self.topics = list(Topic.objects.order_by("pk"))
        started = time.monotonic()
        totals = {}
        for label, index_model, count, build in [
            ("news", NewsIndexPage, news, self.build_news),
            ("events", EventIndexPage, events, self.build_event),
        ]:
            index = index_model.objects.filter(locale=locale).first()
            if index is None:
                raise CommandError(
                    f"No {index_model._meta.verbose_name} in {language}: run load_site_content"
                )
            totals[label] = self.generate(label, index, count, build)
        seconds = time.monotonic() - started
        created = sum(made for made, _skipped in totals.values())
        summary = ", ".join(
            f"{label}: {made} created, {skipped} already there"
            for label, (made, skipped) in totals.items()
        )
        rate = created / seconds if seconds else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {created} page(s) in {language} in {seconds:.1f} s "
                f"({rate:.0f} pages/s). {summary}."
            )
        )

    def generate(self, label, index, count, build):
        existing = set(index.get_children().values_list("translation_key", flat=True))
        wanted = [n for n in range(1, count + 1) if self.key(label, n) not in existing]
        skipped = count - len(wanted)
        started = time.monotonic()
        done = 0
        for start in range(0, len(wanted), BATCH_SIZE):
            with transaction.atomic():
                for n in wanted[start : start + BATCH_SIZE]:
                    self.add_published(index, build(n, random.Random(f"{self.prefix}:{label}:{n}")))  # noqa: S311
                    done += 1
                    if done % self.progress_every == 0 or done == len(wanted):
                        rate = done / (time.monotonic() - started)
                        self.stdout.write(
                            f"  {label}: {done}/{len(wanted)} created ({rate:.0f} pages/s)"
                        )
        return done, skipped

    def key(self, label, n):
        return uuid.uuid5(NAMESPACE, f"{self.language}:{self.prefix}:{label}:{n}")

    def slug(self, n, *phrases, tail=""):
        parts = [self.prefix, f"{n:05d}", *(phrase.slug(self.language) for phrase in phrases)]
        return "-".join(parts) + tail

    def common_fields(self, label, n, rng, subject, where):
        lang = self.language
        subject_text = subject.text(lang)
        subject_text = subject_text if subject_text.isupper() else subject_text.lower()
        intro = rng.choice(INTROS[lang]).format(subject=subject_text, where=where.text(lang))
        body = [
            {
                "type": "paragraph",
                "value": f"<p>{paragraph}</p>",
                "id": str(uuid.uuid5(NAMESPACE, f"{self.key(label, n)}:{number}")),
            }
            for number, paragraph in enumerate(rng.sample(PARAGRAPHS[lang], 2))
        ]
        return {
            "intro": intro,
            "body": json.dumps(body),
            "translation_key": self.key(label, n),
            "locale": self.locale,
        }

    def build_news(self, n, rng):
        subject, headline, (_city, where) = combination(n, SUBJECTS, HEADLINES, CITIES)
        lang = self.language
        page = NewsPage(
            title=f"{subject.text(lang)}: {headline.text(lang)} {where.text(lang)}",
            slug=self.slug(n, subject, headline, where),
            date=timezone.localdate() - datetime.timedelta(days=rng.randrange(0, 365 * self.years)),
            kind=rng.choice(NewsPage.Kind.values),
            **self.common_fields("news", n, rng, subject, where),
        )
        page.topics = rng.sample(self.topics, min(2, len(self.topics)))
        return page

    def build_event(self, n, rng):
        subject, event_format, (city, where) = combination(n, SUBJECTS, EVENT_FORMATS, CITIES)
        lang = self.language
        past_days = 2500 * self.years // 10  # about 7 of the 10 years, and the next year
        start = timezone.localdate() + datetime.timedelta(days=rng.randrange(-past_days, 365))
        title = (
            f"{event_format.text(lang)} „{subject.text(lang)}“ {city.text(lang)} {start.year}"
            if lang == "bg"
            else f"{subject.text(lang)} {event_format.text(lang)} {city.text(lang)} {start.year}"
        )
        slug_phrases = (event_format, subject) if lang == "bg" else (subject, event_format)
        timed = rng.random() < 0.5
        page = EventPage(
            title=title,
            slug=self.slug(n, *slug_phrases, city, tail=f"-{start.year}"),
            start_date=start,
            end_date=start + datetime.timedelta(days=rng.randrange(1, 4)) if not timed else None,
            start_time=datetime.time(rng.choice([9, 10, 14]), 0) if timed else None,
            end_time=datetime.time(rng.choice([16, 17, 18]), 30) if timed else None,
            city=city.text(lang),
            country=COUNTRY[lang],
            venue=rng.choice(VENUES)[lang],
            attendance=rng.choice(EventPage.Attendance.values),
            expected_audience=rng.choice([None, 40, 120, 300, 1500]),
            our_role=rng.choice(EventPage.Role.values),
            **self.common_fields("events", n, rng, subject, where),
        )
        page.topics = rng.sample(self.topics, min(2, len(self.topics)))
        return page

    def add_published(self, index, page):
        """Add ``page`` as live, with one revision that is both latest and live, as a publish
        leaves it (without the per-page publish signals: a benchmark site needs none)."""
        published_at = timezone.make_aware(
            datetime.datetime.combine(
                getattr(page, "date", None) or min(page.start_date, timezone.localdate()),
                datetime.time(10, 0),
            )
        )
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = published_at
        page.draft_title = page.title
        index.add_child(instance=page)
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            content=page.serializable_data(),
            object_str=str(page),
        )
        Page.objects.filter(pk=page.pk).update(
            latest_revision=revision,
            live_revision=revision,
            latest_revision_created_at=revision.created_at,
        )
        log(instance=page, action="wagtail.publish", revision=revision, content_changed=True)
