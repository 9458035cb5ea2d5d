"""Help where the app needs it: a blank accounts template to download, and a short glossary of the figures.

The template is an Excel workbook made with openpyxl: the accounts sheet socialmap reads (the columns, one
worked example row, and a note on each column), and a second sheet showing the other shape it reads, a
channel list with one row per organisation and a column per platform. No Streamlit here.
"""

from __future__ import annotations

import io

__all__ = ["GLOSSARY", "TEMPLATE_NAME", "accounts_template"]

TEMPLATE_NAME = "socialmap-accounts-template.xlsx"

# (column, example, what it holds): the accounts sheet, in the order socialmap documents them
_ACCOUNT_COLUMNS = (
    ("id", "@DerbyshireLibs", "Required. The account's handle or page address: one row per account."),
    ("name", "Derbyshire Libraries", "The name shown on the map (blank: the id)."),
    ("platform", "Twitter/X", "Twitter/X, Facebook, Instagram, YouTube, LinkedIn, TikTok, Bluesky..."),
    ("area", "Matlock", "Town, district or ward: for filters, colours and the mind map."),
    ("category", "library", "Your own grouping: council, police, health, charity, news..."),
    ("followers", 12400, "A number (12400, 12,400 or 12.4k). Blank if unknown."),
    ("posts_per_week", 6, "How often it posts, for weekly opportunities to view. Blank: one a week."),
    ("url", "https://www.example.com/derbyshirelibs", "A link to the account's page (http or https)."),
    ("description", "Library news, events and opening times", "Shown when you hover over the account."),
)
_CHANNEL_COLUMNS = (
    ("Organisation", "Derbyshire Libraries"), ("Area", "Matlock"), ("Category", "library"),
    ("X (Twitter)", "@DerbyshireLibs"), ("Facebook page", "https://www.facebook.com/example-derbyshirelibs"),
    ("Instagram", "@derbyshirelibs"), ("YouTube", ""),
)


def accounts_template() -> bytes:
    """The template workbook's bytes: sheet "Accounts" (columns, one worked example row, notes below) and sheet
    "Channel list (example)" (one row per organisation, a column per platform)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Accounts"
    sheet.append([column for column, _, _ in _ACCOUNT_COLUMNS])
    sheet.append([example for _, example, _ in _ACCOUNT_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, (heading, _, _) in zip(sheet.iter_cols(min_row=1, max_row=1), _ACCOUNT_COLUMNS):
        sheet.column_dimensions[column[0].column_letter].width = max(14, len(heading) + 4)
    notes = book.create_sheet("About the columns")
    notes.append(["column", "what it holds"])
    for heading, _, meaning in _ACCOUNT_COLUMNS:
        notes.append([heading, meaning])
    notes.append([])
    notes.append(["", "Replace the example row with your accounts, one row per account. Extra columns are kept: "
                      "they show when you hover over an account and can colour or size the map."])
    notes.column_dimensions["A"].width, notes.column_dimensions["B"].width = 16, 100
    wide = book.create_sheet("Channel list (example)")
    wide.append([heading for heading, _ in _CHANNEL_COLUMNS])
    wide.append([example for _, example in _CHANNEL_COLUMNS])
    for cell in wide[1]:
        cell.font = Font(bold=True)
    book.properties.creator = "socialmap"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GLOSSARY = """
**Potential reach**: the sum of the followers of the accounts shown. Audiences overlap (one person follows
several accounts), so it counts follows, not people.

**Weekly OTV** (opportunities to view): followers x posts a week, summed; an account with no posting rate
counts one post a week. Possible impressions, not people, and not views that happened.

**Community**: a group of accounts more linked to each other than to the rest (found with the Louvain method
from the relationships file). Groups smaller than the smallest community size are shown as Other.

**PageRank** (standing): how much an account is followed or mentioned by accounts that are themselves followed
or mentioned a lot. Higher means more central to the network, whatever its own follower count.

**Bridge**: an account linked (either way) to accounts in at least two communities besides its own. Bridges
carry a message from one group to others that would otherwise hardly hear it.

**Betweenness** (bridging): how often an account lies on the shortest path between two others; higher means
more of the network's paths run through it.

**Links**: the relationships an account has, in and out, in the file.
""".strip()
