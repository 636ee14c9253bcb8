"""A fake Trakt API: a real HTTP server on 127.0.0.1 (ephemeral port) that follows trakt-api.md.

Covered: headers (403 without the client id, 400 on a wrong API version), device OAuth state machine (pending 400,
slow down 429, denied 418, expired 410, already used 409, unknown 404), refresh-token rotation (a used refresh
token gets 400 invalid_grant; the old access token stops working), revoke, 401 for missing/expired tokens, the
1-write-per-second limit (429 + Retry-After + X-Ratelimit), a GET budget, forced pagination on every list GET
(default 100, max 250, 100 with extended=progress; seasons only with extended=progress), last_activities anchors
that move on every change, the sync GETs, hidden/dropped, show seasons, progress, related, scrobble start/pause/
stop (422 below 1 %, a play at >= 80 %, 409 for a repeated stop), the writes, and the discover lists and calendar
(tests/fakes/trakt_discover.py). Every request is logged.

    with FakeTraktServer(account) as server:
        server.url                     # http://127.0.0.1:<port>
        server.issue_token()           # a logged-in token document (as the device flow would give)
        server.fail('/sync/watched', 502, times=2)
        server.set_offline(True)       # refuse connections until set_offline(False)
        server.requests                # [Request(method, path, query, status, body)]
"""
from __future__ import annotations

import json
import math
import re
import secrets
import time
from collections import deque, namedtuple
from urllib.parse import parse_qs, urlsplit

from tests.fakes.local_server import LocalServer, json_handler
from tests.fakes.trakt_account import HIDDEN_SECTIONS, Account, iso, parse_iso, target_of
from tests.fakes.trakt_discover import DiscoverEndpoints, discover_routes

CLIENT_ID = 'fake-trakt-client-id-0123456789abcdef'
CLIENT_SECRET = 'fake-trakt-client-secret-fedcba9876543210'
DEFAULT_LIMIT = 100
MAX_LIMIT = 250
PROGRESS_LIMIT = 100

Request = namedtuple('Request', 'method path query status body')


class HttpError(Exception):
    def __init__(self, status, body=None, headers=None):
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers or {}


class FakeTraktServer(DiscoverEndpoints, LocalServer):
    name = 'fake-trakt'

    def __init__(self, account=None, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, token_lifetime=604800,
                 device_interval=5, device_expires_in=600, write_interval=1.0, get_budget=1000,
                 get_window=300.0, scrobble_window=3600.0, refresh_delay=0.0, auto_approve_after=None,
                 pagination_headers=True):
        super().__init__()
        self.account = account if account is not None else Account()
        self.client_id = client_id
        self.client_secret = client_secret
        self.token_lifetime = token_lifetime
        self.device_interval = device_interval
        self.device_expires_in = device_expires_in
        self.write_interval = write_interval
        self.get_budget = get_budget
        self.get_window = get_window
        self.scrobble_window = scrobble_window
        self.refresh_delay = refresh_delay
        self.auto_approve_after = auto_approve_after
        self.pagination_headers = pagination_headers
        self.tokens = {}          # access token -> {'refresh','created_at','expires_in','revoked'}
        self.refresh_tokens = {}  # refresh token -> access token (removed once used)
        self.used_refresh_tokens = set()
        self._last_write = None
        self._gets = deque()
        self._recent_scrobbles = {}

    def handler_class(self):
        return json_handler(self)

    # ---- test control -------------------------------------------------------------------------------------

    def issue_token(self, expires_in=None, created_at=None) -> dict:
        """Tokens as the device flow returns them (for tests that start logged in)."""
        with self.lock:
            return self._new_token(expires_in, created_at)

    # ---- tokens -------------------------------------------------------------------------------------------

    def _new_token(self, expires_in=None, created_at=None) -> dict:
        access, refresh = secrets.token_hex(32), secrets.token_hex(32)
        document = {'access_token': access, 'token_type': 'bearer',
                    'expires_in': int(self.token_lifetime if expires_in is None else expires_in),
                    'refresh_token': refresh, 'scope': 'public',
                    'created_at': int(time.time() if created_at is None else created_at)}
        self.tokens[access] = {'refresh': refresh, 'created_at': document['created_at'],
                               'expires_in': document['expires_in'], 'revoked': False}
        self.refresh_tokens[refresh] = access
        return document

    def _authorized(self, headers) -> bool:
        value = headers.get('Authorization') or ''
        if not value.startswith('Bearer '):
            return False
        token = self.tokens.get(value[len('Bearer '):].strip())
        return bool(token and not token['revoked'] and time.time() < token['created_at'] + token['expires_in'])

    # ---- dispatch -----------------------------------------------------------------------------------------

    def handle(self, method, raw_path, headers, raw_body):
        """(status, body object or None, headers dict) for one request; logs it."""
        parts = urlsplit(raw_path)
        path = parts.path.rstrip('/') or '/'
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        try:
            body = json.loads(raw_body.decode('utf-8')) if raw_body else None
        except ValueError:
            body = None
        with self.lock:
            try:
                status, answer, extra = self._dispatch(method, path, query, headers, body, raw_body)
            except HttpError as error:
                status, answer, extra = error.status, error.body, error.headers
            self.requests.append(Request(method, path, query, status, body))
        return status, answer, extra

    def _dispatch(self, method, path, query, headers, body, raw_body):
        injected = self.injected_failure(method, path)
        if injected is not None:
            return injected
        if not path.startswith('/oauth/'):
            if headers.get('trakt-api-key') != self.client_id:
                raise HttpError(403, {'error': 'invalid api key'})
            if headers.get('trakt-api-version') != '2':
                raise HttpError(400, {'error': 'trakt-api-version must be 2'})
        if raw_body and body is None:
            raise HttpError(400, {'error': 'malformed JSON'})
        for route_method, pattern, name, needs_auth in ROUTES:
            match = pattern.match(path)
            if match is None or route_method != method:
                continue
            if needs_auth and not self._authorized(headers):
                raise HttpError(401, {'error': 'invalid_token'})
            if needs_auth and method in ('POST', 'PUT', 'DELETE'):
                self._pace_write()
            elif method == 'GET':
                self._count_get()
            return getattr(self, name)(query, body or {}, *match.groups())
        raise HttpError(404, {'error': 'not found'})

    def _pace_write(self):
        now = time.time()
        if self._last_write is not None and now - self._last_write < self.write_interval:
            wait = self.write_interval - (now - self._last_write)
            limit = {'name': 'AUTHED_API_POST_LIMIT', 'period': 1, 'limit': 1, 'remaining': 0,
                     'until': iso(now + wait)}
            raise HttpError(429, {'error': 'rate limit'},
                            {'Retry-After': str(max(1, int(math.ceil(wait)))), 'X-Ratelimit': json.dumps(limit)})
        self._last_write = now

    def _count_get(self):
        now = time.time()
        while self._gets and self._gets[0] < now - self.get_window:
            self._gets.popleft()
        if len(self._gets) >= self.get_budget:
            wait = self._gets[0] + self.get_window - now
            raise HttpError(429, {'error': 'rate limit'}, {'Retry-After': str(max(1, int(math.ceil(wait))))})
        self._gets.append(now)

    # ---- OAuth --------------------------------------------------------------------------------------------

    def device_code(self, query, body):
        if body.get('client_id') != self.client_id:
            raise HttpError(403, {'error': 'invalid client'})
        code = secrets.token_hex(32)
        user_code = secrets.token_hex(4).upper()
        self.devices[code] = {'user_code': user_code, 'expires_at': time.time() + self.device_expires_in,
                              'interval': self.device_interval, 'state': 'pending', 'last_poll': time.time(),
                              'polls': 0}
        return 200, {'device_code': code, 'user_code': user_code, 'verification_url': self.url + '/activate',
                     'expires_in': self.device_expires_in, 'interval': self.device_interval}, {}

    def device_token(self, query, body):
        if body.get('client_id') != self.client_id or body.get('client_secret') != self.client_secret:
            raise HttpError(401, {'error': 'invalid_client'})
        device = self.devices.get(body.get('code'))
        if device is None:
            raise HttpError(404)
        now = time.time()
        too_fast = now - device['last_poll'] < device['interval'] - 0.3
        device['last_poll'] = now
        if device['state'] == 'used':
            raise HttpError(409)
        if now > device['expires_at']:
            raise HttpError(410)
        if too_fast:
            raise HttpError(429)
        device['polls'] += 1
        if self.auto_approve_after is not None and device['polls'] > self.auto_approve_after:
            device['state'] = 'approved' if device['state'] == 'pending' else device['state']
        if device['state'] == 'denied':
            raise HttpError(418)
        if device['state'] != 'approved':
            raise HttpError(400)
        device['state'] = 'used'
        return 200, self._new_token(), {}

    def oauth_token(self, query, body):
        if body.get('client_id') != self.client_id or body.get('client_secret') != self.client_secret:
            raise HttpError(401, {'error': 'invalid_client'})
        if body.get('grant_type') != 'refresh_token':
            raise HttpError(400, {'error': 'unsupported_grant_type'})
        if self.refresh_delay:
            self.lock.release()
            try:
                time.sleep(self.refresh_delay)
            finally:
                self.lock.acquire()
        old_access = self.refresh_tokens.pop(body.get('refresh_token'), None)
        if old_access is None:
            raise HttpError(400, {'error': 'invalid_grant', 'error_description': 'The provided authorization grant '
                                  'is invalid, expired, revoked, or was issued to another client.'})
        self.used_refresh_tokens.add(body.get('refresh_token'))
        if old_access in self.tokens:
            self.tokens[old_access]['revoked'] = True
        return 200, self._new_token(), {}

    def revoke(self, query, body):
        if body.get('client_id') != self.client_id or body.get('client_secret') != self.client_secret:
            raise HttpError(401, {'error': 'invalid_client'})
        token = self.tokens.get(body.get('token'))
        if token is not None:
            token['revoked'] = True
            self.refresh_tokens.pop(token['refresh'], None)
        return 200, {}, {}

    # ---- reads --------------------------------------------------------------------------------------------

    def user_settings(self, query, body):
        name = self.account.username
        return 200, {'user': {'username': name, 'private': False, 'name': name.title(), 'vip': False,
                              'ids': {'slug': name}},
                     'account': {'timezone': getattr(self.account, 'timezone', 'UTC'), 'date_format': 'dmy',
                                 'time_24hr': getattr(self.account, 'time_24hr', True)}}, {}

    def last_activities(self, query, body):
        return 200, self.account.activities, {}

    def watched(self, query, body, kind):
        account = self.account
        progress = 'progress' in query.get('extended', '').split(',')
        if kind == 'movies':
            rows = sorted(account.watched_movies().items(), key=lambda item: -item[1]['last_watched_at'])
            items = [{'plays': row['plays'], 'last_watched_at': iso(row['last_watched_at']),
                      'last_updated_at': iso(account.movie_updated.get(movie, row['last_watched_at'])),
                      'movie': account.movie_object(movie)} for movie, row in rows]
            return self._page(items, query)
        items = []
        shows = account.watched_episodes()
        for show in sorted(shows, key=lambda key: -max(last for _, last in shows[key].values())):
            episodes = shows[show]
            item = {'plays': sum(plays for plays, _ in episodes.values()),
                    'last_watched_at': iso(max(last for _, last in episodes.values())),
                    'last_updated_at': iso(account.show_updated.get(show, 0.0)),
                    'reset_at': iso(account.resets[show]) if show in account.resets else None,
                    'show': account.show_object(show, reduced_aired=progress)}
            if progress:
                seasons = {}
                for (season, number), (plays, last) in sorted(episodes.items()):
                    seasons.setdefault(season, []).append({'number': number, 'plays': plays,
                                                           'last_watched_at': iso(last)})
                item['seasons'] = [{'number': season, 'episodes': eps} for season, eps in sorted(seasons.items())]
            items.append(item)
        return self._page(items, query, progress=progress)

    def history(self, query, body, kind=None, item_id=None):
        account = self.account
        plays = sorted(account.history, key=lambda play: (-play['watched_at'], -play['id']))
        if kind == 'movies':
            plays = [play for play in plays if play['type'] == 'movie']
        elif kind in ('shows', 'episodes', 'seasons'):
            plays = [play for play in plays if play['type'] == 'episode']
        if item_id is not None:
            target = (account.find_movie_by_path_id(item_id) if kind == 'movies'
                      else account.find_show_by_path_id(item_id))
            plays = [play for play in plays if target and play.get('movie', play.get('show')) == target['trakt']]
        if 'start_at' in query:
            plays = [play for play in plays if play['watched_at'] >= parse_iso(query['start_at'])]
        if 'end_at' in query:
            plays = [play for play in plays if play['watched_at'] <= parse_iso(query['end_at'])]
        return self._page([self._history_item(play) for play in plays], query)

    def _history_item(self, play):
        item = {'id': play['id'], 'watched_at': iso(play['watched_at']), 'action': play['action'],
                'type': play['type']}
        item.update(self.account.item_objects(target_of(play)))
        return item

    def collection(self, query, body, kind):
        account = self.account
        if kind == 'movies':
            items = [{'collected_at': iso(at), 'updated_at': iso(at), 'movie': account.movie_object(movie)}
                     for movie, at in sorted(account.collected_movies.items(), key=lambda item: -item[1])]
            return self._page(items, query)
        shows = {}
        for (show, season, number), at in account.collected_episodes.items():
            shows.setdefault(show, {}).setdefault(season, []).append((number, at))
        items = []
        for show, seasons in sorted(shows.items()):
            stamps = [at for episodes in seasons.values() for _, at in episodes]
            items.append({'last_collected_at': iso(max(stamps)), 'last_updated_at': iso(max(stamps)),
                          'show': account.show_object(show),
                          'seasons': [{'number': season,
                                       'episodes': [{'number': number, 'collected_at': iso(at)}
                                                    for number, at in sorted(episodes)]}
                                      for season, episodes in sorted(seasons.items())]})
        return self._page(items, query)

    def watchlist_get(self, query, body, kind=None, sort_by=None, sort_how=None):
        kinds = {'movies': ('movie',), 'shows': ('show',), None: ('movie', 'show'), 'all': ('movie', 'show')}
        entries = [entry for entry in self.account.watchlist if entry['type'] in kinds.get(kind, ())]
        items = []
        for rank, entry in enumerate(entries, start=1):
            item = {'rank': rank, 'id': entry['id'], 'listed_at': iso(entry['listed_at']), 'notes': entry['notes'],
                    'type': entry['type']}
            item[entry['type']] = self.account.listed_object(entry['type'], entry['trakt'])
            items.append(item)
        status, page, headers = self._page(items, query)
        headers.update({'X-Sort-By': 'rank', 'X-Sort-How': 'asc'})
        return status, page, headers

    def playback_get(self, query, body, kind=None):
        wanted = {'movies': ('movie',), 'episodes': ('episode',), None: ('movie', 'episode')}[kind]
        items = []
        for entry in sorted(self.account.playback.values(), key=lambda item: -item['paused_at']):
            if entry['type'] not in wanted:
                continue
            item = {'progress': entry['progress'], 'paused_at': iso(entry['paused_at']), 'id': entry['id'],
                    'type': entry['type']}
            item.update(self.account.item_objects(target_of(entry)))
            items.append(item)
        return self._page(items, query)

    def playback_delete(self, query, body, playback_id):
        entry = self.account.playback.pop(int(playback_id), None)
        if entry is None:
            raise HttpError(404)
        self.account.bump('%s.paused_at' % ('movies' if entry['type'] == 'movie' else 'episodes'))
        return 204, None, {}

    def hidden_get(self, query, body, section):
        if section not in HIDDEN_SECTIONS:
            raise HttpError(404)
        account = self.account
        items = []
        for entry in sorted(account.hidden[section], key=lambda item: -item['hidden_at']):
            if query.get('type') and entry['type'] != query['type']:
                continue
            item = {'hidden_at': iso(entry['hidden_at']), 'type': entry['type']}
            item['movie' if entry['type'] == 'movie' else 'show'] = account.listed_object(entry['type'], entry['trakt'])
            if entry['type'] == 'season':
                item['season'] = {'number': entry['season'],
                                  'ids': {'trakt': account.season_trakt_id(entry['trakt'], entry['season'])}}
            items.append(item)
        return self._page(items, query)

    def seasons(self, query, body, show_id):
        show = self.account.find_show_by_path_id(show_id)
        if show is None:
            raise HttpError(404)
        extended = query.get('extended', '').split(',')
        answer = []
        for number in sorted(show['seasons']):
            season = {'number': number, 'ids': {'trakt': self.account.season_trakt_id(show['trakt'], number)}}
            if 'episodes' in extended:
                season['episodes'] = [self.account.episode_object(show['trakt'], number, episode['number'],
                                                                  full='full' in extended)
                                      for episode in show['seasons'][number]]
            answer.append(season)
        return 200, answer, {}

    def progress(self, query, body, show_id):
        show = self.account.find_show_by_path_id(show_id)
        if show is None:
            raise HttpError(404)
        return 200, self.account.progress(show['trakt']), {}

    def related(self, query, body, kind, item_id):
        account = self.account
        if kind == 'movies':
            item = account.find_movie_by_path_id(item_id)
            table, shape = account.movies, account.movie_object
        else:
            item = account.find_show_by_path_id(item_id)
            table, shape = account.shows, account.show_object
        if item is None:
            raise HttpError(404)
        ordered = sorted(table)
        start = ordered.index(item['trakt'])
        neighbours = [ordered[(start + offset) % len(ordered)] for offset in range(1, min(len(ordered), 31))]
        query = dict(query)
        query.setdefault('limit', '10')
        return self._page([shape(trakt) for trakt in neighbours], query)

    # ---- writes -------------------------------------------------------------------------------------------

    def history_add(self, query, body):
        account = self.account
        changed_at = account.stamp()
        added = {'movies': 0, 'episodes': 0}
        not_found = {'movies': [], 'shows': [], 'seasons': [], 'episodes': []}
        touched_shows = set()
        for entry in body.get('movies', []):
            movie = account.find_movie(entry.get('ids'))
            if movie is None:
                not_found['movies'].append(entry)
                continue
            account.add_play('movie', movie['trakt'], self._watched_at(entry, changed_at), changed_at=changed_at)
            added['movies'] += 1
        for show, season, number, when in self._episodes_of(body, not_found, changed_at):
            account.add_play('episode', (show, season, number), when, changed_at=changed_at)
            added['episodes'] += 1
            touched_shows.add(show)
        for show in touched_shows:  # marking an episode watched un-drops the show
            if account.unhide('dropped', 'show', show):
                account.bump('shows.dropped_at')
        if added['movies']:
            account.bump('movies.watched_at')
        if added['episodes']:
            account.bump('episodes.watched_at')
        return 201, {'added': added, 'updated': {'movies': 0, 'episodes': 0}, 'not_found': not_found}, {}

    def history_remove(self, query, body):
        account = self.account
        changed_at = account.stamp()
        not_found = {'movies': [], 'shows': [], 'seasons': [], 'episodes': [], 'ids': []}
        targets = set()
        for entry in body.get('movies', []):
            movie = account.find_movie(entry.get('ids'))
            if movie is None:
                not_found['movies'].append(entry)
            else:
                targets.add(('movie', movie['trakt']))
        for show, season, number, _ in self._episodes_of(body, not_found, changed_at, aired_only=False):
            targets.add(('episode', show, season, number))
        history_ids = set(body.get('ids', []))
        known = {play['id'] for play in account.history}
        not_found['ids'] = [value for value in history_ids if value not in known]

        def matches(play):
            key = (('movie', play['movie']) if play['type'] == 'movie'
                   else ('episode', play['show'], play['season'], play['number']))
            return key in targets or play['id'] in history_ids
        deleted = account.remove_plays(matches, changed_at)
        if deleted['movies']:
            account.bump('movies.watched_at')
        if deleted['episodes']:
            account.bump('episodes.watched_at')
        return 200, {'deleted': deleted, 'not_found': not_found}, {}

    def _watched_at(self, entry, default):
        value = entry.get('watched_at')
        if not value or value in ('released', 'unknown'):
            return default
        return parse_iso(value)

    def _episodes_of(self, body, not_found, default_time, aired_only=True):
        """(show, season, number, watched_at) for the shows/seasons/episodes of a history body."""
        account = self.account
        for entry in body.get('shows', []):
            show = account.find_show(entry.get('ids'))
            if show is None:
                not_found['shows'].append(entry)
                continue
            when = self._watched_at(entry, default_time)
            seasons = entry.get('seasons')
            if not seasons:
                seasons = [{'number': number} for number in sorted(show['seasons'])]
            for season in seasons:
                episodes = season.get('episodes')
                listed = show['seasons'].get(season.get('number'), [])
                if not episodes:
                    episodes = [{'number': episode['number']} for episode in listed
                                if not aired_only or account.aired(episode)]
                for episode in episodes:
                    if account.episode(show['trakt'], season.get('number'), episode.get('number')) is None:
                        not_found['episodes'].append(episode)
                        continue
                    yield (show['trakt'], season['number'], episode['number'],
                           self._watched_at(episode, when))
        for entry in body.get('seasons', []):
            found = account.find_season(entry.get('ids'))
            if found is None:
                not_found['seasons'].append(entry)
                continue
            show, number = found
            for episode in account.shows[show]['seasons'][number]:
                if not aired_only or account.aired(episode):
                    yield show, number, episode['number'], self._watched_at(entry, default_time)
        for entry in body.get('episodes', []):
            found = account.find_episode(entry.get('ids'))
            if found is None:
                not_found['episodes'].append(entry)
                continue
            yield found + (self._watched_at(entry, default_time),)

    def watchlist_add(self, query, body):
        account = self.account
        added, existing = {'movies': 0, 'shows': 0, 'seasons': 0, 'episodes': 0}, dict.fromkeys(
            ('movies', 'shows', 'seasons', 'episodes'), 0)
        not_found = {'movies': [], 'shows': [], 'seasons': [], 'episodes': []}
        for plural, kind, finder in (('movies', 'movie', account.find_movie), ('shows', 'show', account.find_show)):
            for entry in body.get(plural, []):
                item = finder(entry.get('ids'))
                if item is None:
                    not_found[plural].append(entry)
                elif any(row['type'] == kind and row['trakt'] == item['trakt'] for row in account.watchlist):
                    existing[plural] += 1
                else:
                    account.watchlist.append({'id': account.next_id(), 'listed_at': account.stamp(), 'type': kind,
                                              'trakt': item['trakt'], 'notes': entry.get('notes')})
                    added[plural] += 1
        self._bump_watchlist(added)
        return 201, {'added': added, 'existing': existing, 'not_found': not_found,
                     'list': {'updated_at': account.activities['watchlist']['updated_at'],
                              'item_count': len(account.watchlist)}}, {}

    def watchlist_remove(self, query, body):
        account = self.account
        deleted = {'movies': 0, 'shows': 0, 'seasons': 0, 'episodes': 0}
        not_found = {'movies': [], 'shows': [], 'seasons': [], 'episodes': []}
        for plural, kind, finder in (('movies', 'movie', account.find_movie), ('shows', 'show', account.find_show)):
            for entry in body.get(plural, []):
                item = finder(entry.get('ids'))
                before = len(account.watchlist)
                if item is not None:
                    account.watchlist = [row for row in account.watchlist
                                         if not (row['type'] == kind and row['trakt'] == item['trakt'])]
                if item is None or len(account.watchlist) == before:
                    not_found[plural].append(entry)
                else:
                    deleted[plural] += 1
        self._bump_watchlist(deleted)
        return 200, {'deleted': deleted, 'not_found': not_found,
                     'list': {'updated_at': account.activities['watchlist']['updated_at'],
                              'item_count': len(account.watchlist)}}, {}

    def _bump_watchlist(self, counts):
        keys = [key for plural, key in (('movies', 'movies.watchlisted_at'), ('shows', 'shows.watchlisted_at'))
                if counts[plural]]
        if keys:
            self.account.bump('watchlist.updated_at', *keys)

    def hidden_add(self, query, body, section):
        return self._hidden_change(section, body, add=True)

    def hidden_remove(self, query, body, section):
        return self._hidden_change(section, body, add=False)

    def _hidden_change(self, section, body, add):
        if section not in HIDDEN_SECTIONS or section == 'comments':
            raise HttpError(404)
        account = self.account
        counts = {'movies': 0, 'shows': 0, 'seasons': 0, 'users': 0}
        not_found = {'movies': [], 'shows': [], 'seasons': [], 'users': []}
        allowed = {'calendar': ('movies', 'shows'), 'progress_watched': ('shows', 'seasons'),
                   'progress_collected': ('shows', 'seasons'), 'recommendations': ('movies', 'shows'),
                   'dropped': ('shows',)}[section]
        bumped = set()
        for plural in ('movies', 'shows', 'seasons'):
            for entry in body.get(plural, []):
                if plural == 'seasons':
                    found = account.find_season(entry.get('ids'))
                    target = ('season',) + found if found else None
                else:
                    item = (account.find_movie if plural == 'movies' else account.find_show)(entry.get('ids'))
                    target = (plural[:-1], item['trakt'], None) if item else None
                if target is None or plural not in allowed:
                    not_found[plural].append(entry)
                    continue
                changed = (account.hide(section, *target, at=account.stamp()) if add
                           else account.unhide(section, *target))
                if changed:
                    counts[plural] += 1
                    bumped.update(account._hidden_anchor_keys(section, target[0]))
        if bumped:
            account.bump(*sorted(bumped))
        key = 'added' if add else 'deleted'
        return (201 if add else 200), {key: counts, 'not_found': not_found}, {}

    # ---- scrobble -----------------------------------------------------------------------------------------

    def scrobble(self, query, body, action):
        account = self.account
        target = self._scrobble_target(body)
        if target is None:
            raise HttpError(404, {'error': 'item not found'})
        try:
            progress = float(body.get('progress'))
        except (TypeError, ValueError):
            raise HttpError(422, {'error': 'progress required'}) from None
        kind = 'movie' if target[0] == 'movie' else 'episode'
        anchor = 'movies' if kind == 'movie' else 'episodes'
        answer = {'id': 0, 'action': action, 'progress': progress,
                  'sharing': {'twitter': False, 'mastodon': False, 'tumblr': False}}
        answer.update(self.account.item_objects(target))
        if action == 'start':
            if self._drop_playback(target):
                account.bump('%s.paused_at' % anchor)
            return 201, answer, {}
        if action == 'stop' and progress < 1:
            raise HttpError(422, {'error': 'progress must be at least 1%'})
        if action == 'stop' and progress >= 80:
            now = account.stamp()
            recent = self._recent_scrobbles.get(target)
            if recent and recent[1] > now:
                raise HttpError(409, {'watched_at': iso(recent[0]), 'expires_at': iso(recent[1])})
            play = account.add_play(kind, target[1] if kind == 'movie' else target[1:], now, action='scrobble',
                                    changed_at=now)
            self._recent_scrobbles[target] = (now, now + self.scrobble_window)
            keys = ['%s.watched_at' % anchor]
            if self._drop_playback(target):
                keys.append('%s.paused_at' % anchor)
            if kind == 'episode' and account.unhide('dropped', 'show', target[1]):
                keys.append('shows.dropped_at')
            account.bump(*keys)
            answer.update({'id': play['id'], 'action': 'scrobble'})
            return 201, answer, {}
        self._drop_playback(target)
        entry = {'id': account.next_id(), 'progress': progress, 'paused_at': account.stamp(), 'type': kind}
        if kind == 'movie':
            entry['movie'] = target[1]
        else:
            entry['show'], entry['season'], entry['number'] = target[1:]
        account.playback[entry['id']] = entry
        account.bump('%s.paused_at' % anchor)
        answer['action'] = 'pause'
        return 201, answer, {}

    def _scrobble_target(self, body):
        account = self.account
        if 'movie' in body:
            movie = account.find_movie((body['movie'] or {}).get('ids'))
            return ('movie', movie['trakt']) if movie else None
        episode = body.get('episode') or {}
        if 'show' in body:
            show = account.find_show((body['show'] or {}).get('ids'))
            if show is None or account.episode(show['trakt'], episode.get('season'), episode.get('number')) is None:
                return None
            return 'episode', show['trakt'], episode['season'], episode['number']
        found = account.find_episode(episode.get('ids'))
        return ('episode',) + found if found else None

    def _drop_playback(self, target) -> bool:
        account = self.account
        doomed = [key for key, entry in account.playback.items() if target_of(entry) == target]
        for key in doomed:
            del account.playback[key]
        return bool(doomed)

    # ---- personal and liked lists -------------------------------------------------------------------------

    def _own_slug(self, slug):
        return slug in ('me', self.account.username)

    def lists_get(self, query, body, slug):
        account = self.account
        own = self._own_slug(slug)
        owner = account.username if own else slug
        found = [trakt for trakt, data in account.lists.items()
                 if data['owner'] == owner and (own or data['privacy'] == 'public')]
        return self._page([account.list_object(trakt) for trakt in found], query)

    def likes_get(self, query, body):
        account = self.account
        items = [{'liked_at': iso(at), 'type': 'list', 'list': account.list_object(trakt)}
                 for trakt, at in sorted(account.liked, key=lambda like: -like[1]) if trakt in account.lists]
        return self._page(items, query)

    def _visible_list(self, slug, list_id):
        """The list at /users/<slug>/lists/<list_id>: 404 when missing or another owner's, 403 when private."""
        account = self.account
        data = next((data for data in account.lists.values() if str(data['trakt']) == list_id or
                     data['slug'] == list_id), None)
        owner = account.username if self._own_slug(slug) else slug
        if data is None or data['owner'] != owner:
            raise HttpError(404, {'error': 'list not found'})
        if data['privacy'] != 'public' and owner != account.username:
            raise HttpError(403, {'error': 'private list'})
        return data

    def list_items_get(self, query, body, slug, list_id, types=None):
        data = self._visible_list(slug, list_id)
        wanted = types.split(',') if types else None
        items = [self.account.list_item_object(rank, entry) for rank, entry in enumerate(data['items'], start=1)
                 if wanted is None or entry['type'] in wanted]
        status, page, headers = self._page(items, query)
        headers.update({'X-Sort-By': 'rank', 'X-Sort-How': 'asc'})
        return status, page, headers

    def list_items_change(self, query, body, list_id, remove=None):
        account = self.account
        data = self._visible_list('me', list_id)
        counts = {'movies': 0, 'shows': 0, 'seasons': 0, 'episodes': 0, 'people': 0}
        existing = dict(counts)
        not_found = {'movies': [], 'shows': [], 'seasons': [], 'episodes': [], 'people': []}
        for plural, kind, finder in (('movies', 'movie', account.find_movie), ('shows', 'show', account.find_show)):
            for entry in body.get(plural, []):
                item = finder(entry.get('ids'))
                if item is None:
                    not_found[plural].append(entry)
                elif account.change_list(data['trakt'], kind, item['trakt'], add=not remove):
                    counts[plural] += 1
                else:
                    existing[plural] += 1
        answer = {'deleted' if remove else 'added': counts, 'not_found': not_found,
                  'list': {'updated_at': iso(data['updated_at']), 'item_count': len(data['items'])}}
        if not remove:
            answer['existing'] = existing
        return (200 if remove else 201), answer, {}

    # ---- pagination ---------------------------------------------------------------------------------------

    def _page(self, items, query, progress=False):
        """Forced pagination (2026): every list answers one page, with the X-Pagination headers."""
        cap = PROGRESS_LIMIT if progress else MAX_LIMIT
        try:
            limit = max(1, min(cap, int(query.get('limit', DEFAULT_LIMIT))))
            page = max(1, int(query.get('page', 1)))
        except ValueError:
            raise HttpError(400, {'error': 'bad page or limit'}) from None
        count = max(1, int(math.ceil(len(items) / float(limit))))
        headers = {'X-Pagination-Page': str(page), 'X-Pagination-Limit': str(limit),
                   'X-Pagination-Page-Count': str(count), 'X-Pagination-Item-Count': str(len(items))}
        return 200, items[(page - 1) * limit:page * limit], headers if self.pagination_headers else {}


def _route(method, pattern, name, auth=False):
    return method, re.compile(pattern + '$'), name, auth


ROUTES = (
    _route('POST', r'/oauth/device/code', 'device_code'),
    _route('POST', r'/oauth/device/token', 'device_token'),
    _route('POST', r'/oauth/token', 'oauth_token'),
    _route('POST', r'/oauth/revoke', 'revoke'),
    _route('GET', r'/users/settings', 'user_settings', auth=True),
    _route('GET', r'/sync/last_activities', 'last_activities', auth=True),
    _route('GET', r'/sync/watched/(movies|shows)', 'watched', auth=True),
    _route('GET', r'/sync/history(?:/(movies|shows|seasons|episodes)(?:/([^/]+))?)?', 'history', auth=True),
    _route('GET', r'/sync/collection/(movies|shows)', 'collection', auth=True),
    _route('GET', r'/sync/watchlist(?:/(movies|shows|seasons|episodes|all)(?:/(\w+)(?:/(asc|desc))?)?)?',
           'watchlist_get', auth=True),
    _route('GET', r'/sync/playback(?:/(movies|episodes))?', 'playback_get', auth=True),
    _route('DELETE', r'/sync/playback/(\d+)', 'playback_delete', auth=True),
    _route('GET', r'/users/likes/lists', 'likes_get', auth=True),
    _route('GET', r'/users/([^/]+)/lists', 'lists_get', auth=True),
    _route('GET', r'/users/([^/]+)/lists/([^/]+)/items(?:/([a-z,]+))?', 'list_items_get', auth=True),
    _route('POST', r'/users/me/lists/([^/]+)/items(/remove)?', 'list_items_change', auth=True),
    _route('GET', r'/users/hidden/(\w+)', 'hidden_get', auth=True),
    _route('POST', r'/users/hidden/(\w+)/remove', 'hidden_remove', auth=True),
    _route('POST', r'/users/hidden/(\w+)', 'hidden_add', auth=True),
    _route('GET', r'/shows/([^/]+)/seasons', 'seasons'),
    _route('GET', r'/shows/([^/]+)/progress/watched', 'progress', auth=True),
    _route('GET', r'/(movies|shows)/([^/]+)/related', 'related'),
    _route('POST', r'/scrobble/(start|pause|stop)', 'scrobble', auth=True),
    _route('POST', r'/sync/history/remove', 'history_remove', auth=True),
    _route('POST', r'/sync/history', 'history_add', auth=True),
    _route('POST', r'/sync/watchlist/remove', 'watchlist_remove', auth=True),
    _route('POST', r'/sync/watchlist', 'watchlist_add', auth=True),
) + discover_routes(_route)
