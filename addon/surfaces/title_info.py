"""Show information (quick actions, the keymap's I, the `info` route): the title's full meta from the server (the
meta cache answers when it is fresh) in Kodi's own video information dialog - plot, cast with photos, director,
writers, studio, trailer and rating. Lists never fetch full metas; this fetches one, for the title asked about."""
from __future__ import annotations

from addon import kodi
from addon.backend import aiostreams
from addon.backend import messages as backend_messages
from addon.core import metadata
from addon.platform import listing
from addon.platform.route_table import link
from addon.surfaces import item_menus as context_items

NO_EPISODE = 32200


def fields_of(ref, meta):
    """Kodi fields of the title (an episode's from its show's meta), or None when the episode is not in it."""
    if ref['kind'] != context_items.EPISODE:
        return metadata.from_meta(meta, ref['content_type'])
    for video in meta.get('videos') or []:
        if isinstance(video, dict) and video.get('season') == ref['season'] and video.get('episode') == ref['episode']:
            return metadata.from_video(meta, video)
    return None


def _target(ref, fields):
    """(url, playable) the dialog's Play / Browse button uses: movies and episodes play, shows open their seasons."""
    if ref['kind'] in (context_items.MOVIE, context_items.EPISODE):
        title = fields.get('tvshow_title') or fields.get('title')
        return link('play', **dict(context_items.ids_of(ref), title=title)), True
    return link('show_seasons', meta_id=ref['meta_id'], content_type=context_items.SERIES), False


def show(ref):
    """Fetch the meta and open the dialog; a failure is told. Returns the ListItem shown, or None."""
    outcome = aiostreams.fetch_meta(ref['content_type'], ref['meta_id'])
    if outcome.kind != aiostreams.OK:
        backend_messages.report(outcome)
        return None
    fields = fields_of(ref, outcome.data)
    if fields is None:
        kodi.notify(kodi.localize(NO_EPISODE, ref['season'], ref['episode']), icon='warning')
        return None
    if not fields.get('title'):  # a bare meta still names the title
        fields['title'] = ref['title'] or ref['meta_id']
    url, playable = _target(ref, fields)
    item = listing.build_item(fields, url, playable)
    kodi.close_busy_dialogs()
    kodi.info_dialog(item)
    return item
