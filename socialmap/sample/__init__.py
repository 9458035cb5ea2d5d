"""The invented Derby and Derbyshire sample: every account, handle, figure and link is made up (see README.md).

Shipped with the package so that ``socialmap app`` opens on it and ``socialmap sample`` can copy
its data files (DATA_SUFFIXES) out.
"""

from pathlib import Path

__all__ = ["FOLDER", "DATA_SUFFIXES"]

FOLDER = Path(__file__).resolve().parent
DATA_SUFFIXES = (".csv", ".md")  # the data and its README; the generators stay with the package

