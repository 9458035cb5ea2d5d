"""Options of a map build, checked once, in one place, for the CLI and the app."""

from __future__ import annotations

from dataclasses import dataclass

from .load import DEFAULT_MAX_BYTES

__all__ = ["MapOptions"]


@dataclass(frozen=True)
class MapOptions:
    """How to build a map.

    title: shown at the top of the page. seed: every random choice (same seed,
    same map). strict: warnings fail the build. resolution: Louvain resolution
    (higher gives more, smaller communities). min_community_size: smaller
    communities are merged into one "other" group. max_bytes: largest input
    file read.
    """

    title: str = "Social media map"
    seed: int = 42
    strict: bool = False
    resolution: float = 1.0
    min_community_size: int = 3
    max_bytes: int = DEFAULT_MAX_BYTES

    def __post_init__(self) -> None:
        problems = []
        if not isinstance(self.title, str):
            problems.append("title must be text")
        if not isinstance(self.seed, int) or isinstance(self.seed, bool) or self.seed < 0:
            problems.append(f"seed must be a whole number of 0 or more, not {self.seed!r}")
        if not isinstance(self.resolution, int | float) or not 0 < self.resolution <= 100:
            problems.append(f"resolution must be a number above 0 and at most 100, not {self.resolution!r}")
        if not isinstance(self.min_community_size, int) or self.min_community_size < 1:
            problems.append(f"min_community_size must be a whole number of 1 or more, not {self.min_community_size!r}")
        if not isinstance(self.max_bytes, int) or self.max_bytes < 1:
            problems.append(f"max_bytes must be a positive whole number, not {self.max_bytes!r}")
        if problems:
            raise ValueError("; ".join(problems))
