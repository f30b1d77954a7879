"""`python -m contracttools`."""

from contracttools.cli import main

main()
