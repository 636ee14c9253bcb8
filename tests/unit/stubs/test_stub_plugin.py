"""xbmcplugin fake and fakekodi.run_plugin: per-handle records, Kodi's argument checks, invalid handles."""
from __future__ import annotations

import pytest
import xbmcgui
import xbmcplugin


def test_a_listing_is_recorded_per_handle(fk):
    folder, playable = xbmcgui.ListItem('Movies'), xbmcgui.ListItem('Clip')
    playable.setProperty('IsPlayable', 'true')
    xbmcplugin.setContent(5, 'movies')
    xbmcplugin.setPluginCategory(5, 'Catalog')
    xbmcplugin.addSortMethod(5, xbmcplugin.SORT_METHOD_VIDEO_YEAR)
    xbmcplugin.setProperty(5, 'key', 'value')
    assert xbmcplugin.addDirectoryItem(5, 'plugin://x/movies', folder, isFolder=True)
    assert xbmcplugin.addDirectoryItems(5, [('plugin://x/play', playable, False), ('plugin://x/p2', folder)])
    xbmcplugin.addDirectoryItem(6, 'plugin://x/other', xbmcgui.ListItem('Other'))
    xbmcplugin.endOfDirectory(5, succeeded=True, cacheToDisc=False)

    listing = fk.directory(5)
    assert listing.labels == ['Movies', 'Clip', 'Movies']
    assert [item.is_folder for item in listing.items] == [True, False, False]
    assert listing.items[1].playable and not listing.items[0].playable
    assert (listing.content, listing.category, listing.properties) == ('movies', 'Catalog', {'key': 'value'})
    assert listing.sort_methods == [xbmcplugin.SORT_METHOD_VIDEO_YEAR]
    assert (listing.ended, listing.succeeded, listing.update_listing, listing.cache_to_disc) == (
        True, True, False, False)
    assert fk.directory(6).labels == ['Other'] and not fk.directory(6).ended
    assert fk.directory(7).items == [] and not fk.directory(7).ended


def test_the_label_mask_decides_what_the_videos_window_shows(fk):
    """Kodi formats labels with the sort method's mask: the default shows the InfoTag title ('%H. %T' by episode),
    '%L' the label the add-on gave; without any sort method Kodi keeps the label."""
    def listed(handle, *sort_methods):
        item, untitled = xbmcgui.ListItem('Show S01E02 - Pilot'), xbmcgui.ListItem('Next page')
        item.getVideoInfoTag().setTitle('Pilot')
        item.getVideoInfoTag().setEpisode(2)
        for method, mask in sort_methods:
            xbmcplugin.addSortMethod(handle, method, mask)
        xbmcplugin.addDirectoryItems(handle, [('plugin://x/a', item, False), ('plugin://x/b', untitled, True)])
        return fk.directory(handle)

    assert listed(1, (xbmcplugin.SORT_METHOD_UNSORTED, '')).shown_labels == ['Pilot', 'Next page']
    assert listed(2, (xbmcplugin.SORT_METHOD_EPISODE, '')).shown_labels == ['2. Pilot', 'Next page']
    assert listed(3, (xbmcplugin.SORT_METHOD_EPISODE, '%L'), (xbmcplugin.SORT_METHOD_TITLE, '%L')).shown_labels == [
        'Show S01E02 - Pilot', 'Next page']
    assert listed(4).shown_labels == ['Show S01E02 - Pilot', 'Next page']
    assert fk.directory(3).label_masks == ['%L', '%L']


def test_resolutions_are_recorded_with_their_listitem(fk):
    item = xbmcgui.ListItem(path='https://cdn.invalid/video.mkv')
    xbmcplugin.setResolvedUrl(3, True, item)
    assert fk.resolved(3) == [(True, item)]
    assert fk.resolved(4) == []


@pytest.mark.parametrize('call', [
    lambda: xbmcplugin.addDirectoryItem('1', 'u', xbmcgui.ListItem()),
    lambda: xbmcplugin.addDirectoryItem(1, None, xbmcgui.ListItem()),
    lambda: xbmcplugin.addDirectoryItem(1, 'u', 'label'),
    lambda: xbmcplugin.addDirectoryItem(1, 'u', xbmcgui.ListItem(), isFolder=1),
    lambda: xbmcplugin.addDirectoryItems(1, [('u',)]),
    lambda: xbmcplugin.endOfDirectory(1, succeeded=None),
    lambda: xbmcplugin.setResolvedUrl(1, True, None),
    lambda: xbmcplugin.setResolvedUrl(1, 'true', xbmcgui.ListItem()),
    lambda: xbmcplugin.addSortMethod(1, '9'),
    lambda: xbmcplugin.setContent(1, None),
])
def test_wrong_argument_types_raise_type_error(fk, call):
    with pytest.raises(TypeError):
        call()
    assert fk.directory(1).items == [] and fk.resolved(1) == []


def test_an_unknown_content_type_logs_a_warning(fk):
    xbmcplugin.setContent(1, 'movie')
    assert fk.log_lines == [(2, "xbmcplugin.setContent: unknown content type 'movie'")]


def test_a_closed_or_negative_handle_is_invalid(fk):
    xbmcplugin.endOfDirectory(2)
    assert not xbmcplugin.addDirectoryItem(2, 'u', xbmcgui.ListItem('late'))
    xbmcplugin.setResolvedUrl(-1, True, xbmcgui.ListItem())
    assert fk.directory(2).items == [] and fk.resolved(-1) == []
    assert fk.errors() == ['xbmcplugin.addDirectoryItem called with an invalid handle 2',
                           'xbmcplugin.setResolvedUrl called with an invalid handle -1']


def test_run_plugin_passes_kodi_argv_to_the_entry_script(fk):
    listing = fk.run_plugin('plugin://plugin.video.stubtest/movies?genre=drama&skip=20', handle=4, resume=True)
    assert listing.ended and listing.urls == ['plugin://plugin.video.stubtest/movies?genre=drama&skip=20']
    argv = listing.items[0].listitem.getProperty('argv')
    assert argv == repr(['plugin://plugin.video.stubtest/movies', '4', '?genre=drama&skip=20', 'resume:true'])
    no_query = fk.run_plugin('plugin://plugin.video.stubtest/', handle=5)
    assert no_query.items[0].listitem.getProperty('argv') == repr(
        ['plugin://plugin.video.stubtest/', '5', '', 'resume:false'])


def test_run_plugin_keeps_imported_modules_between_calls(fk):
    assert fk.run_plugin('plugin://plugin.video.stubtest/', handle=1).labels == ['call 1']
    assert fk.run_plugin('plugin://plugin.video.stubtest/', handle=2).labels == ['call 2']


def test_a_stale_handle_from_an_earlier_call_is_invalid(fk):
    fk.run_plugin('plugin://plugin.video.stubtest/', handle=1, entry=lambda argv: None)
    captured = []
    fk.run_plugin('plugin://plugin.video.stubtest/', handle=2, entry=captured.append)
    xbmcplugin.addDirectoryItem(1, 'u', xbmcgui.ListItem('stale'))  # e.g. a handle cached at import
    assert fk.directory(1).items == [] and fk.errors() == [
        'xbmcplugin.addDirectoryItem called with an invalid handle 1']
    assert captured == [['plugin://plugin.video.stubtest/', '2', '', 'resume:false']]


def test_run_plugin_reuses_a_handle_with_a_fresh_record(fk):
    fk.run_plugin('plugin://plugin.video.stubtest/', handle=1)
    assert fk.run_plugin('plugin://plugin.video.stubtest/', handle=1).labels == ['call 2']


def test_run_plugin_restores_sys_argv_and_propagates_errors(fk):
    import sys
    before = list(sys.argv)

    def crash(argv):
        raise ValueError('boom')
    with pytest.raises(ValueError):
        fk.run_plugin('plugin://plugin.video.stubtest/x', entry=crash)
    assert sys.argv == before


def test_the_command_line_runner_prints_the_listing(fk, addon_dir, capsys):
    from fakekodi.__main__ import main
    assert main(['plugin://plugin.video.stubtest/movies?x=1', '--addon-root', addon_dir, '--handle', '9']) == 0
    out = capsys.readouterr().out
    assert '[item] call 1' in out and 'plugin://plugin.video.stubtest/movies?x=1' in out
    assert 'endOfDirectory succeeded=True' in out
