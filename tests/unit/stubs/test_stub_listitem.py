"""xbmcgui.ListItem and the InfoTagVideo fake: Kodi 20 setters with type checks, deprecated calls logged."""
from __future__ import annotations

import pytest
import xbmc
import xbmcgui


def test_listitem_records_what_is_set(fk):
    item = xbmcgui.ListItem('Dune', 'Part One', path='plugin://x/play', offscreen=True)
    item.setArt({'poster': 'p.jpg', 'fanart': 'f.jpg'})
    item.setProperty('IsPlayable', 'true')
    item.setProperties({'imdb_id': 'tt1160419'})
    item.addContextMenuItems([('Mark watched', 'RunPlugin(plugin://x/watched)')])
    item.setSubtitles(['https://s.invalid/en.srt'])
    item.setMimeType('video/mp4')
    item.setContentLookup(False)
    assert (item.getLabel(), item.getLabel2(), item.getPath(), item.offscreen) == (
        'Dune', 'Part One', 'plugin://x/play', True)
    assert item.getArt('poster') == 'p.jpg' and item.getArt('thumb') == ''
    assert item.getProperty('isplayable') == 'true' and item.getProperty('IMDB_ID') == 'tt1160419'
    assert item.context_menu == [('Mark watched', 'RunPlugin(plugin://x/watched)')]
    assert (item.subtitles, item.mime_type, item.content_lookup) == (['https://s.invalid/en.srt'], 'video/mp4', False)
    assert item.getVideoInfoTag() is item.getVideoInfoTag()


@pytest.mark.parametrize('call', [
    lambda item: item.setProperty('year', 2021),
    lambda item: item.setArt({'poster': None}),
    lambda item: item.addContextMenuItems([('label only',)]),
    lambda item: item.addContextMenuItems(('Label', 'RunPlugin(x)')),
    lambda item: item.setSubtitles('one.srt'),
    lambda item: xbmcgui.ListItem(label=None),
])
def test_listitem_rejects_wrong_types(fk, call):
    with pytest.raises(TypeError):
        call(xbmcgui.ListItem())


def test_infotag_setters_and_getters(fk):
    tag = xbmcgui.ListItem().getVideoInfoTag()
    tag.setMediaType('episode')
    tag.setTitle('Pilot')
    tag.setTvShowTitle('Show')
    tag.setSeason(1)
    tag.setEpisode(2)
    tag.setYear(2008)
    tag.setDuration(3600)
    tag.setGenres(['Drama', 'Crime'])
    tag.setUniqueIDs({'imdb': 'tt0959621', 'tmdb': '62085'}, 'imdb')
    tag.setRating(9.5, 1000, 'imdb', True)
    tag.setCast([xbmc.Actor('Bryan Cranston', 'Walter White', 0, '')])
    tag.setResumePoint(120.5, 3600)
    tag.setPlaycount(1)
    tag.setMpaa('TV-MA')
    assert (tag.getMediaType(), tag.getTitle(), tag.getTVShowTitle()) == ('episode', 'Pilot', 'Show')
    assert (tag.getSeason(), tag.getEpisode(), tag.getYear(), tag.getDuration()) == (1, 2, 2008, 3600)
    assert tag.getGenres() == ['Drama', 'Crime'] and tag.getGenre() == 'Drama / Crime'
    assert tag.getUniqueID('tmdb') == '62085' and tag.getIMDBNumber() == 'tt0959621'
    assert tag.getRating() == 9.5 and tag.getRating('imdb') == 9.5
    assert [actor.getName() for actor in tag.getActors()] == ['Bryan Cranston']
    assert (tag.getResumeTime(), tag.getResumeTimeTotal()) == (120.5, 3600.0)
    assert tag.getPlayCount() == 1 and tag.fake_info['mpaa'] == 'TV-MA'


def test_infotag_defaults_match_kodi(fk):
    tag = xbmc.InfoTagVideo()
    assert (tag.getTitle(), tag.getYear(), tag.getSeason(), tag.getEpisode(), tag.getDbId()) == ('', 0, -1, -1, -1)
    assert tag.getGenres() == [] and tag.getUniqueID('imdb') == '' and tag.getResumeTime() == 0.0


@pytest.mark.parametrize('call', [
    lambda tag: tag.setYear('2008'),
    lambda tag: tag.setDuration(90.5),
    lambda tag: tag.setSeason(None),
    lambda tag: tag.setTitle(5),
    lambda tag: tag.setGenres('Drama'),
    lambda tag: tag.setGenres(['Drama', 1]),
    lambda tag: tag.setUniqueIDs({'tmdb': 62085}),
    lambda tag: tag.setCast([{'name': 'x'}]),
    lambda tag: tag.setResumePoint('120'),
    lambda tag: tag.setRating('9.5'),
    lambda tag: tag.addVideoStream({'codec': 'h264'}),
    lambda tag: xbmc.Actor('Name', order='1'),
    lambda tag: xbmc.VideoStreamDetail(width='1920'),
])
def test_infotag_setters_reject_wrong_types(fk, call):
    with pytest.raises(TypeError):
        call(xbmc.InfoTagVideo())


def test_an_invalid_media_type_is_ignored(fk):
    tag = xbmc.InfoTagVideo()
    tag.setMediaType('movies')
    assert tag.getMediaType() == ''


def test_stream_details_are_kept(fk):
    tag = xbmc.InfoTagVideo()
    tag.addVideoStream(xbmc.VideoStreamDetail(width=1920, height=1080, codec='h264'))
    tag.addAudioStream(xbmc.AudioStreamDetail(6, 'eac3', 'en'))
    assert [stream.fake_fields()['codec'] for stream in tag.fake_info['streams']] == ['h264', 'eac3']


@pytest.mark.parametrize('call, name', [
    (lambda item: item.setInfo('video', {'title': 'x'}), 'ListItem.setInfo()'),
    (lambda item: item.setCast([]), 'ListItem.setCast()'),
    (lambda item: item.setUniqueIDs({'imdb': 'tt1'}), 'ListItem.setUniqueIDs()'),
    (lambda item: item.setRating('imdb', 5.0), 'ListItem.setRating()'),
    (lambda item: item.addStreamInfo('video', {'codec': 'h264'}), 'ListItem.addStreamInfo()'),
    (lambda item: item.setProperty('ResumeTime', '12'), 'ListItem.setProperty(ResumeTime)'),
    (lambda item: item.setProperty('TotalTime', '99'), 'ListItem.setProperty(TotalTime)'),
])
def test_deprecated_calls_log_a_warning(fk, call, name):
    call(xbmcgui.ListItem())
    assert len(fk.log_lines) == 1
    level, message = fk.log_lines[0]
    assert level == xbmc.LOGWARNING and message.startswith('"%s" is deprecated' % name)
