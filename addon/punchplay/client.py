"""The PunchPlay.tv API client: base URL rules, tokens (profile file, 0600), device id, and JSON POST/GET with one
refresh-and-retry on 401 under a lock shared by every Kodi process (refresh tokens may rotate)."""
from __future__ import annotations

import os
import uuid
from urllib.parse import urlsplit

from addon import kodi
from addon.platform import http
from addon.platform.tokenstore import TokenStore

DEFAULT_URL = 'https://punchplay.tv'
TIMEOUT_SECONDS = 15
# Plain http is accepted only for a server on this machine (self-hosting, tests); anything else must be https.
LOOPBACK_HOSTS = ('127.0.0.1', 'localhost', '::1')
DEVICE_ID_FILE = 'punchplay_device_id'


class BadUrl(Exception):
    """The PunchPlay address setting is not a usable https URL."""


def checked_base_url(value) -> str:
    """The API base from the setting: blank means the default; https only (http only for loopback), no userinfo."""
    value = (value or '').strip().rstrip('/') or DEFAULT_URL
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:  # e.g. an unbalanced '[' (IPv6 syntax)
        raise BadUrl(value) from None
    if parts.username or parts.password or not host:
        raise BadUrl(value)
    if parts.scheme != 'https' and not (parts.scheme == 'http' and host in LOOPBACK_HOSTS):
        raise BadUrl(value)
    return '%s://%s%s' % (parts.scheme, parts.netloc, parts.path)


def token_store() -> TokenStore:
    return TokenStore(kodi.profile_dir(), 'punchplay')


def is_authenticated(tokens) -> bool:
    return bool(tokens.get('access_token')) and not tokens.get('reauth_required')


def account_of(tokens) -> str:
    """The account name kept with the tokens ('' when the server never told it)."""
    return tokens.get('username') or ''


def device_id() -> str:
    """A uuid4 kept for this Kodi install (survives logout), in a 0600 file in the profile."""
    path = os.path.join(kodi.profile_dir(), DEVICE_ID_FILE)
    try:
        with open(path, encoding='utf-8') as handle:
            value = handle.read().strip()
        if value:
            return value
    except OSError:
        pass
    value = str(uuid.uuid4())
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, 'w', encoding='utf-8') as handle:
        handle.write(value)
    return value


def from_settings():
    """A client for the configured server (raises BadUrl)."""
    return Client(checked_base_url(kodi.get_string('punchplay_url')), token_store())


class Client:
    def __init__(self, base_url, store):
        self.base_url = base_url
        self.store = store
        self.session = http.plain_session('punchplay')

    def tokens(self) -> dict:
        return self.store.load()

    def post(self, path, body, auth=True):
        """POST JSON; returns the requests.Response (any status) or raises http.HttpFailure (network)."""
        return self._call('POST', path, body, auth)

    def get(self, path, auth=True):
        return self._call('GET', path, None, auth)

    def _call(self, method, path, body, auth):
        access = self.tokens().get('access_token') if auth else None
        response = self._send(method, path, body, access)
        if response.status_code == 401 and access and self.refresh(access):
            response = self._send(method, path, body, self.tokens().get('access_token'))
        return response

    def _send(self, method, path, body, access):
        headers = {'Content-Type': 'application/json', 'Accept': 'application/json'}
        if access:
            headers['Authorization'] = 'Bearer %s' % access
        return http.request(self.session, method, self.base_url + path, TIMEOUT_SECONDS, json=body,
                            headers=headers)

    def refresh(self, rejected_access) -> bool:
        """Get a new access token after `rejected_access` got a 401. True when a usable new token is stored.

        Under the cross-process lock, the tokens are read again first: when another process already refreshed,
        its token is used as is. A refused refresh marks the account "re-auth required" (no more sends until the
        user logs in again); a network failure raises http.HttpFailure and leaves everything as it was.
        """
        with self.store.lock():
            tokens = self.tokens()
            if not tokens.get('access_token'):
                return False  # logged out meanwhile
            if tokens['access_token'] != rejected_access:
                return is_authenticated(tokens)
            if not tokens.get('refresh_token'):
                self._require_reauth(tokens)
                return False
            response = self._send('POST', '/api/auth/refresh', {'refresh_token': tokens['refresh_token']}, None)
            if response.status_code >= 500 or response.status_code == 429:
                raise http.HttpFailure('status', 'refresh: HTTP %d' % response.status_code,
                                       status=response.status_code)
            fresh = _json_or_empty(response) if response.status_code == 200 else {}
            if not fresh.get('access_token'):
                kodi.log('PunchPlay refused the token refresh (HTTP %d)' % response.status_code, 'warning')
                self._require_reauth(tokens)
                return False
            merged = dict(tokens)
            merged.update(fresh)  # a response without refresh_token keeps the old one
            merged.pop('reauth_required', None)
            self.store.save(merged)
            return True

    def _require_reauth(self, tokens):
        if tokens.get('reauth_required'):
            return
        tokens['reauth_required'] = True
        self.store.save(tokens)
        kodi.notify(kodi.localize(30915), heading=kodi.localize(30900), icon='warning')


def _json_or_empty(response) -> dict:
    try:
        data = http.json_of(response)
    except http.HttpFailure:
        return {}
    return data if isinstance(data, dict) else {}
