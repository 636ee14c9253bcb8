"""Trakt's discover lists (trending, popular, anticipated, recommended) and the user's calendar, as list entries
(the shape of addon.trakt.lists), fetched through the Trakt response cache (addon.platform.http.api_cache_session):
discover answers are kept 1 h, the calendar and the account's time zone 6 h. A change they show (a list write, a
recommendation hidden) clears the cache.

Trending, popular and anticipated need the client id only; recommendations and the calendar need a login.
Trakt pages the public lists (X-Pagination-*); recommendations come in one answer of up to RECOMMENDED_LIMIT,
paged here the same way, so a folder always ends with a "Next page" while there is more.
"""
from __future__ import annotations

import time

from addon import kodi
from addon.core import trakt_calendar
from addon.core import trakt_times as times
from addon.platform import http
from addon.platform import outbox as outbox_store
from addon.platform.http import HttpFailure
from addon.trakt import local_changes
from addon.trakt.client import TraktClient
from addon.trakt.lists import entry_of

KINDS = ('trending', 'popular', 'anticipated', 'recommended')
PAGE_SIZE = 50
RECOMMENDED_LIMIT = 100  # Trakt's most
DISCOVER_SECONDS = 3600
CALENDAR_SECONDS = 6 * 3600
CACHE = 'trakt'
HIDDEN_SECTION = 'recommendations'


def cache_rules() -> dict:
    """URL rules of the Trakt response cache (glob -> seconds); nothing else Trakt answers is stored."""
    rules = {'*/%s/%s*' % (plural, kind): DISCOVER_SECONDS
             for plural in ('movies', 'shows') for kind in ('trending', 'popular', 'anticipated')}
    rules.update({'*/recommendations/*': DISCOVER_SECONDS, '*/calendars/my/shows/*': CALENDAR_SECONDS,
                  '*/users/settings': CALENDAR_SECONDS})
    return rules


def cached_client() -> TraktClient:
    return TraktClient(cache_rules=cache_rules())


def clear_cache():
    """Forget the cached discover lists and calendar (after a change the user expects them to show)."""
    http.clear_api_cache(CACHE)


def _plural(kind) -> str:
    return 'movies' if kind == 'movie' else 'shows'


def discover_page(list_kind, kind, page, client=None):
    """(entries of page `page` (1, 2, ...), whether another page follows) of a discover list of movies or shows
    (kind movie | show). Raises HttpFailure, NotConfigured, and NotAuthorized for recommendations without a login."""
    client = client or cached_client()
    if list_kind == 'recommended':
        answer = client.get('/recommendations/%s' % _plural(kind), {
            'limit': RECOMMENDED_LIMIT, 'ignore_collected': 'true', 'ignore_watchlisted': 'true'})
        hidden = local_changes.hidden_trakt_ids(HIDDEN_SECTION, kind)
        found = [obj for obj in _list_of(answer) if _trakt_id(obj) not in hidden]
        start = (page - 1) * PAGE_SIZE
        objects, more = found[start:start + PAGE_SIZE], len(found) > start + PAGE_SIZE
    else:
        answer, more = client.get_page('/%s/%s' % (_plural(kind), list_kind), page, PAGE_SIZE, auth=False)
        # trending {watchers, movie|show}, anticipated {list_count, movie|show}, popular the plain objects
        objects = [item.get(kind) if kind in item else item for item in _list_of(answer)]
    return _entries(kind, objects), more


def _trakt_id(obj):
    """The object's Trakt id, or None when its ids are not what Trakt sends."""
    ids = obj.get('ids')
    trakt_id = ids.get('trakt') if isinstance(ids, dict) else None
    return trakt_id if isinstance(trakt_id, (int, str)) else None


def _list_of(answer):
    if not isinstance(answer, list):
        raise HttpFailure('invalid_json', 'Trakt did not answer a list')
    return [item for item in answer if isinstance(item, dict)]


def _entries(kind, objects):
    entries = []
    for obj in objects:
        entry = entry_of(kind, obj)
        if entry is None:
            kodi.log('Trakt %s without an IMDb, TMDb or TVDb id skipped: %r' % (kind, obj))
        else:
            entries.append(entry)
    return entries


def hide_recommendation(kind, trakt_id):
    """Never recommend this movie / show again: hidden here at once, Trakt told through the outbox."""
    local_changes.hide_by_trakt_id(HIDDEN_SECTION, trakt_id, kind)
    outbox_store.enqueue('trakt', 'recommendation_hide_%s' % kind, {'id': int(trakt_id)})
    clear_cache()


# ---- the calendar -------------------------------------------------------------------------------------------

def account_clock(client) -> trakt_calendar.Clock:
    """The Trakt account's time zone (Kodi's, the system's, when Trakt names none this computer knows, or cannot be
    asked) and its 12 / 24-hour choice (24 unless it says otherwise)."""
    try:
        settings = client.get('/users/settings')
    except HttpFailure as failure:
        kodi.log('Trakt user settings unavailable (%s): the calendar uses Kodi\'s time zone' % failure, 'warning')
        settings = None
    account = (settings.get('account') if isinstance(settings, dict) else None) or {}
    if not isinstance(account, dict):
        account = {}
    return trakt_calendar.Clock(times.time_zone(account.get('timezone')), account.get('time_24hr') is not False)


def calendar(client=None, now=None):
    """(days, clock): the episodes of the user's shows airing in the next trakt_calendar.DAYS local days,
    [(date, [episode entry with 'aired_at' and 'aired'])] (see addon.core.trakt_calendar.by_day)."""
    client = client or cached_client()
    now = time.time() if now is None else now
    clock = account_clock(client)
    start, days = trakt_calendar.request_range(now, clock.zone)
    entries = []
    for item in _list_of(client.get('/calendars/my/shows/%s/%d' % (start, days))):
        show, episode = entry_of('show', item.get('show')), item.get('episode')
        numbers = (episode.get('season'), episode.get('number')) if isinstance(episode, dict) else (None, None)
        if show is None or not all(isinstance(number, int) and not isinstance(number, bool) for number in numbers):
            kodi.log('Trakt calendar item without a usable show or episode number skipped: %r' % (item,))
            continue
        title = episode.get('title')
        entries.append(dict(show, kind='episode', season=numbers[0], episode=numbers[1],
                            episode_title=title if isinstance(title, str) else None,
                            aired_at=times.parse(item.get('first_aired'))))
    return trakt_calendar.by_day(entries, now, clock.zone), clock
