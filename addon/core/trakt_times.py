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
    """Epoch seconds of a Trakt timestamp, or None for None / empty / unreadable values."""
    if not text:
        return None
    value = str(text).strip()
    if value.endswith('Z'):
        value = value[:-1]
    elif value.endswith('+00:00'):
        value = value[:-6]
    main, _, fraction = value.partition('.')
    try:
        seconds = calendar.timegm(time.strptime(main, '%Y-%m-%dT%H:%M:%S'))
        return seconds + (float('0.' + fraction) if fraction.isdigit() else 0.0)
    except ValueError:
        return None
