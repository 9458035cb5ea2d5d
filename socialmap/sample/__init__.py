"""The invented Derby and Derbyshire sample: every account, handle, figure and link is made up (see README.md).

Shipped with the package so that ``socialmap app`` opens on it and ``socialmap sample`` can copy it out.
"""

from pathlib import Path

__all__ = ["FOLDER", "copy_sample"]

FOLDER = Path(__file__).resolve().parent


def copy_sample(folder: Path) -> list[Path]:
    """Copy the sample's data files (CSV and README) into ``folder``, keeping snapshots/; the files written."""
    written = []
    for source in sorted(FOLDER.rglob("*")):
        if source.suffix.lower() in (".csv", ".md"):
            target = folder / source.relative_to(FOLDER)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
            written.append(target)
    return written
