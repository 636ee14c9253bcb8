"""What each sink sends for a playback: Trakt percent and the 80 % rule, PunchPlay's exact payload and toggles, and
the local resume points and watched marks."""
from __future__ import annotations

import time

import pytest

from addon import kodi
from addon.core import punchplay_payload
from addon.core.scrobble_states import Emit, Playback
from addon.platform import db, playstate
from addon.platform.tokenstore import TokenStore
from addon.punchplay import client
from addon.scrobble import local, punchplay_sink, trakt_sink

EPISODE = {'media_type': 'episode', 'title': 'Breaking Bad', 'year': 2008, 'imdb_id': 'tt0903747', 'tmdb_id': 1396,
           'tvdb_id': 81189, 'season': 1, 'episode': 2, 'anime': False, 'own': True, 'source': 'handoff',
           'media_key': 'episode:tt0903747:1:2'}
GUESSED = {'media_type': 'episode', 'title': 'Show Name', 'year': None, 'imdb_id': None, 'tmdb_id': None,
           'tvdb_id': None, 'season': 2, 'episode': 3, 'anime': False, 'own': False, 'source': 'filename',
           'media_key': None}
MOVIE = {'media_type': 'movie', 'title': 'Inception', 'year': 2010, 'imdb_id': 'tt1375666', 'tmdb_id': 27205,
         'tvdb_id': None, 'season': None, 'episode': None, 'anime': False, 'own': False, 'source': 'library',
         'media_key': 'movie:tt1375666'}


def emit(kind, media=EPISODE, position=0.0, duration=2880.0, paused=False, session='session-1'):
    playback = Playback(media, session, position, duration, 30, 0.0, None)
    playback.paused = paused
    return Emit(kind, playback)


@pytest.fixture
def profile(kodi):
    yield kodi
    db.close()


# ---- Trakt ---------------------------------------------------------------------------------------------------

TRAKT = {'threshold': 90, 'app_version': '4.0.0'}


def test_trakt_gets_percent_with_show_ids_and_episode_numbers():
    kind, body = trakt_sink.event(emit('start', position=720.0), TRAKT)
    assert kind == 'scrobble_start'
    assert body == {'progress': 25.0, 'app_version': '4.0.0', 'playback_session_id': 'session-1',
                    'show': {'title': 'Breaking Bad', 'year': 2008,
                             'ids': {'imdb': 'tt0903747', 'tmdb': 1396, 'tvdb': 81189}},
                    'episode': {'season': 1, 'number': 2}}
    kind, body = trakt_sink.event(emit('pause', MOVIE, position=4440.0, duration=8880.0), TRAKT)
    assert (kind, body['progress'], body['movie']['ids']) == \
        ('scrobble_pause', 50.0, {'imdb': 'tt1375666', 'tmdb': 27205})


def test_trakt_resume_and_seeks_resend_start_heartbeats_are_not_sent():
    assert trakt_sink.event(emit('resume'), TRAKT)[0] == 'scrobble_start'
    assert trakt_sink.event(emit('seek'), TRAKT)[0] == 'scrobble_start'
    assert trakt_sink.event(emit('seek', paused=True), TRAKT)[0] == 'scrobble_pause'
    assert trakt_sink.event(emit('progress'), TRAKT) is None


@pytest.mark.parametrize('threshold, percent, sent', [
    (70, 72.0, 80.0),    # watched for the user: Trakt must record the play
    (70, 95.0, 95.0),
    (90, 85.0, 79.9),    # not watched for the user: stays paused progress on Trakt
    (90, 60.0, 60.0),
    (90, 90.0, 90.0),
    (100, 99.0, 79.9),
])
def test_trakt_stop_follows_the_users_threshold(threshold, percent, sent):
    kind, body = trakt_sink.event(emit('stop', position=percent * 28.8), dict(TRAKT, threshold=threshold))
    assert (kind, body['progress']) == ('scrobble_stop', sent)


def test_trakt_stop_below_one_percent_is_not_sent():
    assert trakt_sink.event(emit('stop', position=20.0), TRAKT) is None


def test_trakt_needs_the_setting_authorization_and_own_play_unless_scrobble_all(profile):
    assert trakt_sink.begin(EPISODE) is None  # not authorized
    TokenStore(kodi.profile_dir(), 'trakt').save({'access_token': 'trakt-access-token'})
    assert trakt_sink.begin(EPISODE) == {'threshold': 90, 'app_version': '4.0.0'}
    assert trakt_sink.begin(MOVIE) is None  # not ours
    profile.set_setting('trakt_scrobble_all', True)
    assert trakt_sink.begin(MOVIE) is not None
    assert trakt_sink.begin(dict(GUESSED, season=None)) is None  # absolute numbering
    profile.set_setting('auto_mark_watched_percent', 75)
    assert trakt_sink.begin(MOVIE)['threshold'] == 75
    profile.set_setting('trakt_scrobble', False)
    assert trakt_sink.begin(EPISODE) is None


# ---- PunchPlay -----------------------------------------------------------------------------------------------

PUNCHPLAY = {'threshold': 0.7, 'min_seconds': 300, 'device_id': 'device-uuid', 'client_version': '4.0.0',
             'account': 'tester'}


def test_punchplay_payload_is_exactly_the_contract():
    kind, payload = punchplay_sink.event(emit('progress', position=1234.6), PUNCHPLAY)
    event_id = payload.pop('event_id')
    assert kind == 'progress' and len(event_id) == 36
    assert abs(payload.pop('event_created_at') - time.time() * 1000) < 60000
    assert payload == {'media_type': 'episode', 'title': 'Breaking Bad', 'year': 2008, 'tmdb_id': 1396,
                       'tvdb_id': 81189, 'imdb_id': 'tt0903747', 'season': 1, 'episode': 2, 'progress': 0.4287,
                       'duration_seconds': 2880, 'position_seconds': 1234, 'device_id': 'device-uuid',
                       'client_version': '4.0.0', 'playback_session_id': 'session-1'}


def test_unknown_fields_are_left_out_never_null():
    _, payload = punchplay_sink.event(emit('start', GUESSED), PUNCHPLAY)
    assert set(payload) == {'media_type', 'title', 'season', 'episode', 'progress', 'duration_seconds',
                            'position_seconds', 'device_id', 'client_version', 'event_id', 'event_created_at',
                            'playback_session_id'}
    _, payload = punchplay_sink.event(emit('start', MOVIE, duration=8880.0), PUNCHPLAY)
    assert 'season' not in payload and 'tvdb_id' not in payload


def test_every_event_has_its_own_id():
    ids = {punchplay_sink.event(emit('progress'), PUNCHPLAY)[1]['event_id'] for _ in range(5)}
    assert len(ids) == 5


@pytest.mark.parametrize('position, watched', [(2015.0, False), (2016.0, True), (2880.0, True), (100.0, False)])
def test_stop_says_whether_it_was_watched(position, watched):
    kind, payload = punchplay_sink.event(emit('stop', position=position), PUNCHPLAY)
    assert kind == 'stop' and payload['watched'] is watched


def test_watched_only_on_stop_and_seek_is_progress_while_playing():
    for kind in ('start', 'pause', 'resume', 'progress'):
        assert 'watched' not in punchplay_sink.event(emit(kind), PUNCHPLAY)[1]
    assert punchplay_sink.event(emit('seek', position=2600.0), PUNCHPLAY)[0] == 'progress'
    assert punchplay_sink.event(emit('seek', paused=True), PUNCHPLAY) is None


def test_short_videos_are_not_scrobbled():
    assert punchplay_sink.event(emit('start', duration=299.0), PUNCHPLAY) is None
    assert punchplay_sink.event(emit('start', duration=300.0), PUNCHPLAY) is not None


def test_punchplay_needs_a_login_and_the_type_enabled(profile):
    assert punchplay_sink.begin(MOVIE) is None
    client.token_store().save({'access_token': 'punchplay-access', 'username': 'tester'})
    config = punchplay_sink.begin(MOVIE)
    assert isinstance(config.pop('clock'), punchplay_payload.EventClock)
    assert config == {'threshold': 0.7, 'min_seconds': 300, 'device_id': client.device_id(),
                      'client_version': '4.0.0', 'account': 'tester', 'rate_after': True}
    profile.set_setting('punchplay_movies', False)
    assert punchplay_sink.begin(MOVIE) is None
    assert punchplay_sink.begin(dict(MOVIE, anime=True)) is None  # anime movies follow the movie toggle
    assert punchplay_sink.begin(EPISODE) is not None
    profile.set_setting('punchplay_anime', False)
    assert punchplay_sink.begin(dict(EPISODE, anime=True)) is None
    assert punchplay_sink.begin(EPISODE) is not None
    profile.set_setting('punchplay_tv', False)
    assert punchplay_sink.begin(EPISODE) is None
    profile.set_setting('punchplay_min_length', 0)
    profile.set_setting('punchplay_watched_threshold', 90)
    assert punchplay_sink.begin(dict(MOVIE, media_type='episode')) is None
    profile.set_setting('punchplay_movies', True)
    assert punchplay_sink.begin(MOVIE)['min_seconds'] == 0 and punchplay_sink.begin(MOVIE)['threshold'] == 0.9


def test_a_reauth_required_account_gets_nothing(profile):
    client.token_store().save({'access_token': 'x-access', 'reauth_required': True})
    assert punchplay_sink.begin(MOVIE) is None


# ---- local play state ----------------------------------------------------------------------------------------

def test_local_resume_points_and_watched_marks(profile):
    config = local.begin(EPISODE)
    assert config == {'threshold': 0.9}
    local.apply(emit('pause', position=600.0), config)
    assert playstate.resume_point('episode:tt0903747:1:2') == (600.0, 2880.0)
    local.apply(emit('stop', position=2000.0), config)
    assert playstate.resume_point('episode:tt0903747:1:2') == (2000.0, 2880.0)
    local.apply(emit('stop', position=2600.0), config)
    assert playstate.resume_point('episode:tt0903747:1:2') is None
    assert playstate.watched_keys(['episode:tt0903747:1:2']) == {'episode:tt0903747:1:2'}


def test_a_stop_right_at_the_beginning_leaves_no_resume_point(profile):
    config = local.begin(MOVIE)
    local.apply(emit('progress', MOVIE, position=600.0, duration=8880.0), config)
    local.apply(emit('stop', MOVIE, position=20.0, duration=8880.0), config)
    assert playstate.resume_point('movie:tt1375666') is None


def test_items_without_ids_are_not_remembered():
    assert local.begin(GUESSED) is None


def test_a_trakt_play_is_queued_and_recorded_in_the_local_trakt_state_at_once(profile):
    from addon.platform import outbox as outbox_store
    from addon.trakt import media_ids, models
    assert trakt_sink.handle(emit('stop', position=2700.0), TRAKT)
    [row] = outbox_store.OutboxEvent.select().where(outbox_store.OutboxEvent.sink == 'trakt')
    assert row.kind == 'scrobble_stop'
    show = media_ids.ensure_media('show', 'tt0903747')
    watched = models.WatchedEpisode.select().where(models.WatchedEpisode.show == show)
    assert [(episode.season, episode.number) for episode in watched] == [(1, 2)]
    assert profile.window_property(10000, 'AIOStreams.NextUp.Count') == '0'


def test_a_partial_trakt_stop_records_no_play(profile):
    from addon.trakt import models
    assert trakt_sink.handle(emit('stop', position=1000.0), TRAKT)
    assert models.WatchedEpisode.select().count() == 0
    assert not trakt_sink.handle(emit('progress'), TRAKT)
