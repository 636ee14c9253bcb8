"""A fake PunchPlay.tv API: a real HTTP server on 127.0.0.1 (ephemeral port) following punchplay-api.md.

Covered: device-code login (pending, slow_down when polled faster than the interval, 429 with Retry-After, approved
once, denied, expired, unknown code, all as HTTP 400 + {"error"} like the real backend), rotating refresh tokens (an
old refresh token is refused; a refresh may omit refresh_token), 401 for a missing, unknown or expired access token,
GET /api/auth/me, the five scrobble endpoints, which validate the payload exactly (required keys and types, no
null values, no unknown keys such as raw_filename, `watched` only and always on stop) and are idempotent on
event_id, and POST /api/scrobble/import (the watched marks of PunchPlay's client: entries checked, kept in
`imports`), GET /api/scrobble/sync?since=<epoch ms> (records added with add_sync_item, those changed at or after
`since`, in one answer). Switches: offline (the port refuses connections), injected statuses (5xx, 429 +
Retry-After), flapping, slow answers (the request is acted on first, answered late: a client that times out never
sees the answer).

    with FakePunchPlayServer() as server:
        server.url                       # http://127.0.0.1:<port>
        tokens = server.issue_token()    # a logged-in token document
        server.fail('/api/scrobble/stop', 503, times=2)
        server.slow('/api/scrobble/stop', 20)   # recorded at once, answered after 20 s
        server.set_offline(True)
        server.scrobbles                 # accepted events: [(kind, payload)] in arrival order (no duplicates)
        server.ratings                   # accepted POST /api/scrobble/rate bodies (checked: 401, 400, 422)
        server.requests                  # every request: Request(method, path, status, body, headers, answer, at)
"""
from __future__ import annotations

import json
import re
import secrets
import time
from collections import namedtuple
from urllib.parse import parse_qs, urlsplit

from tests.fakes.local_server import LocalServer, json_handler

Request = namedtuple('Request', 'method path status body headers answer at')

SCROBBLE_KINDS = ('start', 'pause', 'resume', 'progress', 'stop')
# key -> allowed types; every other key is refused.
REQUIRED_KEYS = {'media_type': (str,), 'title': (str,), 'progress': (int, float), 'duration_seconds': (int,),
                 'position_seconds': (int,), 'device_id': (str,), 'client_version': (str,), 'event_id': (str,),
                 'playback_session_id': (str,)}
OPTIONAL_KEYS = {'year': (int,), 'tmdb_id': (int,), 'tvdb_id': (int,), 'imdb_id': (str,), 'season': (int,),
                 'episode': (int,), 'punchplay_id': (int, str),
                 # later versions (punchplay-api.md §5.2); watched_threshold is a stop's alone
                 'event_created_at': (int,), 'episode_title': (str,), 'episode_end': (int,),
                 'multi_episode': (bool,), 'absolute_episode': (int,), 'anime': (bool,)}
# POST /api/scrobble/rate (§5.2): key -> allowed types.
RATE_KEYS = {'media_type': (str,), 'rating': (int,), 'event_id': (str,), 'client_version': (str,), 'tmdb_id': (int,),
             'tvdb_id': (int,), 'imdb_id': (str,), 'punchplay_id': (int, str), 'season': (int,), 'episode': (int,),
             'absolute_episode': (int,)}


class FakePunchPlayServer(LocalServer):
    name = 'fake-punchplay'

    def __init__(self, token_lifetime=3600.0, device_interval=5.0, device_expires_in=600, username='tester',
                 rotate_refresh=True):
        super().__init__()
        self.token_lifetime = token_lifetime
        self.device_interval = device_interval
        self.device_expires_in = device_expires_in
        self.device_qr = None     # when set, sent as verification_uri_qr (a data-URI PNG, section 2.1)
        self.username = username
        # True: each refresh returns a new refresh token and spends the old one. False: the answer has no
        # refresh_token and the old one stays valid (the client must keep it).
        self.rotate_refresh = rotate_refresh
        self.scrobbles = []
        self.imports = []         # accepted entries of /api/scrobble/import, in arrival order
        self.ratings = []         # accepted bodies of /api/scrobble/rate, in arrival order
        self._last_created = {}   # playback session -> event_created_at of its last accepted event
        self.ratings = []         # accepted bodies of /api/scrobble/rate, in arrival order
        self._last_created = {}   # playback session -> event_created_at of its last accepted event
        self.ratings = []         # accepted bodies of /api/scrobble/rate, in arrival order
        self._last_created = {}   # playback session -> event_created_at of its last accepted event
        self.tokens = {}          # access token -> expiry (epoch s)
        self.refresh_tokens = {}  # refresh token -> True while usable
        self._seen_events = set()
        self._device_script = None  # (after N polls, state) applied to every device code
        self._flapping = None
        self.sync_items = []      # the pull sync's records: (list name, item, changed at epoch ms)
        self.sync_sinces = []     # the `since` of every GET /api/scrobble/sync (None: the whole history)

    def handler_class(self):
        return json_handler(self)

    # ---- test control -------------------------------------------------------------------------------------

    def set_flapping(self, status=None):
        """Every other scrobble request fails with `status` (None: stop flapping)."""
        with self.lock:
            self._flapping = None if status is None else {'status': status, 'fail_next': True}

    def issue_token(self, lifetime=None) -> dict:
        with self.lock:
            return self._new_token(lifetime)

    def expire_access_tokens(self):
        """Every access token issued so far answers 401 from now on (refresh tokens stay valid)."""
        with self.lock:
            for token in self.tokens:
                self.tokens[token] = 0.0

    def script_device(self, after_polls, state):
        """Every device code turns `state` ('approved', 'denied' or 'expired') from its N-th token poll on."""
        with self.lock:
            self._device_script = (after_polls, state)

    def throttle_polls(self, times, retry_after=30):
        """The next `times` token polls get 429 + Retry-After."""
        self.fail(r'^/api/auth/device/token$', 429, times, headers={'Retry-After': str(retry_after)})

    def add_sync_item(self, list_name, **item):
        """A record of GET /api/scrobble/sync: list_name movies | episodes | in_progress, the item's fields as
        punchplay-api.md 4.1 names them (watched_at / updated_at default to now). It changed now, so a pull with an
        older `since` gets it; a record of the same title in the same list is replaced."""
        now = time.time()
        stamp = time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(now)) + '.%03dZ' % (now * 1000 % 1000)
        item.setdefault('updated_at' if list_name == 'in_progress' else 'watched_at', stamp)
        if list_name != 'in_progress':
            item.setdefault('playcount', 1)
        identity = _sync_identity(item)
        with self.lock:
            self.sync_items = [record for record in self.sync_items
                               if (record[0], _sync_identity(record[1])) != (list_name, identity)]
            self.sync_items.append((list_name, item, int(now * 1000)))

    def scrobble_kinds(self) -> list:
        with self.lock:
            return [kind for kind, _ in self.scrobbles]

    def clear_log(self):
        with self.lock:
            super().clear_log()
            del self.scrobbles[:]
            del self.imports[:]
            del self.ratings[:]
            del self.ratings[:]

    # ---- dispatch -----------------------------------------------------------------------------------------

    def handle(self, method, raw_path, headers, raw_body):
        path = urlsplit(raw_path).path
        try:
            body = json.loads(raw_body.decode('utf-8')) if raw_body else None
        except ValueError:
            body = 'malformed'
        with self.lock:
            status, answer, extra = self._dispatch(method, path, headers, body, urlsplit(raw_path).query)
            self.requests.append(Request(method, path, status, body, dict(headers), answer, time.monotonic()))
        return status, answer, extra

    def _dispatch(self, method, path, headers, body, query=''):
        injected = self.injected_failure(method, path)
        if injected:
            status, answer, extra = injected
            return status, answer or {'error': 'injected'}, extra
        if body == 'malformed':
            return 400, {'error': 'malformed JSON'}, {}
        if headers.get('content-type', '').split(';')[0] != 'application/json' and method == 'POST':
            return 415, {'error': 'JSON only'}, {}
        if method == 'POST' and path == '/api/auth/device/code':
            return self._device_code()
        if method == 'POST' and path == '/api/auth/device/token':
            return self._device_token(body or {})
        if method == 'POST' and path == '/api/auth/refresh':
            return self._refresh(body or {}, headers)
        if method == 'GET' and path == '/api/auth/me':
            if not self._authorized(headers):
                return 401, {'error': 'unauthorized'}, {}
            return 200, {'username': self.username, 'id': 42}, {}
        match = re.match(r'^/api/scrobble/(\w+)$', path)
        if method == 'POST' and match and match.group(1) in SCROBBLE_KINDS:
            return self._scrobble(match.group(1), body, headers)
        if method == 'POST' and path == '/api/scrobble/rate':
            return self._rate(body, headers)
        if method == 'POST' and path == '/api/scrobble/rate':
            return self._rate(body, headers)
        if method == 'POST' and path == '/api/scrobble/rate':
            return self._rate(body, headers)
        if method == 'POST' and path == '/api/scrobble/import':
            return self._import(body, headers)
        if method == 'GET' and path == '/api/scrobble/sync':
            return self._sync(parse_qs(query).get('since'), headers)
        return 404, {'error': 'not found'}, {}

    # ---- auth ---------------------------------------------------------------------------------------------

    def _new_token(self, lifetime=None) -> dict:
        access, refresh = secrets.token_hex(24), secrets.token_hex(24)
        self.tokens[access] = time.time() + (self.token_lifetime if lifetime is None else lifetime)
        self.refresh_tokens[refresh] = True
        return {'access_token': access, 'refresh_token': refresh, 'username': self.username}

    def _authorized(self, headers) -> bool:
        value = headers.get('authorization') or ''
        if not value.startswith('Bearer '):
            return False
        expiry = self.tokens.get(value[len('Bearer '):])
        return expiry is not None and time.time() < expiry

    def _device_code(self):
        device_code, user_code = secrets.token_hex(20), '%04X-%04d' % (secrets.randbelow(65536),
                                                                       secrets.randbelow(10000))
        self.devices[device_code] = {'user_code': user_code, 'state': 'pending', 'last_poll': None, 'polls': 0,
                                     'expires_at': time.time() + self.device_expires_in}
        code = {'device_code': device_code, 'user_code': user_code, 'verification_uri': 'https://punchplay.tv/link',
                'expires_in': self.device_expires_in}
        if self.device_qr:
            code['verification_uri_qr'] = self.device_qr
        return 200, code, {}

    def _device_token(self, body):
        device = self.devices.get(body.get('device_code'))
        if device is None:
            return 400, {'error': 'invalid_device_code'}, {}
        if not body.get('device_id') or not body.get('device_name'):
            return 400, {'error': 'invalid_request'}, {}
        now = time.time()
        too_fast = device['last_poll'] is not None and now - device['last_poll'] < self.device_interval * 0.9
        device['last_poll'] = now
        device['polls'] += 1
        if self._device_script and device['polls'] >= self._device_script[0] and device['state'] == 'pending':
            device['state'] = self._device_script[1]
            if device['state'] == 'expired':
                device['expires_at'] = 0.0
        if now >= device['expires_at'] or device['state'] == 'used':
            return 400, {'error': 'expired'}, {}
        if too_fast:
            return 400, {'error': 'slow_down'}, {}
        if device['state'] == 'denied':
            return 400, {'error': 'access_denied'}, {}
        if device['state'] == 'approved':
            device['state'] = 'used'
            return 200, self._new_token(), {}
        return 400, {'error': 'authorization_pending'}, {}

    def _refresh(self, body, headers):
        if headers.get('authorization'):
            return 400, {'error': 'refresh takes no bearer token'}, {}
        refresh = body.get('refresh_token')
        if not self.refresh_tokens.get(refresh):
            return 401, {'error': 'invalid_grant'}, {}
        document = self._new_token()
        if self.rotate_refresh:
            self.refresh_tokens[refresh] = False
        else:
            del self.refresh_tokens[document.pop('refresh_token')]
        return 200, document, {}

    # ---- scrobbles ----------------------------------------------------------------------------------------

    def _scrobble(self, kind, body, headers):
        if not self._authorized(headers):
            return 401, {'error': 'unauthorized'}, {}
        if self._flapping is not None:
            self._flapping['fail_next'] = not self._flapping['fail_next']
            if not self._flapping['fail_next']:
                return self._flapping['status'], {'error': 'flapping'}, {}
        problems = payload_problems(kind, body)
        if problems:
            return 422, {'error': 'invalid payload', 'problems': problems}, {}
        if body['event_id'] in self._seen_events:
            return 200, {'ok': True, 'duplicate': True}, {}
        created, session = body.get('event_created_at'), body['playback_session_id']
        if created is not None and created <= self._last_created.get(session, 0):
            return 422, {'error': 'event_created_at is not after the previous event of its playback'}, {}
        if created is not None:
            self._last_created[session] = created
        self._seen_events.add(body['event_id'])
        self.scrobbles.append((kind, body))
        answer = {'ok': True}
        if kind == 'stop':
            answer['action'] = 'scrobble' if body['watched'] else 'progress_saved'
            answer.update(canonical_ids(body))
        return 200, answer, {}

    # ---- ratings (1.1+): sent at once by the client, never queued --------------------------------------------

    def _rate(self, body, headers):
        if not self._authorized(headers):
            return 401, {'error': 'unauthorized'}, {}
        if not isinstance(body, dict):
            return 400, {'error': 'the body is not a JSON object'}, {}
        problems = rate_problems(body)
        if problems:
            return 422, {'error': 'invalid rating', 'problems': problems}, {}
        if body['event_id'] not in self._seen_events:
            self._seen_events.add(body['event_id'])
            self.ratings.append(body)
        return 200, {'ok': True, 'rating': body['rating']}, {}


    # ---- library import (the watched marks of PunchPlay's client: live toggle push) ----------------------------

    def _import(self, body, headers):
        if not self._authorized(headers):
            return 401, {'error': 'unauthorized'}, {}
        entries = body.get('entries') if isinstance(body, dict) else None
        if not isinstance(entries, list) or not entries or set(body) != {'entries'}:
            return 400, {'error': 'entries must be a non-empty list'}, {}
        problems = [problem for entry in entries for problem in import_problems(entry)]
        if problems:
            return 422, {'error': 'invalid entries', 'problems': problems}, {}
        self.imports.extend(entries)
        return 200, {'imported': len(entries), 'skipped_duplicates': 0, 'unmatched': 0, 'failed': 0,
                     'items': [{'status': 'imported'} for _ in entries]}, {}


    # ---- pull sync (punchplay-api.md 4.1: one answer, no pages) -----------------------------------------------

    def _sync(self, since, headers):
        if not self._authorized(headers):
            return 401, {'error': 'unauthorized'}, {}
        if since is not None and not since[0].isdigit():
            return 400, {'error': 'since must be epoch milliseconds'}, {}
        since = int(since[0]) if since else None
        self.sync_sinces.append(since)
        answer = {'movies': [], 'episodes': [], 'in_progress': []}
        for list_name, item, changed in self.sync_items:
            if since is None or changed >= since:
                answer[list_name].append(dict(item))
        return 200, answer, {}


def _sync_identity(item):
    return tuple(item.get(key) for key in ('media_type', 'tmdb_id', 'imdb_id', 'show_tmdb_id', 'show_imdb_id',
                                           'season', 'episode'))


IMPORT_KEYS = {'media_type': (str,), 'title': (str,), 'year': (int,), 'imdb_id': (str,), 'tmdb_id': (int,),
               'season': (int,), 'episode': (int,), 'playcount': (int,), 'watched_at': (str,), 'anime': (bool,)}


def key_problems(body, allowed) -> list:
    """Unknown keys, nulls and values of another type than `allowed` ({key: types}) says; a bool is no int."""
    problems = []
    for key, value in body.items():
        if key not in allowed:
            problems.append('unknown key %s' % key)
        elif value is None:
            problems.append('%s is null' % key)
        elif not isinstance(value, allowed[key]) or (isinstance(value, bool) and bool not in allowed[key]):
            problems.append('%s has type %s' % (key, type(value).__name__))
    return problems


def import_problems(entry) -> list:
    """Everything wrong with one entry of /api/scrobble/import (a movie or an episode, an id, a play count)."""
    if not isinstance(entry, dict):
        return ['an entry is not an object']
    problems = key_problems(entry, IMPORT_KEYS)
    if problems:
        return problems
    if entry.get('media_type') not in ('movie', 'episode'):
        problems.append('media_type %r' % entry.get('media_type'))
    if 'imdb_id' not in entry and 'tmdb_id' not in entry:
        problems.append('an entry without imdb_id or tmdb_id')
    if entry.get('media_type') == 'episode' and ('season' not in entry or 'episode' not in entry):
        problems.append('an episode without season and episode')
    if entry.get('playcount', 0) < 1:
        problems.append('playcount below 1')
    return problems


def payload_problems(kind, body) -> list:
    """Everything wrong with a scrobble payload (empty when it is exactly the contract's shape)."""
    if not isinstance(body, dict):
        return ['the body is not a JSON object']
    problems = []
    allowed = dict(REQUIRED_KEYS, **OPTIONAL_KEYS)
    if kind == 'stop':
        allowed.update(watched=(bool,), watched_threshold=(int, float))
        if 'watched' not in body:
            problems.append('stop without watched')
    problems.extend('missing %s' % key for key in REQUIRED_KEYS if key not in body)
    problems.extend(key_problems(body, allowed))
    if problems:
        return problems
    if body['media_type'] not in ('movie', 'episode'):
        problems.append('media_type %r' % body['media_type'])
    if not 0.0 <= body['progress'] <= 1.0:
        problems.append('progress %r outside 0..1' % body['progress'])
    if body['media_type'] == 'movie' and ('season' in body or 'episode' in body):
        problems.append('a movie with season/episode')
    if body['media_type'] == 'episode' and 'episode' not in body:
        problems.append('an episode without its number')
    if 'imdb_id' in body and not re.match(r'^tt\d+$', body['imdb_id']):
        problems.append('imdb_id %r' % body['imdb_id'])
    problems.extend(later_field_problems(body))
    return problems


def later_field_problems(body) -> list:
    """The fields of §5.2: a threshold in 0..1, episode fields only on episodes, a multi-episode range."""
    problems = []
    if not 0.0 <= body.get('watched_threshold', 0.0) <= 1.0:
        problems.append('watched_threshold %r outside 0..1' % body['watched_threshold'])
    if body['media_type'] == 'movie':
        problems.extend('a movie with %s' % key for key in ('episode_title', 'episode_end', 'multi_episode',
                                                             'absolute_episode') if key in body)
    if body.get('multi_episode') and 'episode_end' not in body:
        problems.append('multi_episode without episode_end')
    if 'episode_end' in body and body['episode_end'] <= body.get('episode', body['episode_end']):
        problems.append('episode_end %r not after episode' % body['episode_end'])
    if body.get('event_created_at', 1) <= 0:
        problems.append('event_created_at %r is no epoch ms' % body['event_created_at'])
    return problems


def canonical_ids(body) -> dict:
    """The ids a stop's answer names: the ones sent, and PunchPlay's own id for the title (stable per title)."""
    found = {key: body[key] for key in ('tmdb_id', 'tvdb_id', 'imdb_id') if key in body}
    found['punchplay_id'] = 'pp-%s' % (body.get('imdb_id') or body.get('tmdb_id') or body['title'].lower())
    return found


def rate_problems(body) -> list:
    """Everything wrong with a rating: exactly the §5.2 keys, a rating 1..10, an id, an episode's numbers."""
    problems = ['missing %s' % key for key in ('media_type', 'rating', 'event_id', 'client_version')
                if key not in body]
    problems.extend(key_problems(body, RATE_KEYS))
    if problems:
        return problems
    if body['media_type'] not in ('movie', 'episode'):
        problems.append('media_type %r' % body['media_type'])
    if not 1 <= body['rating'] <= 10:
        problems.append('rating %r outside 1..10' % body['rating'])
    if not any(key in body for key in ('tmdb_id', 'tvdb_id', 'imdb_id', 'punchplay_id')):
        problems.append('no id')
    if 'imdb_id' in body and not re.match(r'^tt\d+$', body['imdb_id']):
        problems.append('imdb_id %r' % body['imdb_id'])
    if body['media_type'] == 'movie' and any(key in body for key in ('season', 'episode', 'absolute_episode')):
        problems.append('a movie with episode numbers')
    if body['media_type'] == 'episode' and 'episode' not in body and 'absolute_episode' not in body:
        problems.append('an episode without its number')
    return problems
