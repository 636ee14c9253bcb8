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


def time_zone(name):
    """The tzinfo of an IANA zone name (e.g. Trakt's account time zone); the system's own zone when the name is
    empty or this computer does not know it."""
    from dateutil import tz  # lazy like parse: only the calendar needs time zones
    return (tz.gettz(name) if name else None) or tz.tzlocal()
