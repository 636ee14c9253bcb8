"""Shared pieces of the Trakt tests: a fake Trakt server wired into the addon's settings, login helpers, and the
worker a separate interpreter runs in the concurrent-refresh test."""
from __future__ import annotations

import pytest

from addon.platform import db
from addon.trakt import client as trakt_client
from addon.trakt import sync
from tests.fakes.aiostreams_fixture import reset_http_sessions
from tests.fakes.trakt_generator import small_account
from tests.fakes.trakt_server import CLIENT_ID, CLIENT_SECRET, FakeTraktServer


def configure(kodi, server):
    kodi.set_setting('trakt_api_url', server.url)
    kodi.set_setting('trakt_client_id', CLIENT_ID)
    kodi.set_setting('trakt_client_secret', CLIENT_SECRET)


@pytest.fixture
def trakt(kodi, monkeypatch):
    """A running fake Trakt server holding the small seeded account, the addon configured for it, not logged in.
    Writes are not paced here (the pacing test sets its own interval)."""
    monkeypatch.setattr(trakt_client, 'WRITE_INTERVAL', 0.0)
    reset_http_sessions()
    server = FakeTraktServer(small_account(), write_interval=0.0).start()
    configure(kodi, server)
    yield server
    server.stop()
    db.close()
    reset_http_sessions()


@pytest.fixture
def synced(trakt):
    """The fake account logged in and synced once; the server's request log starts empty."""
    log_in(trakt)
    sync.run_cycle(trakt_client.TraktClient())
    trakt.clear_log()
    return trakt


def log_in(server, **token_options) -> dict:
    """Store a token as the device login would (username included) and return it."""
    token = dict(server.issue_token(**token_options), username=server.account.username)
    trakt_client.token_store().save(token)
    return token


def edge(server, name) -> int:
    return server.account.edge[name]


def refresh_in_another_interpreter(arguments):
    """Run in a spawned interpreter: fake Kodi on the shared profile, one authenticated GET whose token must be
    refreshed first. Returns (status, access token used)."""
    import sys
    repo, profile, url = arguments
    for path in (repo, repo + '/kodi-stubs'):
        if path not in sys.path:
            sys.path.insert(0, path)
    import fakekodi
    fakekodi.reset(addon_root=repo, profile_dir=profile, home_dir=profile + '-home')
    from addon.trakt.client import TraktClient
    client = TraktClient(api_url=url, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, folder=profile, timeout=30)
    response = client.request('GET', '/users/settings')
    return response.status_code, client.store.load().get('access_token')


def elsewhere(server, path, body, method='POST'):
    """A change made on trakt.tv or another device: a real API call with a token of its own."""
    import requests
    token = server.issue_token()['access_token']
    server.write_interval, interval = 0.0, server.write_interval
    try:
        response = requests.request(method, server.url + path, json=body, timeout=10, headers={
            'trakt-api-key': CLIENT_ID, 'trakt-api-version': '2', 'Authorization': 'Bearer ' + token})
    finally:
        server.write_interval = interval
    assert response.status_code in (200, 201, 204), response.text
    return response.json() if response.content else None
