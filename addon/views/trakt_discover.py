"""Trakt discover lists (trending, popular, anticipated, recommended; movies or shows) and the calendar of the
user's shows, with "Hide from recommendations". Items render like every Trakt list (addon.trakt.render: our
metadata, overlays and context menus). Folders page with a "Next page"; widgets (widget=true) get the first page,
no dialog and no message. An unauthorised user gets a "log in" row where a login is needed.

Features are imported inside the functions: the main menu, which loads every view module, must not pay for them.
"""
from __future__ import annotations

import time

from addon import kodi
from addon.platform.route_table import arg, int_arg, is_widget, link, plugin, route, url_for
from addon.views.titles import next_page_item, unaired
from addon.views.trakt import MOVIE, SHOW, kind_params
from addon.views.trakt_lists import login_row

# (list kind, movie | show) -> label id, in menu order
LABELS = (
    (('trending', MOVIE), 33131), (('trending', SHOW), 33132),
    (('popular', MOVIE), 33133), (('popular', SHOW), 33134),
    (('anticipated', MOVIE), 33135), (('anticipated', SHOW), 33136),
    (('recommended', MOVIE), 33137), (('recommended', SHOW), 33138),
)


def _folder(label_id, url, icon):
    item = kodi.list_item(kodi.localize(label_id))
    item.setArt({'icon': icon, 'thumb': icon})
    return url, item, True


def _end_with_rows(rows, content=None, category=None):
    kodi.begin_directory(plugin.handle, content, category)
    kodi.add_items(plugin.handle, rows)
    kodi.end_directory(plugin.handle, cache_to_disc=False)


def _failed(error):
    """A list Trakt could not give: logged, told outside widgets, the directory ended (empty in a widget)."""
    from addon.trakt.client import NotConfigured  # views load features lazily (see above)
    kodi.log('Trakt discover / calendar failed: %s' % error, 'warning')
    if not is_widget():
        message = kodi.localize(error.message_id) if isinstance(error, NotConfigured) else kodi.localize(30712, error)
        kodi.notify(message, icon='error')
    kodi.end_directory(plugin.handle, succeeded=is_widget(), cache_to_disc=False)


def _authorized() -> bool:
    from addon.trakt.actions import authorized  # views load features lazily (see above)
    return authorized()


@route('/trakt/discover', legacy=('trakt_discover',))
def discover():
    """kind=trending|popular|anticipated|recommended & media_type=movies|shows [& page=N]; without them, the menu of
    the eight lists."""
    list_kind, media = arg('kind'), kind_params()
    if (list_kind, media) not in dict(LABELS):
        return _end_with_rows([_folder(label, url_for(discover, kind=kind, media_type=media_type), icon)
                               for label, kind, media_type, icon in _menu_rows()], category=kodi.localize(33130))
    label = kodi.localize(dict(LABELS)[(list_kind, media)])
    if list_kind == 'recommended' and not _authorized():
        return _end_with_rows([login_row(33140)], category=label)
    from addon.platform.http import HttpFailure
    from addon.trakt import discover as lists
    from addon.trakt import related, render
    from addon.trakt.client import NotAuthorized, NotConfigured
    page = max(1, int_arg('page', 1))
    try:
        entries, more = lists.discover_page(list_kind, media, page)
    except NotAuthorized:
        return _end_with_rows([login_row(33140)], category=label)
    except (HttpFailure, NotConfigured) as error:
        return _failed(error)
    if not entries and not is_widget():
        kodi.notify(kodi.localize(33150))
    related.prepare_metas(entries, 'discover', widget=is_widget())
    rows = render.directory_items(entries)
    if list_kind == 'recommended':
        _add_hide_entries(rows, entries, media)
    if more and not is_widget():
        rows.append(next_page_item(url_for(discover, kind=list_kind, media_type=arg('media_type'), page=page + 1)))
    _end_with_rows(rows, 'movies' if media == MOVIE else 'tvshows', label)


def _menu_rows():
    for (kind, media), label in LABELS:
        yield (label, kind, 'movies' if media == MOVIE else 'shows',
               'DefaultMovies.png' if media == MOVIE else 'DefaultTVShows.png')


def _add_hide_entries(rows, entries, media):
    for (_, item, _), entry in zip(rows, entries):
        if entry.get('trakt'):
            item.addContextMenuItems([(kodi.localize(33142), 'RunPlugin(%s)' % link(
                'trakt_hide_recommendation', media_type='movies' if media == MOVIE else 'shows',
                trakt_id=entry['trakt'], title=entry.get('title')))])


@route('/trakt/recommendations/hide', legacy=('trakt_hide_recommendation',))
def hide_recommendation():
    """RunPlugin: media_type=movies|shows & trakt_id=<id>: Trakt never recommends it again (through the outbox)."""
    trakt_id, media = int_arg('trakt_id'), kind_params(MOVIE)
    if trakt_id is None or trakt_id <= 0:
        return kodi.notify(kodi.localize(30018), icon='warning')
    if not _authorized():
        return kodi.notify(kodi.localize(30014), icon='warning')
    from addon.trakt import discover as lists
    from addon.trakt import home_properties
    lists.hide_recommendation(media, trakt_id)
    kodi.notify(kodi.localize(33143))
    home_properties.refresh()


# ---- the calendar -------------------------------------------------------------------------------------------

@route('/trakt/calendar', legacy=('trakt_calendar',))
def calendar():
    """The episodes of the user's shows airing in the next 14 days: a folder row per day (it opens that day alone,
    day=YYYY-MM-DD) above its episodes. A widget lists the episodes alone, their day in label2."""
    label = kodi.localize(33139)
    if not _authorized():
        return _end_with_rows([login_row(33141)], category=label)
    from addon.platform.http import HttpFailure
    from addon.trakt import discover as lists
    from addon.trakt.client import NotAuthorized, NotConfigured
    try:
        days, clock = lists.calendar()
    except NotAuthorized:
        return _end_with_rows([login_row(33141)], category=label)
    except (HttpFailure, NotConfigured) as error:
        return _failed(error)
    only = arg('day')
    if only:
        days = [(day, entries) for day, entries in days if day.isoformat() == only]
    if not days and not is_widget():
        kodi.notify(kodi.localize(33149))
    rows = []
    for day, entries in days:
        heading = _day_label(day, clock.zone)
        if not is_widget() and not only:
            rows.append(_folder_row(heading, url_for(calendar, day=day.isoformat())))
        rows.extend(_episode_rows(entries, heading, clock))
    _end_with_rows(rows, 'episodes', label)


def _folder_row(text, url):
    item = kodi.list_item(text)
    item.setArt({'icon': 'DefaultYear.png', 'thumb': 'DefaultYear.png'})
    return url, item, True


def _day_label(day, zone) -> str:
    """'Today - Saturday 5 December', 'Tomorrow - ...', or 'Monday 7 December' (Kodi's day and month names)."""
    from addon.core import trakt_calendar
    text = kodi.localize(33146, kodi.localize(11 + day.weekday()), day.day, kodi.localize(20 + day.month))
    offset = trakt_calendar.day_offset(day, time.time(), zone)
    return kodi.localize(33144, text) if offset == 0 else kodi.localize(33145, text) if offset == 1 else text


def _episode_rows(entries, heading, clock):
    """Rendered like every Trakt list; an episode not aired yet reads "(airs ...)" and, like the unaired episodes of
    a season, says when it airs instead of playing."""
    from addon.core import trakt_calendar
    from addon.trakt import render
    rows = render.directory_items(entries)
    for index, ((_, item, _), entry) in enumerate(zip(rows, entries)):
        when = trakt_calendar.local_time(entry['aired_at'], clock)
        shown = '%s %s' % (heading, when) if is_widget() else when
        item.setLabel2(shown)
        if not entry['aired']:
            label = item.getLabel()
            item.setLabel(kodi.localize(30312, label, shown))
            item.setProperty('IsPlayable', 'false')
            rows[index] = (url_for(unaired, title=label, aired='%s %s' % (heading, when)), item, False)
    return rows
