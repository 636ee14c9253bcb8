"""pytest fixtures for tests that talk to the fake AIOStreams server through the addon (import them by name)."""
from __future__ import annotations

import pytest

from tests.fakes.aiostreams_server import FakeAIOStreams


def reset_http_sessions():
    """http.py keeps one session per process; a test with a fresh profile folder needs fresh sessions."""
    from addon.platform import http
    for session in list(http._sessions.values()):
        session.close()
    http._sessions.clear()


@pytest.fixture
def aio(kodi):
    """A running fake AIOStreams server with base_url pointing at it, and fresh HTTP sessions."""
    reset_http_sessions()
    server = FakeAIOStreams().start()
    kodi.set_setting('base_url', server.manifest_url)
    yield server
    server.stop()
    reset_http_sessions()
