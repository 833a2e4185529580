"""The EU funding statement and the emblem's label, generated from a funded project's fields in
the reader's language and the wording of its programming period (docs/eu-publicity.md).

Nothing here is typed by an editor: the sentences are fixed per period and language, filled in
with the project's code, title, programme and fund.
"""

import math

from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class Period(models.TextChoices):
    P2014_2020 = "2014-2020", "2014–2020"
    P2021_2027 = "2021-2027", "2021–2027"


class Fund(models.TextChoices):
    ERDF = "erdf", _("European Regional Development Fund (ERDF)")
    ESF = "esf", _("European Social Fund (ESF)")
    ESF_PLUS = "esf-plus", _("European Social Fund Plus (ESF+)")
    CF = "cf", _("Cohesion Fund")
    JTF = "jtf", _("Just Transition Fund")
    EAFRD = "eafrd", _("European Agricultural Fund for Rural Development (EAFRD)")
    HORIZON = "horizon", _("Horizon Europe")
    OTHER = "other", _("Other")


# The fund as named inside the statement ("… through the European Regional Development Fund").
FUND_IN_STATEMENT = {
    Fund.ERDF: pgettext_lazy("through the fund", "European Regional Development Fund"),
    Fund.ESF: pgettext_lazy("through the fund", "European Social Fund"),
    Fund.ESF_PLUS: pgettext_lazy("through the fund", "European Social Fund Plus"),
    Fund.CF: pgettext_lazy("through the fund", "Cohesion Fund"),
    Fund.JTF: pgettext_lazy("through the fund", "Just Transition Fund"),
    Fund.EAFRD: pgettext_lazy(
        "through the fund", "European Agricultural Fund for Rural Development"
    ),
}

# The fund named under the emblem (2014–2020: Reg. 1303/2013 Annex XII 2.2(1)(b)).
FUND_UNDER_EMBLEM = {
    Fund.ERDF: pgettext_lazy("under the EU emblem", "European Regional Development Fund"),
    Fund.ESF: pgettext_lazy("under the EU emblem", "European Social Fund"),
    Fund.ESF_PLUS: pgettext_lazy("under the EU emblem", "European Social Fund Plus"),
    Fund.CF: pgettext_lazy("under the EU emblem", "Cohesion Fund"),
    Fund.JTF: pgettext_lazy("under the EU emblem", "Just Transition Fund"),
    Fund.EAFRD: pgettext_lazy(
        "under the EU emblem", "European Agricultural Fund for Rural Development"
    ),
}


def statement_template(period):
    """The sentence of ``period`` in the active language, with {code}, {title}, {programme}
    and {fund} to fill in."""
    if period == Period.P2021_2027:
        return gettext(
            "Project № {code} “{title}” is funded by the {programme}, co-funded by the European "
            "Union through the {fund}."
        )
    return gettext(
        "Project № {code} “{title}” is implemented with the financial support of the "
        "{programme}, co-financed by the European Union through the {fund}."
    )


def programme_name(programme):
    """The programme's name with its years, as the statement names it."""
    if programme is None:
        return ""
    return f"{programme.name} {programme.period}".strip()


def eu_statement(project, programme=None, language=None) -> str:
    """The statement for ``project`` in ``language`` (default: the active one). ``programme``
    is the programme snippet in that language (default: the project's own)."""
    with translation.override(language or translation.get_language()):
        programme = programme if programme is not None else project.programme
        fund = FUND_IN_STATEMENT.get(project.fund)
        # A fund outside the shared-management funds (Horizon Europe, other): "its funds".
        fund_text = gettext("its funds") if fund is None else str(fund)
        return statement_template(project.programming_period).format(
            code=project.project_number,
            title=project.project_title,
            programme=programme_name(programme) or gettext("programme"),
            fund=fund_text,
        )


def emblem_label(project, language=None) -> list[str]:
    """The words beside the emblem, one per line: 2014–2020 "European Union" spelled out and the
    fund; 2021–2027 "Co-funded by the European Union" (Reg. 2021/1060 Annex IX)."""
    with translation.override(language or translation.get_language()):
        if project.programming_period == Period.P2021_2027:
            return [gettext("Co-funded by the European Union")]
        lines = [gettext("European Union")]
        if project.fund in FUND_UNDER_EMBLEM:
            lines.append(str(FUND_UNDER_EMBLEM[project.fund]))
        return lines


def is_running(project, day=None) -> bool:
    """Whether the project runs on ``day`` (today): started, and not yet ended."""
    day = day or timezone.localdate()
    if project.start_date is None or project.start_date > day:
        return False
    return project.end_date is None or day <= project.end_date


def missing_for_publicity(project) -> list[str]:
    """Names (for editors) of what the rules need and the project page lacks."""
    missing = []
    if not project.project_number.strip():
        missing.append(gettext("the project number"))
    if not project.fund:
        missing.append(gettext("the fund"))
    if not project.programme_id:
        missing.append(gettext("the programme"))
    if not project.aims.strip():
        missing.append(gettext("the aims"))
    if not project.results.strip():
        missing.append(gettext("the results"))
    return missing


def star_path(cx: float, cy: float, outer: float) -> str:
    """An upright five-pointed star with its points on a circle of radius ``outer``."""
    inner = outer * math.sin(math.radians(18)) / math.sin(math.radians(54))
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(f"{cx + radius * math.cos(angle):.2f},{cy + radius * math.sin(angle):.2f}")
    return "M" + "L".join(points) + "Z"


def emblem_paths(height: int = 120) -> str:
    """The twelve stars of the EU emblem of ``height`` (width 1.5 × height) as one path: on a
    circle of radius height/3, each star's points on a circle of radius height/18."""
    width, ring, outer = height * 3 / 2, height / 3, height / 18
    stars = []
    for i in range(12):
        angle = -math.pi / 2 + i * math.pi / 6
        stars.append(
            star_path(
                width / 2 + ring * math.cos(angle), height / 2 + ring * math.sin(angle), outer
            )
        )
    return "".join(stars)


EMBLEM_STARS = emblem_paths()
