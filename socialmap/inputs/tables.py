"""Clean tables: the accounts table, then every table of links checked against it.

Every problem found on the way is kept, in the order a person fixes them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from ..errors import Issue
from .accounts import accounts_from_links, validate_accounts
from .relationships import validate_relationships
from .shapes import Inputs
from .wide import renumbered

__all__ = ["ValidatedInputs", "validate_inputs"]


@dataclass(frozen=True)
class ValidatedInputs:
    """Clean accounts and relationships from recognised inputs, with every problem found."""

    accounts: pd.DataFrame
    relationships: pd.DataFrame | None
    issues: tuple[Issue, ...]
    relationship_count: int


def validate_inputs(inputs: Inputs) -> ValidatedInputs:
    """Validate the accounts table (if any), then every table of links, against it.

    With no accounts table, every id named in the links is an account.
    Stops before the links when the accounts table itself is unusable.
    """
    issues: list[Issue] = []
    accounts = None
    accounts_file = inputs.accounts.file if inputs.accounts is not None else "the accounts file"
    if inputs.accounts is not None:
        table = inputs.accounts
        clean = validate_accounts(table.frame, file=table.file, columns=inputs.account_columns,
                                  header_row=table.header_row, ignored=inputs.ignored_columns)
        if inputs.wide is not None:  # told in the wide channel list's rows and headings
            clean = replace(clean, **dict(zip(("issues", "frame"), renumbered(clean.issues, clean.frame, inputs.wide))))
        issues += [*table.issues, *clean.issues]
        if any(issue.is_error and issue.row is None for issue in clean.issues):
            return ValidatedInputs(clean.frame, None, tuple(issues + list(inputs.issues)), 0)
        if clean.frame.empty and not any(issue.is_error for issue in clean.issues):
            issues.append(Issue(table.file, None, clean.columns.get("id"), "no accounts to map: every row is blank "
                                "or has no id", "give every account an id or handle"))
            return ValidatedInputs(clean.frame, None, tuple(issues + list(inputs.issues)), 0)
        accounts = clean.frame
    frames, count, listed = [], 0, []
    for link in inputs.links:
        clean = validate_relationships(
            link.sheet.frame, file=link.sheet.file, accounts=accounts, accounts_file=accounts_file,
            columns=link.columns, header_row=link.sheet.header_row, separators=link.separators, kind=link.kind,
            in_accounts=link.in_accounts,
        )
        if link.in_accounts and inputs.wide is not None:  # a channel list's link column: its own rows
            clean = replace(clean, **dict(zip(("issues", "frame"), renumbered(clean.issues, clean.frame, inputs.wide))))
        if link.in_accounts:
            listed += clean.issues
        else:
            issues += [*link.sheet.issues, *clean.issues]
        frames.append(clean.frame)
        count += clean.kept
    issues += sorted(listed, key=lambda issue: issue.row or 0)
    relationships = pd.concat(frames, ignore_index=True) if len(frames) > 1 else (frames[0] if frames else None)
    if accounts is None:
        accounts = accounts_from_links(relationships)
        if accounts.empty and not any(issue.is_error for issue in issues):
            file = inputs.links[0].sheet.file
            issues.append(Issue(file, None, None, "there are no relationships in the file, so no accounts",
                                "add one row per link"))
    return ValidatedInputs(accounts, relationships, tuple(issues + list(inputs.issues)), count)
