"""Issue 18, the full PunchPlay payload and ratings: event times, the threshold, episode fields, stale events, the
rating route with and without rating=, the question after a watched stop (and without it), offline ratings. Against
the fake PunchPlay (real HTTP), which checks every body like the contract says."""
from __future__ import annotations

import pytest

from addon.core import identify
from addon.core.punchplay_rating import target_of_params, valid_rating
from addon.core.scrobble_states import Emit, Playback
from addon.platform import db
from addon.platform import outbox as outbox_store
from addon.punchplay import canonical_ids, client, rating, sender
from addon.scrobble import punchplay_sink
from tests.fakes.punchplay_server import FakePunchPlayServer, payload_problems

PLUGIN = 'plugin://plugin.video.aiostreams/'
EPISODE = {'media_type': 'episode', 'title': 'Breaking Bad', 'year': 2008, 'imdb_id': 'tt0903747', 'tmdb_id': 1396,
           'tvdb_id': 81189, 'season': 1, 'episode': 2, 'episode_title': "Cat's in the Bag...", 'anime': False,
           'own': True, 'source': 'handoff', 'media_key': 'episode:tt0903747:1:2'}
MOVIE = {'media_type': 'movie', 'title': 'Inception', 'year': 2010, 'imdb_id': 'tt1375666', 'tmdb_id': 27205,
         'anime': False, 'own': True, 'source': 'handoff', 'media_key': 'movie:tt1375666'}


@pytest.fixture
def server(kodi):
    with FakePunchPlayServer() as fake:
        kodi.set_setting('punchplay_url', fake.url)
        yield fake
    db.close()


@pytest.fixture
def logged_in(server):
    client.token_store().save(server.issue_token())
    return server


def config(**changes):
    found = {'threshold': 0.7, 'min_seconds': 0, 'device_id': 'device-uuid', 'client_version': '4.0.0',
             'account': 'tester', 'rate_after': True}
    found.update(changes)
    return found


def emit(kind, media=EPISODE, position=100.0, duration=2880.0, session='session-1'):
    return Emit(kind, Playback(media, session, position, duration, 30, 0.0, None))


def messages(kodi):
    return [note['message'] for note in kodi.notifications]


# ---- the payload --------------------------------------------------------------------------------------------

class Clock:
    """The sink's time module, standing still until moved."""

    def __init__(self, monkeypatch, now):
        self.now = now
        monkeypatch.setattr(punchplay_sink, 'time', self)

    def time(self):
        return self.now


def test_event_times_increase_strictly_within_a_playback_even_in_one_millisecond(monkeypatch):
    clock = Clock(monkeypatch, 1784567890.123)
    playback = config()
    times = [punchplay_sink.event(emit(kind), playback)[1]['event_created_at']
             for kind in ('start', 'pause', 'resume', 'progress', 'stop')]
    assert times == [1784567890123 + step for step in range(5)]
    clock.now = 1784567990.5
    assert punchplay_sink.event(emit('progress'), playback)[1]['event_created_at'] == 1784567990500
    clock.now = 1784567000.0  # the clock stepped back
    assert punchplay_sink.event(emit('progress'), playback)[1]['event_created_at'] == 1784567990501


def test_a_stop_carries_watched_and_the_users_threshold_other_events_neither():
    kind, stop = punchplay_sink.event(emit('stop', position=2200.0), config(threshold=0.75))
    assert (kind, stop['watched'], stop['watched_threshold']) == ('stop', True, 0.75)
    kind, early = punchplay_sink.event(emit('stop', position=2100.0), config(threshold=0.75))
    assert (early['watched'], early['watched_threshold']) == (False, 0.75)
    for kind in ('start', 'pause', 'resume', 'progress'):
        payload = punchplay_sink.event(emit(kind), config())[1]
        assert 'watched' not in payload and 'watched_threshold' not in payload


def test_the_default_threshold_is_70_percent(kodi):
    client.token_store().save({'access_token': 'a-punchplay-access-token', 'username': 'tester'})
    assert punchplay_sink.begin(EPISODE)['threshold'] == 0.7
    kodi.set_setting('punchplay_watched_threshold', 85)
    assert punchplay_sink.begin(EPISODE)['threshold'] == 0.85
    db.close()


def test_episode_fields_are_sent_when_known_and_accepted_by_the_contract():
    anime_double = dict(EPISODE, episode_end=3, absolute_episode=2, anime=True)
    _, payload = punchplay_sink.event(emit('stop', anime_double, position=2880.0), config())
    assert {key: payload[key] for key in ('episode_title', 'episode', 'episode_end', 'multi_episode',
                                          'absolute_episode', 'anime')} == {
        'episode_title': "Cat's in the Bag...", 'episode': 2, 'episode_end': 3, 'multi_episode': True,
        'absolute_episode': 2, 'anime': True}
    assert payload_problems('stop', payload) == []
    _, plain = punchplay_sink.event(emit('progress'), config())
    assert not {'episode_end', 'multi_episode', 'absolute_episode', 'anime'} & set(plain)
    _, movie = punchplay_sink.event(emit('stop', MOVIE, position=8000.0, duration=8880.0), config())
    assert not {'season', 'episode', 'episode_title', 'multi_episode'} & set(movie)
    assert payload_problems('stop', movie) == []


def test_the_fake_refuses_what_the_contract_refuses():
    _, stop = punchplay_sink.event(emit('stop'), config())
    assert payload_problems('stop', dict(stop, watched_threshold=70)) == ['watched_threshold 70 outside 0..1']
    assert payload_problems('progress', dict(stop, watched=None)) != []
    _, movie = punchplay_sink.event(emit('stop', MOVIE), config())
    assert payload_problems('stop', dict(movie, episode_title='x')) == ['a movie with episode_title']
    assert payload_problems('stop', dict(stop, multi_episode=True)) == ['multi_episode without episode_end']


def test_a_multi_episode_file_name_gives_the_last_episode():
    playing = {'file': '/tv/Show Name/Show.Name.S01E01-E02.1080p.WEB-DL.mkv', 'tag': {}}
    media = identify.identify(playing)
    assert (media['season'], media['episode'], media['episode_end']) == (1, 1, 2)
    single = identify.identify({'file': '/tv/Show.Name.S02E03.The.Title.1080p.WEB-DL.mkv', 'tag': {}})
    assert single['episode_title'] == 'The Title' and 'episode_end' not in single


def test_our_anime_play_carries_its_absolute_number_and_the_episode_title():
    handoff = {'content_type': 'series', 'meta_id': 'kitsu:11061', 'season': 1, 'episode': 13,
               'title': 'The Hero Himmel', 'show_title': 'Frieren', 'url_sha1': identify.file_sha1('http://x/a')}
    media = identify.identify({'file': 'http://x/a', 'handoff': handoff})
    assert (media['anime'], media['absolute_episode'], media['episode_title']) == (True, 13, 'The Hero Himmel')


# ---- stale events and the queue ------------------------------------------------------------------------------

def test_a_stop_drops_the_stale_queued_events_of_its_playback_and_keeps_each_events_time(logged_in, monkeypatch):
    logged_in.set_offline(True)
    playback = config()
    clock = Clock(monkeypatch, 1784567890.0)
    for kind in ('start', 'pause', 'resume', 'progress'):
        punchplay_sink.handle(emit(kind), playback)
        clock.now += 10
    punchplay_sink.handle(emit('progress', session='other'), config())
    clock.now += 10
    punchplay_sink.handle(emit('stop', position=500.0), playback)
    outbox_store.replay('punchplay')
    assert outbox_store.pending('punchplay') == 3
    logged_in.set_offline(False)
    assert outbox_store.replay('punchplay') == 3
    sent = [(kind, payload['playback_session_id'], payload['event_created_at']) for kind, payload in
            logged_in.scrobbles]
    assert sent == [('start', 'session-1', 1784567890000), ('progress', 'other', 1784567930000),
                    ('stop', 'session-1', 1784567940000)]


def test_the_fake_refuses_an_event_older_than_the_last_of_its_playback(logged_in):
    api = client.from_settings()
    _, first = punchplay_sink.event(emit('start'), config())
    second = dict(first, event_id='another', event_created_at=first['event_created_at'])
    assert api.post('/api/scrobble/start', first).status_code == 200
    assert api.post('/api/scrobble/progress', second).status_code == 422


# ---- ratings -------------------------------------------------------------------------------------------------

def test_the_rating_route_with_rating_rates_at_once_without_a_dialog(logged_in, kodi):
    kodi.run_plugin(PLUGIN + '?action=punchplay_rate&content_type=series&imdb_id=tt0903747&season=1&episode=2'
                    '&rating=8', handle=-1)
    [body] = logged_in.ratings
    assert {key: body[key] for key in ('media_type', 'rating', 'imdb_id', 'season', 'episode', 'client_version')} \
        == {'media_type': 'episode', 'rating': 8, 'imdb_id': 'tt0903747', 'season': 1, 'episode': 2,
            'client_version': '4.0.0'}
    assert [dialog for dialog in kodi.dialogs if dialog['kind'] == 'select'] == []
    assert messages(kodi) == ['Rating sent: 8/10']


def test_the_rating_route_without_rating_asks_first(logged_in, kodi):
    kodi.answer('select', 2)  # 10, 9, 8, ...
    kodi.run_plugin(PLUGIN + '?action=punchplay_rate&content_type=movie&imdb_id=tt1375666&title=Inception',
                    handle=-1)
    [select] = [dialog for dialog in kodi.dialogs if dialog['kind'] == 'select']
    assert select['heading'] == 'Rate Inception on PunchPlay.tv' and select['list'][:2] == ['10 / 10', '9 / 10']
    assert [(body['media_type'], body['rating'], body['imdb_id']) for body in logged_in.ratings] == [
        ('movie', 8, 'tt1375666')]
    assert 'season' not in logged_in.ratings[0]


def test_backing_out_of_the_question_rates_nothing(logged_in, kodi):
    kodi.answer('select', -1)
    kodi.run_plugin(PLUGIN + '?action=punchplay_rate&content_type=movie&imdb_id=tt1375666', handle=-1)
    assert logged_in.ratings == [] and messages(kodi) == []


@pytest.mark.parametrize('query, told', [
    ('content_type=movie&imdb_id=tt1375666&rating=11', 'Could not rate: a rating is a whole number from 1 to 10.'),
    ('content_type=movie&imdb_id=tt1375666&rating=7.5', 'Could not rate: a rating is a whole number from 1 to 10.'),
    ('content_type=series&imdb_id=tt0903747&rating=7', 'Could not rate: the item has no IMDb, TMDB or TVDB id, or '
                                                       'the episode no season and number.'),
    ('content_type=movie&rating=7', 'Could not rate: the item has no IMDb, TMDB or TVDB id, or the episode no '
                                    'season and number.'),
])
def test_bad_route_input_says_why_and_sends_nothing(logged_in, kodi, query, told):
    kodi.run_plugin(PLUGIN + '?action=punchplay_rate&' + query, handle=-1)
    assert logged_in.ratings == [] and messages(kodi) == [told]


def test_rating_when_logged_out_says_so(server, kodi):
    kodi.run_plugin(PLUGIN + '?action=punchplay_rate&content_type=movie&imdb_id=tt1375666&rating=7', handle=-1)
    assert server.ratings == [] and messages(kodi) == ['You are not logged in to PunchPlay.tv.']


def test_offline_rating_says_so_and_loses_nothing_queued(logged_in, kodi):
    punchplay_sink.handle(emit('stop', position=100.0), config(rate_after=False))
    logged_in.set_offline(True)
    kodi.run_plugin(PLUGIN + '?action=punchplay_rate&content_type=movie&imdb_id=tt1375666&rating=9', handle=-1)
    assert messages(kodi) == ['Could not rate: PunchPlay.tv cannot be reached (offline). Nothing else was lost; '
                              'try again later.']
    assert outbox_store.pending('punchplay') == 1  # the stop still waits; the rating was never queued
    logged_in.set_offline(False)
    assert outbox_store.replay('punchplay') == 1 and logged_in.ratings == []


def test_a_refused_or_expired_rating_is_told_apart(logged_in, kodi):
    target = target_of_params('movie', 'tt1375666')
    logged_in.fail('/api/scrobble/rate', 503)
    assert rating.send(target, 5)[:2] == (False, rating.NOT_ANSWERED)
    logged_in.expire_access_tokens()
    logged_in.refresh_tokens.clear()
    assert rating.send(target, 5)[:2] == (False, rating.EXPIRED)


def test_a_rating_names_the_canonical_ids_the_stop_answered_with(logged_in, kodi):
    _, stop = punchplay_sink.event(emit('stop', position=2880.0), config())
    assert sender.send('stop', stop).kind == 'delivered'
    assert canonical_ids.of('episode:tt0903747:1:2')['punchplay_id'] == 'pp-tt0903747'
    rating.rate(target_of_params('series', 'tt0903747', season=1, episode=2), 10)
    [body] = logged_in.ratings
    assert (body['punchplay_id'], body['tmdb_id'], body['rating']) == ('pp-tt0903747', 1396, 10)


def test_valid_ratings_are_whole_numbers_from_1_to_10():
    assert [valid_rating(value) for value in ('1', '10', ' 7 ', 7)] == [1, 10, 7, 7]
    assert [valid_rating(value) for value in ('0', '11', '-1', '7.5', 'x', '', None)] == [None] * 7


# ---- the question after a watched stop --------------------------------------------------------------------

class Offers:
    def __init__(self, monkeypatch):
        self.targets = []
        monkeypatch.setattr(rating, 'offer', self.targets.append)


def test_a_watched_stop_offers_the_question_an_unwatched_one_or_the_setting_off_does_not(kodi, monkeypatch):
    offers = Offers(monkeypatch)
    punchplay_sink.handle(emit('stop', position=100.0), config())
    punchplay_sink.handle(emit('stop', position=2880.0), config(rate_after=False))
    assert offers.targets == []
    punchplay_sink.handle(emit('stop', position=2880.0), config())
    assert offers.targets == [{'media_type': 'episode', 'title': 'Breaking Bad', 'tmdb_id': 1396, 'tvdb_id': 81189,
                               'imdb_id': 'tt0903747', 'season': 1, 'episode': 2}]
    db.close()


def test_the_setting_is_read_at_the_start_of_each_playback(kodi):
    client.token_store().save({'access_token': 'a-punchplay-access-token', 'username': 'tester'})
    assert punchplay_sink.begin(MOVIE)['rate_after'] is True  # on by default
    kodi.set_setting('punchplay_rate_after', False)
    assert punchplay_sink.begin(MOVIE)['rate_after'] is False
    db.close()


def test_the_question_is_never_asked_while_a_video_plays(logged_in, kodi, monkeypatch):
    monkeypatch.setattr(rating, 'PROMPT_DELAY_SECONDS', 0.01)
    kodi.cond_visibility['Player.HasVideo'] = True
    rating.prompt_after_watch(target_of_params('movie', 'tt1375666', title='Inception'))
    assert [dialog for dialog in kodi.dialogs if dialog['kind'] == 'select'] == [] and logged_in.ratings == []
    kodi.cond_visibility['Player.HasVideo'] = False
    kodi.answer('select', 0)
    rating.prompt_after_watch(target_of_params('movie', 'tt1375666', title='Inception'))
    assert [body['rating'] for body in logged_in.ratings] == [10]


def test_the_prompter_thread_asks_for_an_offered_rating_and_ends_with_kodi(logged_in, kodi, monkeypatch):
    monkeypatch.setattr(rating, 'PROMPT_DELAY_SECONDS', 0.01)
    kodi.answer('select', 3)
    prompter = rating.Prompter()
    prompter.start()
    try:
        for _ in range(200):
            if rating._prompter is prompter:
                break
            prompter.join(0.01)
        rating.offer(target_of_params('movie', 'tt1375666', title='Inception'))
        for _ in range(500):
            if logged_in.ratings:
                break
            prompter.join(0.01)
    finally:
        kodi.monitor.abort()
        prompter.join(10)
    assert [body['rating'] for body in logged_in.ratings] == [7] and not prompter.is_alive()


# ---- the context entry ------------------------------------------------------------------------------------------

def test_movies_and_episodes_get_rate_on_punchplay_only_when_logged_in(kodi):
    from addon.surfaces import item_menus
    movie = item_menus.make_ref('movie', 'movie', 'tt1375666', title='Inception')
    episode = item_menus.make_ref('episode', 'series', 'tt0903747', season=1, episode=2, title='Breaking Bad')
    show = item_menus.make_ref('tvshow', 'series', 'tt0903747', title='Breaking Bad')

    def rate_commands(ref):
        return [command for label, command in item_menus.entries(ref) if label == 'Rate on PunchPlay.tv']

    assert rate_commands(movie) == [] and rate_commands(episode) == []
    client.token_store().save({'access_token': 'a-punchplay-access-token', 'username': 'tester'})
    [command] = rate_commands(movie)
    assert command.startswith('RunPlugin(plugin://plugin.video.aiostreams/?action=punchplay_rate&')
    assert 'content_type=movie' in command and 'imdb_id=tt1375666' in command
    [command] = rate_commands(episode)
    assert 'content_type=series' in command and 'season=1' in command and 'episode=2' in command
    assert rate_commands(show) == []
    client.token_store().save({'access_token': 'a-punchplay-access-token', 'reauth_required': True})
    assert rate_commands(movie) == []
