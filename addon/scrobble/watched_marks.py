"""A movie or an episode the user marked watched or unwatched - from our context menu, the keymap, or Kodi's own
"Mark as watched" on our items - goes everywhere a play would: the local watched mark (overlays, resume), Trakt
(logged in; through the outbox) and PunchPlay.tv (logged in and the type enabled; watched only: neither its contract
nor its own client un-watches, through the outbox as POST /api/scrobble/import).

Items: {'kind': 'movie' | 'episode', 'id' (tt.. or tmdb:..; the show's for an episode), 'season', 'episode',
'title', 'key' (addon.core.mediakey)}."""
from __future__ import annotations

import time

from addon import kodi
from addon.core import kodi_watched as rules
from addon.core import trakt_times as times
from addon.core.mediakey import media_key
from addon.platform import outbox as outbox_store
from addon.platform import playstate
from addon.punchplay import client as punchplay
from addon.scrobble import punchplay_sink
from addon.trakt import actions, home_properties, item_states


def item(kind, ident, season=None, episode=None, title=None) -> dict:
    return {'kind': kind, 'id': ident, 'season': season, 'episode': episode, 'title': title,
            'key': media_key(kind, ident, season, episode)}


def shown_watched(items) -> list:
    """Whether each item shows watched in our listings (Trakt's copy and the local play state)."""
    found = item_states.decorations([{'kind': marked['kind'], 'id': marked['id'], 'season': marked['season'],
                                      'episode': marked['episode']} for marked in items])
    return [bool(decoration['playcount']) for decoration in found]


def apply(marked, watched, playback_id=None):
    """Mark one movie or episode; playback_id: its Trakt Continue Watching entry, removed with a watched mark."""
    playstate.mark_watched(marked['key'], watched)
    if actions.authorized():
        actions.set_watched(marked['kind'], marked['id'], watched, marked['season'], marked['episode'],
                            playback_id=playback_id, title=marked['title'])
    else:
        kodi.notify(kodi.localize(30773 if watched else 30774))
        home_properties.refresh()   # widgets, and our listing if one is on screen
    if watched:
        _punchplay_watched(marked)


def _punchplay_watched(marked) -> bool:
    tokens = punchplay.token_store().load()
    media = {'media_type': marked['kind'], 'anime': False}
    if not punchplay.is_authenticated(tokens) or not kodi.get_bool(punchplay_sink.type_setting(media)):
        return False
    outbox_store.enqueue(punchplay_sink.SINK, 'import', {'entries': [rules.punchplay_entry(marked, times.iso(
        time.time()))]}, account=punchplay.account_of(tokens))
    return True
