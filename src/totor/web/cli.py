"""``totor serve``: the web UI and JSON API over a store."""

from __future__ import annotations

import click

LOCALHOST = "127.0.0.1"


@click.command("serve")
@click.option(
    "--db",
    envvar="TOTOR_DB",
    default="totor.db",
    show_default=True,
    help="SQLite file or database URL (postgresql://user:pw@host/db).",
)
@click.option("--host", default=LOCALHOST, show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8765, show_default=True)
@click.option(
    "--token",
    envvar="TOTOR_TOKEN",
    default=None,
    help="Bearer token that switches on POST /api/extract and /api/ingest (env TOTOR_TOKEN).",
)
@click.option(
    "--tiles",
    default=None,
    help="Map tile URL template, e.g. https://tiles.example/{z}/{x}/{y}.png "
    "(default: the offline world outline).",
)
def serve(db: str, host: str, port: int, token: str | None, tiles: str | None) -> None:
    """Serve the web UI and JSON API of the store at http://HOST:PORT/."""
    import uvicorn

    from totor.web.app import create_app

    if host != LOCALHOST and not token:
        click.echo(
            f"note: listening on {host}: the pages and read API are open to that network",
            err=True,
        )
    app = create_app(db, token=token, tiles=tiles)
    click.echo(f"totor: http://{host}:{port}/  (store {db})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")


def register(group: click.Group) -> None:
    group.add_command(serve)
