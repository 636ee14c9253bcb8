"""The AIOStreams REST API `/api/v1` (aiostreams-api.md §9): search, user (set up from name + password), status.

Nothing here is cached. /api/v1/search authenticates with Basic uuid:encryptedPassword taken from the manifest URL
and reads the config variant only from its `v` parameter (§1.2 point 8), so every search carries the selector of
the user's URL, whichever form it came in.
"""
from __future__ import annotations

import base64
from urllib.parse import urljoin

from addon.backend.outcome import (
    BAD_SETTING,
    EMPTY,
    HTTP_ERROR,
    INVALID_JSON,
    OK,
    UNCONFIGURED,
    Outcome,
    envelope_error,
    list_of,
    live_get,
    stream_timeout,
    stream_user_agent,
    with_base,
)
from addon.core import manifest_url
from addon.core.redact import register_secret
from addon.platform import http, settings


def _basic(user, password) -> str:
    register_secret(password)
    token = base64.b64encode(('%s:%s' % (user, password)).encode('utf-8')).decode('ascii')
    register_secret(token)
    return 'Basic ' + token


def _api_outcome(data, response, url):
    """Unwrap the {success, detail, error, data} envelope of a 200 answer."""
    if response is None:
        return data
    if not isinstance(data, dict) or 'success' not in data:
        return Outcome(INVALID_JSON, raw=data, message='not an API envelope', url=url)
    if not data.get('success'):
        code, errors = envelope_error(data)
        return Outcome(HTTP_ERROR, status=response.status_code, code=code, errors=errors, raw=data, url=url)
    return Outcome(OK, data=data.get('data'), raw=data, url=url)


def search_credentials(base):
    """(uuid, encryptedPassword) for /api/v1/search. The alias form learns them from its redirect target."""
    if base.uuid and base.password:
        return base.uuid, base.password
    if not base.alias:
        return None
    url = manifest_url.manifest_url(base)
    try:
        response = http.request(http.plain_session('aiostreams-live'), 'GET', url, settings.request_timeout(),
                                allow_redirects=False)
    except (http.HttpFailure, settings.BadSetting):
        return None
    target = response.headers.get('Location') or ''
    resolved = manifest_url.parse(urljoin(url, target)) if target else None
    if resolved is None or not resolved.uuid:
        return None
    register_secret(resolved.password)
    return resolved.uuid, resolved.password


def search(content_type, item_id, required_fields=('url',), formatted=True, base=None):
    """GET /api/v1/search (Basic uuid:encryptedPassword, &v=<selector> when the URL names a variant):
    data = {results, filtered, statistics, errors}; the upstream errors' descriptions are copied to
    Outcome.errors. A server that refuses the variant answers an error outcome: the search is never repeated
    without it (that would silently run the base config)."""
    base = with_base(base)
    if isinstance(base, Outcome):
        return base
    credentials = search_credentials(base)
    if credentials is None:
        return Outcome(UNCONFIGURED, message='no uuid/password in the manifest URL for /api/v1/search')
    params = [('type', content_type), ('id', item_id)] + [('requiredFields', name) for name in required_fields]
    if formatted:
        params.append(('format', 'true'))
    selector = manifest_url.variant(base)
    if selector:
        params.append(('v', selector))
    url = manifest_url.api_url(base, 'search')
    try:
        timeout = stream_timeout()
    except settings.BadSetting as bad:
        return Outcome(BAD_SETTING, errors=[bad.message], message=bad.message)
    data, response = live_get(url, timeout, params=params,
                              headers={'Authorization': _basic(*credentials), 'User-Agent': stream_user_agent()})
    result = _api_outcome(data, response, url)
    if result.kind == OK:
        payload = result.data if isinstance(result.data, dict) else {}
        result.errors = [str(error.get('description') or error.get('title') or '')
                         for error in list_of(payload, 'errors') if isinstance(error, dict)]
        result.notes = [str(stat.get('description') or '') for stat in list_of(payload, 'statistics')
                        if isinstance(stat, dict)]
        if not payload.get('results'):
            result.kind = EMPTY
    return result


def fetch_user(host, user, password, legacy_query=False):
    """GET /api/v1/user with the RAW password: Basic auth (current servers), or the older ?uuid=&password= form
    when legacy_query. `user` is the config's uuid or its alias (§1.2 point 9). data = {'manifest_url',
    'encrypted_password'}; the URL names the uuid the server reports, so an alias gives the credentialed form."""
    register_secret(user)
    register_secret(password)
    url = '%s/api/v1/user' % host.rstrip('/')
    if legacy_query:
        data, response = live_get(url, params={'uuid': user, 'password': password})
    else:
        data, response = live_get(url, headers={'Authorization': _basic(user, password)})
    result = _api_outcome(data, response, url)
    if result.kind != OK:
        return result
    payload = result.data if isinstance(result.data, dict) else {}
    encrypted = payload.get('encryptedPassword')
    if not encrypted:
        return Outcome(INVALID_JSON, raw=data, message='user answer without encryptedPassword', url=url)
    register_secret(encrypted)
    user_data = payload.get('userData') if isinstance(payload.get('userData'), dict) else {}
    uuid = str(user_data.get('uuid') or user)
    return Outcome(OK, data={'encrypted_password': encrypted,
                             'manifest_url': manifest_url.manifest_from_credentials(host, uuid, encrypted)},
                   url=url)


def needs_legacy_user_api(outcome) -> bool:
    """A server that predates Basic auth on /api/v1/user answers 400 MISSING_REQUIRED_FIELDS (§9 step 2). A current
    server answers 400 BAD_REQUEST to a Basic header with an empty name or password: not a reason to send the
    password in a query string."""
    return outcome.kind == HTTP_ERROR and outcome.status == 400 and outcome.code == 'MISSING_REQUIRED_FIELDS'


def fetch_status(api_root):
    """GET /api/v1/status (no auth, never cached): data = {version, tag, channel, settings: {...}, ...}."""
    url = '%s/api/v1/status' % api_root.rstrip('/')
    data, response = live_get(url)
    return _api_outcome(data, response, url)
