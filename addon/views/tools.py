"""Tools (the Tools menu and the settings' maintenance buttons, all RunPlugin actions): database info, reset,
Trakt database clear / rebuild, optimize, clear stream statistics, clear learned preferences, install the keymap
and the widget paths for skins. Each asks before destroying anything and says what it did.

Features are imported inside the functions: the main menu, which loads every view module, must not pay for them.
"""
from __future__ import annotations

from addon import kodi
from addon.core import long_lines
from addon.platform.route_table import route

FOLDED_NOTE = 32201


def _database_call(task):
    """Run a maintenance task; a damaged or locked database is reported instead of raised. None on failure."""
    import peewee
    try:
        return task()
    except peewee.DatabaseError as exc:
        kodi.log('database tool failed: %s' % exc, 'error')
        kodi.ok_dialog(kodi.localize(30016, str(exc)))
        return None


def _confirmed(*question_ids) -> bool:
    """Every question answered yes; otherwise 'Nothing was changed' is said."""
    if all(kodi.yes_no(kodi.localize(question)) for question in question_ids):
        return True
    kodi.notify(kodi.localize(31183))
    return False


@route('/tools/database', legacy=('show_database_info',))
def show_database_info():
    from addon.tools import maintenance
    found = _database_call(maintenance.info)
    if found is None:
        return
    lines = [kodi.localize(31171, found['path'], maintenance.human_size(found['size'])),
             kodi.localize(31172, found['last_sync'] or kodi.localize(31173)), '']
    lines += [kodi.localize(31174, name, rows) for name, rows in found['tables']]
    _show_text(kodi.localize(31170), '\n'.join(lines))


@route('/tools/database/reset', legacy=('database_reset',))
def database_reset():
    """Two confirmations; then every table but the undelivered outbox is emptied (addon.tools.maintenance)."""
    from addon.tools import maintenance
    if _confirmed(31180, 31181):
        _report_deleted(_database_call(maintenance.reset), log_it=True)


@route('/tools/trakt/clear', legacy=('clear_trakt_database',))
def clear_trakt_database():
    from addon.tools import maintenance
    if _confirmed(31184):
        _report_deleted(_database_call(maintenance.clear_trakt))


def _report_deleted(deleted, log_it=False):
    """After rows were deleted: skins' Next Up properties and widgets forget them, and the user hears how many."""
    if deleted is None:
        return
    from addon.surfaces import widgets
    _forget_next_up()
    widgets.safe_bump()
    if log_it:
        kodi.log('database reset: %s' % deleted, 'info')
    kodi.notify(kodi.localize(31182, sum(deleted.values()), len(deleted)))


def _forget_next_up():
    """The Next Up Home properties skins read describe data that is gone."""
    try:
        from addon.trakt import home_properties as trakt_widgets
        trakt_widgets.clear_next_up()
    except ImportError:
        pass


@route('/tools/trakt/rebuild', legacy=('rebuild_trakt_database', 'clear_trakt_cache'))
def rebuild_trakt_database():
    """Clear the local Trakt copy and download it again (the "Sync now" dialog follows the service's cycle); also
    the newer seed's clear_trakt_cache."""
    from addon.surfaces import item_menus as context_items
    from addon.tools import maintenance
    if not context_items.trakt_authorized():
        kodi.notify(kodi.localize(30014), icon='warning')
        return
    if not _confirmed(31185) or _database_call(maintenance.clear_trakt) is None:
        return
    _forget_next_up()
    from addon.trakt import manual_sync
    manual_sync.run()


@route('/tools/database/optimize', legacy=('vacuum_database', 'optimize_database'))
def vacuum_database():
    from addon.tools import maintenance
    sizes = _database_call(maintenance.vacuum)
    if sizes is None:
        return
    before, after = sizes
    kodi.notify(kodi.localize(31186, maintenance.human_size(before), maintenance.human_size(after)))


@route('/tools/streams/clear-stats', legacy=('clear_stream_stats',))
def clear_stream_stats():
    from addon.play import reliability
    if not kodi.yes_no(kodi.localize(31192)):
        return
    kodi.notify(kodi.localize(31190, reliability.clear_stats()))


@route('/tools/streams/clear-preferences', legacy=('clear_preferences',))
def clear_preferences():
    from addon.play import reliability
    if not kodi.yes_no(kodi.localize(31193)):
        return
    kodi.notify(kodi.localize(31191, reliability.clear_preferences()))


@route('/tools/keymap', legacy=('install_keymap',))
def install_keymap():
    from addon.surfaces import keymap
    keymap.install()


@route('/tools/widgets', legacy=('widget_paths',))
def widget_paths():
    """The widget paths of the fixed lists and of the user's own catalogs, for the skin's widget settings."""
    from addon.surfaces import widgets
    lines = [kodi.localize(31155), '']
    for label, action, params in widgets.WIDGETS:
        lines += ['%s:' % kodi.localize(label), widgets.widget_path(action, **params), '']
    lines += _catalog_paths()
    # Kodi expands $INFO[...] in any label, the text viewer's too: an empty [B][/B] keeps it literal on screen.
    text = '\n'.join(lines).replace('$INFO[', '$[B][/B]INFO[')
    _show_text(kodi.localize(31154), text)


def _show_text(heading, text):
    """Kodi's text viewer, long paths folded so no line runs past its edge (addon.core.long_lines); when one was
    folded, a last line says how to read it."""
    folded = long_lines.fold(text)
    if folded != text:
        folded += '\n\n' + kodi.localize(FOLDED_NOTE)
    kodi.text_viewer(heading, folded)


def _catalog_paths() -> list:
    from addon.backend import aiostreams, catalog
    from addon.surfaces import widgets
    outcome = aiostreams.fetch_manifest()
    if outcome.kind != aiostreams.OK:
        return [kodi.localize(31156)]
    lines = []
    for content_type in ('movie', 'series'):
        for entry in catalog.browsable_catalogs(outcome.data, content_type):
            if catalog.default_genre(entry) is False:
                continue
            lines += ['%s (%s):' % (entry.get('name') or entry['id'], entry['type']),
                      widgets.catalog_path(entry['type'], entry['id']), '']
    return lines

