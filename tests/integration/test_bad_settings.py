"""Bad settings get a clear, localized message where they are used, never a traceback or a silent failure.

- base_url empty or malformed: browsing, playing and Test connection say what is wrong and end / fail the handle.
- Addresses that carry tokens must use https (plain http only for this computer, which the tests use): Trakt's
  trakt_api_url and PunchPlay's punchplay_url. base_url may be http (self-hosted AIOStreams on a LAN).
- A Trakt client id without its secret: the login and "Sync now" ask for both.
- Numbers out of range: Kodi itself keeps settings inside settings.xml's limits, so such a value only arrives from
  outside (a settings file written by hand or by an older version); the addon's own checks must then name the
  setting and its limits, and the service falls back to the default and says so once. Those checks must never
  refuse a value settings.xml allows.
"""
from __future__ import annotations

import os
import re

import pytest

from addon import kodi as kodi_door
from addon.core import manifest_url
from addon.core.redact import forget_secrets, redact
from addon.platform import db, settings
from addon.trakt import client as trakt_client
from tests.fakes.aiostreams_fixture import (
    aio,  # noqa: F401  (pytest fixture)
    reset_http_sessions,
)
from tests.fakes.trakt_server import CLIENT_ID, CLIENT_SECRET

P = 'plugin://plugin.video.aiostreams'
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLAY_MOVIE = P + '/?action=play_first&content_type=movie&imdb_id=tt1000001'


@pytest.fixture(autouse=True)
def clean(kodi):
    reset_http_sessions()
    yield
    db.close()
    reset_http_sessions()
    forget_secrets()  # a bad base_url read as a secret must not redact the next test's messages


def told(kodi):
    return [note['message'] for note in kodi.notifications]


def force_setting(kodi, setting_id, value):
    """A value outside settings.xml's limits, as a hand-edited or older settings file can hold (Kodi's setters and
    fakekodi.set_setting refuse it)."""
    kodi.state.settings.values[setting_id] = value


# ---- base_url ---------------------------------------------------------------------------------------------------

def test_an_empty_base_url_is_explained_when_browsing_playing_and_testing(kodi):
    listing = kodi.run_plugin(P + '/movies')
    assert listing.ended and not listing.succeeded
    assert told(kodi) == [kodi.localized_string(30012)]
    record = kodi.run_plugin(PLAY_MOVIE, handle=3)
    assert [ok for ok, _item in record.resolved] == [False]
    assert told(kodi)[-1] == kodi.localized_string(30012)
    kodi.answer('ok', None)
    kodi.run_plugin(P + '/?action=test_connection', handle=-1)
    assert kodi.localized_string(30012) in kodi.dialogs[-1]['message']
    assert kodi.errors() == []


@pytest.mark.parametrize('value', ['not a url', 'ftp://aiostreams.invalid/stremio/a/b/manifest.json', 'https:///x',
                                   'http://[::1/stremio/a/b/manifest.json', '://x', 'stremio:/broken'])
def test_a_malformed_base_url_is_explained(kodi, value):
    kodi.set_setting('base_url', value)
    listing = kodi.run_plugin(P + '/tvshows')
    assert listing.ended and not listing.succeeded
    assert told(kodi) == [kodi.localized_string(30320)]
    record = kodi.run_plugin(PLAY_MOVIE, handle=4)
    assert [ok for ok, _item in record.resolved] == [False]
    assert told(kodi)[-1] in (kodi.localized_string(30012), kodi.localized_string(30320))
    assert kodi.errors() == []


@pytest.mark.parametrize('value', ['https://', 'http://', 'https:///', 'stremio://', '  https://  ', 'not a url',
                                   'https://aiostreams.example.com', 'https://aiostreams.example.com/manifest.json'])
def test_a_base_url_without_credentials_makes_nothing_secret(kodi, value):
    """Otherwise the redactor would hide 'https://' (or the server's name) in every later message and log line."""
    kodi.set_setting('base_url', value)
    kodi.run_plugin(P + '/movies')
    text = 'GET https://aiostreams.example.com/stremio/configure failed; see http://127.0.0.1:8080/ ///'
    assert redact(text) == text
    assert kodi.errors() == []


def test_only_the_credential_parts_of_a_base_url_are_secret(kodi):
    uuid, password = '3f1d2c4b-8a7e-4f60-9b1c-2d3e4f5a6b7c', 'eyJpIjoiN2tYc2VmVnBOc1E0T2d3PT0i'
    url = 'https://aiostreams.example.com/stremio/%s/%s/manifest.json' % (uuid, password)
    kodi.set_setting('base_url', url)
    assert settings.base_url() == url
    assert redact('%s | %s | %s' % (url, uuid, password)) == '<redacted> | <redacted> | <redacted>'
    assert redact('https://aiostreams.example.com/api/v1/status') == 'https://aiostreams.example.com/api/v1/status'
    assert manifest_url.secret_parts(url) == [uuid, password, url]
    assert manifest_url.secret_parts('https://') == [] and manifest_url.secret_parts('') == []


def test_a_widget_with_a_bad_base_url_ends_quietly(kodi):
    kodi.set_setting('base_url', 'not a url')
    listing = kodi.run_plugin(P + '/catalog?content_type=movie&catalog_id=fk1.tmdb.top&widget=true')
    assert listing.ended and not listing.succeeded and kodi.notifications == [] and kodi.dialogs == []


def test_a_plain_http_base_url_is_accepted_for_a_server_on_the_lan(aio, kodi):
    assert aio.manifest_url.startswith('http://')
    assert kodi.run_plugin(P + '/movies').succeeded


# ---- addresses that carry tokens: https only --------------------------------------------------------------------

@pytest.mark.parametrize('value', ['http://api.trakt.invalid', 'ftp://api.trakt.tv', 'https://user:pw@api.trakt.tv',
                                   'api.trakt.tv', 'https://[broken'])
def test_trakt_login_refuses_an_address_that_is_not_https(kodi, value):
    kodi.set_setting('trakt_api_url', value)
    kodi.set_setting('trakt_client_id', CLIENT_ID)
    kodi.set_setting('trakt_client_secret', CLIENT_SECRET)
    kodi.answer('ok', None)
    kodi.run_plugin(P + '/?action=trakt_auth', handle=-1)
    assert kodi.dialogs[-1]['kind'] == 'ok' and kodi.localized_string(31300) in kodi.dialogs[-1]['message']
    assert kodi.errors() == []


@pytest.mark.parametrize('value', ['https://api.trakt.tv', 'http://127.0.0.1:9', 'http://localhost:8080/', ''])
def test_https_and_this_computer_are_accepted_for_trakt(value):
    expected = (value or trakt_client.DEFAULT_API_URL).rstrip('/')
    assert trakt_client.checked_api_url(value) == expected


def test_trakt_writes_wait_while_the_address_is_not_https(kodi):
    """The outbox keeps the event (auth_failed waits for the user) instead of sending a token over plain http."""
    from addon.core import outbox_policy as outbox
    from addon.trakt import sender
    kodi.set_setting('trakt_api_url', 'http://api.trakt.invalid')
    kodi.set_setting('trakt_client_id', CLIENT_ID)
    trakt_client.token_store().save({'access_token': 'a' * 40, 'refresh_token': 'r' * 40, 'created_at': 4e9,
                                     'expires_in': 3600})
    outcome = sender.send('watchlist_add', {'movies': [{'ids': {'imdb': 'tt1000001'}}]})
    assert outcome.kind == outbox.Outcome.AUTH_FAILED


def test_punchplay_login_refuses_an_address_that_is_not_https(kodi):
    kodi.set_setting('punchplay_url', 'http://punchplay.invalid')
    kodi.answer('ok', None)
    kodi.run_plugin(P + '/?action=punchplay_login', handle=-1)
    assert kodi.localized_string(30910) in kodi.dialogs[-1]['message']


def punchplay_event(kind, session) -> dict:
    payload = {'media_type': 'movie', 'title': 'Sample Movie', 'progress': 0.5, 'duration_seconds': 600,
               'position_seconds': 300, 'device_id': 'dev', 'client_version': '4.0.0',
               'event_id': '%s-%s' % (session, kind), 'playback_session_id': session}
    if kind == 'stop':
        payload['watched'] = False
    return payload


@pytest.mark.parametrize('value', ['http://punchplay.invalid', 'punchplay.tv', 'https://[broken',
                                   'https://user:pw@punchplay.tv', 'https://'])
def test_punchplay_events_wait_for_a_usable_address_and_the_user_is_told_once(kodi, value):
    """The service replays the outbox every minute: one message for the bad address, not one per replay, and no
    event is lost (none counted as a failed attempt) until the address is fixed."""
    from addon.platform import outbox as outbox_store
    from addon.punchplay import client as punchplay_client
    from addon.punchplay import sender
    from tests.fakes.punchplay_server import FakePunchPlayServer
    with FakePunchPlayServer() as server:
        punchplay_client.token_store().save(server.issue_token())
        kodi.set_setting('punchplay_url', value)
        for kind in ('start', 'stop'):
            outbox_store.enqueue('punchplay', kind, punchplay_event(kind, 's1'), wake=False)
        for _ in range(3):
            assert outbox_store.replay('punchplay') == 0
        assert told(kodi) == [kodi.localized_string(sender.BAD_URL_MESSAGE)]
        assert outbox_store.OutboxEvent.select().where(outbox_store.OutboxEvent.attempts > 0).count() == 0
        assert outbox_store.pending('punchplay') == 2 and server.requests == []

        kodi.set_setting('punchplay_url', server.url)
        assert outbox_store.replay('punchplay') == 2
        assert server.scrobble_kinds() == ['start', 'stop']
        kodi.set_setting('punchplay_url', value)  # broken again later: told again, once
        outbox_store.enqueue('punchplay', 'stop', punchplay_event('stop', 's2'), wake=False)
        outbox_store.replay('punchplay')
        outbox_store.replay('punchplay')
        assert told(kodi).count(kodi.localized_string(sender.BAD_URL_MESSAGE)) == 2
        assert kodi.errors() == []


# ---- Trakt client id without its secret ---------------------------------------------------------------------------

def test_a_client_id_without_its_secret_is_asked_for_at_login(kodi):
    kodi.set_setting('trakt_client_id', CLIENT_ID)
    kodi.answer('ok', None)
    kodi.run_plugin(P + '/?action=trakt_auth', handle=-1)
    assert kodi.dialogs[-1]['kind'] == 'ok' and kodi.dialogs[-1]['message'] == kodi.localized_string(30707)


def test_sync_now_without_the_secret_says_what_is_missing(kodi):
    kodi.set_setting('trakt_client_id', CLIENT_ID)
    kodi.set_setting('trakt_api_url', 'http://127.0.0.1:9')
    trakt_client.token_store().save({'access_token': 'a' * 40, 'refresh_token': 'r' * 40, 'created_at': 0,
                                     'expires_in': 3600, 'username': 'someone'})  # expired: needs the secret
    kodi.run_plugin(P + '/?action=trakt_sync', handle=-1)
    assert told(kodi)[-1] == kodi.localized_string(30707)
    assert kodi.errors() == []


# ---- numbers out of range -----------------------------------------------------------------------------------------

CHECKS = re.compile(r"number_(?:in_range|or_default)\('(\w+)', (\d+), (\d+)[,)]")


def checked_ranges():
    found = {}
    for folder, _dirs, files in os.walk(os.path.join(REPO, 'addon')):
        for name in files:
            if name.endswith('.py'):
                with open(os.path.join(folder, name), encoding='utf-8') as handle:
                    for setting_id, lowest, highest in CHECKS.findall(handle.read()):
                        found.setdefault(setting_id, set()).add((int(lowest), int(highest)))
    return found


def test_range_checks_match_settings_xml_and_name_the_setting(kodi):
    """A value Kodi accepts is never refused, and every refusal names the setting (not "This setting")."""
    from addon.scrobble import punchplay_sink
    ranges = checked_ranges()
    for setting_id, (_default, lowest, highest) in punchplay_sink.SETTING_DEFAULTS.items():
        ranges.setdefault(setting_id, set()).add((lowest, highest))
    assert {'timeout', 'stream_timeout', 'cache_expiry_hours', 'max_streams_to_show', 'fallback_attempts'} <= set(
        ranges)
    for setting_id, bounds in ranges.items():
        definition = kodi.state.settings.definitions[setting_id]
        assert bounds == {(definition.minimum, definition.maximum)}, setting_id
        force_setting(kodi, setting_id, definition.maximum + 1)
        with pytest.raises(settings.BadSetting) as refused:
            settings.number_in_range(setting_id, definition.minimum, definition.maximum)
        assert not refused.value.message.startswith(kodi.localized_string(30011)), setting_id
        assert str(definition.maximum) in refused.value.message


def test_a_timeout_out_of_range_is_named_when_browsing(aio, kodi):
    force_setting(kodi, 'timeout', 500)
    listing = kodi.run_plugin(P + '/movies')
    assert listing.ended and not listing.succeeded
    assert told(kodi) == [kodi.localized_string(30010) % (kodi.localized_string(30112), 3, 120)]


@pytest.mark.parametrize('setting_id, value, label', [('stream_timeout', 1, 30113), ('max_streams_to_show', 0, 30161),
                                                      ('fallback_attempts', 99, 30562)])
def test_playback_settings_out_of_range_are_named_when_playing(aio, kodi, setting_id, value, label):
    force_setting(kodi, setting_id, value)
    record = kodi.run_plugin(PLAY_MOVIE, handle=5)
    assert [ok for ok, _item in record.resolved] == [False]
    assert kodi.localized_string(label) in told(kodi)[-1]
    assert kodi.errors() == []


def test_the_streams_folder_names_a_setting_out_of_range(aio, kodi):
    force_setting(kodi, 'max_streams_to_show', 0)
    listing = kodi.run_plugin(P + '/?action=show_streams&content_type=movie&imdb_id=tt1000001', handle=6)
    assert listing.ended and not listing.succeeded
    assert kodi.localized_string(30161) in told(kodi)[-1]
    assert kodi.errors() == []


def test_service_thresholds_out_of_range_fall_back_to_the_default_and_say_so_once(kodi):
    from addon.scrobble import local, monitor, punchplay_sink
    force_setting(kodi, 'auto_mark_watched_percent', 5)
    force_setting(kodi, 'punchplay_heartbeat', 1)
    force_setting(kodi, 'punchplay_min_length', 999)
    for _ in range(3):
        assert local.watched_percent() == 90
        assert monitor.heartbeat_seconds() == 30
        assert punchplay_sink._number('punchplay_min_length') == 5
    messages = told(kodi)
    for label in (30127, 30206, 30205):
        assert len([message for message in messages if kodi.localized_string(label) in message]) == 1
    assert kodi_door.get_int('auto_mark_watched_percent') == 5  # nothing rewritten behind the user's back
