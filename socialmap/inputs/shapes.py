"""Find the accounts and the links in whatever files were given.

Shapes recognised, besides an accounts table and a relationships table:

- a workbook holding both: the relationships are the first other sheet with
  source and target columns (``--relationships-sheet`` names one);
- a NodeXL workbook (sheets Edges, with Vertex 1 and Vertex 2, and
  Vertices, with Vertex): NodeXL's own display and metric columns, and the
  "Top URLs / Words / Word Pairs in Tweet..." columns it computes, are not
  shown as extra columns; where ``Web`` is blank, the Twitter page NodeXL
  puts in ``Custom Menu Item Action`` is the account's link (toolcells.py);
- a Kumu export (sheets Elements, with Label, and Connections, with From and
  To; a To cell may list several elements separated by ``|``): an element's
  field holding several values (Kumu's ``public sector|comms``) keeps them
  as several, written ``public sector | comms``, which colour and filters
  count one by one (see toolcells.py);
- Gephi's data-laboratory CSV files (nodes: Id, Label; edges: Source,
  Target, Type, Weight): a relationships ``Type`` column holding only
  Directed/Undirected says which way the links go, not what kind they are;
- a wide channel list: a row per organisation and a column per platform
  (``Twitter``, ``Facebook``...) holding handles or links, read as one
  account per filled cell (see wide.py);
- a file of links alone (an edge list, or a NodeXL workbook whose Vertices
  sheet is empty): every id named in it is an account;
- an accounts table with ``connects_to``, ``follows`` or ``mentions``
  columns listing ids separated by ``;`` or ``,``: one link per id, of that
  type.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from ..errors import WARNING, Issue, SocialMapError
from .files import DEFAULT_MAX_BYTES, Source, source_name
from .sheets import Sheet, pick_sheet, read_sheets
from .schema import (
    ACCOUNT_FIELDS, LINK_LIST_FIELDS, NODEXL_OWN_COLUMNS, RELATIONSHIP_FIELDS, match_columns, normalise_heading,
)
from .toolcells import ids_from_profile_links, is_nodexl_top_items, kumu_lists, with_profile_links
from .values import ONE_WAY, TWO_WAY
from .headings import ColumnsRead, accounts_read, links_read
from .wide import WideList, is_wide, to_long

__all__ = ["LinkTable", "Inputs", "read_inputs", "recognise", "LIST_SEPARATORS"]

LIST_SEPARATORS = ";,"
KUMU_SEPARATORS = "|"
_DIRECTION_WORDS = ONE_WAY | TWO_WAY


@dataclass(frozen=True)
class LinkTable:
    """A table of links and how to read it.

    ``columns``: field -> heading, fixed before any other matching.
    ``separators``: a target cell may list several ids. ``kind``: the type
    of every link (a link-list column). ``in_accounts``: a column of the
    accounts table, whose blank rows and missing ids are reported there.
    """

    sheet: Sheet
    columns: dict[str, str] = field(default_factory=dict)
    separators: str = ""
    kind: str | None = None
    in_accounts: bool = False


@dataclass(frozen=True)
class Inputs:
    """Where the accounts and the links are. ``accounts`` is None for a file of links alone."""

    accounts: Sheet | None
    links: tuple[LinkTable, ...]
    account_columns: dict[str, str] = field(default_factory=dict)
    ignored_columns: frozenset[str] = frozenset()
    issues: tuple[Issue, ...] = ()
    accounts_file: str = "accounts"
    relationships_file: str | None = None
    shape: str = "accounts"
    wide: WideList | None = None  # the wide channel list the accounts table was made from
    columns: tuple[ColumnsRead, ...] = ()  # what each table's headings were read as


def read_inputs(
    accounts: Source,
    relationships: Source | None = None,
    *,
    sheet: str | None = None,
    relationships_sheet: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    account_columns: dict[str, str] | None = None,
    relationship_columns: dict[str, str] | None = None,
) -> Inputs:
    """Read both sources and recognise their shape; raise SocialMapError naming every unreadable file.

    ``account_columns`` and ``relationship_columns`` (field -> heading)
    override the matching of the accounts table's and the relationships
    file's columns.
    """
    accounts_name = source_name(accounts, "accounts")
    relationships_name = source_name(relationships, "relationships") if relationships is not None else None
    problems: list[Issue] = []
    account_sheets, relationship_sheets = None, None
    try:
        account_sheets = read_sheets(accounts, name=accounts_name, max_bytes=max_bytes)
    except SocialMapError as error:
        problems.extend(error.issues)
    if relationships is not None:
        try:
            relationship_sheets = read_sheets(relationships, name=relationships_name, max_bytes=max_bytes)
        except SocialMapError as error:
            problems.extend(error.issues)
    if problems:
        raise SocialMapError.from_issues(problems)
    return recognise(
        account_sheets, relationship_sheets, sheet=sheet, relationships_sheet=relationships_sheet,
        accounts_name=accounts_name, relationships_name=relationships_name, account_columns=account_columns,
        relationship_columns=relationship_columns,
    )


def _named(sheets: list[Sheet], *names: str) -> Sheet | None:
    for sheet in sheets:
        if sheet.name is not None and sheet.name.strip().casefold() in names:
            return sheet
    return None


def _headings(sheet: Sheet) -> list[str]:
    return [str(heading) for heading in sheet.frame.columns]


def _is_links(sheet: Sheet) -> bool:
    matched = match_columns(_headings(sheet), RELATIONSHIP_FIELDS)
    return "source" in matched and "target" in matched


def _has_accounts(sheet: Sheet) -> bool:
    return not sheet.is_empty and not _is_links(sheet) and "id" in match_columns(_headings(sheet), ACCOUNT_FIELDS)


def recognise(
    account_sheets: list[Sheet],
    relationship_sheets: list[Sheet] | None = None,
    *,
    sheet: str | None = None,
    relationships_sheet: str | None = None,
    accounts_name: str = "accounts",
    relationships_name: str | None = None,
    account_columns: dict[str, str] | None = None,
    relationship_columns: dict[str, str] | None = None,
) -> Inputs:
    """Say which table holds the accounts, which the links, and how to read them."""
    problems: list[Issue] = []
    in_use = [s for s in account_sheets if not s.is_empty and s.name is not None and "(ignore)" not in s.name.lower()]
    shape = _workbook_shape(in_use)
    accounts = _accounts_sheet(account_sheets, in_use, sheet, shape, accounts_name, problems)
    links: list[LinkTable] = []
    if relationship_sheets is not None:
        chosen = _relationships_sheet(relationship_sheets, relationships_sheet, relationships_name, problems)
        links += [_link_table(chosen, shape, relationship_columns)] if chosen is not None else []
    elif relationships_sheet is not None:
        try:
            links.append(_link_table(pick_sheet(account_sheets, relationships_sheet, accounts_name), shape,
                                     relationship_columns))
        except SocialMapError as error:
            problems.extend(error.issues)
    if not problems and relationship_sheets is not None and accounts is not None and links:
        problems.extend(_swapped(accounts, links[0].sheet, accounts_name, relationships_name))
    if problems:
        raise SocialMapError.from_issues(problems)
    other_links = [s for s in in_use if s is not accounts and _is_links(s)]
    notes = _unread_links(other_links, links, accounts_name, relationships_name)
    if not links and other_links:
        links.append(_link_table(other_links[0], shape, relationship_columns))
    if accounts is not None and not links and _is_links(accounts):
        links.append(_link_table(accounts, shape, relationship_columns))
        accounts = None
    if (accounts is None and not links) or (accounts is not None and accounts.is_empty):
        raise SocialMapError(accounts.file if accounts is not None else accounts_name, None, None, "the file is empty",
                             "save the sheet with a header row and one row per account")
    chosen_columns = dict(account_columns or {})
    problems += _absent_headings(accounts, chosen_columns, "--column", accounts_name)
    problems += [issue for table in links if not table.in_accounts
                 for issue in _absent_headings(table.sheet, relationship_columns or {}, "--link-column",
                                               table.sheet.file)]
    if problems:
        raise SocialMapError.from_issues(problems)
    wide, original = None, accounts
    if accounts is not None and shape == "generic" and is_wide(accounts, chosen_columns):
        wide, found = to_long(accounts, chosen_columns)
        notes = found + notes
        accounts, shape, account_columns = wide.sheet, "wide", dict(wide.columns)
        ignored = frozenset()
    elif accounts is not None:
        rules, ignored = _account_rules(accounts, shape)
        if shape == "kumu":
            accounts = kumu_lists(accounts, {**rules, **chosen_columns})
        elif rules.get("id") is not None:
            accounts, profile = with_profile_links(accounts)
            rules.update(profile)
        account_columns = _account_columns(accounts, {**rules, **chosen_columns}, ignored)
        accounts, account_columns = ids_from_profile_links(accounts, account_columns)
    else:
        account_columns, ignored = {}, frozenset()
    if accounts is not None:
        if shape in ("generic", "wide") and sheet is None:
            notes.extend(_unread_account_sheets(in_use, original, accounts_name))
        lists = _link_lists(accounts, account_columns)
        links.extend(lists)
        ignored |= {table.columns["target"] for table in lists}
    shape = shape if shape != "generic" else ("accounts" if accounts is not None else "links")
    columns = [accounts_read(accounts, wide, account_columns, ignored, shape)] if accounts is not None else []
    columns += [links_read(table.sheet, table.columns) for table in links if not table.in_accounts]
    return Inputs(
        accounts=accounts, links=tuple(links), account_columns=account_columns, ignored_columns=ignored,
        issues=tuple(notes), accounts_file=accounts_name,
        relationships_file=relationships_name if relationship_sheets is not None else None,
        shape=shape, wide=wide, columns=tuple(columns),
    )


def _filled(sheet: Sheet) -> dict[str, int]:
    """How many cells of each column hold something."""
    return {str(h): sum(1 for value in sheet.frame[h].tolist() if value.strip()) for h in sheet.frame.columns}


def _account_columns(accounts: Sheet, fixed: dict[str, str], ignored: frozenset[str]) -> dict[str, str]:
    """Every account field -> the heading read for it ("" for none), the fuller of two candidates winning."""
    headings = [h for h in _headings(accounts) if h not in ignored or h in fixed.values()]
    matched = match_columns(headings, ACCOUNT_FIELDS, fixed, _filled(accounts))
    return {f.name: matched.get(f.name, "") for f in ACCOUNT_FIELDS}


def _absent_headings(sheet: Sheet | None, chosen: Mapping[str, str], flag: str, file: str) -> list[Issue]:
    """A problem for each heading the user named that the table does not have."""
    if sheet is None:
        return []
    headings = _headings(sheet)
    found = ", ".join(f'"{h}"' for h in headings) or "none"
    return [Issue(file, None, None, f'{flag} {name}={heading}: there is no column "{heading}" (columns found: {found})',
                  "name one of those headings exactly, or write FIELD= for a field the file does not have")
            for name, heading in chosen.items() if heading and heading not in headings]


def _swapped(accounts: Sheet, relationships: Sheet, accounts_name: str, relationships_name: str) -> list[Issue]:
    """The two files given the wrong way round: links first, accounts second."""
    if not _is_links(accounts) or _is_links(relationships) or not _has_accounts(relationships):
        return []
    return [Issue(accounts_name, None, None, f"this looks like the relationships (it has source and target columns), "
                  f"and {relationships_name} like the accounts", "give the accounts file first, then the relationships")]


def _unread_links(
    other_links: list[Sheet], links: list[LinkTable], accounts_name: str, relationships_name: str | None
) -> list[Issue]:
    """Warnings for sheets of links in the accounts workbook that are not read."""
    if links and relationships_name is not None:
        return [Issue(accounts_name, None, None, f"sheet {s.name} has relationships too, but they are not read "
                      f"because {relationships_name} was given", severity=WARNING) for s in other_links]
    if links:
        return []
    return [Issue(accounts_name, None, None, f"sheet {s.name} also has relationships, but only sheet "
                  f"{other_links[0].name} is read", "name the one to read with --relationships-sheet", WARNING)
            for s in other_links[1:]]


def _workbook_shape(in_use: list[Sheet]) -> str:
    if _named(in_use, "edges") and _named(in_use, "vertices"):
        return "nodexl"
    if _named(in_use, "elements") and _named(in_use, "connections"):
        return "kumu"
    return "generic"


def _accounts_sheet(
    sheets: list[Sheet], in_use: list[Sheet], wanted: str | None, shape: str, file: str, problems: list[Issue]
) -> Sheet | None:
    """The sheet named, else the tool's own accounts sheet, else the first sheet in use that is not links."""
    if wanted is not None:
        return _wanted_sheet(sheets, wanted, file, problems)
    if shape in ("nodexl", "kumu"):
        chosen = _named(in_use, "vertices" if shape == "nodexl" else "elements")
        return chosen if len(chosen.frame) else None
    if sheets[0].name is None:
        return sheets[0]
    candidates = [s for s in in_use if not _is_links(s)]
    if candidates:
        return candidates[0]
    return in_use[0] if in_use else sheets[0]


def _wanted_sheet(sheets: list[Sheet], wanted: str, file: str, problems: list[Issue]) -> Sheet | None:
    """The sheet the user named, or None with the problem noted (the sheets there are)."""
    try:
        return pick_sheet(sheets, wanted, file)
    except SocialMapError as error:
        problems.extend(error.issues)
        return None


def _relationships_sheet(sheets: list[Sheet], wanted: str | None, file: str, problems: list[Issue]) -> Sheet | None:
    if wanted is not None:
        return _wanted_sheet(sheets, wanted, file, problems)
    in_use = [s for s in sheets if not s.is_empty]
    return next((s for s in in_use if _is_links(s)), in_use[0] if in_use else sheets[0])


def _link_table(sheet: Sheet, shape: str, chosen: dict[str, str] | None = None) -> LinkTable:
    """How to read one table of links: Kumu's lists, a Type column that means direction, and the
    headings a user ``chosen`` for its fields (the app's column step)."""
    headings = _headings(sheet)
    columns: dict[str, str] = dict(chosen or {})
    matched = match_columns(headings, RELATIONSHIP_FIELDS, columns)
    kind_heading = matched.get("type")
    if "direction" not in matched and kind_heading is not None and normalise_heading(kind_heading) == "type":
        words = {" ".join(value.strip().lower().split()) for value in set(sheet.frame[kind_heading].tolist())}
        if words - {""} and words <= _DIRECTION_WORDS:
            columns["direction"] = kind_heading
            matched = match_columns(headings, RELATIONSHIP_FIELDS, columns)
    complete = {f.name: matched.get(f.name, "") for f in RELATIONSHIP_FIELDS}
    return LinkTable(sheet, complete, KUMU_SEPARATORS if shape == "kumu" else "")


def _account_rules(accounts: Sheet, shape: str) -> tuple[dict[str, str], frozenset[str]]:
    """Fixed columns and headings not to show: NodeXL's Vertex and own columns, Kumu's Label as id."""
    headings = _headings(accounts)
    by_key = {normalise_heading(h): h for h in reversed(headings)}
    own = [h for h in headings if h.strip().lower() in NODEXL_OWN_COLUMNS]
    if "vertex" in by_key and (shape == "nodexl" or len(own) >= 2):
        return {"id": by_key["vertex"]}, frozenset(own + [h for h in headings if is_nodexl_top_items(h)])
    if shape == "kumu" and "id" not in by_key and "label" in by_key:
        return {"id": by_key["label"]}, frozenset()
    return {}, frozenset()


def _link_lists(accounts: Sheet, account_columns: dict[str, str]) -> list[LinkTable]:
    """One link table per connects_to / follows / mentions column of the accounts table."""
    headings = _headings(accounts)
    lists = match_columns(headings, LINK_LIST_FIELDS)
    if not lists:
        return []
    id_heading = match_columns([h for h in headings if h not in lists.values()], ACCOUNT_FIELDS, account_columns).get("id")
    if id_heading is None:
        return []
    tables = []
    for name, heading in lists.items():
        sheet = replace(accounts, frame=accounts.frame[[id_heading, heading]], issues=())
        tables.append(LinkTable(sheet, {"source": id_heading, "target": heading}, LIST_SEPARATORS,
                                name.replace("_", " "), in_accounts=True))
    return tables


def _unread_account_sheets(in_use: list[Sheet], accounts: Sheet, file: str) -> list[Issue]:
    """A warning for each other sheet that looks like accounts: only one sheet of accounts is read."""
    return [
        Issue(file, None, None, f"sheet {other.name} also has accounts, but only sheet {accounts.name} is read",
              "put all the accounts on one sheet, or name the one to read with --sheet", WARNING)
        for other in in_use if other is not accounts and _has_accounts(other)
    ]
