"""What to tell the user about an AIOStreams outcome: one localized sentence per failure kind."""
from __future__ import annotations

from addon import kodi
from addon.backend import aiostreams

NOT_SET_MESSAGE = 30012


def message_for(outcome) -> str:
    """A localized sentence for a failed (or error-item carrying) outcome."""
    kind = outcome.kind
    if kind == aiostreams.NOT_SET:
        return kodi.localize(NOT_SET_MESSAGE)
    if kind == aiostreams.BAD_URL:
        return kodi.localize(30320)
    if kind == aiostreams.UNCONFIGURED:
        return kodi.localize(30321)
    if kind == aiostreams.OFFLINE:
        return kodi.localize(30322)
    if kind == aiostreams.TIMEOUT:
        return kodi.localize(30323)
    if kind == aiostreams.INVALID_JSON:
        return kodi.localize(30324)
    if kind == aiostreams.BAD_SETTING:
        return outcome.errors[0] if outcome.errors else kodi.localize(30013)
    if kind == aiostreams.BAD_VARIANT:
        return kodi.localize(30331, '; '.join(_unique(outcome.errors)) or '-')
    if kind == aiostreams.HTTP_ERROR:
        return _http_message(outcome)
    if outcome.errors:
        return kodi.localize(30330, '; '.join(_unique(outcome.errors))[:300])
    return kodi.localize(30013)


def _http_message(outcome):
    detail = '; '.join(_unique(outcome.errors)) or '-'
    if outcome.status == 429 or outcome.code == 'RATE_LIMIT_EXCEEDED':
        return kodi.localize(30325)
    if outcome.status in (400, 401, 403, 404) and outcome.code in ('USER_INVALID_DETAILS', 'UNAUTHORIZED',
                                                                   'ENCRYPTION_ERROR', 'USER_NOT_FOUND'):
        return kodi.localize(30326, detail)
    if outcome.status == 404:
        return kodi.localize(30327)
    if outcome.status and outcome.status >= 500:
        return kodi.localize(30328, outcome.status)
    return kodi.localize(30329, outcome.status or 0, detail)


def _unique(values):
    seen = []
    for value in values:
        if value and value not in seen:
            seen.append(value)
    return seen


def report(outcome, interactive=True):
    """Log a failed outcome and, on interactive routes, show its message (widgets never get popups)."""
    message = message_for(outcome)
    kodi.log('AIOStreams %s: %s' % (outcome.kind, outcome.message or message), 'warning')
    if interactive:
        kodi.notify(message, icon='error' if outcome.kind not in (aiostreams.NOT_SET,) else 'warning')


def report_item_errors(outcome, interactive=True):
    """Error items that came along with real content (upstream addon failures): tell, but keep the content."""
    if not outcome.errors:
        return
    message = kodi.localize(30330, '; '.join(_unique(outcome.errors))[:300])
    kodi.log('AIOStreams error items: %s' % message, 'warning')
    if interactive:
        kodi.notify(message, icon='warning')
