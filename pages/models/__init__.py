from .accessibility import AccessibilityFeedback, AccessibilityStatementPage
from .events import EventIndexPage, EventPage
from .funding import ProjectFundingPage
from .label import ClusterLabelPage, ReportRequest
from .news import NewsIndexPage, NewsPage, NewsPageOrganisation, NewsPagePerson
from .standard import StandardPage

__all__ = [
    "AccessibilityFeedback",
    "AccessibilityStatementPage",
    "ClusterLabelPage",
    "EventIndexPage",
    "EventPage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageOrganisation",
    "NewsPagePerson",
    "ProjectFundingPage",
    "ReportRequest",
    "StandardPage",
]
