"""Generate the sample data for an illustrative "Derby and Derbyshire" social media map.

Every account, handle, follower count, posting rate, URL, description and
relationship written by this script is INVENTED for illustration. None of it
describes a real account. Area names are real places, but their coordinates
and populations are rounded approximations.

Run from the repository root:

    python socialmap/sample/generate_sample.py

It writes accounts.csv, relationships.csv and areas.csv next to this file.
The only randomness is ``random.Random(2009)``, so repeated runs give
byte-identical files.
"""

from __future__ import annotations

import csv
import math
import random
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

SEED = 2009
OUT_DIR = Path(__file__).resolve().parent

# --------------------------------------------------------------------------
# Areas: real place names, rounded approximate centroids and populations.
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    name: str
    kind: str  # ward, district, city or county
    lat: float
    lon: float
    population: int


CITY = "Derby"
COUNTY = "Derbyshire"

AREAS: tuple[Area, ...] = (
    Area(CITY, "city", 52.922, -1.476, 260000),
    Area(COUNTY, "county", 53.100, -1.600, 800000),
    # Derby city wards (approximate centroids, all within ~5 km of the centre).
    Area("Abbey", "ward", 52.925, -1.503, 15500),
    Area("Allestree", "ward", 52.953, -1.487, 13500),
    Area("Alvaston", "ward", 52.897, -1.425, 16000),
    Area("Arboretum", "ward", 52.912, -1.470, 17500),
    Area("Blagreaves", "ward", 52.893, -1.505, 14000),
    Area("Boulton", "ward", 52.889, -1.441, 15000),
    Area("Chaddesden", "ward", 52.931, -1.430, 15500),
    Area("Chellaston", "ward", 52.870, -1.440, 17000),
    Area("Darley", "ward", 52.938, -1.482, 14500),
    Area("Derwent", "ward", 52.936, -1.450, 15000),
    Area("Littleover", "ward", 52.901, -1.512, 14500),
    Area("Mackworth", "ward", 52.931, -1.522, 15000),
    Area("Mickleover", "ward", 52.906, -1.542, 17000),
    Area("Normanton", "ward", 52.901, -1.479, 18000),
    Area("Oakwood", "ward", 52.948, -1.428, 13500),
    Area("Sinfin", "ward", 52.884, -1.481, 17000),
    Area("Spondon", "ward", 52.920, -1.408, 13000),
    # Derbyshire districts, placed at their main towns.
    Area("Amber Valley", "district", 53.050, -1.410, 128000),
    Area("Bolsover", "district", 53.230, -1.290, 81000),
    Area("Chesterfield", "district", 53.240, -1.420, 104000),
    Area("Derbyshire Dales", "district", 53.140, -1.550, 72000),
    Area("Erewash", "district", 52.930, -1.300, 113000),
    Area("High Peak", "district", 53.300, -1.900, 91000),
    Area("North East Derbyshire", "district", 53.300, -1.470, 103000),
    Area("South Derbyshire", "district", 52.770, -1.550, 107000),
)
AREA_BY_NAME = {a.name: a for a in AREAS}
WARDS = tuple(a.name for a in AREAS if a.kind == "ward")
DISTRICTS = tuple(a.name for a in AREAS if a.kind == "district")

# --------------------------------------------------------------------------
# Platforms and categories.
# --------------------------------------------------------------------------

TWITTER, FACEBOOK, INSTAGRAM, YOUTUBE = "Twitter/X", "Facebook", "Instagram", "YouTube"
BLOG, LINKEDIN, NEXTDOOR, TIKTOK = "Blog", "LinkedIn", "Nextdoor", "TikTok"
AT_PLATFORMS = (TWITTER, INSTAGRAM, TIKTOK)  # ids start with "@"

URL_PATH = {
    TWITTER: "twitter", FACEBOOK: "facebook", INSTAGRAM: "instagram",
    YOUTUBE: "youtube", LINKEDIN: "linkedin", NEXTDOOR: "nextdoor", TIKTOK: "tiktok",
}
# Relative reach of a platform, used to scale invented follower counts.
PLATFORM_REACH = {
    TWITTER: 1.0, FACEBOOK: 1.0, INSTAGRAM: 0.6, TIKTOK: 0.5,
    YOUTUBE: 0.3, LINKEDIN: 0.25, NEXTDOOR: 0.4, BLOG: 0.3,
}
# How likely an account on a platform is to be the target of a link.
PLATFORM_LINK_WEIGHT = {
    TWITTER: 3.0, FACEBOOK: 3.0, INSTAGRAM: 1.5, TIKTOK: 1.0,
    YOUTUBE: 0.7, LINKEDIN: 0.7, NEXTDOOR: 1.0, BLOG: 1.0,
}

HUB_CATEGORIES = ("council", "police", "NHS", "news")
# Median invented follower count for an account of each category.
MEDIAN_FOLLOWERS = {
    "council": 12000, "police": 2500, "NHS": 1500, "news": 8000,
    "community group": 600, "business": 1100, "culture": 1400, "education": 700,
    "sport": 450, "faith": 350, "charity": 900, "blogger": 800,
}
MAX_FOLLOWERS = 120000
BLANK_FOLLOWERS_RATE = 0.14  # applied to non-hub accounts only (~8% overall)
BLANK_POSTS_RATE = 0.13

# --------------------------------------------------------------------------
# Hand-written organisations. Names of public bodies are real organisations;
# every other name is invented. All handles, figures and text are invented.
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Org:
    name: str
    area: str
    category: str
    platforms: tuple[str, ...]
    description: str
    median_followers: int | None = None  # None: use the category default
    stem: str | None = None  # handle stem; None: derived from the name
    hub: bool = False  # linked to from many areas
    bridges_to: tuple[str, ...] = ()  # other areas this account links into


CITY_ORGS: tuple[Org, ...] = (
    Org("Derby City Council", CITY, "council", (TWITTER, FACEBOOK, YOUTUBE, LINKEDIN),
        "Sample stand-in for the city council's news feed; the follower figure is invented.",
        60000, "DerbyCityHallNews", hub=True),
    Org("Royal Derby Hospital", CITY, "NHS", (TWITTER, FACEBOOK),
        "Illustrative hospital account: visiting times, appointments and A&E advice (figures invented).",
        30000, "RoyalDerbyWards", hub=True),
    Org("Derby City Neighbourhood Policing", CITY, "police", (TWITTER, FACEBOOK),
        "Invented example of a city policing feed, with appeals, road closures and safety tips.",
        22000, "DerbyCityBeat", hub=True),
    Org("Derby Daily Courier", CITY, "news", (TWITTER, FACEBOOK, INSTAGRAM),
        "Breaking news, sport and what's on across the city.", 45000, "DerbyCourierNews", hub=True),
    Org("Derby Community Health Hub", CITY, "NHS", (TWITTER,),
        "Clinics, jabs and health advice from community teams around the city.", 6000, hub=True),
    Org("Derby Business Forum", CITY, "business", (LINKEDIN, TWITTER),
        "Networking breakfasts, skills and support for city businesses.", 4000),
    Org("Derby Arts Quarter", CITY, "culture", (INSTAGRAM, FACEBOOK),
        "Galleries, gigs and open studios in and around the city centre.", 5000),
    Org("Derby Interfaith Forum", CITY, "faith", (FACEBOOK,),
        "Bringing the city's faith communities together, since long before social media.", 900),
    Org("Derby Food Bank Network", CITY, "charity", (FACEBOOK, TWITTER),
        "Coordinating the city's food banks: what's needed, where and when.", 3500),
    Org("Derby Riverside College", CITY, "education", (TWITTER, INSTAGRAM, TIKTOK),
        "Courses, open days and student life by the river.", 7000),
    Org("Derby Cycle Hub", CITY, "sport", (TWITTER,),
        "Routes, repairs and rides for everyone who cycles in Derby.", 2200),
    Org("Derby Volunteer Centre", CITY, "charity", (FACEBOOK,),
        "Matching volunteers with local groups who need a hand.", 1800),
    Org("Derby Youth Voice", CITY, "community group", (INSTAGRAM, TIKTOK),
        "Young people's panel speaking up on buses, parks and jobs.", 1500),
    Org("Derby & Derbyshire Refugee Welcome", CITY, "charity", (FACEBOOK, TWITTER),
        "Welcome packs, English conversation clubs and a friendly face for new arrivals.",
        1600, "DerbyRefugeeWelcome", bridges_to=("Normanton", "Arboretum", "Chesterfield", "Erewash")),
)

COUNTY_ORGS: tuple[Org, ...] = (
    Org("Derbyshire County Council", COUNTY, "council", (TWITTER, FACEBOOK, YOUTUBE, NEXTDOOR),
        "Sample county council account for this demo map; no real audience figures are implied.",
        70000, "CountyHallUpdates", hub=True),
    Org("Derbyshire Constabulary", COUNTY, "police", (TWITTER, FACEBOOK, INSTAGRAM),
        "Illustrative force-wide police account; the numbers shown here are made up.",
        110000, "DerbysConstabulary", hub=True),
    Org("Peak Valley Radio", COUNTY, "news", (TWITTER, FACEBOOK, TIKTOK),
        "Local radio for the Peak, the Dales and the Valley: news, travel and \"Drive Home\" requests.",
        40000, hub=True),
    Org("Derbyshire Weekly Post", COUNTY, "news", (TWITTER, FACEBOOK),
        "Weekly news, opinion and village sport from across the county.", 25000, hub=True),
    Org("Derbyshire NHS Health Updates", COUNTY, "NHS", (TWITTER, FACEBOOK),
        "Invented example NHS feed: GP access, pharmacies and winter health.", 18000,
        "DerbysHealthNews", hub=True),
    Org("Derbyshire Small Business Network", COUNTY, "business", (LINKEDIN,),
        "Peer support for sole traders and small firms, from Glossop to Swadlincote.", 3000),
    Org("Derbyshire Library Service", COUNTY, "culture", (FACEBOOK, TWITTER),
        "Events, e-books and rhyme times in libraries across the county.", 9000),
    Org("Derbyshire Wildlife Volunteers", COUNTY, "charity", (FACEBOOK, INSTAGRAM),
        "Hedge-laying, bat walks and meadow surveys; no experience needed.", 6000),
    Org("Derbyshire Rural Community Network", COUNTY, "charity", (FACEBOOK,),
        "Support for village halls, rural transport and community shops.", 2500),
    Org("Derbyshire Schools Sport Partnership", COUNTY, "sport", (TWITTER,),
        "Festivals, fixtures and results from school sport around the county.", 3000),
    Org("Peak & Dales Walking Festival", COUNTY, "culture", (FACEBOOK, INSTAGRAM),
        "A fortnight of guided walks each May, from gentle strolls to 'proper' hill days.", 4000,
        "PeakDalesWalkFest"),
)

# District councils are public bodies; the district news titles are invented.
DISTRICT_COUNCILS = {
    "Amber Valley": "Amber Valley Borough Council",
    "Bolsover": "Bolsover District Council",
    "Chesterfield": "Chesterfield Borough Council",
    "Derbyshire Dales": "Derbyshire Dales District Council",
    "Erewash": "Erewash Borough Council",
    "High Peak": "High Peak Borough Council",
    "North East Derbyshire": "North East Derbyshire District Council",
    "South Derbyshire": "South Derbyshire District Council",
}
# Grassroots accounts in a district are named after one of its towns.
DISTRICT_TOWNS = {
    "Amber Valley": ("Ripley", "Belper", "Heanor", "Alfreton"),
    "Bolsover": ("Bolsover", "Shirebrook", "Clowne"),
    "Chesterfield": ("Chesterfield", "Staveley", "Brimington"),
    "Derbyshire Dales": ("Matlock", "Ashbourne", "Bakewell", "Wirksworth"),
    "Erewash": ("Ilkeston", "Long Eaton", "Sandiacre"),
    "High Peak": ("Buxton", "Glossop", "New Mills", "Chapel-en-le-Frith"),
    "North East Derbyshire": ("Dronfield", "Clay Cross", "Eckington"),
    "South Derbyshire": ("Swadlincote", "Melbourne", "Hilton", "Etwall"),
}
DISTRICT_NEWS = {
    "Amber Valley": "Amber Valley Voice",
    "Bolsover": "Bolsover Bugle",
    "Chesterfield": "Spireside News",
    "Derbyshire Dales": "Dales Dispatch",
    "Erewash": "Erewash Eye",
    "High Peak": "Glossop & Buxton Bulletin",
    "North East Derbyshire": "Dronfield Diary",
    "South Derbyshire": "Swad & Villages News",
}

EXTRA_DISTRICT_ORGS: tuple[Org, ...] = (
    Org("Chesterfield Royal Hospital", "Chesterfield", "NHS", (TWITTER, FACEBOOK),
        "Illustrative hospital feed for north Derbyshire (figures invented).", 15000,
        "ChesterfieldRoyalHosp", hub=True),
    # Bridge accounts: mostly local, but with links into several other areas.
    Org("Derwent Valley Heritage Walkers", "Derbyshire Dales", "community group", (FACEBOOK,),
        "Guided walks along the Derwent from the mills to the city, with flask stops.", 1200,
        bridges_to=("Amber Valley", "Darley", "Allestree")),
    Org("Trent Canal Towpath Friends", "South Derbyshire", "community group", (FACEBOOK, TWITTER),
        "Litter picks, lock-side teas and towpath repairs along the canal.", 1400,
        "TowpathFriends", bridges_to=("Chellaston", "Alvaston", "Erewash")),
    Org("Erewash Valley Cycling Club", "Erewash", "sport", (TWITTER, FACEBOOK),
        "Sunday club rides out of Ilkeston and Long Eaton; café stop guaranteed.", 1100,
        "ErewashValleyCC", bridges_to=("Spondon", "Oakwood", "Amber Valley")),
    Org("Spire to Peak Trail Runners", "Chesterfield", "sport", (INSTAGRAM, FACEBOOK),
        "Trail runs from the crooked spire to the moors, all paces.", 1300,
        "spire_to_peak", bridges_to=("High Peak", "North East Derbyshire", "Derbyshire Dales")),
)

# Invented local bloggers with pseudonymous names (no real people).
BLOGGERS: tuple[Org, ...] = (
    Org("Darley Abbey Walks", "Darley", "blogger", (BLOG, INSTAGRAM),
        "Riverside rambles, mill history and the odd muddy boot."),
    Org("The Arboretum Diarist", "Arboretum", "blogger", (BLOG,),
        "Notes from a Victorian park and the streets around it."),
    Org("Spondon Stories", "Spondon", "blogger", (BLOG, FACEBOOK),
        "Old photos, new memories: the village's story, told by its people."),
    Org("Chellaston Kitchen Table", "Chellaston", "blogger", (BLOG,),
        "Recipes, school-run chat and the occasional rant about parking."),
    Org("Mickleover Mornings", "Mickleover", "blogger", (BLOG, TWITTER),
        "Early walks, coffee reviews and what's new on the high street."),
    Org("Normanton Road Eats", "Normanton", "blogger", (INSTAGRAM, TIKTOK),
        "Curry houses, bakeries and the best samosa chaat in town, reviewed."),
    Org("Allestree Park Notebook", "Allestree", "blogger", (BLOG,),
        "Birds, bluebells and benches: a year in the park."),
    Org("Crooked Spire Chronicles", "Chesterfield", "blogger", (BLOG, TWITTER),
        "Market-town life under the famous twisted spire."),
    Org("Peak Pedaller", "High Peak", "blogger", (BLOG, YOUTUBE),
        "Climbs, cafés and crashes on two wheels in the hills."),
    Org("Dales Dog Walks", "Derbyshire Dales", "blogger", (INSTAGRAM, TIKTOK),
        "Dog-friendly walks, pubs and tea rooms, rated by a spaniel."),
    Org("Ripley Rambler", "Amber Valley", "blogger", (BLOG,),
        "Footpaths, folklore and fish-and-chip suppers around the Valley."),
    Org("Swad Snaps", "South Derbyshire", "blogger", (INSTAGRAM,),
        "Everyday photos from Swadlincote and the villages."),
    Org("Long Eaton Lace & Lanes", "Erewash", "blogger", (BLOG, FACEBOOK),
        "Industrial heritage walks and the stories behind the mills."),
    Org("Bolsover Hilltop Notes", "Bolsover", "blogger", (BLOG,),
        "Views from the hill, local history and council meeting write-ups."),
)

# --------------------------------------------------------------------------
# Templates for invented grassroots accounts, instantiated per area.
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class LocalTemplate:
    name: str  # "{place}" is replaced by a ward name or a district's town
    category: str
    platforms: tuple[str, ...]  # first is the main platform, others optional
    description: str


LOCAL_TEMPLATES: tuple[LocalTemplate, ...] = (
    LocalTemplate("{place} Community Garden", "community group", (FACEBOOK, INSTAGRAM),
                  "Growing veg, herbs and friendships in {place}; volunteers welcome every Saturday."),
    LocalTemplate("Friends of {place} Parks", "community group", (FACEBOOK, TWITTER),
                  "Volunteers looking after {place}'s green spaces, benches and bulbs."),
    LocalTemplate("{place} Residents' Association", "community group", (FACEBOOK, NEXTDOOR),
                  "Residents’ association for {place}: bins, parking, planning and the odd street party."),
    LocalTemplate("{place} Neighbourhood Watch", "community group", (NEXTDOOR, FACEBOOK),
                  "Keeping an eye out for each other in {place}."),
    LocalTemplate("{place} Youth Club", "community group", (INSTAGRAM, TIKTOK),
                  "Games, trips and homework help for 11-18s in {place}."),
    LocalTemplate("{place} Allotment Society", "community group", (FACEBOOK,),
                  "Plots, seed swaps and the annual \"biggest marrow\" contest."),
    LocalTemplate("{place} Running Club", "sport", (FACEBOOK, INSTAGRAM),
                  "Social 5k runs from {place} every Tuesday, all paces welcome."),
    LocalTemplate("{place} Juniors FC", "sport", (FACEBOOK, TWITTER),
                  "Grassroots football for under-7s to under-16s in {place}."),
    LocalTemplate("{place} Cricket Club", "sport", (TWITTER, FACEBOOK),
                  "Saturday league cricket, midweek juniors and a famous tea."),
    LocalTemplate("{place} Library Friends", "culture", (FACEBOOK,),
                  "Book sales, author talks and story time at the {place} library."),
    LocalTemplate("{place} Community Choir", "culture", (FACEBOOK, YOUTUBE),
                  "No auditions, just singing: rehearsals on Thursdays in {place}."),
    LocalTemplate("{place} Art Trail", "culture", (INSTAGRAM, FACEBOOK),
                  "Open studios and window galleries across {place} each autumn."),
    LocalTemplate("{place} Primary PTA", "education", (FACEBOOK,),
                  "Fairs, discos and fundraising for {place}'s primary schools."),
    LocalTemplate("{place} Adult Learning", "education", (FACEBOOK, TWITTER),
                  "Evening classes in {place}: languages, IT, cookery and more."),
    LocalTemplate("St Mark's Church, {place}", "faith", (FACEBOOK,),
                  "Sunday services, toddler group and a warm space on weekdays."),
    LocalTemplate("Churches Together in {place}", "faith", (FACEBOOK,),
                  "Churches in {place} working together on lunches, lifts and Christmas events."),
    LocalTemplate("{place} Faith Kitchen", "faith", (FACEBOOK, INSTAGRAM),
                  "Free hot meals on Fridays, hosted in turn by local faith groups."),
    LocalTemplate("{place} Food Bank", "charity", (FACEBOOK, TWITTER),
                  "Emergency food parcels for {place} families; £5 buys a week's breakfasts."),
    LocalTemplate("{place} Befrienders", "charity", (FACEBOOK,),
                  "Weekly visits and phone calls for older neighbours who'd like company."),
    LocalTemplate("{place} Traders", "business", (FACEBOOK, INSTAGRAM),
                  "Independent shops and cafés of {place}, with \"shop local\" offers every week."),
    LocalTemplate("{place} Community Café", "business", (FACEBOOK, INSTAGRAM),
                  "Pay-as-you-feel café: soup, cake and a warm welcome, Mon–Sat."),
    LocalTemplate("{place} Beat Team", "police", (TWITTER, FACEBOOK),
                  "Invented neighbourhood policing team for {place}: drop-ins, appeals and advice."),
    LocalTemplate("{place} Health Centre", "NHS", (FACEBOOK,),
                  "Opening hours, flu clinics and repeat-prescription reminders."),
)
LOCAL_ACCOUNTS_PER_WARD = 4
LOCAL_ACCOUNTS_PER_DISTRICT = 5
SECOND_PLATFORM_RATE = 0.15

# --------------------------------------------------------------------------
# Relationship settings.
# --------------------------------------------------------------------------

WEIGHTS_BY_TYPE = {  # type -> possible weights (mentions are heavier)
    "follows": (1, 1, 1, 2, 2, 3),
    "mentions": (2, 3, 3, 4, 4, 5),
    "partner": (1, 2, 2, 3, 4),
}
MENTION_RATE = 0.30
PARTNER_RATE = 0.12  # only between organisations (not bloggers)
REPEAT_PAIR_RATE = 0.05  # chance to keep a repeated source-target pair
ID_VARIANT_RATE = 0.03  # rows whose endpoint spelling is varied
NEARBY_WARD_SCALE_KM = 2.0


# --------------------------------------------------------------------------
# Accounts.
# --------------------------------------------------------------------------


@dataclass
class Account:
    id: str
    name: str
    platform: str
    area: str
    category: str
    followers: int | None
    posts_per_week: float | None
    url: str
    description: str
    hub: bool = False
    bridges_to: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Matching key: case-insensitive, ignoring a leading '@'."""
        return normalise_id(self.id)


def normalise_id(raw: str) -> str:
    return raw.strip().lstrip("@").casefold()


def words_of(name: str) -> list[str]:
    """Split a name into ASCII alphanumeric words ("St Mark's Café" -> ["St", "Marks", "Cafe"])."""
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    cleaned = "".join(ch if ch.isalnum() or ch == " " else "" if ch in "'’" else " " for ch in name)
    return [w for w in cleaned.split() if w]


ABBREVIATIONS = {
    "Community": "Comm", "Association": "Assoc", "Neighbourhood": "Nbhd",
    "Derbyshire": "Derbys", "North": "N", "East": "E",
}


def handle_stem(name: str) -> str:
    """CamelCase handle stem from a name, abbreviating long words."""
    return "".join(ABBREVIATIONS.get(w, w[0].upper() + w[1:]) for w in words_of(name))


def camel_words(stem: str) -> list[str]:
    """Split a CamelCase or snake_case stem into lowercase words ("NEDerbysCC" -> ne, derbys, cc)."""
    return [w.lower() for w in re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+", stem)]


def account_id(stem: str, platform: str) -> str:
    """Platform-style id: '@' handles for Twitter/X, Instagram and TikTok, slugs otherwise."""
    parts = camel_words(stem)
    if platform == TWITTER:
        return "@" + stem.replace("_", "")
    if platform == INSTAGRAM:
        return "@" + "_".join(parts)
    if platform == TIKTOK:
        return "@" + ".".join(parts)
    slug = "-".join(parts)
    return slug if platform == FACEBOOK else f"{slug}-{platform.lower()}"


def account_url(account_id_: str, platform: str) -> str:
    """Invented URL on a reserved example domain (never a real site)."""
    handle = account_id_.lstrip("@")
    if platform == BLOG:
        return f"https://example.org/blogs/{handle.removesuffix('-blog')}"
    return f"https://www.example.com/{URL_PATH[platform]}/{handle}"


def invent_followers(rng: random.Random, median: int, platform: str) -> int:
    value = rng.lognormvariate(math.log(median * PLATFORM_REACH[platform]), 0.6)
    return max(12, min(MAX_FOLLOWERS, int(round(value))))


def invent_posts_per_week(rng: random.Random, category: str, platform: str, hub: bool) -> float:
    if platform in (BLOG, YOUTUBE, LINKEDIN):
        return rng.choice((0.5, 0.5, 1, 1, 2))
    if hub or category == "news":
        return rng.choice((7, 10, 14, 21, 21, 28, 35))
    if category == "blogger":
        return rng.choice((0.5, 1, 2, 3, 5))
    return rng.choice((0.5, 1, 1, 2, 2, 3, 5, 7))


def org_accounts(org: Org, rng: random.Random) -> list[Account]:
    """One row per platform an organisation uses, each with its own id."""
    stem = org.stem or handle_stem(org.name)
    median = org.median_followers or MEDIAN_FOLLOWERS[org.category]
    rows = []
    for platform in org.platforms:
        followers = invent_followers(rng, median, platform)
        if not org.hub and rng.random() < BLANK_FOLLOWERS_RATE:
            followers = None
        posts = invent_posts_per_week(rng, org.category, platform, org.hub)
        if rng.random() < BLANK_POSTS_RATE:
            posts = None
        aid = account_id(stem, platform)
        rows.append(Account(aid, org.name, platform, org.area, org.category, followers, posts,
                            account_url(aid, platform), org.description, org.hub, org.bridges_to))
    return rows


def district_orgs(district: str) -> list[Org]:
    """The council (a public body) and an invented news title for a district."""
    council = Org(DISTRICT_COUNCILS[district], district, "council", (TWITTER, FACEBOOK),
                  f"Invented example feed for the district council: bins, planning and events in {district}.",
                  9000, hub=True)
    news = Org(DISTRICT_NEWS[district], district, "news", (FACEBOOK,),
               f"Community news, court reports and results from around {district}.", 6000, hub=True)
    return [council, news]


def local_orgs(area: str, count: int, rng: random.Random) -> list[Org]:
    """Pick `count` grassroots templates for an area and fill them in.

    Ward accounts carry the ward's name; district accounts a town in the district.
    """
    orgs = []
    for template in rng.sample(LOCAL_TEMPLATES, count):
        place = rng.choice(DISTRICT_TOWNS[area]) if area in DISTRICT_TOWNS else area
        platforms = template.platforms[:1]
        if len(template.platforms) > 1 and rng.random() < SECOND_PLATFORM_RATE:
            platforms = template.platforms[:2]
        orgs.append(Org(template.name.format(place=place), area, template.category, platforms,
                        template.description.format(place=place)))
    return orgs


def build_accounts(rng: random.Random) -> list[Account]:
    orgs: list[Org] = [*CITY_ORGS, *COUNTY_ORGS]
    for district in DISTRICTS:
        orgs.extend(district_orgs(district))
    orgs.extend(EXTRA_DISTRICT_ORGS)
    orgs.extend(BLOGGERS)
    for ward in WARDS:
        orgs.extend(local_orgs(ward, LOCAL_ACCOUNTS_PER_WARD, rng))
    for district in DISTRICTS:
        orgs.extend(local_orgs(district, LOCAL_ACCOUNTS_PER_DISTRICT, rng))

    accounts = [acc for org in orgs for acc in org_accounts(org, rng)]
    keys = [a.key for a in accounts]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    assert not duplicates, f"duplicate ids: {duplicates}"
    return accounts


# --------------------------------------------------------------------------
# Relationships.
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Relationship:
    source: str
    target: str
    type: str
    weight: int


def region_of(area: str) -> str:
    """City wards and the city-wide bodies form one region; each district is its own."""
    kind = AREA_BY_NAME[area].kind
    return CITY if kind in ("ward", "city") else area


def distance_km(a: str, b: str) -> float:
    pa, pb = AREA_BY_NAME[a], AREA_BY_NAME[b]
    dy = (pa.lat - pb.lat) * 111.2
    dx = (pa.lon - pb.lon) * 111.2 * math.cos(math.radians(pa.lat))
    return math.hypot(dx, dy)


class LinkPicker:
    """Chooses link targets so that area communities, hubs and bridges emerge."""

    def __init__(self, accounts: list[Account], rng: random.Random):
        self.rng = rng
        self.accounts = accounts
        self.by_area: dict[str, list[Account]] = {}
        for acc in accounts:
            self.by_area.setdefault(acc.area, []).append(acc)
        self.city_hubs = [a for a in accounts if a.hub and a.area == CITY]
        self.county_hubs = [a for a in accounts if a.hub and a.area == COUNTY]
        self.city_region = [a for a in accounts if region_of(a.area) == CITY]

    def weighted_choice(self, source: Account, pool: list[Account]) -> Account | None:
        pool = [a for a in pool if a.name != source.name]  # no links to its own other rows
        if not pool:
            return None
        weights = [PLATFORM_LINK_WEIGHT[a.platform] * (2.0 if a.platform == source.platform else 1.0)
                   for a in pool]
        return self.rng.choices(pool, weights=weights)[0]

    def nearby_ward(self, ward: str) -> str:
        others = [w for w in WARDS if w != ward]
        weights = [math.exp(-distance_km(ward, w) / NEARBY_WARD_SCALE_KM) for w in others]
        return self.rng.choices(others, weights=weights)[0]

    def hub_pool(self, source: Account) -> list[Account]:
        region = region_of(source.area)
        if region == CITY:
            return self.city_hubs * 3 + self.county_hubs
        district_hubs = [a for a in self.by_area[source.area] if a.hub]
        return district_hubs * 3 + self.county_hubs * 2 + self.city_hubs

    def pool_for(self, source: Account) -> list[Account]:
        r = self.rng.random()
        if source.bridges_to and r < 0.45:
            return self.by_area[self.rng.choice(source.bridges_to)]
        if source.area == COUNTY:  # county-wide bodies reach everywhere
            return self.accounts if r < 0.7 else self.county_hubs + self.city_hubs
        if source.area == CITY:
            return self.city_region if r < 0.8 else self.city_hubs + self.county_hubs
        if source.hub and r < 0.25:  # district hubs talk to the county bodies
            return self.county_hubs
        if r < 0.55:
            return self.by_area[source.area]
        if r < 0.72:
            if region_of(source.area) == CITY:
                return self.by_area[self.nearby_ward(source.area)]
            return self.by_area[source.area]
        if r < 0.96:
            return self.hub_pool(source)
        return self.accounts  # occasional long-range link

    def pick(self, source: Account) -> Account | None:
        return self.weighted_choice(source, self.pool_for(source))


def out_degree(acc: Account, rng: random.Random) -> int:
    if acc.hub and acc.area in (CITY, COUNTY):
        return rng.randint(9, 15)
    if acc.hub or acc.bridges_to:
        return rng.randint(6, 10)
    if acc.platform in (YOUTUBE, LINKEDIN, BLOG):
        return rng.randint(1, 4)
    return rng.randint(2, 6)


def relationship_type(source: Account, target: Account, rng: random.Random) -> str:
    organisations = "blogger" not in (source.category, target.category)
    if organisations and rng.random() < PARTNER_RATE:
        return "partner"
    return "mentions" if rng.random() < MENTION_RATE else "follows"


def vary_id(raw: str, rng: random.Random) -> str:
    """Spell an id differently but equivalently (case, leading '@')."""
    options = [raw.lstrip("@") if raw.startswith("@") else "@" + raw, raw.upper()]
    if raw.lower() != raw:
        options.append(raw.lower())
    return rng.choice(options)


def build_relationships(accounts: list[Account], rng: random.Random) -> list[Relationship]:
    picker = LinkPicker(accounts, rng)
    rows: list[Relationship] = []
    seen_pairs: set[tuple[str, str]] = set()
    for source in accounts:
        for _ in range(out_degree(source, rng)):
            target = picker.pick(source)
            if target is None or target.key == source.key:
                continue
            pair = (source.key, target.key)
            if pair in seen_pairs and rng.random() > REPEAT_PAIR_RATE:
                continue
            seen_pairs.add(pair)
            rel_type = relationship_type(source, target, rng)
            weight = rng.choice(WEIGHTS_BY_TYPE[rel_type])
            src, tgt = source.id, target.id
            if rng.random() < ID_VARIANT_RATE:
                if rng.random() < 0.5:
                    src = vary_id(src, rng)
                else:
                    tgt = vary_id(tgt, rng)
            rows.append(Relationship(src, tgt, rel_type, weight))
    return rows


# --------------------------------------------------------------------------
# Output.
# --------------------------------------------------------------------------


def fmt_number(value: float | None) -> str:
    """Blank for unknown; integers without a trailing '.0'."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main() -> None:
    rng = random.Random(SEED)
    accounts = build_accounts(rng)
    relationships = build_relationships(accounts, rng)

    write_csv(OUT_DIR / "areas.csv", ["area", "kind", "lat", "lon", "population"],
              [[a.name, a.kind, f"{a.lat:.3f}", f"{a.lon:.3f}", a.population] for a in AREAS])
    write_csv(OUT_DIR / "accounts.csv",
              ["id", "name", "platform", "area", "category", "followers", "posts_per_week",
               "url", "description"],
              [[a.id, a.name, a.platform, a.area, a.category, fmt_number(a.followers),
                fmt_number(a.posts_per_week), a.url, a.description] for a in accounts])
    write_csv(OUT_DIR / "relationships.csv", ["source", "target", "type", "weight"],
              [[r.source, r.target, r.type, r.weight] for r in relationships])
    print(f"wrote {len(accounts)} accounts, {len(relationships)} relationships, "
          f"{len(AREAS)} areas to {OUT_DIR}")


if __name__ == "__main__":
    main()
