"""The command line: wiring only.  Each command lives in its own module of `commands/`.

Heavy writers (WeasyPrint, python-docx) are imported only by the commands that need
them, so that `--help` and `check` start fast.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import Any

import click

from contracttools import __version__
from contracttools.commands import (
    book,
    check,
    conform,
    cost,
    diff,
    git_diff,
    history,
    import_,
    kit,
    outline,
    packet,
    render,
    summary,
    templates,
    track,
)
from contracttools.commands.progress import QUIET
from contracttools.errors import ContractToolsError
from contracttools.inert import shown


class Program(click.Group):
    """The `contracttools` group: any ContractToolsError is printed as it says, exit 2."""

    def invoke(self, ctx: click.Context) -> Any:
        from contracttools.readers import reading

        try:
            with reading():
                try:
                    return super().invoke(ctx)
                finally:
                    sys.stdout.flush()  # a failing standard output fails here, not at exit
        except ContractToolsError as err:
            for line in err.lines():
                click.echo(shown(line), err=True)
            ctx.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(INTERRUPTED)
        except OSError as err:
            if not _stdout_failed(err):
                raise
            click.echo(f"cannot write to standard output: {err.strerror or err}", err=True)
            ctx.exit(2)


_WRITE_ERRORS = {errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG, errno.EBADF}
INTERRUPTED = 130
"""The exit status of a run interrupted (Ctrl-C), as a shell reports one: 128 + SIGINT."""


def _stdout_failed(err: OSError) -> bool:
    """Return whether an error is standard output failing (a closed pipe, a full disk: an
    error writing no named file, since every named file's errors are reported as such),
    and if so make sure nothing more is written to it, nor fails again at exit."""
    named = err.filename is not None or err.errno not in _WRITE_ERRORS
    if named and not isinstance(err, BrokenPipeError):
        return False
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a file (a test's capture)
        pass
    return True


@click.group(cls=Program, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="contracttools")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars on stderr.")
@click.pass_context
def main(context: click.Context, quiet: bool) -> None:
    """Redlines, proposal packets and member summaries for collective bargaining.

    Long work (a PDF of hundreds of pages, a large comparison) shows its progress on
    stderr when stderr is a terminal; --quiet turns it off.
    """
    context.meta[QUIET] = quiet


main.add_command(check.command, "check")
main.add_command(diff.command, "diff")
main.add_command(packet.command, "packet")
main.add_command(summary.command, "summary")
main.add_command(templates.command, "templates")
main.add_command(git_diff.command, "git-diff")
main.add_command(track.command, "track")
main.add_command(history.command, "history")
main.add_command(book.command, "book")
main.add_command(conform.command, "conform")
main.add_command(render.command, "render")
main.add_command(import_.command, "import")
main.add_command(kit.command, "kit")
main.add_command(cost.command, "cost")
main.add_command(outline.command, "outline")

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
