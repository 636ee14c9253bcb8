"""Typed access to the addon's settings, with range checks and secret registration at the point of use."""
from __future__ import annotations

from addon import kodi
from addon.core import manifest_url
from addon.core.redact import register_secret

QUALITIES = ('240p', '360p', '480p', '720p', '1080p', '4k')


class BadSetting(Exception):
    """A setting holds a value the addon cannot use; `message` is localized for the user."""

    def __init__(self, setting_id, message):
        super().__init__(message)
        self.setting_id = setting_id
        self.message = message


def flag(setting_id) -> bool:
    return kodi.get_bool(setting_id)


def text(setting_id) -> str:
    return kodi.get_string(setting_id).strip()


def number_in_range(setting_id, lowest, highest) -> int:
    """An integer setting, refused with a clear message when it is outside [lowest, highest]."""
    value = kodi.get_int(setting_id)
    if not lowest <= value <= highest:
        raise BadSetting(setting_id, kodi.localize(30010, kodi.localize(_LABELS.get(setting_id, 30011)),
                                                   lowest, highest))
    return value


_told_once: set = set()


def number_or_default(setting_id, lowest, highest, default) -> int:
    """For the service, which cannot stop: the default when the value is out of range, said once per process."""
    try:
        return number_in_range(setting_id, lowest, highest)
    except BadSetting as bad:
        if setting_id not in _told_once:
            _told_once.add(setting_id)
            kodi.log('%s (using %d)' % (bad.message, default), 'warning')
            kodi.notify(bad.message, icon='warning')
        return default


def secret_text(setting_id) -> str:
    """A string setting that is a secret (client secret, manifest URL): registered for redaction on read."""
    value = text(setting_id)
    register_secret(value)
    return value


def base_url() -> str:
    """The AIOStreams manifest URL as the user entered it; its credential parts are registered as secrets."""
    value = text('base_url')
    for part in manifest_url.secret_parts(value):
        register_secret(part)
    return value


def request_timeout() -> int:
    return number_in_range('timeout', 3, 120)


def cache_expiry_hours() -> int:
    return number_in_range('cache_expiry_hours', 1, 720)


# Label ids of the settings that number_in_range checks, to name them in the message.
_LABELS = {
    'timeout': 30112, 'cache_expiry_hours': 30160, 'auto_mark_watched_percent': 30127,
    'max_streams_to_show': 30161, 'punchplay_watched_threshold': 30204, 'punchplay_min_length': 30205,
    'punchplay_heartbeat': 30206, 'stream_timeout': 30113, 'fallback_attempts': 30562,
}
