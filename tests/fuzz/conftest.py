"""Fixtures of the fuzz suites: one fake Kodi per module (a reset per example would cost more than the example),
no network beyond 127.0.0.1, and the number of examples each property ran, printed at the end."""
from __future__ import annotations

import ipaddress
import os
import socket

import pytest

from addon.platform import db
from tests.fakes.aiostreams_fixture import reset_http_sessions
from tests.fuzz.fuzzing import examples_run
from tests.reliability_figures import figures  # noqa: F401  (fixture)
from tests.reliability_figures import pytest_terminal_summary as report_figures

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Where the addon would otherwise reach real services: a port on this machine that refuses connections at once.
UNREACHABLE = 'http://127.0.0.1:9'


@pytest.fixture(scope='session', autouse=True)
def loopback_only():
    """Any connection to an address other than loopback fails the example loudly (it would be a real service)."""
    original = socket.socket.connect

    def connect(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:
                loopback = ipaddress.ip_address(host.split('%')[0]).is_loopback
            except ValueError:
                loopback = host == 'localhost'
            if not loopback:
                raise AssertionError('the addon tried to reach %r during a fuzz test' % (host,))
        return original(sock, address)

    socket.socket.connect = connect
    yield
    socket.socket.connect = original


@pytest.fixture(scope='module')
def fuzz_kodi(tmp_path_factory):
    """fakekodi reset once for the module, external services pointed at a refusing local port."""
    import fakekodi
    folder = tmp_path_factory.mktemp('fuzz')
    fakekodi.reset(addon_root=REPO_ROOT, profile_dir=folder / 'profile', home_dir=folder / 'home')
    fakekodi.set_setting('trakt_api_url', UNREACHABLE)
    fakekodi.set_setting('punchplay_url', UNREACHABLE)
    reset_http_sessions()
    yield fakekodi
    db.close()
    reset_http_sessions()


def pytest_terminal_summary(terminalreporter):
    if examples_run:
        terminalreporter.write_sep('-', 'fuzz examples run: %d' % sum(examples_run.values()))
        for name, count in sorted(examples_run.items()):
            terminalreporter.write_line('%8d  %s' % (count, name))
    report_figures(terminalreporter)
