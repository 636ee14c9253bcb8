"""Remove secrets from any text before it reaches a log, an exception or the screen.

Two mechanisms: patterns for the shapes secrets take (AIOStreams credential paths, playback URLs, auth headers,
token fields), and exact values registered at run time (tokens, client secrets, manifest URL parts).
Pure module: no Kodi import.
"""
from __future__ import annotations

import re
import threading

REDACTED = '<redacted>'
_MIN_SECRET_LENGTH = 6

_PATTERNS = (
    # /stremio/<uuid>/<encryptedPassword>/... and the alias form /stremio/u/<alias>/...
    (re.compile(r'(/stremio/)(?!configure\b|manifest\.json)(u/[^/?#\s]+|[^/?#\s]+/[^/?#\s]+)', re.I),
     r'\1' + REDACTED),
    # AIOStreams playback and proxy URLs embed an encrypted store-auth blob
    (re.compile(r'(/api/v1/(?:debrid/playback|proxy)/)[^\s"\'<>]+', re.I), r'\1' + REDACTED),
    (re.compile(r'((?:authorization|x-aiostreams-user-data)["\']?\s*[:=]\s*["\']?)(?:(?:basic|bearer)\s+)?'
                r'[^\s,;"\'}]+', re.I),
     r'\1' + REDACTED),
    (re.compile(r'(["\']?(?:access_token|refresh_token|client_secret|password|device_code|code|token)["\']?'
                r'\s*[:=]\s*["\']?)[^"\'&\s,}]+', re.I), r'\1' + REDACTED),
    (re.compile(r'([?&](?:uuid|password|token|access_token|api_key)=)[^&#\s]+', re.I), r'\1' + REDACTED),
)

# Never a secret however it arrives: blanks, slashes, or a bare URL scheme ('https://'), which would redact every URL.
_NO_SECRET = re.compile(r'^\s*(?:[a-z][a-z0-9+.-]*:)?[/\s]*$', re.I)

_secrets: set = set()
_lock = threading.Lock()


def register_secret(value):
    """Remember an exact secret value so that redact() removes it wherever it appears."""
    if isinstance(value, str) and len(value) >= _MIN_SECRET_LENGTH and not _NO_SECRET.match(value):
        with _lock:
            _secrets.add(value)


def forget_secrets():
    with _lock:
        _secrets.clear()


def redact(text) -> str:
    """Return `text` (any object, converted with str) with every known secret replaced."""
    text = text if isinstance(text, str) else str(text)
    with _lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, REDACTED)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text
