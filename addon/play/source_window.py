"""The full-screen source window (resources/skins/Default/1080i/aiostreams-sources.xml): the title's fanart,
clearlogo or title, poster, year, runtime and plot above one row per stream. Up/down move, select plays, info
shows the full release text, back cancels. Info items (server actions) are rows that play nothing: selecting one
shows its message and the window stays open.

Each row is a ListItem with properties the XML lays out (badge, title, service, reliability, same_as_last, size,
video, languages, release, playable), so a skin can restyle the rows without code.
"""
from __future__ import annotations

import time

from addon import kodi
from addon.core import metadata
from addon.play import stream_display
from addon.play.played_item import minimal_fields

XML_FILE = 'aiostreams-sources.xml'
FANART, LOGO, POSTER, TITLE, FACTS, PLOT, HEADING, HINTS, ROWS = 1, 2, 3, 4, 5, 6, 7, 8, 50
CANCEL_ACTIONS = (kodi.ACTION_NAV_BACK, kodi.ACTION_PREVIOUS_MENU, kodi.ACTION_STOP)


class Row:
    """One row: a stream (plays) or an info item (title, message) that only shows its text."""

    __slots__ = ('stream', 'info')

    def __init__(self, stream=None, info=None):
        self.stream, self.info = stream, info


class SourceWindow(kodi.WindowXMLDialog):
    """Built by Kodi from the XML (no __init__ of ours: Kodi's binding takes only its own arguments); `page`
    (a dict of header texts and art) and `rows` ([(Row, ListItem)]) are set before doModal()."""

    page = None
    rows = ()
    chosen = None
    opened_at = 0.0
    steps = ()  # ms from the known stream list: rows built, window built (for the open-time log line)

    def onInit(self):
        page = self.page or {}
        for control_id, key in ((FANART, 'fanart'), (LOGO, 'clearlogo'), (POSTER, 'poster')):
            self.getControl(control_id).setImage(page.get(key, ''))
        self.getControl(TITLE).setLabel('' if page.get('clearlogo') else page.get('title', ''))
        for control_id, key in ((FACTS, 'facts'), (HEADING, 'heading')):
            self.getControl(control_id).setLabel(page.get(key, ''))
        self.getControl(PLOT).setText(page.get('plot', ''))
        self.getControl(HINTS).setText(page.get('hints', ''))
        rows = self.getControl(ROWS)
        rows.addItems([item for _row, item in self.rows])
        self.setFocusId(ROWS)
        kodi.log('source window open with %d rows in %d ms (rows %d ms, window built %d ms)'
                 % ((len(self.rows), _ms_since(self.opened_at)) + tuple(self.steps)), 'info')

    def onClick(self, controlId):
        if controlId == ROWS:
            self._choose(self.getControl(ROWS).getSelectedPosition())

    def onAction(self, action):
        action_id = action.getId()
        if action_id in CANCEL_ACTIONS:
            self.close()
        elif action_id == kodi.ACTION_SHOW_INFO:
            self._show_release(self.getControl(ROWS).getSelectedPosition())

    def _choose(self, position):
        if not 0 <= position < len(self.rows):
            return
        row = self.rows[position][0]
        if row.stream is None:
            title, message = row.info
            kodi.ok_dialog(stream_display.plain(message or title), heading=stream_display.plain(title or ''))
            return
        self.chosen = row.stream
        self.close()

    def _show_release(self, position):
        if not 0 <= position < len(self.rows):
            return
        row = self.rows[position][0]
        if row.stream is None:
            title, message = row.info
            kodi.text_viewer(stream_display.plain(title or ''), stream_display.plain(message or title or ''))
            return
        kodi.text_viewer(stream_display.plain(stream_display.title_text(row.stream)), release_text(row.stream))


def choose(candidates, infos, heading, stats, show_badges, show_stars, meta=None, video=None, request=None,
           same=None):
    """The stream picked in the window, or None when the user backed out. `same`: the stream of the show's last
    release (its row is marked "same as last episode")."""
    opened_at = time.monotonic()
    words = stream_display.default_words()
    rows = [(Row(stream=stream), stream_row(stream, stats.get(stream.provider_key), show_badges, show_stars,
                                            words, stream is same)) for stream in candidates]
    rows.extend((Row(info=(title, message)), info_row(title, message)) for title, message in infos)
    page = page_texts(heading, meta, video, request)
    rows_ready = _ms_since(opened_at)
    window = SourceWindow(XML_FILE, kodi.addon_dir(), 'Default', '1080i')
    window.page, window.rows, window.opened_at = page, rows, opened_at
    window.steps = (rows_ready, _ms_since(opened_at))
    window.doModal()
    return window.chosen


def _ms_since(start) -> int:
    return int((time.monotonic() - start) * 1000)


def stream_row(stream, stats, show_badges, show_stars, words, same_as_last=False):
    """A stream's ListItem: the label pair of the selection dialog plus one property per field."""
    label, label2 = stream_display.labels(stream, stats, show_badges, show_stars, words)
    item = kodi.list_item(label, label2)
    video = ' '.join(part for part in [stream.quality, stream.codec] + list(stream.visual_tags) + list(stream.audio)
                     if part)
    item.setProperties({
        'badge': stream_display.badge(stream) if show_badges else '',
        'title': stream_display.plain(stream_display.title_text(stream)),
        'service': stream_display.service_text(stream, words),
        'reliability': stream_display.reliability(stats, words) if show_stars else '',
        'same_as_last': kodi.localize(32500) if same_as_last else '',
        'size': stream_display.human_size(stream.size),
        'video': video,
        'languages': ', '.join(stream.languages[:6]),
        'release': stream_display.plain(stream.filename or stream.release_group or ''),
        'playable': 'true',
    })
    return item


def info_row(title, message):
    """An info item's ListItem: its text in grey, marked not playable."""
    text = stream_display.info_label(title, message)
    item = kodi.list_item(text, kodi.localize(30535))
    item.setProperties({'title': text, 'video': kodi.localize(30535), 'playable': 'false', 'same_as_last': ''})
    return item


def release_text(stream) -> str:
    """Everything the info key shows: the release name, the formatter's own lines, then every known field."""
    parts = [stream.filename or '', stream_display.plain(stream.name or ''),
             '\n'.join(stream_display.plain(line) for line in (stream.description or '').split('\n')),
             stream_display.details_text(stream)]
    return '\n\n'.join(part for part in parts if part.strip())


def page_texts(heading, meta=None, video=None, request=None) -> dict:
    """The window's header: art, title, 'Show S01E02 | 2019 | 45 min', plot, the heading and the key hints."""
    if meta and video:
        fields = metadata.from_video(meta, video)
    elif meta:
        fields = metadata.from_meta(meta)
    else:
        fields = minimal_fields(request) if request is not None else {}
    art = fields.get('art') or {}
    show_title = fields.get('tvshow_title') or fields.get('title') or ''
    facts = [heading]
    if fields.get('tvshow_title') and fields.get('title'):
        facts.append(fields['title'])
    if fields.get('year') and str(fields['year']) not in heading:
        facts.append(str(fields['year']))
    if fields.get('duration'):
        facts.append(kodi.localize(32406, int(fields['duration']) // 60))
    return {
        'fanart': art.get('fanart', ''),
        'clearlogo': art.get('clearlogo') or art.get('tvshow.clearlogo', ''),
        'poster': art.get('tvshow.poster') or art.get('poster', ''),
        'title': stream_display.plain(show_title),
        'facts': '  \u00b7  '.join(stream_display.plain(str(fact)) for fact in facts if fact),
        'plot': fields.get('plot') or (meta or {}).get('description') or '',
        'heading': kodi.localize(32404),
        'hints': kodi.localize(32405),
    }
