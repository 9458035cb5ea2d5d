"""``socialmap app`` and ``socialmap sample``: the two ways to try socialmap without data of your own."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..sample import DATA_SUFFIXES, FOLDER as SAMPLE_FOLDER

__all__ = ["app", "sample"]


@click.command()
@click.option("--port", default=8501, show_default=True, type=click.IntRange(1, 65535),
              help="The port to serve the app on.")
@click.option("--no-browser", "no_browser", is_flag=True, help="Do not open the browser; just serve.")
@click.option("--address", default="localhost", show_default=True,
              help="Where to listen. 0.0.0.0 serves colleagues on your network too: anyone who can reach this "
                   "machine can then upload files to it and see the maps made there.")
def app(port: int, no_browser: bool, address: str) -> None:
    """Start the app on this machine (localhost only), on the invented sample, and open it in the browser."""
    from ..app.serve import serve  # starts Streamlit: imported only for this command

    sys.exit(serve(port, open_browser=not no_browser, address=address, say=click.echo))


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=Path("socialmap-sample"))
def sample(folder: Path) -> None:
    """Copy the invented sample (accounts, relationships, areas, monthly snapshots) into FOLDER, to try the commands on."""
    copied = [path for path in sorted(SAMPLE_FOLDER.rglob("*")) if path.suffix.lower() in DATA_SUFFIXES]
    for source in copied:
        target = folder / source.relative_to(SAMPLE_FOLDER)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    click.echo(f"{folder}: {len(copied)} files of the invented Derby and Derbyshire sample")
    click.echo(f"  try: socialmap build {folder / 'accounts.csv'} {folder / 'relationships.csv'} -o map.html")

