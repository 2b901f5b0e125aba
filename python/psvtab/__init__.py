"""psvtab: the live operating system as SQLite tables, for Python's sqlite3.

    import sqlite3
    import psvtab

    db = sqlite3.connect(":memory:")
    psvtab.load(db)
    db.execute("SELECT pid, name, rss FROM processes ORDER BY rss DESC LIMIT 5").fetchall()

The tables and their columns: SELECT * FROM psvtab_columns.
"""
import os
import sqlite3

from ._version import __version__

__all__ = ["load", "loadable_path", "__version__"]


def loadable_path():
    """The path of the loadable extension in this package (psvtab.so), for
    hosts that load it themselves: conn.load_extension(psvtab.loadable_path())."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "psvtab.so")


def load(conn):
    """Registers the psvtab tables and functions on conn, a sqlite3.Connection.

    Extension loading is turned on for the load and off again after it.
    Raises sqlite3.NotSupportedError when this Python's sqlite3 module cannot
    load extensions at all."""
    enable = getattr(conn, "enable_load_extension", None)
    if enable is None:
        raise sqlite3.NotSupportedError(
            "psvtab.load: this Python's sqlite3 module cannot load extensions: it was "
            "built without --enable-loadable-sqlite-extensions (pyenv and some other "
            "builds leave it out). Use a Python that has it, such as Debian's "
            "/usr/bin/python3, or rebuild with PYTHON_CONFIGURE_OPTS="
            "--enable-loadable-sqlite-extensions.")
    enable(True)
    try:
        conn.load_extension(loadable_path())
    finally:
        enable(False)
