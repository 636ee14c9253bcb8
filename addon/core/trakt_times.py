"""Trakt timestamps (ISO-8601 UTC with milliseconds, e.g. 2014-09-01T09:10:11.000Z) <-> epoch seconds. Pure."""
from __future__ import annotations

import calendar
import time


def iso(timestamp) -> str:
    """Trakt's own format, so stored values compare and sort as strings."""
    whole = int(timestamp)
    millis = min(999, int(round((timestamp - whole) * 1000)))
    return time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(whole)) + '.%03dZ' % millis


def parse(text):
    """Epoch seconds of an ISO-8601 date and time (UTC unless it names an offset), or None for None / empty /
    unreadable values and for a date without a time."""
    # lazy: dateutil costs ~14 ms to import, and every list render formats times (iso) while only the sync parses
    from dateutil.parser import isoparse
    value = str(text or '').strip()
    if 'T' not in value:
        return None
    try:
        moment = isoparse(value)
    except (ValueError, OverflowError):
        return None
    return calendar.timegm(moment.utctimetuple()) + moment.microsecond / 1e6
