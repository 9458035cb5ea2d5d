"""Write the small .xlsx files in tests/data, the same bytes every time.

    python tests/data/make_workbooks.py

Each workbook copies the shape a real tool writes (NodeXL, Kumu, Excel with
formulas, a council's workbook with a title and several sheets); every name
and handle in them is invented. Formula cells get a saved value the way
Excel stores one, except where a test needs a formula saved without it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
FIXED_TIME = dt.datetime(2024, 3, 1, 9, 0, 0)

NODEXL_GROUPS = ["", "", "Visual Properties", "", "", "", "", "Labels", "", "", "Graph Metrics", "Other Columns"]
NODEXL_EDGE_HEADINGS = [
    "Vertex 1", "Vertex 2", "Color", "Width", "Style", "Opacity", "Visibility", "Label", "Label Text Color",
    "Label Font Size", "Reciprocated?", "ID", "Dynamic Filter", "Add Your Own Columns Here", "Relationship",
    "Relationship Date (UTC)", "Tweet", "Edge Weight",
]
NODEXL_VERTEX_HEADINGS = [
    "Vertex", "Color", "Shape", "Size", "Opacity", "Image File", "Visibility", "Label", "Label Fill Color",
    "Label Position", "Tooltip", "Layout Order", "X", "Y", "Locked?", "Polar R", "Polar Angle", "Degree",
    "In-Degree", "Out-Degree", "Betweenness Centrality", "PageRank", "ID", "Dynamic Filter",
    "Add Your Own Columns Here", "Name", "Followed", "Followers", "Tweets", "Description", "Location", "Web",
]


def _nodexl_edge(source: str, target: str, relationship: str, tweet: str, weight: int, number: int) -> list:
    return [source, target, "", 1, "", 100, "Show", "", "", "", "", number, "", "", relationship,
            "2024-02-20 10:15", tweet, weight]


def _nodexl_vertex(handle: str, name: str, followers: int, description: str, location: str, web: str,
                   number: int) -> list:
    return [handle, "", "Disk", "", 100, f"https://pbs.example.org/{handle}.jpg", "Show", "", "", "", "", "",
            12.5 * number, 40.0, "", "", "", 2, 1, 1, 0.5, 1.1, number, "", "", name, 310, followers, 4200,
            description, location, web]


def nodexl(path: Path, *, with_vertices: bool = True) -> None:
    """A NodeXL Twitter workbook: Edges and Vertices with a row of group headings above the headings."""
    book = openpyxl.Workbook()
    edges = book.active
    edges.title = "Edges"
    edges.append(NODEXL_GROUPS)
    edges.append(NODEXL_EDGE_HEADINGS)
    for number, row in enumerate([
        ("derbycouncil", "derbypolice", "Mentions", "Road closures today, with @derbypolice", 1),
        ("derbypolice", "derbycouncil", "Replies to", "@derbycouncil thanks, shared", 1),
        ("sinfin_garden", "derbycouncil", "Mentions", "Seed swap Saturday, @derbycouncil", 2),
        ("sinfin_garden", "sinfin_garden", "Tweet", "Our seed swap is on!", 1),
        ("allestree_news", "derbycouncil", "Mentions", "Council meeting tonight @derbycouncil", 1),
    ], start=1):
        edges.append(_nodexl_edge(*row, number))
    vertices = book.create_sheet("Vertices")
    vertices.append(["", "Visual Properties", "", "", "", "", "", "Labels", "", "", "", "Layout", "", "", "", "",
                     "", "Graph Metrics", "", "", "", "", "Other Columns"])
    vertices.append(NODEXL_VERTEX_HEADINGS)
    if with_vertices:
        for number, row in enumerate([
            ("derbycouncil", "Derby City Council (invented)", 61200, "News from the council", "Derby, England",
             "https://www.example.org/derby"),
            ("derbypolice", "Derby Police (invented)", 48100, "Keeping Derby safe", "Derby", "www.example.org/police"),
            ("sinfin_garden", "Sinfin Community Garden", 830, "Grow your own in Sinfin", "Sinfin, Derby", ""),
            ("allestree_news", "Allestree News", 2400, "Local stories", "Allestree", ""),
        ], start=1):
            vertices.append(_nodexl_vertex(*row, number))
    for name, headings in (("Groups", ["Group", "Vertex Color", "Vertex Shape"]),
                           ("Group Vertices", ["Group", "Vertex", "Vertex ID"]),
                           ("Overall Metrics", ["Graph Metric", "Value"])):
        book.create_sheet(name).append(headings)
    book["Overall Metrics"].append(["Graph Type", "Directed"])
    _save(book, path)


NODEXL_TOP_ITEMS = [
    "Custom Menu Item Text", "Custom Menu Item Action", "Top URLs in Tweet by Count", "Top URLs in Tweet by Salience",
    "Top Domains in Tweet by Count", "Top Hashtags in Tweet by Count", "Top Words in Tweet by Count",
    "Top Word Pairs in Tweet by Count", "Top Word Pairs in Tweet by Salience", "Top Replied-To in Tweet",
    "Top Mentioned in Tweet",
]
# What Excel writes for a data validation list that points at another sheet (x14 extension): openpyxl
# warns "Data Validation extension is not supported and will be removed" when it reads the sheet.
X14_VALIDATION = (
    b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    b'<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    b'<x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Lists!$A$1:$A$3</xm:f></x14:formula1>'
    b"<xm:sqref>C3:C500</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>"
)


def nodexl_top_items(path: Path) -> None:
    """A NodeXL Twitter search network as NodeXL saves it after "Graph Metrics, top items": many "Tweet"
    rows (an account linked to itself), top-items columns, profile pages in Custom Menu Item Action only."""
    book = openpyxl.Workbook()
    edges = book.active
    edges.title = "Edges"
    edges.append(NODEXL_GROUPS)
    edges.append(NODEXL_EDGE_HEADINGS)
    handles = ["derbycouncil", "derbypolice", "sinfin_garden", "allestree_news"]
    number = 0
    for round_ in range(15):  # 60 tweets that mention nobody: NodeXL's self-links
        for handle in handles:
            number += 1
            edges.append(_nodexl_edge(handle, handle, "Tweet", f"Update number {round_ + 1} from {handle}", 1, number))
    for source, target in [("derbypolice", "derbycouncil"), ("sinfin_garden", "derbycouncil"),
                           ("allestree_news", "derbypolice")]:
        number += 1
        edges.append(_nodexl_edge(source, target, "Mentions", f"Thanks @{target}", 1, number))
    vertices = book.create_sheet("Vertices")
    vertices.append(["", "Visual Properties"] + [""] * (len(NODEXL_VERTEX_HEADINGS) + len(NODEXL_TOP_ITEMS) - 2))
    vertices.append(NODEXL_VERTEX_HEADINGS + NODEXL_TOP_ITEMS)
    words = "council derby road closures today thanks shared seed swap saturday meeting tonight".split()
    for number, (handle, name, followers, web) in enumerate([
        ("derbycouncil", "Derby City Council (invented)", 61200, "https://www.example.org/derby"),
        ("derbypolice", "Derby Police (invented)", 48100, ""),
        ("sinfin_garden", "Sinfin Community Garden (invented)", 830, ""),
        ("allestree_news", "Allestree News (invented)", 2400, ""),
    ], start=1):
        top = [
            "Open Twitter Page for This Person", f"https://twitter.com/{handle}",
            " ".join(f"https://www.example.org/story/{i}" for i in range(10)),
            " ".join(f"https://www.example.org/news/{i}" for i in range(10)),
            "example.org twitter.com", "derby roadclosures seedswap", " ".join(words),
            " ".join(f"{a},{b}" for a, b in zip(words, words[1:])), " ".join(f"{b},{a}" for a, b in zip(words, words[1:])),
            "derbycouncil", "derbypolice derbycouncil",
        ]
        vertices.append(_nodexl_vertex(handle, name, followers, "A test account", "Derby", web, number) + top)
    book.create_sheet("Lists").append(["Show"])
    _save(book, path, extensions={"Vertices": X14_VALIDATION})


def kumu(path: Path) -> None:
    """A Kumu export: Elements (Label first) and Connections (From, To, Type, Direction)."""
    book = openpyxl.Workbook()
    elements = book.active
    elements.title = "Elements"
    elements.append(["Label", "Type", "Description", "Tags", "Followers", "Website"])
    for row in [
        ("Derby City Council", "Council", "The city council (invented)", "public sector|comms", "61,200",
         "https://www.example.org/derby"),
        ("Derbyshire Police", "Police", "Policing the county (invented)", "public sector", "48.1K", ""),
        ("Sinfin Community Garden", "Community group", "Grow your own", "green|volunteers", "830", ""),
        ("Allestree News", "News", "Local stories", "", "", ""),
    ]:
        elements.append(list(row))
    connections = book.create_sheet("Connections")
    connections.append(["From", "To", "Type", "Direction", "Label", "Strength"])
    for row in [
        ("Derby City Council", "Derbyshire Police|Sinfin Community Garden", "Partner", "mutual", "", "Strong"),
        ("Allestree News", "Derby City Council", "Reports on", "directed", "", ""),
        ("Sinfin Community Garden", "Allestree News", "Talks to", "undirected", "", "It's complicated"),
    ]:
        connections.append(list(row))
    notes = book.create_sheet("Notes (ignore)")
    notes.append(["Exported from Kumu for a test; all invented."])
    _save(book, path)


def kumu_lists(path: Path) -> None:
    """A Kumu export whose fields hold several values separated by ``|``, as Kumu writes its multi-value
    fields: tags, a second type, spaces and empty parts as people leave them."""
    book = openpyxl.Workbook()
    elements = book.active
    elements.title = "Elements"
    elements.append(["Label", "Type", "Description", "Tags", "Followers", "Area"])
    for row in [
        ("Derby City Council", "Council", "Runs the city | or so it says", "public sector|comms|youth", "61,200", "Derby"),
        ("Derbyshire Police", "Police", "", "public sector", "48.1K", "Derby"),
        ("Sinfin Community Garden", "Community group|Charity", "", "green | volunteers||green", "830", "Sinfin"),
        ("Sinfin Foodbank", "Charity", "", "volunteers|public sector", "1,240", "Sinfin"),
        ("Allestree News", "News", "", "", "2,400", "Allestree"),
        ("Spondon Youth Club", "Community group", "", "youth|volunteers", "310", "Spondon"),
    ]:
        elements.append(list(row))
    connections = book.create_sheet("Connections")
    connections.append(["From", "To", "Type", "Direction"])
    for row in [
        ("Derby City Council", "Derbyshire Police|Sinfin Foodbank|Spondon Youth Club", "Partner", "mutual"),
        ("Sinfin Community Garden", "Sinfin Foodbank", "Partner", "mutual"),
        ("Allestree News", "Derby City Council|Derbyshire Police", "Reports on", "directed"),
    ]:
        connections.append(list(row))
    _save(book, path)


def council_workbook(path: Path) -> None:
    """A council's own workbook: a title above the table, a formula column, a Links sheet, a Notes sheet."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Accounts"
    sheet.append(["Derby social media accounts (invented), March 2024"])
    sheet.append([])
    sheet.append(["Handle", "Name", "Platform", "Followers (thousands)", "Followers", "Date added"])
    for number, (handle, name, platform, thousands) in enumerate([
        ("@DerbyCC", "Derby City Council", "Twitter/X", 61.2),
        ("@DerbyLibraries", "Derby Libraries", "Facebook", 4.8),
        ("@SinfinGarden", "Sinfin Community Garden", "Instagram", 0.83),
    ], start=4):
        sheet.append([handle, name, platform, thousands, f"=D{number}*1000", dt.datetime(2024, 3, number)])
    links = book.create_sheet("Links")
    links.append(["From", "To", "Type"])
    links.append(["@DerbyCC", "@DerbyLibraries", "partner"])
    links.append(["@SinfinGarden", "@DerbyCC", "mentions"])
    book.create_sheet("Notes").append(["Figures checked by the comms team."])
    _save(book, path, saved_values={("Accounts", "E4"): "61200", ("Accounts", "E5"): "4800",
                                    ("Accounts", "E6"): "830"})


def unsaved_formulas(path: Path) -> None:
    """A workbook written by a program: formulas with no saved value (never opened in Excel)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Accounts"
    sheet.append(["id", "followers_k", "followers"])
    sheet.append(["a", 1.5, "=B2*1000"])
    sheet.append(["b", 2, "=B3*1000"])
    sheet.append(["c", 3, 3000])
    _save(book, path)


def two_account_sheets(path: Path) -> None:
    """One sheet of accounts per platform: only the first is read unless another is named."""
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Twitter"
    first.append(["Handle", "Name", "Followers"])
    first.append(["@derbycc", "Derby City Council", 61200])
    second = book.create_sheet("Facebook")
    second.append(["Handle", "Name", "Followers"])
    second.append(["derbycitycouncil", "Derby City Council", 38000])
    second.append(["derbylibraries", "Derby Libraries", 4800])
    _save(book, path)


def _save(book: openpyxl.Workbook, path: Path, saved_values: dict[tuple[str, str], str] | None = None,
          extensions: dict[str, bytes] | None = None) -> None:
    """Save with fixed dates and zip times, store values with the formulas named in ``saved_values``, and
    end the sheets named in ``extensions`` with that extension list (as Excel writes it)."""
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    sheet_files = {name: f"xl/worksheets/sheet{number}.xml" for number, name in enumerate(book.sheetnames, start=1)}
    patches: dict[str, dict[str, str]] = {}
    for (sheet, cell), value in (saved_values or {}).items():
        patches.setdefault(sheet_files[sheet], {})[cell] = value
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"<dcterms:modified[^>]*>[^<]*</dcterms:modified>", b"", data)
            for sheet, extension in (extensions or {}).items():
                if info.filename == sheet_files[sheet]:
                    data = data.replace(b"</worksheet>", extension + b"</worksheet>")
            for cell, value in patches.get(info.filename, {}).items():
                data = re.sub(rf'(<c r="{cell}"[^>]*><f>[^<]*</f>)<v\s*/>'.encode(),
                              rb"\1<v>" + value.encode() + rb"</v>", data)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)


def main() -> None:
    nodexl(HERE / "nodexl_twitter.xlsx")
    nodexl(HERE / "nodexl_edges_only.xlsx", with_vertices=False)
    nodexl_top_items(HERE / "nodexl_top_items.xlsx")
    kumu(HERE / "kumu_export.xlsx")
    kumu_lists(HERE / "kumu_lists.xlsx")
    council_workbook(HERE / "council_workbook.xlsx")
    unsaved_formulas(HERE / "unsaved_formulas.xlsx")
    two_account_sheets(HERE / "two_account_sheets.xlsx")


if __name__ == "__main__":
    main()
