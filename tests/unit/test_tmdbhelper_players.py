"""The shipped TMDbHelper player files, formatted the way TMDbHelper formats them (str.format_map; a known key
without a value renders as the literal None, an unknown one as _), dispatch to the right route and parameters."""
from __future__ import annotations

import json
import os
from urllib.parse import quote

import pytest

PLAYERS = os.path.join(os.path.dirname(__file__), '..', '..', 'players')


class TMDbHelperValues(dict):
    """TMDbHelper's default-dict behaviour: unknown placeholders render as '_'."""

    def __missing__(self, key):
        return '_'


def load(name):
    with open(os.path.join(PLAYERS, name), encoding='utf-8') as handle:
        return json.load(handle)


def values(**given):
    text = {key: value for key, value in given.items()}
    for key in ('title', 'showname'):
        if given.get(key) is not None:
            text[key + '_url'] = quote(given[key])
        elif key in given:
            text[key + '_url'] = 'None'
    return TMDbHelperValues({key: 'None' if value is None else value for key, value in text.items()})


@pytest.fixture
def captured(kodi, monkeypatch):
    from addon.play import playback
    calls = []
    monkeypatch.setattr(playback, 'play', lambda request, mode, handle, kodi_resume=False, chosen_index=None:
                        calls.append((request, mode, handle)))
    return calls


MOVIE = values(imdb='tt1375666', tmdb='27205', title='Law & Order: The Movie', year='2010')
EPISODE = values(imdb='tt0903747', tmdb='1396', season='2', episode='3', title='Grilled', showname='Breaking Bad')


@pytest.mark.parametrize('player, mode', [('aiostreams.direct.json', 'best'), ('aiostreams.select.json', 'select')])
def test_movie_urls_dispatch_to_the_right_route(kodi, captured, player, mode):
    url = load(player)['play_movie'].format_map(MOVIE)
    kodi.run_plugin(url, handle=11)
    request, called_mode, handle = captured[0]
    assert (called_mode, handle) == (mode, 11)
    assert (request.content_type, request.ident, request.season, request.episode) == ('movie', 'tt1375666', None,
                                                                                      None)
    assert request.title == 'Law & Order: The Movie'
    assert request.key == 'movie:tt1375666'


@pytest.mark.parametrize('player, mode', [('aiostreams.direct.json', 'best'), ('aiostreams.select.json', 'select')])
def test_episode_urls_dispatch_to_the_right_route(kodi, captured, player, mode):
    url = load(player)['play_episode'].format_map(EPISODE)
    kodi.run_plugin(url, handle=12)
    request, called_mode, _handle = captured[0]
    assert called_mode == mode
    assert (request.content_type, request.ident, request.season, request.episode) == ('series', 'tt0903747', 2, 3)
    assert request.title == 'Breaking Bad'
    assert request.key == 'episode:tt0903747:2:3'


@pytest.mark.parametrize('player', ['aiostreams.direct.json', 'aiostreams.select.json'])
def test_missing_ids_render_as_none_and_are_treated_as_missing(kodi, captured, player):
    url = load(player)['play_episode'].format_map(values(imdb=None, season='1', episode='1', showname=None))
    assert 'imdb_id=None' in url and 'title=None' in url
    kodi.run_plugin(url, handle=13)
    request = captured[0][0]
    assert request.ident is None and request.title is None and not request.valid


def test_missing_ids_reach_playback_as_a_clear_refusal(kodi):
    url = load('aiostreams.direct.json')['play_movie'].format_map(values(imdb=None, title=None))
    record = kodi.run_plugin(url, handle=14)
    assert [ok for ok, _item in record.resolved] == [False]
    assert 'does not say what to play' in kodi.notifications[0]['message']


def test_player_metadata():
    direct, select = load('aiostreams.direct.json'), load('aiostreams.select.json')
    assert (direct['priority'], select['priority']) == (200, 201)
    assert direct['is_resolvable'] == select['is_resolvable'] == 'true'
    assert direct['plugin'] == select['plugin'] == 'plugin.video.aiostreams'
    assert direct['fallback'] == {'play_movie': 'aiostreams.select.json play_movie',
                                  'play_episode': 'aiostreams.select.json play_episode'}
    for player in (direct, select):
        assert player['assert'] == {'play_movie': ['imdb'], 'play_episode': ['imdb', 'season', 'episode']}
        # {imdb} in the file makes TMDbHelper wait for its id lookup (requires_ids)
        assert '{imdb}' in player['play_movie'] and '{imdb}' in player['play_episode']
