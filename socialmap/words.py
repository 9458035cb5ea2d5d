"""Counts in words, singular or plural as English has them: "1 account", "2 communities"."""

from __future__ import annotations

__all__ = ["plural", "count_of"]

_IRREGULAR = {"person": "people", "is": "are", "has": "have"}


def plural(noun: str, count: float) -> str:
    """``noun`` as it goes with ``count``: account -> accounts, community -> communities, 1 -> as it is."""
    if count == 1:
        return noun
    if noun in _IRREGULAR:
        return _IRREGULAR[noun]
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


def count_of(count: float, noun: str) -> str:
    """``"1 account"``, ``"1,234 accounts"``, ``"2 communities"``.

    >>> count_of(1, "platform"), count_of(2_000, "account"), count_of(0, "community")
    ('1 platform', '2,000 accounts', '0 communities')
    """
    return f"{count:,} {plural(noun, count)}"
