"""Catalog and episode listings show what the user watched: playcount, resume point and colour (issue 5)."""
from __future__ import annotations

from addon.core.mediakey import media_key
from addon.platform import playstate, storage
from tests.fakes.aiostreams_fixture import aio  # noqa: F401  (fixture)

P = 'plugin://plugin.video.aiostreams'


def test_catalog_items_carry_watched_and_resume_state(aio, kodi):
    storage.open_db()
    playstate.mark_watched(media_key('movie', 'tt1000001'))
    page = kodi.run_plugin(P + '/catalog?content_type=movie&catalog_id=fk1.tmdb.top')
    first, second = page.items[0], page.items[2]
    playstate.save_position(media_key('movie', second.listitem.getProperty('imdb_id')), 600.0, 3000.0)
    page = kodi.run_plugin(P + '/catalog?content_type=movie&catalog_id=fk1.tmdb.top', handle=2)
    first, second = page.items[0], page.items[2]
    assert first.listitem.getVideoInfoTag().getPlayCount() == 1
    assert not first.label.startswith('[COLOR ')  # Kodi's own watched mark shows it: no grey on the focus bar
    assert second.listitem.getVideoInfoTag().getResumeTime() == 600.0
    assert second.label.startswith('[COLOR ')  # in progress
    assert page.items[1].listitem.getVideoInfoTag().getPlayCount() == 0


def test_colour_coding_follows_its_setting(aio, kodi):
    storage.open_db()
    kodi.set_setting('color_code_items', False)
    page = kodi.run_plugin(P + '/catalog?content_type=movie&catalog_id=fk1.tmdb.top')
    playstate.save_position(media_key('movie', page.items[0].listitem.getProperty('imdb_id')), 600.0, 3000.0)
    page = kodi.run_plugin(P + '/catalog?content_type=movie&catalog_id=fk1.tmdb.top', handle=2)
    assert page.items[0].listitem.getVideoInfoTag().getResumeTime() == 600.0
    assert not page.items[0].label.startswith('[COLOR ')
