"""The Trakt calendar's days: which UTC dates to ask Trakt for, and its episodes grouped by the user's local day.

Trakt's start_date and first_aired are UTC; a day here is the user's, in the tzinfo the caller gives (the Trakt
account's time zone, or Kodi's). Pure: plain data and datetime.
"""
from __future__ import annotations

import datetime
from collections import namedtuple

DAYS = 14
# How the user reads times: a tzinfo and 24-hour (True) or 12-hour clock (the Trakt account's settings)
Clock = namedtuple('Clock', 'zone hours24')


def local_date(epoch, tz) -> datetime.date:
    return datetime.datetime.fromtimestamp(epoch, tz).date()


def request_range(now, tz, days=DAYS):
    """(start_date 'YYYY-MM-DD', days) of the UTC dates that hold the local days today .. today + days - 1: local
    midnight falls on the previous UTC date east of UTC and the local evening on the next one west of it, so one
    day more on each side."""
    start = local_date(now, tz) - datetime.timedelta(days=1)
    return start.isoformat(), days + 2


def by_day(entries, now, tz, days=DAYS):
    """[(local date, [entry, ...])] for the local days today .. today + days - 1, in air order. An entry is a dict
    with 'aired_at' (epoch seconds); each one gets 'aired' (True once its air time has passed). Entries without an
    air time, or outside the days, are left out."""
    today = local_date(now, tz)
    last = today + datetime.timedelta(days=days - 1)
    groups = {}
    for entry in sorted((entry for entry in entries if entry.get('aired_at') is not None),
                        key=lambda entry: entry['aired_at']):
        day = local_date(entry['aired_at'], tz)
        if today <= day <= last:
            groups.setdefault(day, []).append(dict(entry, aired=entry['aired_at'] <= now))
    return sorted(groups.items())


def day_offset(day, now, tz) -> int:
    """0 for today, 1 for tomorrow, ... (local days)."""
    return (day - local_date(now, tz)).days


def local_time(epoch, clock) -> str:
    """An air time on the user's clock: '21:00', or '9:00 PM' on a 12-hour one."""
    moment = datetime.datetime.fromtimestamp(epoch, clock.zone)
    return moment.strftime('%H:%M') if clock.hours24 else moment.strftime('%I:%M %p').lstrip('0')
