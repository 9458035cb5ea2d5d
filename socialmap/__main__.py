"""``python -m socialmap``: the same command as ``socialmap``."""

from socialmap.cli import main

if __name__ == "__main__":
    main(prog_name="socialmap")
