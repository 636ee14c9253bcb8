"""The Trakt API client: headers, tokens, refresh with rotation, rate limits, pagination (trakt-api.md).

- Tokens live in TokenStore(profile, 'trakt') (0600). Expiry is created_at + expires_in from the token answer.
- A token close to expiry is refreshed before use, and a 401 triggers one refresh and one retry. Refresh is
  serialised across Kodi processes with the store's lock, and the stored token is read again under the lock:
  refresh tokens are single use, so a process that finds a newer token than the one it used takes that instead.
- invalid_grant marks the stored token "reauth_required": no further calls until the user logs in again.
- Retries are urllib3's, mounted on the session (addon/trakt/retry.py): 429 waits Retry-After (capped) and
  retries; GETs retry 5xx twice with a short back-off; writes never retry after a failure that may have reached
  the server (the outbox decides). Every wait ends when Kodi quits (addon.platform.abort).
- Writes (POST/PUT/DELETE) are paced to one per second across processes. A paced write that meets a 429 waits its
  Retry-After inside its turn (only callers that wait on rate limits: the outbox sender does not).
"""
from __future__ import annotations

import functools
import time
from contextlib import ExitStack, contextmanager
from urllib.parse import urlsplit

from addon import kodi
from addon.platform import abort, http, settings
from addon.platform.http import HttpFailure
from addon.platform.tokenstore import LockTimeout, TokenStore

API_VERSION = '2'
DEFAULT_API_URL = 'https://api.trakt.tv'
REDIRECT_URI = 'urn:ietf:wg:oauth:2.0:oob'
DEFAULT_TIMEOUT = 20
MAX_RETRY_AFTER = 60
WRITE_INTERVAL = 1.0
REFRESH_MARGIN_MAX = 3600
PAGE_LIMIT = 250
MAX_PAGES = 500
# Tokens travel to the API address: https only, plain http only for a server on this computer (tests, development).
LOOPBACK_HOSTS = ('127.0.0.1', 'localhost', '::1')
MISSING_CREDENTIALS_MESSAGE = 30707
BAD_API_URL_MESSAGE = 31300


class NotConfigured(Exception):
    """No Trakt client id / secret in the settings, or an API address that is not https. `message_id`: the
    localized text telling the user what to fix."""

    def __init__(self, reason, message_id=MISSING_CREDENTIALS_MESSAGE):
        super().__init__(reason)
        self.message_id = message_id


class NotAuthorized(Exception):
    """No usable token: never logged in, logged out, or Trakt refused the refresh (the user must log in again)."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def expires_at(token) -> float:
    return float(token.get('created_at', 0)) + float(token.get('expires_in', 0))


def needs_refresh(token, now) -> bool:
    """True when less than 10 % of the token's lifetime (at most one hour) is left."""
    margin = min(float(token.get('expires_in', 0)) * 0.1, REFRESH_MARGIN_MAX)
    return now >= expires_at(token) - margin


def token_store(folder=None) -> TokenStore:
    return TokenStore(folder or kodi.profile_dir(), 'trakt')


class WritePacer:
    """At most one write per `interval` seconds across every Kodi process. The end of the last write is kept in a
    small 0600 file next to the token; a write waits for its turn and holds the file's cross-process lock while it
    is sent, so writes never overlap and the next one is measured from when the previous one was answered."""

    def __init__(self, folder, interval):
        self._store = TokenStore(folder, 'trakt_write_pace')
        self.interval = interval

    @contextmanager
    def turn(self, sleep):
        with ExitStack() as held:
            try:
                held.enter_context(self._store.lock())
            except LockTimeout:
                kodi.log('Trakt write pacing lock busy; writing anyway', 'warning')
            delay = float(self._store.load().get('last_write', 0.0)) + self.interval - time.time()
            if delay > 0:
                sleep(delay)
            try:
                yield
            finally:
                self._store.save({'last_write': time.time()})


class TraktClient:
    def __init__(self, api_url=None, client_id=None, client_secret=None, folder=None, timeout=None,
                 write_interval=None, max_retry_after=MAX_RETRY_AFTER, sleep=abort.wait, cache_rules=None):
        """cache_rules: GETs answered from the Trakt response cache by these requests-cache URL rules
        (addon.platform.http.api_cache_session; the discover lists and the calendar), none when None."""
        folder = folder or kodi.profile_dir()
        self.api_url = (api_url if api_url is not None else _setting_api_url()).rstrip('/')
        self.client_id = client_id if client_id is not None else _setting('trakt_client_id')
        self._client_secret = client_secret
        self.store = token_store(folder)
        self.pacer = WritePacer(folder, WRITE_INTERVAL if write_interval is None else write_interval)
        self.timeout = timeout if timeout is not None else _setting_timeout()
        self.sleep = sleep
        # waiting on rate limits, and not (callers that handle a 429 themselves)
        self.session = _session(sleep, max_retry_after, True) if cache_rules is None else \
            http.api_cache_session('trakt', cache_rules, _retry(sleep, max_retry_after, True))
        self._session_no_wait = _session(sleep, max_retry_after, False)

    @property
    def client_secret(self) -> str:
        if self._client_secret is None:
            self._client_secret = settings.secret_text('trakt_client_secret')
        return self._client_secret

    def require_credentials(self):
        checked_api_url(self.api_url)
        if not self.client_id or not self.client_secret:
            raise NotConfigured('Trakt client id or secret missing')

    # ---- tokens -------------------------------------------------------------------------------------------

    def stored_token(self) -> dict:
        """The stored token document; NotAuthorized when there is none or it needs a new login."""
        token = self.store.load()
        if not token.get('access_token'):
            raise NotAuthorized('not logged in')
        if token.get('reauth_required'):
            raise NotAuthorized('login expired')
        return token

    def access_token(self) -> str:
        token = self.stored_token()
        if needs_refresh(token, time.time()):
            try:
                token = self.refresh(token['access_token'])
            except HttpFailure:
                if time.time() >= expires_at(token):
                    raise
                kodi.log('Trakt token refresh failed; the current token is still valid', 'warning')
        return token['access_token']

    def refresh(self, used_access_token) -> dict:
        """A fresh token, refreshing at most once across processes. `used_access_token`: the token the caller
        found too old or was refused with; if the store already holds a different, valid one, that is returned."""
        self.require_credentials()
        with self.store.lock():
            token = self.stored_token()
            if token['access_token'] != used_access_token and not needs_refresh(token, time.time()):
                return token
            body = {'refresh_token': token.get('refresh_token'), 'client_id': self.client_id,
                    'client_secret': self.client_secret, 'redirect_uri': REDIRECT_URI,
                    'grant_type': 'refresh_token'}
            response = self._send('POST', '/oauth/token', body=body, headers=self._headers(None),
                                  wait_on_rate_limit=False)
            if response.status_code in (400, 401):
                token['reauth_required'] = True
                self.store.save(token)
                kodi.log('Trakt refused the token refresh (HTTP %d): a new login is needed'
                         % response.status_code, 'warning')
                raise NotAuthorized('refresh refused')
            fresh = http.json_of(response)
            if not isinstance(fresh, dict) or not isinstance(fresh.get('access_token'), str) or \
                    not fresh['access_token']:
                raise HttpFailure('invalid_json', 'the token answer has no access token')
            fresh['username'] = token.get('username')
            fresh.setdefault('created_at', int(time.time()))
            self.store.save(fresh)
            kodi.log('Trakt token refreshed', 'info')
            return fresh

    def save_new_token(self, token, username=None):
        token = dict(token)
        token.setdefault('created_at', int(time.time()))
        if username:
            token['username'] = username
        with self.store.lock():
            self.store.save(token)

    # ---- requests -----------------------------------------------------------------------------------------

    def _headers(self, access_token):
        headers = {'Content-Type': 'application/json', 'trakt-api-key': self.client_id,
                   'trakt-api-version': API_VERSION}
        if access_token:
            headers['Authorization'] = 'Bearer %s' % access_token
        return headers

    def _send(self, method, path, params=None, body=None, headers=None, wait_on_rate_limit=True):
        return http.request(self.session if wait_on_rate_limit else self._session_no_wait, method,
                            self.api_url + path, self.timeout, params=params, json=body, headers=headers)

    def request(self, method, path, params=None, body=None, auth=True, wait_on_rate_limit=True):
        """The Trakt response (any status) after refresh-on-401 and the session's retries (Retry-After waits,
        GET retries).

        Raises NotAuthorized, NotConfigured, or HttpFailure (offline / timeout / aborted) when nothing was answered.
        """
        checked_api_url(self.api_url)
        if not self.client_id:
            raise NotConfigured('Trakt client id missing')
        access_token = self.access_token() if auth else None
        for attempt in range(2):
            if auth and method != 'GET':
                with self.pacer.turn(self.sleep):
                    response = self._send(method, path, params, body, self._headers(access_token),
                                          wait_on_rate_limit)
            else:
                response = self._send(method, path, params, body, self._headers(access_token), wait_on_rate_limit)
            if response.status_code != 401 or not auth or _private_profile(response):
                return response
            if attempt:
                raise NotAuthorized('refused after refresh')
            access_token = self.refresh(access_token)['access_token']

    def get(self, path, params=None, auth=True):
        """Decoded JSON of a 200 answer; HttpFailure otherwise."""
        return http.json_of(self.request('GET', path, params=params, auth=auth))

    def post(self, path, body, auth=True):
        return http.json_of(self.request('POST', path, body=body, auth=auth), ok_statuses=(200, 201, 204))

    def get_page(self, path, page, limit, params=None, auth=True):
        """One page of a list endpoint: (its items, whether another page follows). The next page is told by
        X-Pagination-Page-Count or, when the header is missing, by a full page."""
        query = dict(params or {})
        query.update({'page': page, 'limit': limit})
        response = self.request('GET', path, params=query, auth=auth)
        data = http.json_of(response)
        if not isinstance(data, list):
            raise HttpFailure('invalid_json', '%s did not answer a list' % path)
        page_count = _int_header(response, 'X-Pagination-Page-Count')
        if page_count is not None:
            return data, page < page_count
        return data, len(data) >= (_int_header(response, 'X-Pagination-Limit') or limit)

    def get_all(self, path, params=None, limit=PAGE_LIMIT, auth=True) -> list:
        """Every page of a list endpoint (2026 forced pagination): follows X-Pagination-Page-Count, or keeps going
        until a short or empty page when the header is missing."""
        items, page = [], 1
        while True:
            data, more = self.get_page(path, page, limit, params, auth)
            items.extend(data)
            if not more:
                return items
            page += 1
            if page > MAX_PAGES:
                kodi.log('%s: stopped after %d pages' % (path, MAX_PAGES), 'warning')
                return items


def _session(wait, max_retry_after, rate_limit):
    """The session of one retry policy, shared by every client with that policy (and its connections)."""
    return http.plain_session('trakt', _retry(wait, max_retry_after, rate_limit))


@functools.lru_cache(maxsize=None)
def _retry(wait, max_retry_after, rate_limit):
    """The same TraktRetry object for a policy each time: the http layer keeps one session per name and Retry."""
    # urllib3 only when a client is made: the Trakt menu and the list views read the token file alone. The HTTP
    # stack is imported first under the http layer's lock (threads importing urllib3 at once break its import).
    http.requests_module()
    from addon.trakt.retry import TraktRetry
    return TraktRetry(wait=wait, max_wait=max_retry_after, rate_limit=rate_limit)


def _private_profile(response) -> bool:
    return response.headers.get('x-private-user', '').lower() == 'true'


def _int_header(response, name):
    try:
        return int(response.headers[name])
    except (KeyError, ValueError):
        return None


def _setting(setting_id) -> str:
    return settings.text(setting_id)


def _setting_api_url() -> str:
    return _setting('trakt_api_url') or DEFAULT_API_URL


def checked_api_url(value) -> str:
    """The API address (blank: Trakt's own) when it is https without user info (plain http only for this
    computer); NotConfigured otherwise."""
    value = (value or '').strip().rstrip('/') or DEFAULT_API_URL
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:  # e.g. an unbalanced '['
        host = None
    if not host or parts.username or parts.password or not (
            parts.scheme == 'https' or (parts.scheme == 'http' and host in LOOPBACK_HOSTS)):
        raise NotConfigured('the Trakt API address is not an https address', BAD_API_URL_MESSAGE)
    return value


def _setting_timeout() -> int:
    try:
        return settings.request_timeout()
    except settings.BadSetting:
        return DEFAULT_TIMEOUT
