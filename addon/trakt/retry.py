"""Trakt's retry rules as a urllib3 Retry mounted on the client's session (trakt-api.md §2):

- 429 waits Retry-After (1 s when the header is missing or unreadable) and tries again, at most RATE_LIMIT_RETRIES
  times; a wait over the cap is not waited: the 429 goes back to the caller (an outbox event keeps it).
- GETs try a 5xx again SERVER_ERROR_RETRIES times, after 2 s then 4 s. Writes never repeat after a 5xx: it may have
  reached the server (the outbox decides).
- Connection errors and timeouts are never retried here (requests raises them as without a Retry).
- Every wait is `wait(seconds)`, which returns True when Kodi is quitting (addon.platform.abort.wait): the request
  then ends at once with HttpFailure('aborted'), instead of urllib3's time.sleep holding Kodi's shutdown.
"""
from __future__ import annotations

from urllib3.exceptions import InvalidHeader, MaxRetryError, ResponseError
from urllib3.util.retry import Retry

from addon import kodi
from addon.platform import abort
from addon.platform.http import HttpFailure

RATE_LIMIT_RETRIES = 3
SERVER_ERROR_RETRIES = 2
SERVER_ERROR_BACKOFF = 2.0
UNKNOWN_RETRY_AFTER = 1


class TraktRetry(Retry):
    """`wait(seconds) -> bool` (True: Kodi is quitting), `max_wait` the Retry-After cap, `rate_limit` False for
    callers that handle a 429 themselves (the outbox sender, the device-code poll, the token refresh)."""

    def __init__(self, wait=None, max_wait=60, rate_limit=True, **kwargs):
        for name, value in (('total', None), ('connect', 0), ('read', False), ('other', 0), ('status', None),
                            ('allowed_methods', None), ('raise_on_status', False)):
            kwargs.setdefault(name, value)
        super().__init__(**kwargs)
        self.wait = wait or abort.wait
        self.max_wait = max_wait
        self.rate_limit = rate_limit

    def new(self, **kw):
        kw.update(wait=self.wait, max_wait=self.max_wait, rate_limit=self.rate_limit)
        return super().new(**kw)

    # ---- what is retried ------------------------------------------------------------------------------------

    def _seen(self, server_errors) -> int:
        """How many 5xx (server_errors) or 429 answers this request already had."""
        return sum(1 for entry in self.history if entry.status is not None
                   and (entry.status >= 500 if server_errors else entry.status == 429))

    def is_retry(self, method, status_code, has_retry_after=False):
        if status_code == 429:
            return self.rate_limit and self._seen(False) < RATE_LIMIT_RETRIES
        return status_code >= 500 and method == 'GET' and self._seen(True) < SERVER_ERROR_RETRIES

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
        if response is not None and response.status == 429:
            seconds = self.get_retry_after(response)
            if seconds is not None and seconds > self.max_wait:
                # urllib3 hands the 429 back (raise_on_status is off)
                raise MaxRetryError(_pool, url, ResponseError('Retry-After %d s is over the cap' % seconds))
        return super().increment(method=method, url=url, response=response, error=error, _pool=_pool,
                                 _stacktrace=_stacktrace)

    # ---- how long to wait: urllib3's sleep hooks, waiting on Kodi's abort --------------------------------------

    def get_retry_after(self, response):
        """Seconds of the Retry-After header (a number or an HTTP date); None when missing or unreadable."""
        try:
            return super().get_retry_after(response)
        except InvalidHeader:
            return None

    def get_backoff_time(self):
        """Without a Retry-After: 1 s after a 429, 2 s then 4 s after a GET's 5xx."""
        if self.history and self.history[-1].status == 429:
            return UNKNOWN_RETRY_AFTER
        return SERVER_ERROR_BACKOFF * self._seen(True)

    def sleep_for_retry(self, response=None):
        """Retry-After counts on a 429 only (a 5xx backs off 2 s then 4 s, whatever it asks)."""
        seconds = self.get_retry_after(response) if response is not None and response.status == 429 else None
        if seconds is None:
            return False
        self._wait(seconds)
        return True

    def _sleep_backoff(self):
        self._wait(self.get_backoff_time())

    def _wait(self, seconds):
        if self.history and self.history[-1].status == 429:
            kodi.log('Trakt rate limit: waiting %d s' % seconds)
        if self.wait(seconds):
            raise HttpFailure('aborted', 'Kodi is quitting: not retried')
