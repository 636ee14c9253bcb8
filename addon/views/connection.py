"""Connection tools (settings buttons and the Tools menu, run through RunPlugin): set up from UUID and password,
enter the manifest URL, test the connection, refresh the manifest, clear the cache (addon.tools.connection), and
the set-up wizard (addon.tools.setup_wizard).

The feature is imported inside each function: the main menu, which loads every view module, must not pay for it.
"""
from __future__ import annotations

from addon.platform.route_table import route


@route('/tools/test_connection', legacy=('test_connection',))
def test_connection():
    from addon.tools import connection
    connection.test_connection()


@route('/tools/refresh_manifest', legacy=('refresh_manifest_cache',))
def refresh_manifest():
    from addon.tools import connection
    connection.refresh_manifest()


@route('/tools/clear_cache', legacy=('clear_cache',))
def clear_cache():
    from addon.tools import connection
    connection.clear_cache()


@route('/tools/setup_from_uuid', legacy=('setup_from_uuid', 'retrieve_manifest'))
def setup_from_uuid():
    """Also the newer seed's retrieve_manifest: its manifest URL from the UUID and password."""
    from addon.tools import connection
    connection.setup_from_uuid()


@route('/tools/manifest_url', legacy=('configure_aiostreams',))
def configure_aiostreams():
    from addon.tools import connection
    connection.enter_manifest_url()


@route('/setup', legacy=('setup_wizard',))
def setup_wizard():
    """The set-up wizard: the main menu's first entry until AIOStreams is connected, and a settings button."""
    from addon.tools import setup_wizard as wizard
    wizard.run()
