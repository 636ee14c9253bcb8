"""Check a stream URL before Kodi gets it: AIOStreams answers a failed debrid resolve with a 307 to a playable
/static/<reason>.mp4 clip, which Kodi would happily "play" (aiostreams-api.md §10).

One GET with redirects disabled, the stream's proxy request headers, a short timeout; only the status line and
headers are read, then the connection is closed.
"""
from __future__ import annotations

import posixpath
from urllib.parse import urljoin, urlsplit

from addon.platform import http

CHECK_TIMEOUT_SECONDS = 20   # the server resolves the file with the debrid service before it answers
OK = 'ok'
FAILED = 'failed'
UNKNOWN = 'unknown'          # no answer in time: let Kodi try (a slow resolve is not a failure)

# Known failure clips -> string id of the reason shown to the user.
CLIP_REASONS = {
    'downloading': 30540, 'download_failed': 30541, 'no_matching_file': 30542, 'store_limit_exceeded': 30543,
    'payment_required': 30544, 'content_proxy_limit_reached': 30545, 'unavailable_for_legal_reasons': 30546,
    '401': 30547, '403': 30548, '429': 30549, '500': 30550,
}


class Verdict:
    """status: ok | failed | unknown; clip: failure clip name; detail: what went wrong (for the reason text)."""

    __slots__ = ('status', 'clip', 'detail')

    def __init__(self, status, clip=None, detail=None):
        self.status, self.clip, self.detail = status, clip, detail

    def __repr__(self):
        return 'Verdict(%s, clip=%s, detail=%s)' % (self.status, self.clip, self.detail)


def failure_clip(location, request_url) -> str | None:
    """The clip name when a redirect target is an AIOStreams /static/*.mp4 failure clip, else None."""
    path = urlsplit(urljoin(request_url, location or '')).path
    if not path.startswith('/static/'):
        return None
    name = posixpath.basename(path)
    return name[:-4] if name.lower().endswith('.mp4') else name


def verdict_for(status_code, location, request_url) -> Verdict:
    """Pure decision from the first answer's status and Location header."""
    if 300 <= status_code < 400:
        clip = failure_clip(location, request_url)
        return Verdict(FAILED, clip=clip) if clip else Verdict(OK)
    if status_code in (200, 206):
        return Verdict(OK)
    return Verdict(FAILED, detail='HTTP %d' % status_code)


def check(url, headers=None, timeout=CHECK_TIMEOUT_SECONDS) -> Verdict:
    """Ask the stream URL where it leads, without following it and without downloading media."""
    if not url.lower().startswith(('http://', 'https://')):
        return Verdict(UNKNOWN, detail='not an HTTP URL')
    session = http.plain_session('stream-check')
    request_headers = dict(headers or {})
    request_headers.setdefault('Range', 'bytes=0-0')
    try:
        response = http.request(session, 'GET', url, timeout, allow_redirects=False, stream=True,
                                headers=request_headers)
    except http.HttpFailure as failure:
        if failure.kind == 'timeout':
            return Verdict(UNKNOWN, detail=str(failure))
        return Verdict(FAILED, detail=str(failure))
    try:
        return verdict_for(response.status_code, response.headers.get('Location'), url)
    finally:
        response.close()


def reason_text(verdict, localize) -> str:
    """A localized reason for a failed verdict (localize: the Kodi door's string lookup)."""
    if verdict.clip:
        string_id = CLIP_REASONS.get(verdict.clip)
        return localize(string_id) if string_id else localize(30551, verdict.clip)
    return localize(30552, verdict.detail or '?')
