"""xbmc.InfoTagVideo, xbmc.Actor and the stream details: Kodi 20 setters that check types, getters that
return what was set. Setters without a Kodi getter are still inspectable through `InfoTagVideo.fake_info`."""
from __future__ import annotations

from fakekodi.checks import BOOL, INT, NUMBER, STR, expect, expect_str_dict, expect_str_list

MEDIA_TYPES = ('video', 'set', 'musicvideo', 'movie', 'tvshow', 'season', 'episode')

# (setter, Kodi getter or '', key in fake_info, accepted types)
_SCALARS = [
    ('setDbId', 'getDbId', 'dbid', INT), ('setYear', 'getYear', 'year', INT),
    ('setEpisode', 'getEpisode', 'episode', INT), ('setSeason', 'getSeason', 'season', INT),
    ('setSortEpisode', '', 'sortepisode', INT), ('setSortSeason', '', 'sortseason', INT),
    ('setEpisodeGuide', '', 'episodeguide', STR), ('setTop250', '', 'top250', INT),
    ('setSetId', '', 'setid', INT), ('setTrackNumber', 'getTrack', 'track', INT),
    ('setUserRating', 'getUserRating', 'userrating', INT), ('setPlaycount', 'getPlayCount', 'playcount', INT),
    ('setMpaa', '', 'mpaa', STR), ('setPlot', 'getPlot', 'plot', STR),
    ('setPlotOutline', 'getPlotOutline', 'plotoutline', STR), ('setTitle', 'getTitle', 'title', STR),
    ('setOriginalTitle', 'getOriginalTitle', 'originaltitle', STR), ('setSortTitle', '', 'sorttitle', STR),
    ('setTagLine', 'getTagLine', 'tagline', STR), ('setTvShowTitle', 'getTVShowTitle', 'tvshowtitle', STR),
    ('setTvShowStatus', '', 'status', STR), ('setDuration', 'getDuration', 'duration', INT),
    ('setPremiered', 'getPremiered', 'premiered', STR), ('setSet', '', 'set', STR),
    ('setSetOverview', '', 'setoverview', STR), ('setProductionCode', '', 'code', STR),
    ('setFirstAired', 'getFirstAired', 'aired', STR), ('setLastPlayed', 'getLastPlayed', 'lastplayed', STR),
    ('setAlbum', 'getAlbum', 'album', STR), ('setVotes', 'getVotesAsInt', 'votes', INT),
    ('setTrailer', 'getTrailer', 'trailer', STR), ('setPath', 'getPath', 'path', STR),
    ('setFilenameAndPath', 'getFilenameAndPath', 'filenameandpath', STR),
    ('setDateAdded', '', 'dateadded', STR),
]
# (setter, Kodi list getter or '', Kodi ' / '-joined getter or '', key)
_LISTS = [
    ('setGenres', 'getGenres', 'getGenre', 'genre'), ('setCountries', '', '', 'country'),
    ('setDirectors', 'getDirectors', 'getDirector', 'director'), ('setStudios', '', '', 'studio'),
    ('setWriters', 'getWriters', 'getWritingCredits', 'writer'), ('setTags', '', '', 'tag'),
    ('setShowLinks', '', '', 'showlink'), ('setArtists', 'getArtist', '', 'artist'),
]
_DEFAULTS = {'dbid': -1, 'season': -1, 'episode': -1}


class Actor:
    def __init__(self, name: str = '', role: str = '', order: int = -1, thumbnail: str = ''):
        for arg, value, types in (('name', name, STR), ('role', role, STR), ('order', order, INT),
                                  ('thumbnail', thumbnail, STR)):
            expect('Actor', arg, value, types)
        self._name, self._role, self._order, self._thumbnail = name, role, order, thumbnail

    def getName(self) -> str:
        return self._name

    def getRole(self) -> str:
        return self._role

    def getOrder(self) -> int:
        return self._order

    def getThumbnail(self) -> str:
        return self._thumbnail

    def __repr__(self) -> str:
        return 'Actor(%r, %r)' % (self._name, self._role)


class _StreamDetail:
    _FIELDS = ()  # (argument, types, default)

    def __init__(self, *args, **kwargs):
        names = [field[0] for field in self._FIELDS]
        values = dict(zip(names, args), **kwargs)
        for name, types, default in self._FIELDS:
            value = values.get(name, default)
            expect(type(self).__name__, name, value, types)
            setattr(self, '_' + name, value)

    def fake_fields(self) -> dict:
        return {name: getattr(self, '_' + name) for name, _, _ in self._FIELDS}


class VideoStreamDetail(_StreamDetail):
    _FIELDS = (('width', INT, 0), ('height', INT, 0), ('aspect', NUMBER, 0.0), ('duration', INT, 0),
               ('codec', STR, ''), ('stereomode', STR, ''), ('language', STR, ''), ('hdrtype', STR, ''))


class AudioStreamDetail(_StreamDetail):
    _FIELDS = (('channels', INT, -1), ('codec', STR, ''), ('language', STR, ''))


class SubtitleStreamDetail(_StreamDetail):
    _FIELDS = (('language', STR, ''),)


class InfoTagVideo:
    """Video metadata of a ListItem (Kodi 20 API)."""

    def __init__(self, offscreen: bool = False):
        self.fake_info = {'uniqueids': {}, 'default_uniqueid': '', 'ratings': {}, 'default_rating': '',
                          'cast': [], 'streams': [], 'seasons': [], 'artwork': []}

    def setUniqueIDs(self, uniqueIDs: dict, defaultuniqueid: str = '') -> None:
        expect_str_dict('setUniqueIDs', 'uniqueIDs', uniqueIDs)
        expect('setUniqueIDs', 'defaultuniqueid', defaultuniqueid, STR)
        self.fake_info['uniqueids'] = dict(uniqueIDs)
        self.fake_info['default_uniqueid'] = defaultuniqueid

    def setUniqueID(self, uniqueid: str, type: str = '', isdefault: bool = False) -> None:
        for arg, value, types in (('uniqueid', uniqueid, STR), ('type', type, STR), ('isdefault', isdefault, BOOL)):
            expect('setUniqueID', arg, value, types)
        self.fake_info['uniqueids'][type] = uniqueid
        if isdefault:
            self.fake_info['default_uniqueid'] = type

    def getUniqueID(self, key: str) -> str:
        expect('getUniqueID', 'key', key, STR)
        return self.fake_info['uniqueids'].get(key, '')

    def setIMDBNumber(self, imdbnumber: str) -> None:
        expect('setIMDBNumber', 'imdbnumber', imdbnumber, STR)
        self.fake_info['imdbnumber'] = imdbnumber

    def getIMDBNumber(self) -> str:
        """The value of setIMDBNumber, else the default unique id."""
        default = self.fake_info['uniqueids'].get(self.fake_info['default_uniqueid'], '')
        return self.fake_info.get('imdbnumber', default)

    def setRating(self, rating: float, votes: int = 0, type: str = '', isdefault: bool = False) -> None:
        for arg, value, types in (('rating', rating, NUMBER), ('votes', votes, INT), ('type', type, STR),
                                  ('isdefault', isdefault, BOOL)):
            expect('setRating', arg, value, types)
        self.fake_info['ratings'][type] = (float(rating), votes)
        if isdefault or not self.fake_info['default_rating']:
            self.fake_info['default_rating'] = type

    def setRatings(self, ratings: dict, defaultrating: str = '') -> None:
        expect('setRatings', 'ratings', ratings, (dict,))
        expect('setRatings', 'defaultrating', defaultrating, STR)
        for kind, pair in ratings.items():
            expect('setRatings', 'ratings key', kind, STR)
            expect('setRatings', 'ratings[%r]' % kind, pair, (tuple,))
            self.setRating(pair[0], pair[1], kind, kind == defaultrating)

    def getRating(self, type: str = '') -> float:
        kind = type or self.fake_info['default_rating']
        return self.fake_info['ratings'].get(kind, (0.0, 0))[0]

    def getVotes(self) -> str:
        return str(self.fake_info.get('votes', 0))

    def setCast(self, actors: list) -> None:
        expect('setCast', 'actors', actors, (list, tuple))
        for index, actor in enumerate(actors):
            expect('setCast', 'actors[%d]' % index, actor, (Actor,))
        self.fake_info['cast'] = list(actors)

    def getActors(self) -> list:
        return list(self.fake_info['cast'])

    def setResumePoint(self, time: float, totaltime: float = 0.0) -> None:
        expect('setResumePoint', 'time', time, NUMBER)
        expect('setResumePoint', 'totaltime', totaltime, NUMBER)
        self.fake_info['resume'] = (float(time), float(totaltime))

    def getResumeTime(self) -> float:
        return self.fake_info.get('resume', (0.0, 0.0))[0]

    def getResumeTimeTotal(self) -> float:
        return self.fake_info.get('resume', (0.0, 0.0))[1]

    def setMediaType(self, mediatype: str) -> None:
        """Kodi ignores an unknown media type (the item then has none); so does the fake, visibly."""
        expect('setMediaType', 'mediatype', mediatype, STR)
        if mediatype in MEDIA_TYPES:
            self.fake_info['mediatype'] = mediatype

    def getMediaType(self) -> str:
        return self.fake_info.get('mediatype', '')

    def addSeason(self, number: int, name: str = '') -> None:
        expect('addSeason', 'number', number, INT)
        expect('addSeason', 'name', name, STR)
        self.fake_info['seasons'].append((number, name))

    def addSeasons(self, namedseasons: list) -> None:
        expect('addSeasons', 'namedseasons', namedseasons, (list, tuple))
        for number, name in namedseasons:
            self.addSeason(number, name)

    def addVideoStream(self, stream: VideoStreamDetail) -> None:
        expect('addVideoStream', 'stream', stream, (VideoStreamDetail,))
        self.fake_info['streams'].append(stream)

    def addAudioStream(self, stream: AudioStreamDetail) -> None:
        expect('addAudioStream', 'stream', stream, (AudioStreamDetail,))
        self.fake_info['streams'].append(stream)

    def addSubtitleStream(self, stream: SubtitleStreamDetail) -> None:
        expect('addSubtitleStream', 'stream', stream, (SubtitleStreamDetail,))
        self.fake_info['streams'].append(stream)

    def addAvailableArtwork(self, url: str, arttype: str = '', preview: str = '', referrer: str = '',
                            cache: str = '', post: bool = False, isgz: bool = False, season: int = -1) -> None:
        expect('addAvailableArtwork', 'url', url, STR)
        expect('addAvailableArtwork', 'arttype', arttype, STR)
        self.fake_info['artwork'].append((url, arttype))


def _scalar_setter(name: str, key: str, types: tuple):
    def setter(self, value) -> None:
        expect(name, key, value, types)
        self.fake_info[key] = value
    setter.__name__ = name
    return setter


def _getter(name: str, key: str, empty, joined: bool = False):
    def getter(self):
        value = self.fake_info.get(key, _DEFAULTS.get(key, empty))
        if joined:
            return ' / '.join(value)
        return list(value) if isinstance(value, list) else value
    getter.__name__ = name
    return getter


def _list_setter(name: str, key: str):
    def setter(self, values: list) -> None:
        expect_str_list(name, key, values)
        self.fake_info[key] = list(values)
    setter.__name__ = name
    return setter


for _setter_name, _getter_name, _key, _types in _SCALARS:
    setattr(InfoTagVideo, _setter_name, _scalar_setter(_setter_name, _key, _types))
    if _getter_name:
        setattr(InfoTagVideo, _getter_name, _getter(_getter_name, _key, 0 if _types is INT else ''))
for _setter_name, _getter_name, _joined_name, _key in _LISTS:
    setattr(InfoTagVideo, _setter_name, _list_setter(_setter_name, _key))
    if _getter_name:
        setattr(InfoTagVideo, _getter_name, _getter(_getter_name, _key, []))
    if _joined_name:
        setattr(InfoTagVideo, _joined_name, _getter(_joined_name, _key, [], joined=True))
