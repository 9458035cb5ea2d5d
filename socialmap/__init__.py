"""socialmap: a spreadsheet of social media accounts in, an offline interactive map out."""

from .errors import Issue, SocialMapError
from .inputs.files import InputFile
from .options import MapOptions
from .pipeline import MapResult, build_map, load_tables

__version__ = "0.1.0"

__all__ = ["build_map", "load_tables", "MapOptions", "MapResult", "InputFile", "SocialMapError", "Issue", "__version__"]
