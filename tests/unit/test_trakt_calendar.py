"""The calendar's days (addon.core.trakt_calendar): the UTC dates asked of Trakt hold every local day of the 14, the
episodes fall on the user's local day in air order, past ones are aired, and the rest is left out."""
from __future__ import annotations

import calendar
import datetime

import pytest
from dateutil import tz

from addon.core import trakt_calendar
from addon.core import trakt_times as times

HOUR = 3600
DAY = 24 * HOUR
# Saturday 5 December 2026, 12:00 UTC
NOON = calendar.timegm((2026, 12, 5, 12, 0, 0))
KIRITIMATI = tz.gettz('Pacific/Kiritimati')   # UTC+14
HONOLULU = tz.gettz('Pacific/Honolulu')       # UTC-10


def entry(name, aired_at):
    return {'title': name, 'aired_at': aired_at}


@pytest.mark.parametrize('zone', [tz.UTC, KIRITIMATI, HONOLULU])
def test_the_requested_utc_dates_hold_every_local_day(zone):
    start, days = trakt_calendar.request_range(NOON, zone)
    first = calendar.timegm(datetime.datetime.strptime(start, '%Y-%m-%d').timetuple())
    today = trakt_calendar.local_date(NOON, zone)
    local_start = datetime.datetime(today.year, today.month, today.day, tzinfo=zone).timestamp()
    local_end = local_start + trakt_calendar.DAYS * DAY
    assert first <= local_start and local_end <= first + days * DAY
    assert days <= 33  # Trakt's largest window


def test_episodes_fall_on_the_local_day_in_air_order():
    """11:00 UTC Saturday and 00:00 UTC Sunday: two UTC days, one local day on each side of UTC."""
    late, early = NOON + 12 * HOUR, NOON - HOUR
    zones = {'utc': tz.UTC, 'utc+14': KIRITIMATI, 'utc-10': HONOLULU}

    def grouped(name):
        days = trakt_calendar.by_day([entry('late', late), entry('early', early)], NOON, zones[name])
        return [(day.isoformat(), [item['title'] for item in items]) for day, items in days]
    assert grouped('utc') == [('2026-12-05', ['early']), ('2026-12-06', ['late'])]
    assert grouped('utc-10') == [('2026-12-05', ['early', 'late'])]   # Saturday 01:00 and 14:00
    assert grouped('utc+14') == [('2026-12-06', ['early', 'late'])]   # Sunday 01:00 and 14:00


def test_aired_follows_the_air_time_and_the_window_is_fourteen_local_days():
    entries = [entry('aired', NOON - 1), entry('now', NOON), entry('soon', NOON + 1),
               entry('yesterday', NOON - DAY), entry('day 14', NOON + 13 * DAY), entry('day 15', NOON + 14 * DAY),
               {'title': 'no date', 'aired_at': None}]
    days = trakt_calendar.by_day(entries, NOON, tz.UTC)
    flat = [(item['title'], item['aired']) for _, items in days for item in items]
    assert flat == [('aired', True), ('now', True), ('soon', False), ('day 14', False)]


def test_day_offsets_and_local_times():
    days = trakt_calendar.by_day([entry('a', NOON + HOUR), entry('b', NOON + DAY)], NOON, KIRITIMATI)
    assert [trakt_calendar.day_offset(day, NOON, KIRITIMATI) for day, _ in days] == [0, 1]
    clock = trakt_calendar.Clock
    assert trakt_calendar.local_time(NOON + HOUR, clock(KIRITIMATI, True)) == '03:00'
    assert trakt_calendar.local_time(NOON + HOUR, clock(HONOLULU, True)) == '03:00'
    assert trakt_calendar.local_time(NOON + 30 * 60, clock(tz.UTC, True)) == '12:30'
    assert trakt_calendar.local_time(NOON + 9 * HOUR, clock(tz.UTC, False)) == '9:00 PM'
    assert trakt_calendar.local_time(NOON + 30 * 60, clock(tz.UTC, False)) == '12:30 PM'
    assert trakt_calendar.local_time(NOON - 12 * HOUR + 5 * 60, clock(tz.UTC, False)) == '12:05 AM'


def test_time_zone_names_fall_back_to_the_system_zone():
    assert times.time_zone('Pacific/Kiritimati').utcoffset(datetime.datetime(2026, 12, 5)) == \
        datetime.timedelta(hours=14)
    local = tz.tzlocal()
    for name in (None, '', 'Not/A_Zone'):
        assert times.time_zone(name) == local
