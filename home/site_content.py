"""The home page's own text in both languages (facts from the seed documents, nothing invented)."""

HOME_BG = {
    "title": "Клъстер „София – град на знанието“",
    "intro": (
        "Общност от фирми, стартъпи, научни и неправителствени организации, която превръща "
        "информацията в знание, а знанието – в иновации в полза на града. Нашето мото: да "
        "променяме екосистемата на града към добро, докато правим бизнес в него."
    ),
}

HOME_EN = {
    "title": "Cluster Sofia Knowledge City",
    "intro": (
        "A community of companies, start-ups, research and non-governmental organisations that "
        "transforms information into knowledge and knowledge into innovation for the benefit of "
        "the city. Our motto: to change the ecosystem of the city for good while doing business "
        "in it."
    ),
}
