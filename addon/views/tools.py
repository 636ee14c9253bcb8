"""Tools (the Tools menu and the settings' maintenance buttons, all RunPlugin actions): database info, reset,
Trakt database clear / rebuild, optimize, clear stream statistics, clear learned preferences, install the keymap
and the widget paths for skins. Each asks before destroying anything and says what it did."""
from __future__ import annotations

from addon import kodi
from addon.router import plugin

LEGACY_ACTIONS: dict = {}


def _database_error(exc):
    kodi.log('database tool failed: %s' % exc, 'error')
    kodi.ok_dialog(kodi.localize(30016, str(exc)))


@plugin.route('/tools/database')
def show_database_info():
    import peewee

    from addon import maintenance
    try:
        found = maintenance.info()
    except peewee.DatabaseError as exc:
        return _database_error(exc)
    lines = [kodi.localize(31171, found['path'], maintenance.human_size(found['size'])),
             kodi.localize(31172, found['last_sync'] or kodi.localize(31173)), '']
    lines += [kodi.localize(31174, name, rows) for name, rows in found['tables']]
    kodi.text_viewer(kodi.localize(31170), '\n'.join(lines))


@plugin.route('/tools/database/reset')
def database_reset():
    """Two confirmations; then every table but the undelivered outbox is emptied (addon.maintenance)."""
    import peewee

    from addon import maintenance, widgets
    if not kodi.yes_no(kodi.localize(31180)) or not kodi.yes_no(kodi.localize(31181)):
        kodi.notify(kodi.localize(31183))
        return
    try:
        deleted = maintenance.reset()
    except peewee.DatabaseError as exc:
        return _database_error(exc)
    _forget_next_up()
    widgets.safe_bump()
    kodi.log('database reset: %s' % deleted, 'info')
    kodi.notify(kodi.localize(31182, sum(deleted.values()), len(deleted)))


def _forget_next_up():
    """The Next Up Home properties skins read describe data that is gone."""
    try:
        from addon.trakt import widgets as trakt_widgets
        trakt_widgets.clear_next_up()
    except ImportError:
        pass


@plugin.route('/tools/trakt/clear')
def clear_trakt_database():
    import peewee

    from addon import maintenance, widgets
    if not kodi.yes_no(kodi.localize(31184)):
        kodi.notify(kodi.localize(31183))
        return
    try:
        deleted = maintenance.clear_trakt()
    except peewee.DatabaseError as exc:
        return _database_error(exc)
    _forget_next_up()
    widgets.safe_bump()
    kodi.notify(kodi.localize(31182, sum(deleted.values()), len(deleted)))


@plugin.route('/tools/trakt/rebuild')
def rebuild_trakt_database():
    """Clear the local Trakt copy and download it again (the "Sync now" dialog follows the service's cycle)."""
    import peewee

    from addon import context_items, maintenance
    if not context_items.trakt_authorized():
        kodi.notify(kodi.localize(30014), icon='warning')
        return
    if not kodi.yes_no(kodi.localize(31185)):
        kodi.notify(kodi.localize(31183))
        return
    try:
        maintenance.clear_trakt()
    except peewee.DatabaseError as exc:
        return _database_error(exc)
    _forget_next_up()
    from addon.trakt import manual_sync
    manual_sync.run()


@plugin.route('/tools/database/optimize')
def vacuum_database():
    import peewee

    from addon import maintenance
    try:
        before, after = maintenance.vacuum()
    except peewee.DatabaseError as exc:
        return _database_error(exc)
    kodi.notify(kodi.localize(31186, maintenance.human_size(before), maintenance.human_size(after)))


@plugin.route('/tools/streams/clear-stats')
def clear_stream_stats():
    from addon import reliability
    if not kodi.yes_no(kodi.localize(31192)):
        return
    kodi.notify(kodi.localize(31190, reliability.clear_stats()))


@plugin.route('/tools/streams/clear-preferences')
def clear_preferences():
    from addon import reliability
    if not kodi.yes_no(kodi.localize(31193)):
        return
    kodi.notify(kodi.localize(31191, reliability.clear_preferences()))


@plugin.route('/tools/keymap')
def install_keymap():
    from addon import keymap
    keymap.install()


@plugin.route('/tools/widgets')
def widget_paths():
    """The widget paths of the fixed lists and of the user's own catalogs, for the skin's widget settings."""
    from addon import widgets
    lines = [kodi.localize(31155), '']
    for label, query in widgets.WIDGETS:
        lines += ['%s:' % kodi.localize(label), widgets.widget_path(query), '']
    lines += _catalog_paths()
    # Kodi expands $INFO[...] in any label, the text viewer's too: an empty [B][/B] keeps it literal on screen.
    text = '\n'.join(lines).replace('$INFO[', '$[B][/B]INFO[')
    kodi.text_viewer(kodi.localize(31154), text)


def _catalog_paths() -> list:
    from addon import aiostreams, catalog, widgets
    outcome = aiostreams.fetch_manifest()
    if outcome.kind != aiostreams.OK:
        return [kodi.localize(31156)]
    lines = []
    for content_type in ('movie', 'series'):
        for entry in catalog.browsable_catalogs(outcome.data, content_type):
            if catalog.default_genre(entry) is False:
                continue
            lines += ['%s (%s):' % (entry.get('name') or entry['id'], entry['type']),
                      widgets.widget_path(widgets.catalog_query(entry['type'], entry['id'])), '']
    return lines


LEGACY_ACTIONS.update({
    'show_database_info': show_database_info,
    'database_reset': database_reset,
    'clear_trakt_database': clear_trakt_database,
    'rebuild_trakt_database': rebuild_trakt_database,
    'vacuum_database': vacuum_database,
    'optimize_database': vacuum_database,
    'clear_stream_stats': clear_stream_stats,
    'clear_preferences': clear_preferences,
    'install_keymap': install_keymap,
    'widget_paths': widget_paths,
})
