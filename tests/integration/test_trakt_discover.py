"""Trakt discover lists and the calendar against the fake Trakt (tests/fakes/trakt_discover.py): every page reachable
through "Next page" (widgets get the first page alone), the 1 h / 6 h cache and when it is cleared, recommendations
behind a login row and hidden through the outbox, the calendar grouped by the user's local day with unaired rows
marked and not playable, and Trakt failures told (silently in widgets)."""
from __future__ import annotations

import calendar
import glob
import os
import re
import time

import pytest
import requests

from addon import kodi as kodi_door
from addon.platform import outbox as outbox_store
from tests.fakes.trakt_discover import earlier_today
from tests.fakes.trakt_server import CLIENT_ID
from tests.integration.trakt_env import log_in, trakt  # noqa: F401  (pytest fixtures)

P = 'plugin://plugin.video.aiostreams'
HOUR = 3600


def run(kodi, path, handle=5):
    return kodi.run_plugin(P + path, handle=handle)


def plain(label):
    return re.sub(r'\[/?(COLOR|I|B)[^\]]*\]', '', label)


def titles(server, plural, order):
    table = server.account.movies if plural == 'movies' else server.account.shows
    return [table[trakt]['title'] for trakt in order]


def discover_requests(server):
    return [request for request in server.requests if '/trending' in request.path or
            '/recommendations' in request.path or '/calendars' in request.path]


@pytest.fixture
def crowded(trakt):
    """The small account with 60 more movies: trending movies takes two pages of 50."""
    for index in range(60):
        trakt.account.add_movie(30000 + index, 'Crowd %02d' % index, 2021, imdb='tt8%06d' % index)
    return trakt


def test_trending_pages_through_next_page_and_a_widget_gets_the_first_page(crowded, kodi):
    expected = titles(crowded, 'movies', crowded.trending_order('movies'))
    first = run(kodi, '/?action=trakt_discover&kind=trending&media_type=movies')
    assert first.succeeded and [plain(label) for label in first.labels[:-1]] == expected[:50]
    assert first.labels[-1] == 'Next page' and first.items[-1].is_folder
    assert first.items[0].playable  # movies play, with the Trakt context menu of every list
    second = run(kodi, first.urls[-1].replace(P, ''), handle=6)
    assert [plain(label) for label in second.labels] == expected[50:]  # all 84: nothing cut, no further page
    widget = run(kodi, '/?action=trakt_discover&kind=trending&media_type=movies&widget=true', handle=7)
    assert [plain(label) for label in widget.labels] == expected[:50]
    assert [request.query['page'] for request in crowded.requests if request.path == '/movies/trending'] == ['1', '2']
    assert kodi.dialogs == []


def test_popular_and_anticipated_shows_need_no_login(trakt, kodi):
    popular = run(kodi, '/?action=trakt_discover&kind=popular&media_type=shows')
    assert [plain(label) for label in popular.labels] == titles(trakt, 'shows', trakt.popular_order('shows'))
    assert popular.items[0].is_folder  # a show opens its seasons
    anticipated = run(kodi, '/?action=trakt_discover&kind=anticipated&media_type=movies', handle=6)
    assert [plain(label) for label in anticipated.labels] == titles(trakt, 'movies',
                                                                   trakt.anticipated_order('movies'))
    assert all('Authorization' not in str(request) for request in trakt.requests)


def test_a_discover_list_is_answered_from_the_cache_until_tools_clear_it(trakt, kodi):
    run(kodi, '/?action=trakt_discover&kind=trending&media_type=shows')
    trakt.clear_log()
    again = run(kodi, '/?action=trakt_discover&kind=trending&media_type=shows', handle=6)
    assert again.succeeded and again.labels and trakt.requests == []
    kodi.run_plugin(P + '/?action=clear_cache', handle=-1)  # Tools > Clear cache
    run(kodi, '/?action=trakt_discover&kind=trending&media_type=shows', handle=7)
    assert [request.path for request in trakt.requests] == ['/shows/trending']


def test_an_expired_discover_answer_is_fetched_again(trakt, kodi):
    from datetime import datetime, timedelta

    from addon.platform import http
    run(kodi, '/?action=trakt_discover&kind=popular&media_type=movies')
    trakt.clear_log()
    cache = next(session.cache for key, session in http._sessions.items() if key[0] == 'api-cache')
    for key in list(cache.responses.keys()):
        response = cache.responses[key]
        now = datetime.now(response.expires.tzinfo)
        assert now < response.expires <= now + timedelta(seconds=HOUR)  # kept an hour at most
        response.expires = now - timedelta(seconds=1)
        cache.responses[key] = response
    run(kodi, '/?action=trakt_discover&kind=popular&media_type=movies', handle=6)
    assert [request.path for request in trakt.requests] == ['/movies/popular']


def test_recommendations_need_a_login_row_and_make_no_request_without_one(trakt, kodi):
    for extra in ('', '&widget=true'):
        listing = run(kodi, '/?action=trakt_discover&kind=recommended&media_type=movies' + extra)
        assert listing.succeeded and listing.labels == ['Log in to Trakt to see your recommendations']
        assert 'action=trakt_auth' in listing.urls[0]
    assert trakt.requests == [] and kodi.dialogs == []


def test_hide_from_recommendations_hides_at_once_and_reaches_trakt_through_the_outbox(trakt, kodi):
    log_in(trakt)
    account = trakt.account
    order = trakt.recommendation_order('movies', True, True)
    hidden_before = {entry['trakt'] for entry in account.hidden['recommendations']}
    listing = run(kodi, '/?action=trakt_discover&kind=recommended&media_type=movies')
    assert [plain(label) for label in listing.labels] == titles(trakt, 'movies', order)
    menu = dict(listing.items[0].listitem.context_menu)
    hide = menu['Hide from recommendations']
    assert 'action=trakt_hide_recommendation' in hide and 'trakt_id=%d' % order[0] in hide
    kodi.run_plugin(hide[len('RunPlugin('):-1], handle=-1)
    assert kodi.notifications[-1]['message'] == 'Hidden from your recommendations'
    trakt.clear_log()
    after = run(kodi, '/?action=trakt_discover&kind=recommended&media_type=movies', handle=6)
    assert [plain(label) for label in after.labels] == titles(trakt, 'movies', order[1:])
    assert [request.path for request in trakt.requests] == ['/recommendations/movies']  # the cache was cleared
    assert outbox_store.replay('trakt') == 1
    assert [(request.method, request.path, request.status) for request in trakt.requests][-1] == (
        'DELETE', '/recommendations/movies/%d' % order[0], 204)
    assert {entry['trakt'] for entry in account.hidden['recommendations']} == hidden_before | {order[0]}


def test_a_trakt_failure_is_told_and_a_widget_stays_silent(trakt, kodi):
    trakt.fail('/movies/trending', 500, times=20)
    failed = run(kodi, '/?action=trakt_discover&kind=trending&media_type=movies')
    assert failed.ended and not failed.succeeded and 'Cannot reach Trakt' in kodi.notifications[-1]['message']
    kodi.notifications.clear()
    widget = run(kodi, '/?action=trakt_discover&kind=trending&media_type=movies&widget=true', handle=6)
    assert widget.ended and widget.items == [] and kodi.notifications == [] and kodi.dialogs == []


def test_the_discover_menu_lists_the_eight_lists(trakt, kodi):
    menu = run(kodi, '/?action=trakt_discover')
    assert menu.labels == ['Trending movies', 'Trending shows', 'Popular movies', 'Popular shows',
                           'Most anticipated movies', 'Most anticipated shows', 'Recommended movies',
                           'Recommended shows']
    assert all(item.is_folder for item in menu.items) and trakt.requests == []


# ---- the calendar -------------------------------------------------------------------------------------------

@pytest.fixture
def airing(trakt):
    """A watched show with one episode aired earlier today and three to come (tomorrow, in 3 days, in 20 days),
    plus a show the user never watched that airs tomorrow too."""
    account, now = trakt.account, time.time()
    account.add_show(9100, 'Airing Soon', 2026, {1: [('Pilot', now - 30 * 86400), ('Second', earlier_today(now)),
                                                     ('Third', now + 86400), ('Fourth', now + 3 * 86400),
                                                     ('Far Away', now + 20 * 86400)]},
                     imdb='tt9100000', tmdb=91000, tvdb=910000)
    account.add_play('episode', (9100, 1, 1), now - 29 * 86400)
    account.add_show(9200, 'Never Watched', 2026, {1: [('Other', now + 86400)]}, imdb='tt9200000')
    log_in(trakt)
    return trakt


def episode_rows(listing, show='Airing Soon'):
    """(label, item) of the rows of `show` (the small account has shows of its own airing in these days)."""
    return [(plain(label), item) for label, item in zip(listing.labels, listing.items)
            if not item.is_folder and plain(label).startswith(show)]


def test_the_calendar_groups_my_episodes_by_day_and_marks_the_unaired(airing, kodi):
    listing = run(kodi, '/?action=trakt_calendar')
    assert listing.succeeded
    rows = episode_rows(listing)
    assert [label for label, _ in rows] == [
        'Airing Soon S01E02 - Second', 'Airing Soon S01E03 - Third (airs %s)' % rows[1][1].listitem.getLabel2(),
        'Airing Soon S01E04 - Fourth (airs %s)' % rows[2][1].listitem.getLabel2()]  # 20 days away is not near
    assert re.match(r'\d\d:\d\d$', rows[1][1].listitem.getLabel2())
    assert not episode_rows(listing, 'Never Watched')  # not one of my shows
    assert rows[0][1].playable and 'action=play' in listing.urls[[plain(label) for label in listing.labels].index(
        rows[0][0])]
    assert not rows[1][1].playable and not rows[2][1].playable
    headers = [label for label, item in zip(listing.labels, listing.items) if item.is_folder]
    assert headers[0].startswith('Today - ') and headers[1].startswith('Tomorrow - ')
    assert listing.labels[0] == headers[0]  # a day's row stands above its episodes
    day = run(kodi, listing.urls[listing.labels.index(headers[1])].replace(P, ''), handle=6)
    assert [plain(label) for label in day.labels if label.startswith('Airing Soon')] == [rows[1][0]]
    assert not any(item.is_folder for item in day.items) and len(day.labels) < len(rows) + len(episode_rows(
        listing, ''))
    unaired = [plain(label) for label in listing.labels].index(rows[1][0])
    kodi.run_plugin(listing.urls[unaired], handle=-1)
    assert kodi.notifications[-1]['message'].startswith(
        '"Airing Soon S01E03 - Third" has not aired yet (Tomorrow - ')


def test_the_calendar_days_follow_the_trakt_time_zone(airing, kodi):
    """At UTC+14 (Trakt's time zone of the account) an episode at 11:00 UTC two days on airs at 01:00 local time on
    the day after; Trakt is asked for the UTC dates around the user's days."""
    account = airing.account
    account.timezone = 'Pacific/Kiritimati'
    now = time.time()
    aired = now - now % 86400 + 2 * 86400 + 11 * HOUR
    account.add_show(9300, 'Late Night', 2026, {1: [('One', aired)]}, imdb='tt9300000')
    account.watchlist.append({'id': account.next_id(), 'listed_at': now, 'type': 'show', 'trakt': 9300,
                              'notes': None})
    listing = run(kodi, '/?action=trakt_calendar')
    (label, item), = episode_rows(listing, 'Late Night')
    assert label == 'Late Night S01E01 - One (airs 01:00)' and item.listitem.getLabel2() == '01:00'
    local_day = time.gmtime(aired + 14 * HOUR)
    above = [plain(text) for text, row in zip(listing.labels, listing.items) if row.is_folder]
    heading = [text for text in above if listing.labels.index(text) < listing.labels.index(
        next(text for text in listing.labels if plain(text) == label))][-1]
    assert ' %d ' % local_day.tm_mday in heading + ' '
    local_today = time.gmtime(now + 14 * HOUR)
    start = time.strftime('%Y-%m-%d', time.gmtime(calendar.timegm(local_today[:3] + (0, 0, 0)) - 86400))
    assert [request.path for request in airing.requests if request.path.startswith('/calendars/')] == [
        '/calendars/my/shows/%s/16' % start]
    account.time_24hr = False  # the account reads 12-hour times (fetched again after a cache clear)
    kodi.run_plugin(P + '/?action=clear_cache', handle=-1)
    (label, item), = episode_rows(run(kodi, '/?action=trakt_calendar', handle=6), 'Late Night')
    assert label == 'Late Night S01E01 - One (airs 1:00 AM)' and item.listitem.getLabel2() == '1:00 AM'


def test_the_calendar_is_cached_for_six_hours_and_a_widget_lists_episodes_alone(airing, kodi):
    run(kodi, '/?action=trakt_calendar')
    airing.clear_log()
    widget = run(kodi, '/?action=trakt_calendar&widget=true', handle=6)
    assert airing.requests == []  # the calendar and the time zone from the cache
    rows = episode_rows(widget)
    assert [label.split(' (airs ')[0] for label, _ in rows] == [
        'Airing Soon S01E02 - Second', 'Airing Soon S01E03 - Third', 'Airing Soon S01E04 - Fourth']
    assert not any(item.is_folder for item in widget.items)  # no day rows in a widget
    assert rows[1][1].listitem.getLabel2().startswith('Tomorrow - ')  # the day with the time
    assert rows[1][0] == 'Airing Soon S01E03 - Third (airs %s)' % rows[1][1].listitem.getLabel2()
    assert kodi.dialogs == [] and kodi.notifications == []


def test_the_calendar_without_login_offers_a_login_row(trakt, kodi):
    listing = run(kodi, '/?action=trakt_calendar')
    assert listing.labels == ['Log in to Trakt to see your calendar'] and trakt.requests == []


def test_the_fake_refuses_the_calendar_and_recommendations_without_a_token(trakt):
    headers = {'trakt-api-key': CLIENT_ID, 'trakt-api-version': '2'}
    for path in ('/calendars/my/shows/2026-12-05/14', '/recommendations/shows'):
        assert requests.get(trakt.url + path, headers=headers, timeout=10).status_code == 401
    trending = requests.get(trakt.url + '/shows/trending?page=1&limit=5', headers=headers, timeout=10)
    assert trending.status_code == 200 and trending.headers['X-Pagination-Page-Count'] == '3'
    assert set(trending.json()[0]) == {'watchers', 'show'}


def test_the_cache_keeps_no_token_and_another_login_gets_its_own_answers(trakt, kodi):
    first = log_in(trakt)
    run(kodi, '/?action=trakt_discover&kind=recommended&media_type=shows')
    trakt.clear_log()
    run(kodi, '/?action=trakt_discover&kind=recommended&media_type=shows', handle=6)
    assert trakt.requests == []  # the same login: from the cache
    second = log_in(trakt)  # another login on this Kodi profile
    run(kodi, '/?action=trakt_discover&kind=recommended&media_type=shows', handle=7)
    assert [request.path for request in trakt.requests] == ['/recommendations/shows']
    files = glob.glob(os.path.join(kodi_door.profile_dir(), 'trakt_cache.sqlite*'))
    stored = b''.join(open(path, 'rb').read() for path in files)
    assert files and stored
    for secret in (first['access_token'], second['access_token'], CLIENT_ID):
        assert secret.encode('utf-8') not in stored


def test_a_change_of_watchlist_or_lists_makes_recommendations_and_the_calendar_fresh(airing, kodi):
    for path in ('/?action=trakt_discover&kind=recommended&media_type=movies', '/?action=trakt_calendar'):
        run(kodi, path)
    airing.clear_log()
    imdb = airing.account.movies[sorted(airing.account.movies)[0]]['ids']['imdb']
    kodi.run_plugin(P + '/?action=trakt_add_watchlist&media_type=movie&imdb_id=%s' % imdb, handle=-1)
    for handle, path in enumerate(('/?action=trakt_discover&kind=recommended&media_type=movies',
                                   '/?action=trakt_calendar'), start=6):
        run(kodi, path, handle=handle)
    assert [request.path.split('/')[1] for request in airing.requests] == [
        'recommendations', 'users', 'calendars']  # asked again: the watchlist changes what both show


def test_trending_renders_while_kodi_cannot_read_the_aiostreams_address(trakt, kodi, monkeypatch):
    """Seen in a real Kodi while the service saved settings: getSettingString('base_url') raised."""
    read = kodi_door.get_string

    def refuse_base_url(setting_id):
        if setting_id == 'base_url':
            raise kodi_door.SettingError('setting %r: Invalid setting type' % setting_id)
        return read(setting_id)
    monkeypatch.setattr(kodi_door, 'get_string', refuse_base_url)
    listing = run(kodi, '/?action=trakt_discover&kind=trending&media_type=shows')
    assert listing.succeeded and [plain(label) for label in listing.labels] == titles(
        trakt, 'shows', trakt.trending_order('shows'))


def test_a_429_is_waited_out_and_the_list_comes(airing, kodi):
    airing.fail('/calendars/my/shows', 429, times=1, headers={'Retry-After': '1'})
    started = time.monotonic()
    listing = run(kodi, '/?action=trakt_calendar')
    assert listing.succeeded and episode_rows(listing) and time.monotonic() - started >= 1.0
    assert [request.status for request in airing.requests if request.path.startswith('/calendars/')] == [429, 200]


def test_another_process_clears_the_cache_file_too(trakt, kodi):
    from addon.trakt import discover
    from tests.fakes.aiostreams_fixture import reset_http_sessions
    run(kodi, '/?action=trakt_discover&kind=popular&media_type=shows')
    reset_http_sessions()  # a new plugin process (a context-menu action): no session of its own yet
    discover.clear_cache()
    reset_http_sessions()
    trakt.clear_log()
    run(kodi, '/?action=trakt_discover&kind=popular&media_type=shows', handle=6)
    assert [request.path for request in trakt.requests] == ['/shows/popular']
