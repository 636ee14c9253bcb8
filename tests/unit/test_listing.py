"""ListItems built from metadata fields, and watched / resume / progress decoration."""
from __future__ import annotations

from addon.core import metadata
from addon.platform import listing
from tests.unit.test_metadata import MOVIE


def test_build_item_sets_every_field_through_info_tag(kodi):
    item = listing.build_item(metadata.from_meta(MOVIE), 'plugin://x/play', playable=True,
                              context_menu=[('Info', 'Action(Info)')])
    tag = item.getVideoInfoTag()
    assert (tag.getTitle(), tag.getYear(), tag.getPremiered(), tag.getDuration()) == \
        ('Inception', 2010, '2010-07-15', 148 * 60)
    assert tag.getGenres() == ['Action', 'Science Fiction'] and tag.getDirectors() == ['Christopher Nolan']
    assert tag.getWritingCredits() == 'Christopher Nolan'
    assert tag.getTrailer() == 'plugin://plugin.video.youtube/play/?video_id=YoHD9XEInc0'
    assert tag.getUniqueID('imdb') == 'tt1375666' and tag.getUniqueID('tmdb') == '27205'
    assert tag.getIMDBNumber() == 'tt1375666' and tag.getMediaType() == 'movie'
    assert tag.getRating() == 8.8
    cast = tag.getCast() if hasattr(tag, 'getCast') else tag.fake_info['cast']
    assert [(actor.getName(), actor.getRole(), actor.getThumbnail()) for actor in cast][0] == \
        ('Leonardo DiCaprio', 'Dom Cobb', 'https://img/leo.jpg')
    assert tag.fake_info['mpaa'] == 'PG-13' and tag.fake_info['country'] == ['US']
    assert 'studio' not in tag.fake_info
    assert item.getArt('clearlogo') == 'https://img/l.png' and item.getArt('fanart') == 'https://img/b.jpg'
    assert item.getProperty('IsPlayable') == 'true' and item.getProperty('content_type') == 'movie'
    assert not [line for line in kodi.log_lines if 'deprecated' in line[1].lower()]


def test_decorate_defaults_to_nothing(kodi):
    item = listing.build_item({'title': 'Show', 'media_type': 'tvshow'})
    listing.decorate(item)
    assert item.getLabel() == 'Show' and item.getVideoInfoTag().getPlayCount() == 0


def test_decorate_keeps_progress_in_kodi_fields_and_colours_only_what_is_in_progress(kodi):
    partial = listing.decorate(listing.build_item({'title': 'Show', 'media_type': 'tvshow'}), progress=(5, 10))
    assert partial.getLabel() == '[COLOR %s]Show[/COLOR]' % listing.IN_PROGRESS_COLOR   # no "(5/10)" in the title
    assert partial.getVideoInfoTag().getTitle() == 'Show'
    assert [partial.getProperty(name) for name in ('WatchedEpisodes', 'UnWatchedEpisodes', 'TotalEpisodes')] == \
        ['5', '5', '10']
    done = listing.decorate(listing.build_item({'title': 'Show', 'media_type': 'tvshow'}), progress=(10, 10))
    assert done.getVideoInfoTag().getPlayCount() == 1 and done.getLabel() == 'Show'   # Kodi's overlay, no grey
    watched = listing.decorate(listing.build_item({'title': 'Film', 'media_type': 'movie'}), playcount=2)
    assert watched.getLabel() == 'Film' and watched.getVideoInfoTag().getPlayCount() == 2
    movie = listing.decorate(listing.build_item({'title': 'Film', 'media_type': 'movie'}), resume=(600, 6000))
    assert movie.getVideoInfoTag().fake_info['resume'] == (600.0, 6000.0)
    assert movie.getLabel() == '[COLOR %s]Film[/COLOR]' % listing.IN_PROGRESS_COLOR


def test_decorate_honours_the_display_settings(kodi):
    kodi.set_setting('show_progress_bars', False)
    kodi.set_setting('color_code_items', False)
    item = listing.decorate(listing.build_item({'title': 'Show', 'media_type': 'tvshow'}), playcount=1,
                            progress=(3, 10), resume=(5, 10))
    assert item.getLabel() == 'Show' and 'resume' not in item.getVideoInfoTag().fake_info
    assert item.getVideoInfoTag().getPlayCount() == 1 and item.getProperty('TotalEpisodes') == '10'
