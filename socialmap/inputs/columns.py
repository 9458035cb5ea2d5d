"""Which heading holds which field when the user says so: ``--column``, ``--link-column`` and the app's column step."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .schema import ACCOUNT_FIELDS, LINK_LIST_FIELDS, RELATIONSHIP_FIELDS

__all__ = ["ColumnMap", "ACCOUNT_FIELD_NAMES", "RELATIONSHIP_FIELD_NAMES"]

ACCOUNT_FIELD_NAMES = tuple(f.name for f in (*ACCOUNT_FIELDS, *LINK_LIST_FIELDS))
RELATIONSHIP_FIELD_NAMES = tuple(f.name for f in RELATIONSHIP_FIELDS)


@dataclass(frozen=True)
class ColumnMap:
    """Which heading of a file holds which field, where the automatic matching should not decide.

    ``pairs``: (field, heading) in the order given; a heading of "" says the
    file has no such column (``--column followers=``). One type for the
    CLI's ``--column`` / ``--link-column``, the app's column step and
    ``MapOptions.account_columns`` / ``relationship_columns``; iterating
    gives the pairs, so ``dict(columns)`` is field -> heading.
    """

    pairs: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        pairs = tuple(self.pairs.pairs if isinstance(self.pairs, ColumnMap) else self.pairs)
        if not all(isinstance(pair, tuple | list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
                   for pair in pairs):
            raise ValueError(f"columns must be (field, heading) pairs of text, not {self.pairs!r}")
        fields = [name for name, _ in pairs]
        twice = sorted({name for name in fields if fields.count(name) > 1})
        if twice:
            raise ValueError(f"columns name {', '.join(twice)} more than once")
        object.__setattr__(self, "pairs", tuple((name.strip(), heading.strip()) for name, heading in pairs))

    @classmethod
    def parse(cls, texts: Iterable[str], *, fields: tuple[str, ...] = ACCOUNT_FIELD_NAMES) -> ColumnMap:
        """``["id=Twitter handle", "followers="]`` -> a ColumnMap; ValueError naming a bad one."""
        pairs = []
        for text in texts:
            name, equals, heading = text.partition("=")
            if not equals or not name.strip():
                raise ValueError(f'"{text}" must be FIELD=HEADING, such as id="Twitter handle" (or FIELD= for none)')
            pairs.append((name.strip().lower(), heading))
        columns = cls(tuple(pairs))
        problems = columns.problems(fields)
        if problems:
            raise ValueError("; ".join(problems))
        return columns

    def problems(self, fields: tuple[str, ...], what: str = "column") -> list[str]:
        """A sentence for each field that is not one of ``fields``."""
        return [f'{what} {name}: there is no field "{name}" (fields: {", ".join(fields)})'
                for name, _ in self.pairs if name not in fields]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.pairs)

    def __len__(self) -> int:
        return len(self.pairs)

    def __bool__(self) -> bool:
        return bool(self.pairs)
