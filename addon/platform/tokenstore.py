"""Tokens in the profile folder: one JSON file per account, mode 0600, written atomically, with a lock shared by
every Kodi process (plugin invocations and the service run in different interpreters).

Pure module (no Kodi import): callers pass the profile folder.
"""
from __future__ import annotations

import json
import os
import time
from contextlib import contextmanager

from addon.core.redact import register_secret

SECRET_FIELDS = ('access_token', 'refresh_token', 'device_code')
STALE_LOCK_SECONDS = 120


class LockTimeout(Exception):
    """Another process held the token lock for too long."""


class TokenStore:
    def __init__(self, folder, name):
        self.path = os.path.join(folder, '%s_token.json' % name)
        self._lock_dir = os.path.join(folder, '.%s_token.lock' % name)

    def exists(self) -> bool:
        return os.path.exists(self.path)

    def load(self) -> dict:
        """The stored token document, or {} when there is none or it cannot be read."""
        try:
            with open(self.path, encoding='utf-8') as handle:
                data = json.load(handle)
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        for field in SECRET_FIELDS:
            register_secret(data.get(field))
        return data

    def save(self, data):
        for field in SECRET_FIELDS:
            register_secret(data.get(field))
        temporary = '%s.%d.tmp' % (self.path, os.getpid())
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, 'w', encoding='utf-8') as handle:
            json.dump(data, handle)
        os.chmod(temporary, 0o600)
        os.replace(temporary, self.path)

    def clear(self):
        try:
            os.remove(self.path)
        except FileNotFoundError:
            pass

    @contextmanager
    def lock(self, timeout=30.0):
        """Exclusive across processes: a lock directory (atomic mkdir, portable), broken when stale."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                os.mkdir(self._lock_dir)
                break
            except FileExistsError:
                if self._lock_is_stale():
                    self._break_lock()
                    continue
                if time.monotonic() > deadline:
                    raise LockTimeout(self.path) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            self._break_lock()

    def _lock_is_stale(self) -> bool:
        try:
            return time.time() - os.stat(self._lock_dir).st_mtime > STALE_LOCK_SECONDS
        except FileNotFoundError:
            return False

    def _break_lock(self):
        try:
            os.rmdir(self._lock_dir)
        except FileNotFoundError:
            pass
