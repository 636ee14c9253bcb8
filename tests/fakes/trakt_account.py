"""The state of one fake Trakt account and the contract's semantics over it (trakt-api.md).

Plain Python, no HTTP: tests/fakes/trakt_server.py serves it. Times are epoch floats inside and ISO-8601 UTC
strings with milliseconds on the wire. Watched state is derived from the play history, as on Trakt.
"""
from __future__ import annotations

import calendar
import copy
import itertools
import time

HIDDEN_SECTIONS = ('calendar', 'progress_watched', 'progress_collected', 'recommendations', 'comments', 'dropped')
# Which activity anchors a hidden section bumps.
_HIDDEN_ANCHORS = {'dropped': ('shows', 'dropped_at')}


def iso(timestamp) -> str:
    """Trakt's timestamp format: 2014-09-01T09:10:11.000Z."""
    whole = int(timestamp)
    millis = int(round((timestamp - whole) * 1000))
    if millis >= 1000:
        whole, millis = whole + 1, millis - 1000
    return time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(whole)) + '.%03dZ' % millis


def parse_iso(text) -> float:
    text = text.rstrip('Z').replace('+00:00', '')
    main, _, fraction = text.partition('.')
    seconds = calendar.timegm(time.strptime(main, '%Y-%m-%dT%H:%M:%S'))
    return seconds + (float('0.' + fraction) if fraction else 0.0)


def _empty_activities():
    epoch = '2010-01-01T00:00:00.000Z'
    return {
        'all': epoch,
        'movies': {key: epoch for key in ('watched_at', 'collected_at', 'rated_at', 'watchlisted_at',
                                          'favorited_at', 'commented_at', 'paused_at', 'hidden_at')},
        'episodes': {key: epoch for key in ('watched_at', 'collected_at', 'rated_at', 'watchlisted_at',
                                            'commented_at', 'paused_at')},
        'shows': {key: epoch for key in ('rated_at', 'watchlisted_at', 'favorited_at', 'commented_at',
                                         'hidden_at', 'dropped_at')},
        'seasons': {key: epoch for key in ('rated_at', 'watchlisted_at', 'commented_at', 'hidden_at')},
        'comments': {'liked_at': epoch, 'blocked_at': epoch},
        'lists': {'liked_at': epoch, 'updated_at': epoch, 'commented_at': epoch},
        'watchlist': {'updated_at': epoch},
        'favorites': {'updated_at': epoch},
        'account': {'settings_at': epoch, 'followed_at': epoch, 'following_at': epoch, 'pending_at': epoch,
                    'requested_at': epoch},
    }


def target_of(entry) -> tuple:
    """What a play or playback entry is about: ('movie', movie) or ('episode', show, season, number)."""
    if entry['type'] == 'movie':
        return 'movie', entry['movie']
    return 'episode', entry['show'], entry['season'], entry['number']


class Account:
    """One user's library. Shows hold their full episode lists (with air dates) like Trakt's catalogue does."""

    def __init__(self, username='kodi-tester', clock=time.time):
        self.username = username
        self.clock = clock
        self.shows = {}             # trakt id -> {'trakt','title','year','ids','seasons': {n: [episode]}}
        self.movies = {}            # trakt id -> {'trakt','title','year','ids','runtime'}
        self.history = []           # plays: {'id','watched_at','action','type','movie'|('show','season','number')}
        self.resets = {}            # show trakt id -> reset_at (rewatch started)
        self.show_updated = {}      # show trakt id -> when its watched data last changed
        self.movie_updated = {}
        self.collected_movies = {}  # movie id -> collected_at
        self.collected_episodes = {}  # (show, season, number) -> collected_at
        self.watchlist = []         # {'id','listed_at','type','trakt','notes'}
        self.playback = {}          # id -> {'id','progress','paused_at','type','movie'|('show','season','number')}
        self.hidden = {section: [] for section in HIDDEN_SECTIONS}  # {'hidden_at','type','trakt','season'}
        self.activities = _empty_activities()
        self._ids = itertools.count(1000001)
        self._last_stamp = 0.0
        self._episode_index = {}    # episode trakt id -> (show, season, number)
        self.lists = {}             # list trakt id -> {'trakt','slug','name','owner','privacy','updated_at','items'}
        self.liked = []             # [(list trakt id, liked_at)]; an id missing from self.lists: a deleted list

    # ---- building the catalogue ---------------------------------------------------------------------------

    def add_show(self, trakt, title, year, seasons, imdb=None, tmdb=None, tvdb=None):
        """seasons: {number: [(title, first_aired epoch or None), ...]} (season 0 = specials)."""
        show = {'trakt': trakt, 'title': title, 'year': year,
                'ids': {'trakt': trakt, 'slug': '%s-%d' % (title.lower().replace(' ', '-'), trakt),
                        'imdb': imdb, 'tmdb': tmdb, 'tvdb': tvdb},
                'seasons': {}}
        for number, episodes in seasons.items():
            show['seasons'][number] = [self._episode(trakt, number, index + 1, name, aired)
                                       for index, (name, aired) in enumerate(episodes)]
        self.shows[trakt] = show
        return show

    def _episode(self, show, season, number, title, first_aired):
        trakt = show * 1000 + season * 100 + number
        self._episode_index[trakt] = (show, season, number)
        return {'season': season, 'number': number, 'title': title, 'first_aired': first_aired,
                'ids': {'trakt': trakt, 'tvdb': 9000000 + trakt, 'imdb': 'tt%08d' % (30000000 + trakt),
                        'tmdb': 8000000 + trakt}}

    def add_movie(self, trakt, title, year, imdb=None, tmdb=None, runtime=100):
        self.movies[trakt] = {'trakt': trakt, 'title': title, 'year': year, 'runtime': runtime,
                              'ids': {'trakt': trakt, 'slug': '%s-%d' % (title.lower().replace(' ', '-'), year),
                                      'imdb': imdb, 'tmdb': tmdb}}

    def add_list(self, trakt, name, items=(), owner=None, privacy='private'):
        """A personal list (owner None: this user's). items: [('movie'|'show'|'season'|'episode', key)], key a
        trakt id (a (show, season[, number]) tuple for seasons and episodes). Moves lists.updated_at for our own."""
        at = self.stamp()
        self.lists[trakt] = {'trakt': trakt, 'slug': name.lower().replace(' ', '-'), 'name': name,
                             'owner': owner or self.username, 'privacy': privacy, 'updated_at': at,
                             'items': [{'id': self.next_id(), 'type': kind, 'key': key, 'listed_at': at}
                                       for kind, key in items]}
        if owner is None:
            self.bump('lists.updated_at', at=at)
        return self.lists[trakt]

    def like_list(self, trakt):
        at = self.stamp()
        self.liked.append((trakt, at))
        self.bump('lists.liked_at', at=at)

    def list_object(self, trakt):
        data = self.lists[trakt]
        owner = data['owner']
        return {'name': data['name'], 'description': None, 'privacy': data['privacy'], 'share_link': None,
                'type': 'personal', 'display_numbers': False, 'allow_comments': True, 'sort_by': 'rank',
                'sort_how': 'asc', 'created_at': iso(data['updated_at']), 'updated_at': iso(data['updated_at']),
                'item_count': len(data['items']), 'comment_count': 0, 'likes': 0,
                'ids': {'trakt': trakt, 'slug': data['slug']},
                'user': {'username': owner, 'private': False, 'name': owner.title(), 'vip': False,
                         'ids': {'slug': owner}}}

    def list_item_object(self, rank, entry):
        item = {'rank': rank, 'id': entry['id'], 'listed_at': iso(entry['listed_at']), 'notes': None,
                'type': entry['type']}
        key = entry['key']
        if entry['type'] in ('movie', 'show'):
            item[entry['type']] = self.listed_object(entry['type'], key)
        else:
            item['show'] = self.show_object(key[0])
            item[entry['type']] = (self.episode_object(*key) if entry['type'] == 'episode' else
                                   {'number': key[1], 'ids': {'trakt': self.season_trakt_id(*key[:2])}})
        return item

    def change_list(self, trakt, kind, key, add) -> bool:
        """Add or remove one movie or show; True when the list changed (moves its updated_at and lists.updated_at)."""
        data = self.lists[trakt]
        present = [entry for entry in data['items'] if entry['type'] == kind and entry['key'] == key]
        if bool(present) == add:
            return False
        at = self.stamp()
        if add:
            data['items'].append({'id': self.next_id(), 'type': kind, 'key': key, 'listed_at': at})
        else:
            data['items'] = [entry for entry in data['items'] if entry not in present]
        data['updated_at'] = at
        self.bump('lists.updated_at', at=at)
        return True

    def next_id(self) -> int:
        return next(self._ids)

    # ---- time and activities ------------------------------------------------------------------------------

    def now(self) -> float:
        return self.clock()

    def stamp(self) -> float:
        """A strictly increasing 'now' (ms resolution), so every change moves its anchors."""
        value = max(round(self.now(), 3), round(self._last_stamp + 0.001, 3))
        self._last_stamp = value
        return value

    def bump(self, *keys, at=None):
        """Move activity anchors ('movies.watched_at', ...) and `all` to `at` (default: a fresh stamp)."""
        value = iso(at if at is not None else self.stamp())
        for key in keys:
            group, _, name = key.partition('.')
            self.activities[group][name] = value
        self.activities['all'] = max(self._all_values())

    def _all_values(self):
        for values in self.activities.values():
            if isinstance(values, dict):
                yield from values.values()

    def settle_activities(self):
        """After building an account directly: anchors at the newest timestamp of each kind of data."""
        def newest(values, key):
            stamps = [value for value in values if value is not None]
            if stamps:
                self.bump(key, at=max(stamps))
        newest([play['watched_at'] for play in self.history if play['type'] == 'movie'], 'movies.watched_at')
        newest([play['watched_at'] for play in self.history if play['type'] == 'episode'] +
               list(self.resets.values()), 'episodes.watched_at')
        newest(self.collected_movies.values(), 'movies.collected_at')
        newest(self.collected_episodes.values(), 'episodes.collected_at')
        newest([entry['listed_at'] for entry in self.watchlist if entry['type'] == 'movie'], 'movies.watchlisted_at')
        newest([entry['listed_at'] for entry in self.watchlist if entry['type'] == 'show'], 'shows.watchlisted_at')
        newest([entry['listed_at'] for entry in self.watchlist], 'watchlist.updated_at')
        newest([entry['paused_at'] for entry in self.playback.values() if entry['type'] == 'movie'],
               'movies.paused_at')
        newest([entry['paused_at'] for entry in self.playback.values() if entry['type'] == 'episode'],
               'episodes.paused_at')
        hidden = {}
        for section, entries in self.hidden.items():
            for entry in entries:
                for key in self._hidden_anchor_keys(section, entry['type']):
                    hidden.setdefault(key, []).append(entry['hidden_at'])
        for key, stamps in hidden.items():
            newest(stamps, key)
        self._last_stamp = max([self._last_stamp] + [parse_iso(value) for value in self._all_values()])

    # ---- lookups ------------------------------------------------------------------------------------------

    def find_show(self, ids):
        return self._find(self.shows, ids, ('trakt', 'slug', 'imdb', 'tmdb', 'tvdb'))

    def find_movie(self, ids):
        return self._find(self.movies, ids, ('trakt', 'slug', 'imdb', 'tmdb'))

    @staticmethod
    def _find(table, ids, keys):
        ids = ids or {}
        for key in keys:
            wanted = ids.get(key)
            if wanted in (None, ''):
                continue
            if key == 'trakt' and int(wanted) in table:
                return table[int(wanted)]
            for item in table.values():
                if str(item['ids'].get(key)) == str(wanted):
                    return item
        return None

    def find_show_by_path_id(self, value):
        """/shows/{id}/...: trakt id, slug or IMDb id."""
        if value.isdigit():
            return self.shows.get(int(value))
        return self.find_show({'slug': value}) or self.find_show({'imdb': value})

    def find_movie_by_path_id(self, value):
        if value.isdigit():
            return self.movies.get(int(value))
        return self.find_movie({'slug': value}) or self.find_movie({'imdb': value})

    def find_episode(self, ids):
        """(show, season, number) of an episode given by its own ids."""
        ids = ids or {}
        if ids.get('trakt') is not None and int(ids['trakt']) in self._episode_index:
            return self._episode_index[int(ids['trakt'])]
        for key in ('imdb', 'tmdb', 'tvdb'):
            if ids.get(key) in (None, ''):
                continue
            for show in self.shows.values():
                for episodes in show['seasons'].values():
                    for episode in episodes:
                        if str(episode['ids'].get(key)) == str(ids[key]):
                            return show['trakt'], episode['season'], episode['number']
        return None

    def episode(self, show, season, number):
        for episode in self.shows[show]['seasons'].get(season, ()):
            if episode['number'] == number:
                return episode
        return None

    def season_trakt_id(self, show, season) -> int:
        return show * 100 + season

    def find_season(self, ids):
        """(show, season) of a season given by its trakt id."""
        trakt = (ids or {}).get('trakt')
        if trakt is None:
            return None
        show, season = divmod(int(trakt), 100)
        if show in self.shows and season in self.shows[show]['seasons']:
            return show, season
        return None

    def aired(self, episode, now=None) -> bool:
        now = self.now() if now is None else now
        return episode['first_aired'] is not None and episode['first_aired'] <= now

    def aired_episodes(self, show, now=None) -> int:
        """Trakt's aired_episodes: aired episodes outside the specials season."""
        return sum(1 for number, episodes in self.shows[show]['seasons'].items() if number > 0
                   for episode in episodes if self.aired(episode, now))

    # ---- object shapes on the wire ------------------------------------------------------------------------

    def show_object(self, show, reduced_aired=False):
        data = self.shows[show]
        shape = {'title': data['title'], 'year': data['year'], 'ids': dict(data['ids'])}
        if reduced_aired:
            shape['aired_episodes'] = self.aired_episodes(show)
        return shape

    def movie_object(self, movie):
        data = self.movies[movie]
        return {'title': data['title'], 'year': data['year'], 'ids': dict(data['ids'])}

    def episode_object(self, show, season, number, full=False):
        episode = self.episode(show, season, number)
        shape = {'season': season, 'number': number, 'title': episode['title'], 'ids': dict(episode['ids'])}
        if full:
            shape['first_aired'] = iso(episode['first_aired']) if episode['first_aired'] is not None else None
            shape['runtime'] = 45
        return shape

    def listed_object(self, kind, trakt):
        """The object of a watchlist or hidden entry: a movie's for 'movie', its show's for any other kind."""
        return self.movie_object(trakt) if kind == 'movie' else self.show_object(trakt)

    def item_objects(self, target):
        """The objects a history, playback or scrobble item carries for `target` (see target_of): {'movie': …}
        or {'episode': …, 'show': …}."""
        if target[0] == 'movie':
            return {'movie': self.movie_object(target[1])}
        return {'episode': self.episode_object(*target[1:]), 'show': self.show_object(target[1])}

    # ---- play history and derived watched state -----------------------------------------------------------

    def add_play(self, kind, target, watched_at, action='watch', changed_at=None):
        """kind 'movie' (target = movie id) or 'episode' (target = (show, season, number)). `changed_at` is when
        the item's watched data changed (its last_updated_at); it defaults to the play time."""
        changed_at = watched_at if changed_at is None else changed_at
        play = {'id': self.next_id(), 'watched_at': watched_at, 'action': action, 'type': kind}
        if kind == 'movie':
            play['movie'] = target
            self.movie_updated[target] = max(self.movie_updated.get(target, 0.0), changed_at)
        else:
            play['show'], play['season'], play['number'] = target
            self.show_updated[target[0]] = max(self.show_updated.get(target[0], 0.0), changed_at)
        self.history.append(play)
        return play

    def remove_plays(self, predicate, changed_at) -> dict:
        removed = {'movies': 0, 'episodes': 0}
        kept = []
        for play in self.history:
            if predicate(play):
                removed['movies' if play['type'] == 'movie' else 'episodes'] += 1
                if play['type'] == 'episode':
                    self.show_updated[play['show']] = changed_at
                else:
                    self.movie_updated[play['movie']] = changed_at
            else:
                kept.append(play)
        self.history = kept
        return removed

    def watched_movies(self):
        """{movie: {'plays': n, 'last_watched_at': t}} over the whole history."""
        return {target[1]: {'plays': plays, 'last_watched_at': last}
                for target, (plays, last) in self._play_counts('movie').items()}

    def watched_episodes(self):
        """{show: {(season, number): (plays, last_watched_at)}} over the whole history (resets not applied)."""
        shows = {}
        for (_kind, show, season, number), counts in self._play_counts('episode').items():
            shows.setdefault(show, {})[(season, number)] = counts
        return shows

    def _play_counts(self, kind):
        """{target_of(play): (plays, last watched_at)} over the plays of `kind` ('movie' or 'episode')."""
        counts = {}
        for play in self.history:
            if play['type'] == kind:
                plays, last = counts.get(target_of(play), (0, 0.0))
                counts[target_of(play)] = (plays + 1, max(last, play['watched_at']))
        return counts

    # ---- progress and Up Next: the semantics of trakt-api.md section 10 -----------------------------------

    def hidden_shows(self, section) -> set:
        return {entry['trakt'] for entry in self.hidden[section] if entry['type'] == 'show'}

    def hidden_seasons(self, show) -> set:
        return {entry['season'] for entry in self.hidden['progress_watched']
                if entry['type'] == 'season' and entry['trakt'] == show}

    def progress(self, show, now=None, plays=None):
        """GET /shows/{id}/progress/watched (hidden=false, specials=false): aired-only, resets honoured,
        next_episode = the first episode after the highest watched one, null when it has not aired.
        `plays`: this show's entry of watched_episodes(), when the caller already has it."""
        now = self.now() if now is None else now
        all_plays = self.watched_episodes().get(show, {}) if plays is None else plays
        reset_at = self.resets.get(show)
        hidden = self.hidden_seasons(show)
        ordered = [episode for number in sorted(self.shows[show]['seasons']) if number > 0 and number not in hidden
                   for episode in self.shows[show]['seasons'][number]]
        watched = {key: last for key, (_, last) in all_plays.items() if reset_at is None or last >= reset_at}
        aired = [episode for episode in ordered if self.aired(episode, now)]
        completed = sum(1 for episode in aired if (episode['season'], episode['number']) in watched)
        last_index = max((index for index, episode in enumerate(ordered)
                          if (episode['season'], episode['number']) in watched), default=-1)
        following = ordered[last_index + 1] if last_index + 1 < len(ordered) else None
        next_episode = following if following is not None and self.aired(following, now) else None
        last_episode = ordered[last_index] if last_index >= 0 else None
        return {
            'aired': len(aired), 'completed': completed,
            'last_watched_at': iso(max(last for _, last in all_plays.values())) if all_plays else None,
            'reset_at': iso(reset_at) if reset_at is not None else None,
            'hidden_seasons': [{'number': number} for number in sorted(hidden)],
            'next_episode': self.episode_object(show, next_episode['season'], next_episode['number'])
            if next_episode else None,
            'last_episode': self.episode_object(show, last_episode['season'], last_episode['number'])
            if last_episode else None,
        }

    def expected_next_up(self, now=None):
        """The contract's Next Up: [(show, season, number)] of every watched show that is neither hidden from
        progress nor dropped and has an aired next episode, most recently watched show first."""
        now = self.now() if now is None else now
        excluded = self.hidden_shows('progress_watched') | self.hidden_shows('dropped')
        entries = []
        for show, episodes in self.watched_episodes().items():
            if show in excluded:
                continue
            progress = self.progress(show, now, episodes)
            if progress['next_episode'] is None:
                continue
            last = max(last for _, last in episodes.values())
            entries.append((last, show, progress['next_episode']['season'], progress['next_episode']['number']))
        entries.sort(key=lambda entry: (-entry[0], entry[1]))
        return [(show, season, number) for _, show, season, number in entries]

    # ---- hidden / dropped ---------------------------------------------------------------------------------

    def _hidden_anchor_keys(self, section, kind):
        if section in _HIDDEN_ANCHORS:
            return ('%s.%s' % _HIDDEN_ANCHORS[section],)
        group = {'show': 'shows', 'season': 'seasons', 'movie': 'movies'}.get(kind)
        return ('%s.hidden_at' % group,) if group else ()

    def hide(self, section, kind, trakt, season=None, at=None) -> bool:
        if any(entry['type'] == kind and entry['trakt'] == trakt and entry.get('season') == season
               for entry in self.hidden[section]):
            return False
        at = self.stamp() if at is None else at
        self.hidden[section].append({'hidden_at': at, 'type': kind, 'trakt': trakt, 'season': season})
        return True

    def unhide(self, section, kind, trakt, season=None) -> bool:
        before = len(self.hidden[section])
        self.hidden[section] = [entry for entry in self.hidden[section]
                                if not (entry['type'] == kind and entry['trakt'] == trakt
                                        and entry.get('season') == season)]
        return len(self.hidden[section]) != before

    def snapshot(self):
        """A deep copy for tests that compare before and after."""
        return copy.deepcopy({'history': self.history, 'watchlist': self.watchlist, 'playback': self.playback,
                              'hidden': self.hidden, 'activities': self.activities})
