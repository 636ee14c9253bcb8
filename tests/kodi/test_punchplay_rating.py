"""Issue 18 in a real Kodi: a watched stop of our episode carries PunchPlay's full payload (event_created_at,
watched_threshold, episode_title) and is followed by the rating question, answered with the remote (Input.Down,
Input.Select), which reaches /api/scrobble/rate with the canonical id the stop answered with; the rating route with
rating= rates without any dialog.
"""
from __future__ import annotations

import time

import pytest
from kodi_harness import ADDON_ID, KodiError, notifications_in, wait_for
from playback_driver import drive_playback

P = 'plugin://%s' % ADDON_ID
OUR_EPISODE = P + '/?action=play_first&content_type=series&imdb_id=tt2000001&season=1&episode=1'


@pytest.fixture(scope='module')
def kodi_settings(servers, service_settings):
    """The fakes, the question after a watched stop on (its default), no autoplay of the next episode (it would
    rightly keep the question away)."""
    return dict(service_settings, base_url=servers['aio'].manifest_url, punchplay_rate_after=True,
                autoplay_next_episode=False, punchplay_heartbeat=10)


@pytest.fixture(scope='module')
def kodi_tokens(servers):
    return {'punchplay_token.json': servers['punchplay'].issue_token()}


def session_events(punchplay, session):
    return [(kind, payload) for kind, payload in list(punchplay.scrobbles)
            if payload['playback_session_id'] == session]


def wait_for_select_dialog(kodi, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if kodi.info_booleans(['Window.IsActive(selectdialog)'])['Window.IsActive(selectdialog)']:
            return
        time.sleep(0.25)
    raise KodiError('the rating question did not open within %d s' % timeout)


def test_a_watched_stop_carries_the_full_payload_and_the_rating_question_answers_the_rate_endpoint(kodi, servers):
    punchplay = servers['punchplay']
    known, rated = len(punchplay.scrobbles), len(punchplay.ratings)
    mark = kodi.log_mark()

    def session():
        return punchplay.scrobbles[known][1]['playback_session_id']

    def progress_after_seek():
        wait_for(lambda: session_events(punchplay, session())[-1][0] == 'progress', 30, 'the progress after the seek')

    drive_playback(kodi, OUR_EPISODE, started=lambda: wait_for(lambda: len(punchplay.scrobbles) > known, 40,
                                                               'the PunchPlay start'),
                   steps=(('seek_90', progress_after_seek),))
    wait_for(lambda: session_events(punchplay, session())[-1][0] == 'stop', 40, 'the PunchPlay stop')
    events = session_events(punchplay, session())
    stop = events[-1][1]
    assert (stop['watched'], stop['watched_threshold'], stop['episode_title']) == (True, 0.7, 'Pilot')
    times = [payload['event_created_at'] for _, payload in events]
    assert all(isinstance(value, int) for value in times) and times == sorted(set(times))  # strictly increasing
    assert abs(times[-1] - time.time() * 1000) < 600000  # epoch milliseconds of this run
    assert all(payload['episode_title'] == 'Pilot' for _, payload in events)

    wait_for_select_dialog(kodi, 60)
    assert 'Rate Sample Show S01E01 on PunchPlay.tv' in kodi.dialog_text()
    for _ in range(2):  # 10, 9, 8
        kodi.input('Down')
        time.sleep(0.5)
    kodi.input('Select')
    wait_for(lambda: len(punchplay.ratings) > rated, 30, 'the rating at the fake PunchPlay')
    body = punchplay.ratings[rated]
    assert (body['media_type'], body['rating'], body['imdb_id'], body['season'], body['episode']) == (
        'episode', 8, 'tt2000001', 1, 1)
    assert body['punchplay_id'] == 'pp-tt2000001'  # the canonical id the stop answered with
    wait_for(lambda: 'Rating sent: 8/10' in notifications_in(kodi.log_since(mark)), 20, 'the rating notification')
    assert not kodi.modal_dialog_open(), kodi.dialog_text()


def test_the_rating_route_with_rating_rates_without_a_dialog(kodi, servers):
    punchplay = servers['punchplay']
    rated = len(punchplay.ratings)
    run = kodi.run_plugin(P + '/?action=punchplay_rate&content_type=movie&imdb_id=tt1000001&rating=6', timeout=40)
    assert run['dialogs'] == []
    assert len(punchplay.ratings) == rated + 1
    body = punchplay.ratings[rated]
    assert (body['media_type'], body['rating'], body['imdb_id']) == ('movie', 6, 'tt1000001')
    assert 'season' not in body and 'episode' not in body
    assert 'Rating sent: 6/10' in notifications_in(run['log'])
