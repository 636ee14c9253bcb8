"""The benchmark's figures and their table (pure: no Kodi, no I/O).

A Figure holds the samples of one measurement (milliseconds, a count, megabytes...) and an optional target; the
table prints median, min and max, the median as a ratio to the kodi_six + routing floor for timings, the target
and whether it is met.
"""
from __future__ import annotations

import statistics

MS = 'ms'


class Figure:
    """samples: the measured values; limit: the target's upper bound in the figure's unit (or as a ratio to the
    floor when per_floor is True); target: how the target reads in the table; in_kodi: a plugin call timed in
    Kodi, comparable with the floor (only those get a ratio)."""

    def __init__(self, name, samples, unit=MS, limit=None, per_floor=False, target='', note='', in_kodi=False):
        if not samples:
            raise ValueError('%s: no samples' % name)
        self.name = name
        self.samples = [float(value) for value in samples]
        self.unit = unit
        self.limit = limit
        self.per_floor = per_floor
        self.target = target
        self.note = note
        self.in_kodi = in_kodi or per_floor

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def low(self) -> float:
        return min(self.samples)

    @property
    def high(self) -> float:
        return max(self.samples)

    def ratio(self, floor_ms):
        """The median as a multiple of the floor (timings only)."""
        if not self.in_kodi or self.unit != MS or not floor_ms:
            return None
        return self.median / floor_ms

    def met(self, floor_ms):
        """True / False against the target, None without one."""
        if self.limit is None:
            return None
        value = self.ratio(floor_ms) if self.per_floor else self.median
        return value is not None and value <= self.limit


def _number(value, unit) -> str:
    if unit == MS:
        return '%.1f' % value if value < 100 else '%.0f' % value
    if float(value).is_integer():
        return '%d' % value
    return '%.2f' % value


def rows(figures, floor_ms) -> list:
    """[(name, median, min, max, ratio, target, met)] as display strings."""
    found = []
    for figure in figures:
        ratio = figure.ratio(floor_ms)
        met = figure.met(floor_ms)
        unit = ' ' + figure.unit if figure.unit else ''
        spread = len(figure.samples) > 1
        found.append((
            figure.name + (' (%s)' % figure.note if figure.note else ''),
            _number(figure.median, figure.unit) + unit,
            _number(figure.low, figure.unit) if spread else '',
            _number(figure.high, figure.unit) if spread else '',
            '%.2f\u00d7' % ratio if ratio is not None else '',
            figure.target,
            {True: 'yes', False: 'NO', None: ''}[met],
        ))
    return found


HEADER = ('measurement', 'median', 'min', 'max', '\u00d7 floor', 'target', 'met')


def markdown(figures, floor_ms) -> str:
    """A GitHub-flavoured Markdown table."""
    lines = ['| %s |' % ' | '.join(HEADER), '|%s|' % '|'.join(['---'] + ['---:'] * 4 + ['---', ':---:'])]
    lines += ['| %s |' % ' | '.join(row) for row in rows(figures, floor_ms)]
    return '\n'.join(lines)


def plain(figures, floor_ms) -> str:
    """The same table with aligned columns, for the terminal."""
    table = [HEADER] + rows(figures, floor_ms)
    widths = [max(len(row[column]) for row in table) for column in range(len(HEADER))]
    lines = []
    for index, row in enumerate(table):
        cells = [row[0].ljust(widths[0])] + [row[column].rjust(widths[column]) for column in range(1, 5)] + \
                [row[5].ljust(widths[5]), row[6]]
        lines.append('  '.join(cells).rstrip())
        if index == 0:
            lines.append('  '.join('-' * width for width in widths))
    return '\n'.join(lines)
