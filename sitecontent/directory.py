"""Topics, organisations, people, the funding programme and the EU acknowledgement named in the
seed documents. Nothing here is invented: what the seeds do not say is left empty."""

from .text import RT, T

CLUSTER_NAME = T("Cluster Sofia Knowledge City", "Клъстер „София – град на знанието“")

# (slug, kind, name)
TOPICS = [
    ("solar", "sector", T("Solar energy", "Слънчева енергия")),
    ("wind", "sector", T("Wind energy", "Вятърна енергия")),
    ("biomass", "sector", T("Biomass", "Биомаса")),
    ("waste-to-energy", "sector", T("Waste-to-energy", "Енергия от отпадъци")),
    ("led-lighting", "sector", T("LED lighting", "LED осветление")),
    ("energy-efficiency", "sector", T("Energy efficiency", "Енергийна ефективност")),
    ("electric-vehicles", "sector", T("Electric vehicles", "Електрически превозни средства")),
    ("batteries-power-systems", "sector", T("Batteries and power systems", "Батерии и енергийни системи")),
    ("green-buildings", "sector", T("Green buildings", "Зелени сгради")),
    ("smart-cities", "theme", T("Smart cities", "Умни градове")),
    ("smart-buildings", "theme", T("Smart buildings", "Умни сгради")),
    ("security-surveillance", "theme", T("Security and surveillance", "Сигурност и видеонаблюдение")),
    ("smart-healthcare", "theme", T("Smart healthcare", "Умно здравеопазване")),
    ("smart-mobility", "theme", T("Smart mobility and transportation", "Умна мобилност и транспорт")),
    ("fintech", "theme", T("Smart fintech", "Финансови технологии")),
    ("smart-agriculture", "theme", T("Smart agriculture", "Умно земеделие")),
    ("smart-retail", "theme", T("Smart retail and e-commerce", "Умна търговия и електронна търговия")),
    ("industry-4-0", "theme", T("Industry 4.0", "Индустрия 4.0")),
    ("education", "theme", T("Education", "Образование")),
    ("smart-home", "theme", T("Smart home", "Умен дом")),
    ("cloud-computing", "theme", T("Cloud computing", "Облачни изчисления")),
    ("ai-iot", "theme", T("AI+IoT", "Изкуствен интелект и интернет на нещата (AI+IoT)")),
    ("smart-governance", "theme", T("Smart governance", "Умно управление")),
    ("smart-energy", "theme", T("Smart energy", "Умна енергия")),
    ("climate-change", "theme", T("Climate change", "Климатични промени")),
    ("green-transition", "theme", T("Green transition", "Зелен преход")),
    ("circular-economy", "theme", T("Circular economy", "Кръгова икономика")),
    ("urban-ecology", "theme", T("Ecology and cities", "Екология и градове")),
]  # fmt: skip

ITALY = T("Italy", "Италия")
BOLZANO = T("Bolzano", "Болцано")

ORGANISATIONS = {
    "cluster": {
        "kind": "cluster",
        "name": CLUSTER_NAME,
        "city": T("Sofia", "София"),
        "country": T("Bulgaria", "България"),
    },
    "esca": {
        "kind": "issuer",
        "name": T("European Secretariat for Cluster Analysis", "Европейски секретариат за клъстерен анализ"),
        "short_name": T("ESCA", "ESCA"),
        "description": T(
            "A network of cluster experts from more than 30 countries, established to offer "
            "practical advice to cluster management organisations.",
            "Мрежа от клъстерни експерти от повече от 30 държави, създадена, за да предлага "
            "практически съвети на организациите, управляващи клъстери.",
        ),
    },
    "oneness": {
        "kind": "investor",
        "name": T("Oneness International Group Limited", "Oneness International Group Limited"),
        "description": T(
            "Represents the interests of high-level investors and fund managers from Hong Kong "
            "and the Emirate of Abu Dhabi.",
            "Представлява интересите на инвеститори и управители на фондове от високо ниво от "
            "Хонконг и емирство Абу Даби.",
        ),
        "city": T("Shanghai", "Шанхай"),
        "country": T("China", "Китай"),
    },
    "clust-er": {
        "kind": "other",
        "name": T("Emilia-Romagna Associazione Clust-ER", "Асоциация Clust-ER на регион Емилия-Романя"),
        "short_name": T("Clust-ER", "Clust-ER"),
        "city": T("Bologna", "Болоня"),
        "country": ITALY,
    },
    "eurac": {
        "kind": "other",
        "name": T("EURAC Research", "Научен институт EURAC Research"),
        "city": BOLZANO,
        "country": ITALY,
    },
    "noi": {
        "kind": "other",
        "name": T("NOI Tech Park", "Технологичен парк NOI"),
        "city": BOLZANO,
        "country": ITALY,
    },
    "verona-311": {
        "kind": "other",
        "name": T("Verona 311 innovation centre", "Иновационен център Verona 311"),
        "city": T("Verona", "Верона"),
        "country": ITALY,
    },
    "eip-scc": {
        "kind": "other",
        "name": T(
            "European Innovation Partnership on Smart Cities and Communities",
            "Европейско партньорство за иновации „Умни градове и общности“",
        ),
        "short_name": T("EIP-SCC", "EIP-SCC"),
    },
}  # fmt: skip

PEOPLE = {
    "rumen-nikolov": {
        "name": T("Prof. Rumen Nikolov", "проф. Румен Николов"),
        "role": T("Chairman of the Board", "Председател на Управителния съвет"),
        "organisation": "cluster",
    },
    "dimitar-hristov": {
        "name": T("Dimitar Hristov", "Димитър Христов"),
        "role": T("Cluster Manager", "Мениджър на клъстера"),
        "organisation": "cluster",
    },
    "milena-koleva": {
        "name": T("Milena Koleva", "Милена Колева"),
        "role": T("Strategy and development expert", "Експерт „Стратегия и развитие“"),
        "organisation": "cluster",
    },
    "stanley-wei": {
        "name": T("Stanley Wei", "Стенли Уей"),
        "role": T("Chairman & Managing Director", "Председател и управляващ директор"),
        "organisation": "oneness",
    },
    "ian-jiang": {
        "name": T("Ian Jiang", "Иън Дзян"),
        "role": T("Director International Cooperation", "Директор „Международно сътрудничество“"),
        "organisation": "oneness",
    },
}

PROGRAMMES = {
    "op-ic": {
        "name": T(
            "Operational Programme “Innovation and Competitiveness”",
            "Оперативна програма „Иновации и конкурентоспособност“",
        ),
        "period_start": 2014,
        "period_end": 2020,
    },
}

PROJECT_NUMBER = "BG16RFOP002-2.009-0018-C01"
PROJECT_TITLE = T(
    "Establishment of organisational capacity and development strategy for Cluster Sofia "
    "Knowledge City",
    "Създаване на организационен капацитет и стратегия за развитие на клъстер „София – град на "
    "знанието“",
)

ACKNOWLEDGEMENTS = {
    "op-ic-0018": {
        "title": T(
            f"EU acknowledgement – {PROJECT_NUMBER}", f"Финансиране от ЕС – {PROJECT_NUMBER}"
        ),
        "emblem_alt_text": T("Flag of the European Union", "Знаме на Европейския съюз"),
        "statement": RT(
            "<p>This activity was organised with the financial support of the Operational "
            "Programme “Innovation and Competitiveness” 2014–2020, co-financed by the European "
            "Union through the European Regional Development Fund under the project "
            f"№ {PROJECT_NUMBER} “{PROJECT_TITLE.en}”.</p>",
            "<p>Тази дейност е организирана с финансовата подкрепа на Оперативна програма "
            "„Иновации и конкурентоспособност“ 2014–2020, съфинансирана от Европейския съюз чрез "
            "Европейския фонд за регионално развитие, по проект "
            f"№ {PROJECT_NUMBER} „{PROJECT_TITLE.bg}“.</p>",
        ),
    },
}
