"""One module per command, each exposing `command` (a click command).

These are the only code that touches files and the terminal; `contracttools.cli`
registers them.
"""
