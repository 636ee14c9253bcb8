"""Secrets never survive redact(): credential paths, playback URLs, auth headers, token fields, known values."""
from addon.core import redact as r

MANIFEST = ('https://aio.example.com/stremio/3f1d2c4b-8a7e-4f60-9b1c-2d3e4f5a6b7c/'
            'eyJpIjoiYWJjIiwiZSI6ImRlZiIsInQiOiJhIn0/manifest.json?v=alt')


def setup_function():
    r.forget_secrets()


def test_manifest_credentials_are_removed_but_host_and_resource_kept():
    text = r.redact('GET %s -> 200' % MANIFEST)
    assert '3f1d2c4b' not in text and 'eyJpIjoi' not in text
    assert 'aio.example.com/stremio/<redacted>/manifest.json' in text


def test_alias_form_is_removed():
    assert 'myalias' not in r.redact('https://h/stremio/u/myalias/catalog/movie/x.json')


def test_unconfigured_paths_stay_readable():
    assert r.redact('https://h/stremio/configure') == 'https://h/stremio/configure'
    assert r.redact('https://h/stremio/manifest.json') == 'https://h/stremio/manifest.json'


def test_playback_url_blob_is_removed():
    text = r.redact('play https://h/api/v1/debrid/playback/QUJDREVGR0g/fileinfo/tt1/Movie.mkv')
    assert 'QUJDREVGR0g' not in text and 'Movie.mkv' not in text


def test_authorization_headers_and_token_fields():
    assert 'dXVpZDpwdw' not in r.redact("{'Authorization': 'Basic dXVpZDpwdw=='}")
    assert 'abc123token' not in r.redact('Authorization: Bearer abc123token')
    text = r.redact('{"access_token": "aaaa1111", "refresh_token": "bbbb2222", "expires_in": 7200}')
    assert 'aaaa1111' not in text and 'bbbb2222' not in text and '7200' in text
    assert 'hunter22' not in r.redact('https://h/api/v1/user?uuid=u-1&password=hunter22')


def test_registered_values_are_removed_anywhere():
    r.register_secret('client-secret-value-42')
    assert r.redact('failed with client-secret-value-42 in body') == 'failed with <redacted> in body'


def test_short_values_are_not_registered():
    r.register_secret('abc')
    assert r.redact('abc def') == 'abc def'


def test_non_strings_are_converted():
    assert r.redact(ValueError('x')) == 'x'
