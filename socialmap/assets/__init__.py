"""The page template, its script and style: installed as ``socialmap.assets``."""
