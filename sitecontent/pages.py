"""The site's pages, from the seed documents. English is the seeds' text (obvious typos fixed);
Bulgarian is its translation. Dates the seeds do not give in full carry a precision (a month or a
year), never an invented day; inferred years are listed in ``INFERRED``."""

import datetime

from .directory import PROJECT_NUMBER, PROJECT_TITLE
from .text import RT, T

HOME = {
    "title": T("Cluster Sofia Knowledge City", "Клъстер „София – град на знанието“"),
    "intro": T(
        "A community of companies, start-ups, research and non-governmental organisations that "
        "transforms information into knowledge and knowledge into innovation for the benefit of "
        "the city. Our motto: to change the ecosystem of the city for good while doing business "
        "in it.",
        "Общност от фирми, стартъпи, научни и неправителствени организации, която превръща "
        "информацията в знание, а знанието – в иновации в полза на града. Нашето мото: да "
        "променяме екосистемата на града към добро, докато правим бизнес в него.",
    ),
}


def paragraphs(*pairs):
    """One rich-text block of several paragraphs, each a (English, Bulgarian) pair."""
    return (
        "paragraph",
        RT("".join(f"<p>{en}</p>" for en, _ in pairs), "".join(f"<p>{bg}</p>" for _, bg in pairs)),
    )


LABEL_AWARDED = (
    "On 21 February the Cluster Sofia Knowledge City was awarded the Cluster Management "
    "Excellence Label BRONZE – Striving for Cluster Excellence, No BGR011201812C181103. At the "
    "end of 2018 the Cluster Sofia Knowledge City participated in a Cluster Management "
    "Benchmarking Exercise performed by the European Secretariat for Cluster Analysis (ESCA).",
    "На 21 февруари клъстер „София – град на знанието“ бе удостоен със знака за отлично "
    "управление на клъстери BRONZE – Striving for Cluster Excellence, № BGR011201812C181103. В "
    "края на 2018 г. клъстерът участва в сравнителен анализ (бенчмаркинг) на управлението на "
    "клъстери, проведен от Европейския секретариат за клъстерен анализ (ESCA).",
)
ECEI = (
    "The European Cluster Excellence Initiative (ECEI, a project co-financed by the DG Enterprise "
    "and Industry of the European Commission 2009–2012) developed quality indicators that "
    "resulted in an internationally recognised quality label for cluster management.",
    "Европейската инициатива за клъстерно съвършенство (ECEI, проект, съфинансиран от Генерална "
    "дирекция „Предприятия и промишленост“ на Европейската комисия през 2009–2012 г.) разработи "
    "показатели за качество, от които произтече международно признат знак за качество на "
    "управлението на клъстери.",
)
ESCA = (
    "To continue the successful work of this pan-European initiative, which involved 13 partners "
    "from nine European countries, ESCA was established to offer practical advice to cluster "
    "management organisations. Today, ESCA is a network of cluster experts from more than 30 "
    "countries.",
    "За да продължи успешната работа на тази общоевропейска инициатива, в която участваха 13 "
    "партньори от девет европейски държави, беше създаден ESCA, който предлага практически "
    "съвети на организациите, управляващи клъстери. Днес ESCA е мрежа от клъстерни експерти от "
    "повече от 30 държави.",
)
LABEL_ROLE = (
    "The role of this label, granted to the Cluster Sofia Knowledge City, is to raise the "
    "attention of its members and partners to the high quality of work of the cluster's "
    "management and to enhance the confidence in their work. The BRONZE label will be valid for "
    "the next two years. Anyone interested in the benchmarking report can order it from the "
    "cluster administration.",
    "Ролята на този знак, присъден на клъстер „София – град на знанието“, е да насочи "
    "вниманието на членовете и партньорите му към високото качество на работа на управлението "
    "на клъстера и да засили доверието в неговата работа. Знакът BRONZE ще бъде валиден през "
    "следващите две години. Всеки, който се интересува от доклада от сравнителния анализ, може "
    "да го поиска от администрацията на клъстера.",
)
WORKING_VISITS = (
    "In the implementation of the Cluster Sofia Knowledge City's goals for organisational "
    "capacity building, internationalisation and the creation of successful international "
    "partnerships, several working visits were organised to leading cluster organisations, "
    "research institutes, accelerators, non-governmental organisations and agencies, technology "
    "parks and smart city organisations in Austria, Slovenia, Italy and the UK.",
    "В изпълнение на целите на клъстер „София – град на знанието“ за изграждане на "
    "организационен капацитет, интернационализация и създаване на успешни международни "
    "партньорства бяха организирани няколко работни посещения във водещи клъстерни организации, "
    "научноизследователски институти, акселератори, неправителствени организации и агенции, "
    "технологични паркове и организации за умни градове в Австрия, Словения, Италия и "
    "Обединеното кралство.",
)
VALUE_CHAIN = (
    "They are all part of the value chain that transforms information into knowledge and "
    "knowledge into innovation for the benefit of the city.",
    "Всички те са част от веригата на стойността, която превръща информацията в знание, а "
    "знанието – в иновации в полза на града.",
)

# Pages in creation order: a parent always comes before its children.
PAGES = [
    {
        "key": "news",
        "type": "pages.NewsIndexPage",
        "parent": "home",
        "title": T("News", "Новини"),
        "intro": T(
            "News, blog publications and announcements of the cluster.",
            "Новини, публикации в блога и съобщения на клъстера.",
        ),
    },
    {
        "key": "events",
        "type": "pages.EventIndexPage",
        "parent": "home",
        "title": T("Events", "Събития"),
        "intro": T(
            "Exhibitions, summits and meetings the cluster organises or takes part in.",
            "Изложения, срещи на върха и срещи, които клъстерът организира или в които участва.",
        ),
    },
    {
        "key": "funding",
        "type": "pages.ProjectFundingPage",
        "parent": "home",
        "title": T(
            "Organisational capacity and development strategy",
            "Организационен капацитет и стратегия за развитие",
        ),
        "intro": T(
            "The project under which the cluster built its organisational capacity and "
            "development strategy, with the financial support of the Operational Programme "
            "“Innovation and Competitiveness” 2014–2020.",
            "Проектът, по който клъстерът изгради своя организационен капацитет и стратегия за "
            "развитие с финансовата подкрепа на Оперативна програма „Иновации и "
            "конкурентоспособност“ 2014–2020.",
        ),
        "body": [
            paragraphs(
                (
                    "Among the activities organised with the project's support was the cluster "
                    "management benchmarking by the European Secretariat for Cluster Analysis "
                    "(ESCA), which resulted in the cluster's BRONZE label.",
                    "Сред дейностите, организирани с подкрепата на проекта, е сравнителният "
                    "анализ на управлението на клъстера от Европейския секретариат за клъстерен "
                    "анализ (ESCA), довел до получаването на знака BRONZE.",
                ),
            )
        ],
        "text": {
            "project_title": PROJECT_TITLE,
            "aims": T(
                "To establish the organisational capacity of Cluster Sofia Knowledge City and a "
                "strategy for its development.",
                "Създаване на организационен капацитет на клъстер „София – град на знанието“ и "
                "стратегия за неговото развитие.",
            ),
            "results": T(
                "With the project's support the cluster's management took part in the cluster "
                "management benchmarking of the European Secretariat for Cluster Analysis (ESCA) "
                "at the end of 2018 and was awarded the Cluster Management Excellence Label "
                "BRONZE on 21 February 2019.",
                "С подкрепата на проекта управлението на клъстера участва в сравнителния анализ "
                "на управлението на клъстери на Европейския секретариат за клъстерен анализ "
                "(ESCA) в края на 2018 г. и на 21 февруари 2019 г. получи знака за отлично "
                "управление на клъстери BRONZE.",
            ),
        },
        "fields": {
            "project_number": PROJECT_NUMBER,
            "programming_period": "2014-2020",
            "fund": "erdf",
            "currency": "BGN",
        },
        "snippets": {
            "programme": ("programme", "op-ic"),
            "beneficiary": ("organisation", "cluster"),
        },
    },
    {
        "key": "label",
        "type": "pages.ClusterLabelPage",
        "parent": "home",
        "title": T("Cluster Management Excellence Label", "Знак за отлично управление на клъстери"),
        "intro": T(
            "The cluster's management holds the BRONZE label of the European Cluster Excellence "
            "Initiative, awarded by the European Secretariat for Cluster Analysis (ESCA) after a "
            "benchmarking at the end of 2018.",
            "Управлението на клъстера притежава знака BRONZE на Европейската инициатива за "
            "клъстерно съвършенство, присъден от Европейския секретариат за клъстерен анализ "
            "(ESCA) след сравнителен анализ в края на 2018 г.",
        ),
        "body": [paragraphs(ECEI, ESCA, LABEL_ROLE)],
        "text": {
            "label_name": T(
                "Cluster Management Excellence Label BRONZE – Striving for Cluster Excellence",
                "Знак за отлично управление на клъстери BRONZE – Striving for Cluster Excellence",
            )
        },
        "fields": {
            "level": "bronze",
            "certificate_number": "BGR011201812C181103",
            "benchmarking_date": datetime.date(2018, 12, 1),
            "benchmarking_date_precision": "month",
            "awarded_on": datetime.date(2019, 2, 21),
            "valid_until": datetime.date(2021, 2, 21),
        },
        "snippets": {"issuer": ("organisation", "esca")},
        "project": "funding",
    },
    {
        "key": "accessibility",
        "type": "pages.AccessibilityStatementPage",
        "parent": "home",
        "title": T("Accessibility statement", "Декларация за достъпност"),
        "in_menu": False,  # linked from every page's footer
        "intro": T(
            "Cluster Sofia Knowledge City wants everyone to be able to use this website. This "
            "statement covers the website in Bulgarian and in English.",
            "Клъстер „София – град на знанието“ иска всеки да може да ползва този уебсайт. "
            "Декларацията се отнася за уебсайта на български и на английски език.",
        ),
        "text": {
            "non_accessible_content": T(
                "Documents (PDF) attached to news and events have not been checked for "
                "accessibility. Ask us for any you cannot read and we will send it in an "
                "accessible form.\n\n"
                "No full manual audit against every success criterion of WCAG 2.1 level AA has "
                "been made yet; the checks made are listed below.\n\n"
                "Names of organisations and events in English inside Bulgarian pages are not "
                "marked as English, so screen readers may read them with Bulgarian "
                "pronunciation.",
                "Документите (PDF), приложени към новините и събитията, не са проверени за "
                "достъпност. Поискайте от нас всеки, който не можете да прочетете, и ще ви го "
                "изпратим в достъпен вид.\n\n"
                "Все още не е направена пълна ръчна проверка по всички критерии за успех на "
                "WCAG 2.1, ниво AA; направените проверки са изброени по-долу.\n\n"
                "Имената на организации и събития на английски език в българските страници не "
                "са отбелязани като английски, затова екранните четци може да ги прочетат с "
                "българско произношение.",
            ),
            "method_details": T(
                "Every change to the site runs an automatic accessibility test (axe-core) on "
                "the home page, a news item, an event, the news and events sections, the label "
                "page and the funding page, in both languages, at phone and desktop widths: it "
                "finds no serious or critical problems. Browser tests check, in both languages, "
                "that the home page, the events section and the funding page reflow at 320 "
                "pixels wide without scrolling sideways, and, on a page of every kind, that "
                "the keyboard reaches every link (the language switcher and search included) "
                "with a visible focus and without a trap, that nothing scrolls sideways at "
                "200% zoom, and that no text is cut off with wider text spacing (WCAG 1.4.12).",
                "При всяка промяна на сайта се изпълнява автоматична проверка за достъпност "
                "(axe-core) на началната страница, новина, събитие, разделите „Новини“ и "
                "„Събития“, страницата на знака и страницата на проекта, на двата езика, при "
                "ширина на телефон и на настолен компютър: тя не открива сериозни или критични "
                "проблеми. Проверки в браузър потвърждават на двата езика, че началната страница, "
                "разделът „Събития“ и страницата на проекта се преподреждат при ширина 320 "
                "пиксела, без да се превъртат хоризонтално, а на страница от всеки вид – че с "
                "клавиатурата се стига до всяка връзка (включително превключвателя на езика и "
                "търсенето) с видим фокус и без капан, че при мащаб 200% нищо не се превърта "
                "хоризонтално и че при по-голямо разстояние в текста (WCAG 1.4.12) нищо не се "
                "отрязва.",
            ),
            "enforcement": T(
                "If our answer does not satisfy you, you may turn to the Ministry of "
                "e-Government, which monitors the "
                "accessibility of websites in Bulgaria under Article 58c (чл. 58в) of the "
                "e-Government Act. The Act binds public sector bodies; the cluster is an "
                "association and follows it voluntarily.",
                "Ако отговорът ни не ви удовлетворява, можете да се обърнете към Министерството "
                "на електронното управление, което наблюдава достъпността на уебсайтовете в "
                "България по чл. 58в от Закона за електронното управление. Законът задължава "
                "организациите от обществения сектор; клъстерът е сдружение и го следва "
                "доброволно.",
            ),
        },
        "fields": {
            "compliance": "partial",
            "method": "self",
            "prepared_on": datetime.date(2026, 11, 30),
            "reviewed_on": datetime.date(2026, 11, 30),
        },
    },
    {
        "key": "about",
        "type": "pages.StandardPage",
        "parent": "home",
        "title": T("About the cluster", "За клъстера"),
        "intro": HOME["intro"],
        "body": [
            paragraphs(
                (
                    "Cluster Sofia Knowledge City brings together small and medium-sized "
                    "companies, start-ups, non-governmental and research organisations that "
                    "believe that “knowledge” is the basis of economic development. "
                    + VALUE_CHAIN[0],
                    "Клъстер „София – град на знанието“ обединява малки и средни предприятия, "
                    "стартъпи, неправителствени и научни организации, които вярват, че "
                    "„знанието“ е основата на икономическото развитие. " + VALUE_CHAIN[1],
                ),
                (
                    "Our motto is “to change the ecosystem of the city for good while doing "
                    "business in it”. The cluster works for organisational capacity building, "
                    "internationalisation and successful international partnerships.",
                    "Нашето мото е „да променяме екосистемата на града към добро, докато правим "
                    "бизнес в него“. Клъстерът работи за изграждане на организационен капацитет, "
                    "интернационализация и успешни международни партньорства.",
                ),
            ),
            (
                "facts",
                {
                    "heading": T("The team", "Екипът"),
                    "facts": [
                        {
                            "label": T("Prof. Rumen Nikolov", "проф. Румен Николов"),
                            "value": T(
                                "Chairman of the Board", "Председател на Управителния съвет"
                            ),
                        },
                        {
                            "label": T("Dimitar Hristov", "Димитър Христов"),
                            "value": T("Cluster Manager", "Мениджър на клъстера"),
                        },
                        {
                            "label": T("Milena Koleva", "Милена Колева"),
                            "value": T(
                                "Strategy and development expert", "Експерт „Стратегия и развитие“"
                            ),
                        },
                    ],
                },
            ),
        ],
    },
    {
        "key": "news-label",
        "type": "pages.NewsPage",
        "parent": "news",
        "title": T(
            "Bronze label granted by the European Secretariat for Cluster Analysis (ESCA)",
            "Бронзов знак за качество от Европейския секретариат за клъстерен анализ (ESCA)",
        ),
        "intro": T(
            "The cluster was awarded the Cluster Management Excellence Label BRONZE.",
            "Клъстерът получи знака за отлично управление на клъстери BRONZE.",
        ),
        "body": [paragraphs(LABEL_AWARDED, ECEI, ESCA, LABEL_ROLE)],
        "fields": {"date": datetime.date(2019, 2, 21), "kind": "news"},
        "organisations": ["esca"],
        "project": "funding",
    },
    {
        "key": "news-eip-scc",
        "type": "pages.NewsPage",
        "parent": "news",
        "title": T(
            "Participation in the EIP-SCC General Assembly", "Участие в Общото събрание на EIP-SCC"
        ),
        "intro": T(
            "The cluster's manager and its chairman represented the cluster at the General "
            "Assembly of the European Innovation Partnership on Smart Cities and Communities in "
            "Sofia.",
            "Мениджърът и председателят на клъстера го представиха на Общото събрание на "
            "Европейското партньорство за иновации „Умни градове и общности“ в София.",
        ),
        "body": [
            paragraphs(
                (
                    "The Cluster Sofia Knowledge City took an active part in the EIP-SCC General "
                    "Assembly. Our representatives were Dimitar Hristov, Cluster Manager, and "
                    "Prof. Rumen Nikolov, Chairman of the Board.",
                    "Клъстер „София – град на знанието“ взе активно участие в Общото събрание на "
                    "EIP-SCC. Наши представители бяха Димитър Христов, мениджър на клъстера, и "
                    "проф. Румен Николов, председател на Управителния съвет.",
                ),
                (
                    "The European Innovation Partnership on Smart Cities and Communities "
                    "(EIP-SCC) is one of the European Commission's initiatives to unite cities, "
                    "industry and citizens to improve urban living through more sustainable, "
                    "smart and integrated solutions. Its marketplace supports smart city projects "
                    "in at least 300 cities with investments of up to €1 billion, including "
                    "public and private investors and banks.",
                    "Европейското партньорство за иновации „Умни градове и общности“ (EIP-SCC) е "
                    "една от инициативите на Европейската комисия, която обединява градове, "
                    "индустрия и граждани за подобряване на живота в градовете чрез по-устойчиви, "
                    "интелигентни и интегрирани решения. Неговата платформа подкрепя проекти за "
                    "умни градове в поне 300 града с инвестиции до 1 милиард евро, включително "
                    "от публични и частни инвеститори и банки.",
                ),
                (
                    "The purpose of the assembly this year in Sofia was to show investors' "
                    "commitment to smart cities and to help cities themselves develop strategies "
                    "for attracting investment. The event provided a unique opportunity to "
                    "exchange good practice, present projects, search for partners and discuss "
                    "innovative ideas.",
                    "Целта на тазгодишното събрание в София беше да покаже ангажимента на "
                    "инвеститорите към умните градове и да помогне на самите градове да "
                    "разработят стратегии за привличане на инвестиции. Събитието даде уникална "
                    "възможност за обмяна на добри практики, представяне на проекти, търсене на "
                    "партньори и обсъждане на иновативни идеи.",
                ),
            )
        ],
        "fields": {"date": datetime.date(2018, 1, 1), "date_precision": "year", "kind": "news"},
        "topics": ["smart-cities"],
        "organisations": ["eip-scc"],
        "people": ["dimitar-hristov", "rumen-nikolov"],
    },
    {
        "key": "news-italy",
        "type": "pages.NewsPage",
        "parent": "news",
        "title": T(
            "Work meetings in Italy organised by Cluster Sofia Knowledge City",
            "Работни срещи в Италия, организирани от клъстер „София – град на знанието“",
        ),
        "intro": T(
            "Milena Koleva met cluster managers, researchers and innovation centres in Bologna, "
            "Bolzano and Verona.",
            "Милена Колева се срещна с мениджъри на клъстери, изследователи и иновационни "
            "центрове в Болоня, Болцано и Верона.",
        ),
        "body": [
            paragraphs(
                (
                    "A series of working visits were organised by the cluster team to leading "
                    "cluster organisations, research institutes, technology parks and smart city "
                    "organisations in Austria, Slovenia, Italy and the UK. These visits are "
                    "aligned with the aim to build organisational capacity, internationalisation "
                    "and successful partnerships.",
                    "Екипът на клъстера организира поредица от работни посещения във водещи "
                    "клъстерни организации, научноизследователски институти, технологични "
                    "паркове и организации за умни градове в Австрия, Словения, Италия и "
                    "Обединеното кралство. Посещенията са свързани с целта за изграждане на "
                    "организационен капацитет, интернационализация и успешни партньорства.",
                ),
                (
                    "In July (16–20 July) Milena Koleva, strategy and development expert at the "
                    "cluster, visited Italy and took part in several working meetings with "
                    "cluster managers of the Emilia-Romagna association Clust-ER (Greentech, "
                    "Agrofood, ICT, Building and Construction, Health and Wellbeing, Mechanics "
                    "and Mechatronics) in Bologna, the EURAC Research institute and NOI Tech "
                    "Park in Bolzano, and the innovation centre Verona 311 in Verona.",
                    "През юли (16–20 юли) Милена Колева, експерт „Стратегия и развитие“ в "
                    "клъстера, посети Италия и участва в няколко работни срещи с мениджъри на "
                    "клъстерите от асоциацията Clust-ER на регион Емилия-Романя (Greentech, "
                    "Agrofood, ICT, Building and Construction, Health and Wellbeing, Mechanics "
                    "and Mechatronics) в Болоня, с научния институт EURAC Research и "
                    "технологичния парк NOI Tech Park в Болцано, както и с иновационния център "
                    "Verona 311 във Верона.",
                ),
            )
        ],
        "fields": {"date": datetime.date(2018, 7, 1), "date_precision": "month", "kind": "news"},
        "organisations": ["clust-er", "eurac", "noi", "verona-311"],
        "people": ["milena-koleva"],
    },
    {
        "key": "news-16-plus-1",
        "type": "pages.NewsPage",
        "parent": "news",
        "title": T("16 + 1 Summit Meeting", "Среща по време на срещата на върха „16 + 1“"),
        "intro": T(
            "Representatives of investors from Shanghai visited the cluster during the “16 + 1” "
            "Summit in Sofia.",
            "Представители на инвеститори от Шанхай посетиха клъстера по време на срещата на "
            "върха „16 + 1“ в София.",
        ),
        "body": [
            paragraphs(
                (
                    "On the last day of the seventh annual Central and Eastern Europe – China "
                    "Summit, better known as the “16 + 1” Summit, which took place in Sofia on 6 "
                    "and 7 July, the Cluster Sofia Knowledge City was visited by Mr Stanley Wei, "
                    "Chairman & Managing Director, and Ian Jiang, Director International "
                    "Cooperation, from the Shanghai-based company Oneness International Group "
                    "Limited.",
                    "В последния ден на седмата годишна среща на върха между държавите от "
                    "Централна и Източна Европа и Китай, по-известна като „16 + 1“, която се "
                    "проведе в София на 6 и 7 юли, клъстер „София – град на знанието“ беше "
                    "посетен от г-н Стенли Уей, председател и управляващ директор, и Иън Дзян, "
                    "директор „Международно сътрудничество“, от базираната в Шанхай компания "
                    "Oneness International Group Limited.",
                ),
                (
                    "The company represents the interests of high-level investors and fund "
                    "managers from Hong Kong and the Emirate of Abu Dhabi.",
                    "Компанията представлява интересите на инвеститори и управители на фондове от "
                    "високо ниво от Хонконг и емирство Абу Даби.",
                ),
            )
        ],
        "fields": {"date": datetime.date(2018, 7, 7), "kind": "news"},
        "organisations": ["oneness"],
        "people": ["stanley-wei", "ian-jiang"],
    },
    {
        "key": "news-uk",
        "type": "pages.NewsPage",
        "parent": "news",
        "title": T(
            "Work meetings of Cluster Sofia Knowledge City in the United Kingdom",
            "Работни срещи на клъстер „София – град на знанието“ в Обединеното кралство",
        ),
        "intro": T(
            "Working visits were organised in Austria, Slovenia, Italy and the UK.",
            "Бяха организирани работни посещения в Австрия, Словения, Италия и Обединеното "
            "кралство.",
        ),
        "body": [paragraphs(WORKING_VISITS)],
        "fields": {"date": datetime.date(2018, 1, 1), "date_precision": "year", "kind": "news"},
        "topics": ["smart-cities"],
    },
    {
        "key": "news-new-members",
        "type": "pages.NewsPage",
        "parent": "news",
        "title": T("Welcome to new members", "Добре дошли на новите членове"),
        "intro": T(
            "Ten organisations joined the cluster between December 2022 and January 2023.",
            "Десет организации се присъединиха към клъстера между декември 2022 и януари 2023 г.",
        ),
        "body": [
            paragraphs(
                (
                    "In the period December 2022 – January 2023, 10 new organisations joined the "
                    "Sofia Knowledge City Cluster community. These are small and medium-sized "
                    "companies, start-ups, a non-governmental organisation and the coordination "
                    "unit of BAS, which recognise the strategy and goals of the cluster and "
                    "believe that “knowledge” is the basis of economic development.",
                    "В периода декември 2022 – януари 2023 г. към общността на клъстер „София – "
                    "град на знанието“ се присъединиха 10 нови организации. Това са малки и "
                    "средни предприятия, стартъпи, неправителствена организация и "
                    "координационното звено на БАН, които споделят стратегията и целите на "
                    "клъстера и вярват, че „знанието“ е основата на икономическото развитие.",
                ),
                (
                    "We believe that they also share the main motto of the cluster: “to change "
                    "the ecosystem of the city for good while doing business in it”. "
                    + VALUE_CHAIN[0],
                    "Вярваме, че те споделят и основното мото на клъстера: „да променяме "
                    "екосистемата на града към добро, докато правим бизнес в него“. "
                    + VALUE_CHAIN[1],
                ),
            )
        ],
        "fields": {
            "date": datetime.date(2023, 1, 1),
            "date_precision": "month",
            "kind": "announcement",
        },
    },
    {
        "key": "news-survey",
        "type": "pages.NewsPage",
        "parent": "news",
        "title": T("Sustainable workplaces survey", "Проучване за устойчиви работни места"),
        "intro": T(
            "A new survey of the project Collective Innovation to Fight Climate Change looks at "
            "how SMEs involve their employees in green behaviour.",
            "Ново проучване по проекта „Колективни иновации в борбата с климатичните промени“ "
            "изследва как малките и средните предприятия ангажират служителите си със „зелено“ "
            "поведение.",
        ),
        "body": [
            paragraphs(
                (
                    "Over the lifetime of the project Collective Innovation to Fight Climate "
                    "Change, the partners are completing multiple surveys in order to understand "
                    "the views and experiences of a range of actors regarding climate change. "
                    "The newest survey aims to provide an overview of current practices adopted "
                    "by SMEs and entrepreneurs to involve their employees in ‘green’ behaviour "
                    "within the enterprise, while highlighting the successes and challenges that "
                    "these enterprises face in this context.",
                    "По време на изпълнението на проекта „Колективни иновации в борбата с "
                    "климатичните промени“ партньорите провеждат няколко проучвания, за да "
                    "разберат възгледите и опита на различни участници по отношение на "
                    "климатичните промени. Най-новото проучване има за цел да даде представа за "
                    "настоящите практики, с които малките и средните предприятия и "
                    "предприемачите насърчават „зеленото“ поведение на служителите си в "
                    "предприятието, като откроява успехите и предизвикателствата, пред които са "
                    "изправени тези предприятия.",
                ),
                (
                    "The previous survey was about the green transition process. It asked about "
                    "the readiness, commitment and needs to do business or implement projects in "
                    "the fields of fighting climate change, the green transition and the circular "
                    "economy.",
                    "Предишното проучване беше посветено на процеса на зелен преход. В него се "
                    "питаше за готовността, ангажираността и нуждите за правене на бизнес или "
                    "изпълнение на проекти в областта на борбата с климатичните промени, зеления "
                    "преход и кръговата икономика.",
                ),
            )
        ],
        "fields": {
            "date": datetime.date(2023, 1, 1),
            "date_precision": "year",
            "kind": "announcement",
        },
        "topics": ["climate-change", "green-transition", "circular-economy"],
    },
    {
        "key": "event-ee-re-2017",
        "type": "pages.EventPage",
        "parent": "events",
        "title": T(
            "South-East European Exhibition on Energy Efficiency and Renewable Energy 2017",
            "Югоизточноевропейско изложение за енергийна ефективност и възобновяема енергия 2017",
        ),
        "intro": T(
            "The EE & RE Exhibition puts on display a great set of existing energy technologies "
            "and is a starting point for the launch of innovative products.",
            "Изложението EE & RE показва богат набор от съществуващи енергийни технологии и е "
            "отправна точка за представяне на иновативни продукти.",
        ),
        "body": [
            paragraphs(
                (
                    "It facilitates the development of the energy sector and encourages the "
                    "large-scale usage of energy-saving solutions in South-East Europe. It covers "
                    "all sectors of renewable energy and energy-saving technologies – solar, "
                    "wind, biomass, waste-to-energy, LED, energy efficiency, electric vehicles, "
                    "batteries and power systems, green buildings, etc.",
                    "То съдейства за развитието на енергийния сектор и насърчава широкото "
                    "използване на енергоспестяващи решения в Югоизточна Европа. Обхваща всички "
                    "сектори на възобновяемата енергия и енергоспестяващите технологии – "
                    "слънчева и вятърна енергия, биомаса, енергия от отпадъци, LED осветление, "
                    "енергийна ефективност, електрически превозни средства, батерии и енергийни "
                    "системи, зелени сгради и др.",
                ),
            )
        ],
        "text": {"hall": T("Hall 6", "Зала 6")},
        "fields": {
            "start_date": datetime.date(2017, 1, 1),
            "date_precision": "year",
            "attendance": "in_person",
            "our_role": "exhibitor",
        },
        "topics": [
            "solar",
            "wind",
            "biomass",
            "waste-to-energy",
            "led-lighting",
            "energy-efficiency",
            "electric-vehicles",
            "batteries-power-systems",
            "green-buildings",
        ],
    },
    {
        "key": "event-scse-2023",
        "type": "pages.EventPage",
        "parent": "events",
        "title": T(
            "Smart City Summit & Expo 2023 in Taipei and Kaohsiung",
            "Smart City Summit & Expo 2023 в Тайпе и Гаосюн",
        ),
        "intro": T(
            "Under the name “Digital Transformation & Green Transition” and the slogan “Digital "
            "transformation takes Smart Cities to new heights”, the Smart City Summit & Expo "
            "(SCSE) takes place in Taipei and Kaohsiung from 28 March to 1 April 2023.",
            "Под наслов „Дигитална трансформация и зелен преход“ и с мотото „Дигиталната "
            "трансформация издига умните градове на нови висоти“ Smart City Summit & Expo (SCSE) "
            "се провежда в Тайпе и Гаосюн от 28 март до 1 април 2023 г.",
        ),
        "body": [
            paragraphs(
                (
                    "The active topics of the event are Smart Building; Security/Surveillance; "
                    "Smart Healthcare; Smart Mobility/Transportation; Smart Fintech; Smart "
                    "Agriculture; Smart Retail/E-commerce; Industry 4.0; Education; Smart Home; "
                    "Cloud Computing; AI+IoT; Smart Governance; Smart Energy.",
                    "Основните теми на събитието са умни сгради; сигурност и видеонаблюдение; "
                    "умно здравеопазване; умна мобилност и транспорт; финансови технологии; умно "
                    "земеделие; умна търговия и електронна търговия; Индустрия 4.0; образование; "
                    "умен дом; облачни изчисления; изкуствен интелект и интернет на нещата "
                    "(AI+IoT); умно управление; умна енергия.",
                ),
                (
                    "Get involved and take part in this global 2023 Smart City Summit & Expo X "
                    "2050 Net Zero City Expo.",
                    "Включете се и участвайте в глобалното събитие Smart City Summit & Expo 2023 X "
                    "2050 Net Zero City Expo.",
                ),
            )
        ],
        "text": {
            "city": T("Taipei and Kaohsiung", "Тайпе и Гаосюн"),
            "country": T("Taiwan", "Тайван"),
        },
        "fields": {
            "start_date": datetime.date(2023, 3, 28),
            "end_date": datetime.date(2023, 4, 1),
            "attendance": "in_person",
        },
        "topics": [
            "smart-cities",
            "smart-buildings",
            "security-surveillance",
            "smart-healthcare",
            "smart-mobility",
            "fintech",
            "smart-agriculture",
            "smart-retail",
            "industry-4-0",
            "education",
            "smart-home",
            "cloud-computing",
            "ai-iot",
            "smart-governance",
            "smart-energy",
        ],
    },
    {
        "key": "event-ecocity-2023",
        "type": "pages.EventPage",
        "parent": "events",
        "title": T("Ecocity World Summit in London", "Световна среща на върха Ecocity в Лондон"),
        "intro": T(
            "The largest Ecocity World Summit to date comes to London in June 2023. Get involved!",
            "Най-голямата досега световна среща на върха Ecocity идва в Лондон през юни 2023 г. "
            "Включете се!",
        ),
        "body": [
            paragraphs(
                (
                    "This forum is the longest-running global conference on ecology and cities. "
                    "Every two years it brings together urban stakeholders from across the globe "
                    "to focus on key actions cities and citizens can take to rebuild our human "
                    "habitat in balance with living systems. The summit aims to unite people "
                    "through a new way of living on the planet that provides the best possible "
                    "cities while enhancing, not destroying, the biosphere.",
                    "Този форум е най-дълго провежданата световна конференция за екология и "
                    "градове. На всеки две години той събира заинтересовани страни от градове по "
                    "целия свят, за да се съсредоточат върху ключовите действия, които градовете "
                    "и гражданите могат да предприемат, за да изградят отново човешката среда в "
                    "баланс с живите системи. Срещата има за цел да обедини хората около нов "
                    "начин на живот на планетата, който осигурява възможно най-добрите градове, "
                    "като обогатява, а не унищожава биосферата.",
                ),
                (
                    "The coming summit has a hybrid programme that will host a range of "
                    "activities designed to promote learning, experience, networking and action, "
                    "for a delegation of 3,000+ attending both in person and virtually.",
                    "Предстоящата среща има хибридна програма с редица дейности за учене, обмяна "
                    "на опит, контакти и действия за над 3000 делегати, които ще участват както "
                    "присъствено, така и виртуално.",
                ),
            )
        ],
        "text": {
            "city": T("London", "Лондон"),
            "country": T("United Kingdom", "Обединеното кралство"),
        },
        "fields": {
            "start_date": datetime.date(2023, 6, 1),
            "date_precision": "month",
            "attendance": "hybrid",
            "expected_audience": 3000,
        },
        "topics": ["urban-ecology", "climate-change"],
    },
]

# Dates the seeds give only in part; the rest was inferred as said here (and nothing else was).
INFERRED = {
    "news-label": "year 2019: benchmarking at the end of 2018, label awarded on 21 February",
    "label": "valid until 21 February 2021: 'valid for the next two years'; benchmarking month "
    "December 2018 from 'end of 2018' and the certificate number BGR0112018-12",
    "news-eip-scc": "year 2018: the assembly in Sofia, listed with the 2018 working visits",
    "news-italy": "July 2018: the visits of 16-20 July in the 2018 series",
    "news-16-plus-1": "7 July 2018: the seventh 16+1 summit was held in Sofia on 6-7 July 2018",
    "news-uk": "year 2018: the same series of working visits",
    "news-new-members": "January 2023: members joined December 2022 - January 2023",
    "news-survey": "year 2023: published on the 2023 news archive page",
}
