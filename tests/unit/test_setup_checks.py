"""What the set-up refuses before sending anything: plain http to the internet, an encrypted password where the
raw one is asked, the manifest of another Stremio addon (addon.core.setup_checks)."""
from __future__ import annotations

import base64
import json

import pytest

from addon.core import setup_checks
from tests.fakes.aiostreams_server import ENCRYPTED_PASSWORD, RAW_PASSWORD


@pytest.mark.parametrize('url', ['http://aiostreams.example.com/stremio/u/a/manifest.json', 'http://8.8.8.8:3000',
                                 'HTTP://Example.org'])
def test_plain_http_to_the_internet_is_refused(url):
    assert setup_checks.plain_http_to_remote(url)


@pytest.mark.parametrize('url', ['https://aiostreams.example.com', 'http://127.0.0.1:3000', 'http://localhost:3000',
                                 'http://192.168.1.20:3000', 'http://10.0.0.5', 'http://[::1]:3000',
                                 'http://nas.local:3000', 'http://aiostreams:3000', 'http://100.101.102.103',
                                 'http://[bad', ''])
def test_https_and_home_networks_are_fine(url):
    assert not setup_checks.plain_http_to_remote(url)


def encrypted(document) -> str:
    return base64.urlsafe_b64encode(json.dumps(document).encode()).decode().rstrip('=')


@pytest.mark.parametrize('password', [ENCRYPTED_PASSWORD, ' %s ' % ENCRYPTED_PASSWORD,
                                      encrypted({'iv': 'abc', 'encrypted': 'def', 'type': 'aioEncrypt'})])
def test_encrypted_passwords_are_recognised(password):
    assert setup_checks.looks_encrypted(password)


@pytest.mark.parametrize('password', [RAW_PASSWORD, 'eyJhbGciOiJIUzI1NiJ9', encrypted({'name': 'x' * 20}),
                                      'eyJ' + '!' * 20, ''])
def test_raw_passwords_are_not_taken_for_encrypted_ones(password):
    assert not setup_checks.looks_encrypted(password)


def test_only_aiostreams_manifests_pass():
    assert setup_checks.other_addon_name({'id': 'com.aiostreams.viren070.5e0c3a1f', 'name': 'My AIO'}) is None
    assert setup_checks.other_addon_name({'id': 'com.stremio.torrentio.addon', 'name': 'Torrentio'}) == 'Torrentio'
    assert setup_checks.other_addon_name({'id': 'org.cinemeta'}) == 'org.cinemeta'
