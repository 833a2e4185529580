from .events import EventIndexPage, EventPage
from .funding import ProjectFundingPage
from .label import ClusterLabelPage
from .news import NewsIndexPage, NewsPage, NewsPageOrganisation, NewsPagePerson
from .standard import StandardPage

__all__ = [
    "ClusterLabelPage",
    "EventIndexPage",
    "EventPage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageOrganisation",
    "NewsPagePerson",
    "ProjectFundingPage",
    "StandardPage",
]
