"""Fake of Kodi's `xbmcplugin` module: everything sent through a handle is recorded per handle in fakekodi.

A negative handle, or one whose plugin call is over (after endOfDirectory / setResolvedUrl, or after
fakekodi.run_plugin returned), is invalid: the call logs Kodi's error and records nothing.
"""
from __future__ import annotations

import xbmc as _xbmc
import xbmcgui as _xbmcgui

import fakekodi as _fk
from fakekodi.checks import BOOL as _BOOL
from fakekodi.checks import INT as _INT
from fakekodi.checks import STR as _STR
from fakekodi.checks import expect as _expect

SORT_METHOD_NONE = 0
SORT_METHOD_LABEL = 1
SORT_METHOD_LABEL_IGNORE_THE = 2
SORT_METHOD_DATE = 3
SORT_METHOD_SIZE = 4
SORT_METHOD_FILE = 5
SORT_METHOD_DRIVE_TYPE = 6
SORT_METHOD_TRACKNUM = 7
SORT_METHOD_DURATION = 8
SORT_METHOD_TITLE = 9
SORT_METHOD_TITLE_IGNORE_THE = 10
SORT_METHOD_ARTIST = 11
SORT_METHOD_ARTIST_IGNORE_THE = 13
SORT_METHOD_ALBUM = 14
SORT_METHOD_ALBUM_IGNORE_THE = 15
SORT_METHOD_GENRE = 16
SORT_METHOD_COUNTRY = 17
SORT_METHOD_VIDEO_YEAR = 18
SORT_METHOD_VIDEO_RATING = 19
SORT_METHOD_VIDEO_USER_RATING = 20
SORT_METHOD_DATEADDED = 21
SORT_METHOD_PROGRAM_COUNT = 22
SORT_METHOD_PLAYLIST_ORDER = 23
SORT_METHOD_EPISODE = 24
SORT_METHOD_VIDEO_TITLE = 25
SORT_METHOD_VIDEO_SORT_TITLE = 26
SORT_METHOD_VIDEO_SORT_TITLE_IGNORE_THE = 27
SORT_METHOD_PRODUCTIONCODE = 28
SORT_METHOD_SONG_RATING = 29
SORT_METHOD_SONG_USER_RATING = 30
SORT_METHOD_MPAA_RATING = 31
SORT_METHOD_VIDEO_RUNTIME = 32
SORT_METHOD_STUDIO = 33
SORT_METHOD_STUDIO_IGNORE_THE = 34
SORT_METHOD_FULLPATH = 35
SORT_METHOD_LABEL_IGNORE_FOLDERS = 36
SORT_METHOD_LASTPLAYED = 37
SORT_METHOD_PLAYCOUNT = 38
SORT_METHOD_LISTENERS = 39
SORT_METHOD_UNSORTED = 40
SORT_METHOD_CHANNEL = 41
SORT_METHOD_BITRATE = 43
SORT_METHOD_DATE_TAKEN = 44
SORT_METHOD_VIDEO_ORIGINAL_TITLE = 49
SORT_METHOD_VIDEO_ORIGINAL_TITLE_IGNORE_THE = 50

_CONTENT_TYPES = ('files', 'songs', 'artists', 'albums', 'movies', 'tvshows', 'episodes', 'musicvideos',
                  'videos', 'images', 'games')


def addDirectoryItem(handle: int, url: str, listitem: _xbmcgui.ListItem, isFolder: bool = False,
                     totalItems: int = 0) -> bool:
    for arg, value, types in (('handle', handle, _INT), ('url', url, _STR), ('listitem', listitem,
                              (_xbmcgui.ListItem,)), ('isFolder', isFolder, _BOOL), ('totalItems', totalItems, _INT)):
        _expect('addDirectoryItem', arg, value, types)
    record = _fk.plugin_record(handle, 'addDirectoryItem')
    if record is None:
        return False
    record.items.append(_fk.Item(url, listitem, isFolder))
    return True


def addDirectoryItems(handle: int, items: list, totalItems: int = 0) -> bool:
    """`items` is a list of (url, listitem[, isFolder]) tuples."""
    _expect('addDirectoryItems', 'handle', handle, _INT)
    _expect('addDirectoryItems', 'items', items, (list, tuple))
    for index, entry in enumerate(items):
        _expect('addDirectoryItems', 'items[%d]' % index, entry, (tuple, list))
        if len(entry) not in (2, 3):
            raise TypeError('addDirectoryItems(): items[%d] must be (url, listitem[, isFolder])' % index)
        _expect('addDirectoryItems', 'items[%d][0]' % index, entry[0], _STR)
        _expect('addDirectoryItems', 'items[%d][1]' % index, entry[1], (_xbmcgui.ListItem,))
        _expect('addDirectoryItems', 'items[%d][2]' % index, entry[2] if len(entry) == 3 else False, _BOOL)
    record = _fk.plugin_record(handle, 'addDirectoryItems')
    if record is None:
        return False
    record.items.extend(_fk.Item(entry[0], entry[1], entry[2] if len(entry) == 3 else False) for entry in items)
    return True


def endOfDirectory(handle: int, succeeded: bool = True, updateListing: bool = False,
                   cacheToDisc: bool = True) -> None:
    for arg, value, types in (('handle', handle, _INT), ('succeeded', succeeded, _BOOL),
                              ('updateListing', updateListing, _BOOL), ('cacheToDisc', cacheToDisc, _BOOL)):
        _expect('endOfDirectory', arg, value, types)
    record = _fk.plugin_record(handle, 'endOfDirectory')
    if record is None:
        return
    record.ended, record.succeeded = True, succeeded
    record.update_listing, record.cache_to_disc = updateListing, cacheToDisc
    _fk.close_handle(handle)


def setResolvedUrl(handle: int, succeeded: bool, listitem: _xbmcgui.ListItem) -> None:
    for arg, value, types in (('handle', handle, _INT), ('succeeded', succeeded, _BOOL),
                              ('listitem', listitem, (_xbmcgui.ListItem,))):
        _expect('setResolvedUrl', arg, value, types)
    record = _fk.plugin_record(handle, 'setResolvedUrl')
    if record is None:
        return
    record.resolved.append((succeeded, listitem))
    _fk.close_handle(handle)


def addSortMethod(handle: int, sortMethod: int, labelMask: str = '', label2Mask: str = '') -> None:
    for arg, value, types in (('handle', handle, _INT), ('sortMethod', sortMethod, _INT),
                              ('labelMask', labelMask, _STR), ('label2Mask', label2Mask, _STR)):
        _expect('addSortMethod', arg, value, types)
    record = _fk.plugin_record(handle, 'addSortMethod')
    if record is not None:
        record.sort_methods.append(sortMethod)
        record.label_masks.append(labelMask)


def setContent(handle: int, content: str) -> None:
    """An unknown content type is accepted (as by Kodi) but logged as a WARNING: skins won't recognise it."""
    _expect('setContent', 'handle', handle, _INT)
    _expect('setContent', 'content', content, _STR)
    if content not in _CONTENT_TYPES:
        _fk.record_log(_xbmc.LOGWARNING, 'xbmcplugin.setContent: unknown content type %r' % content)
    record = _fk.plugin_record(handle, 'setContent')
    if record is not None:
        record.content = content


def setPluginCategory(handle: int, category: str) -> None:
    _expect('setPluginCategory', 'handle', handle, _INT)
    _expect('setPluginCategory', 'category', category, _STR)
    record = _fk.plugin_record(handle, 'setPluginCategory')
    if record is not None:
        record.category = category


def setProperty(handle: int, key: str, value: str) -> None:
    for arg, item, types in (('handle', handle, _INT), ('key', key, _STR), ('value', value, _STR)):
        _expect('setProperty', arg, item, types)
    record = _fk.plugin_record(handle, 'setProperty')
    if record is not None:
        record.properties[key] = value
