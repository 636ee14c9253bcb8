"""Tools: database info and reset, Trakt database clear / rebuild, optimize, stream statistics and learned
preferences, the keymap installer and the widget paths - each run as Kodi runs them (RunPlugin, handle -1)."""
from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET

import pytest

from addon.platform import outbox as outbox_store
from addon.platform import playstate, storage
from addon.play import reliability
from addon.surfaces import keymap
from addon.tools import maintenance
from tests.fakes.aiostreams_fixture import aio  # noqa: F401  (fixture)
from tests.unit.test_context_items import log_in_trakt

P = 'plugin://plugin.video.aiostreams/'
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(kodi, action):
    return kodi.run_plugin(P + '?action=' + action, handle=-1)


def fill_database(kodi):
    """One row in every component: Trakt, local play state, stream stats and picks, and a queued Trakt write."""
    from addon.trakt import local_changes
    log_in_trakt(kodi)
    local_changes.set_watchlisted('movie', 'tt1000001', True)
    playstate.save_position('movie:tt1000001', 600.0, 6000.0)
    reliability.record_outcome('rd|fake|grp', True)
    reliability.record_pick('rd|fake|grp')
    outbox_store.enqueue('trakt', 'watchlist_add', {'movies': [{'ids': {'imdb': 'tt1000001'}}]}, wake=False)


def rows(table):
    storage.open_db()
    return maintenance._count(table)


def test_database_info_shows_counts_per_table_last_sync_and_size(kodi):
    fill_database(kodi)
    kodi.answer('textviewer', None)
    run(kodi, 'show_database_info')
    text = unfold(kodi.dialogs[-1]['message'])
    assert kodi.dialogs[-1]['heading'] == 'Database info'
    assert re.search(r'Database file: .*aiostreams\.db \(\d+(\.\d)? (B|KB|MB)\)', text)
    assert re.search(r'Last Trakt sync: \d{4}-\d\d-\d\d \d\d:\d\d', text)
    for table, count in (('trakt_watchlist', 1), ('play_state', 1), ('stream_stats', 1), ('stream_picks', 1),
                         ('outbox', 1)):
        assert '%s: %d rows' % (table, count) in text


def test_database_info_before_any_sync_says_never(kodi):
    kodi.answer('textviewer', None)
    run(kodi, 'show_database_info')
    assert 'Last Trakt sync: never' in kodi.dialogs[-1]['message']


def test_reset_needs_two_confirmations(kodi):
    fill_database(kodi)
    kodi.answer('yesno', True)
    kodi.answer('yesno', False)
    run(kodi, 'database_reset')
    assert rows('trakt_watchlist') == 1 and rows('play_state') == 1
    assert kodi.notifications[-1]['message'] == 'Nothing was deleted.'


def test_reset_clears_every_table_it_names_and_keeps_undelivered_writes(kodi):
    fill_database(kodi)
    kodi.answer('yesno', True)
    kodi.answer('yesno', True)
    run(kodi, 'database_reset')
    storage.open_db()
    for table in maintenance.table_names():
        if table in ('outbox', 'schema_version'):
            continue
        assert rows(table) == 0, table
    assert rows('outbox') == 1  # the queued watchlist change still reaches Trakt
    assert rows('schema_version') > 0
    assert re.match(r'Database reset: \d+ rows deleted from \d+ tables\.', kodi.notifications[-1]['message'])
    assert kodi.window_property(10000, 'AIOStreams.Widgets.Reload')
    assert kodi.window_property(10000, 'AIOStreams.NextUp.Count') == '0'


def test_clear_trakt_database_keeps_local_play_state(kodi):
    fill_database(kodi)
    kodi.answer('yesno', True)
    run(kodi, 'clear_trakt_database')
    assert rows('trakt_watchlist') == 0 and rows('trakt_sync_state') == 0
    assert rows('play_state') == 1 and rows('stream_stats') == 1 and rows('outbox') == 1


def test_rebuild_trakt_database_needs_trakt(kodi):
    run(kodi, 'rebuild_trakt_database')
    assert kodi.notifications[-1]['message'].startswith('Trakt is not authorized')


def test_optimize_database_reports_sizes(kodi):
    fill_database(kodi)
    run(kodi, 'vacuum_database')
    assert re.match(r'Database optimized: .+ before, .+ now\.', kodi.notifications[-1]['message'])


@pytest.mark.parametrize('action,task', [('show_database_info', 'info'), ('database_reset', 'reset'),
                                         ('clear_trakt_database', 'clear_trakt'), ('vacuum_database', 'vacuum')])
def test_a_damaged_database_is_reported_not_raised(kodi, monkeypatch, action, task):
    import peewee

    def damaged():
        raise peewee.DatabaseError('database disk image is malformed')
    monkeypatch.setattr(maintenance, task, damaged)
    kodi.answer('yesno', True)
    kodi.answer('yesno', True)
    kodi.answer('ok', True)
    run(kodi, action)
    report = [dialog for dialog in kodi.dialogs if dialog['kind'] == 'ok'][-1]
    assert report['message'] == 'The local database could not be opened: database disk image is malformed'
    assert not [note for note in kodi.notifications if 'deleted' in note['message'] or 'optimized' in note['message']]


@pytest.mark.parametrize('action,table,message', [
    ('clear_stream_stats', 'stream_stats', 'Stream statistics cleared (1 providers).'),
    ('clear_preferences', 'stream_picks', 'Learned preferences cleared (1 providers).'),
])
def test_stream_tools_ask_then_clear_only_their_table(kodi, action, table, message):
    fill_database(kodi)
    kodi.answer('yesno', False)
    run(kodi, action)
    assert rows(table) == 1
    kodi.answer('yesno', True)
    run(kodi, action)
    assert rows(table) == 0 and kodi.notifications[-1]['message'] == message
    other = 'stream_picks' if table == 'stream_stats' else 'stream_stats'
    assert rows(other) == 1


# ---- keymap -----------------------------------------------------------------------------------------------------

def keymap_file(kodi):
    return os.path.join(kodi.translate_path('special://userdata/keymaps/'), 'aiostreams.xml')


def test_keymap_is_installed_and_reloaded(kodi):
    kodi.answer('ok', None)
    run(kodi, 'install_keymap')
    with open(keymap_file(kodi), encoding='utf-8') as handle:
        assert handle.read() == open(keymap.template_path(), encoding='utf-8').read()
    assert kodi.builtins[-1] == 'Action(reloadkeymaps)'
    assert kodi.dialogs[-1]['message'].startswith('Keymap installed.')


def test_keymap_asks_before_replacing_another_file(kodi):
    os.makedirs(os.path.dirname(keymap_file(kodi)), exist_ok=True)
    with open(keymap_file(kodi), 'w', encoding='utf-8') as handle:
        handle.write('<keymap><global/></keymap>')
    kodi.answer('yesno', False)
    run(kodi, 'install_keymap')
    assert open(keymap_file(kodi), encoding='utf-8').read() == '<keymap><global/></keymap>'
    assert kodi.notifications[-1]['message'] == 'Keymap not installed: the existing file was kept.'
    kodi.answer('yesno', True)
    kodi.answer('ok', None)
    run(kodi, 'install_keymap')
    assert 'toggle_watchlist' in open(keymap_file(kodi), encoding='utf-8').read()


def test_installing_the_same_keymap_again_changes_nothing(kodi):
    kodi.answer('ok', None)
    run(kodi, 'install_keymap')
    run(kodi, 'install_keymap')
    assert kodi.notifications[-1]['message'] == 'The AIOStreams keymap is already installed and up to date.'


def keymap_commands():
    root = ET.parse(os.path.join(REPO, 'resources', 'keymaps', 'aiostreams.xml')).getroot()
    return {(window.tag, key.tag): key.text for window in root for key in window.find('keyboard')}


def test_keymap_template_maps_the_five_keys_in_lists_and_on_home():
    commands = keymap_commands()
    for window in ('Videos', 'Home'):  # Kodi 20's names of the Videos window (10025) and the home screen
        for key, action in (('q', 'toggle_watchlist'), ('w', 'toggle_watched'), ('i', 'info'), ('s', 'similar'),
                            ('a', 'quick_actions')):
            command = commands[(window, key)]
            assert command == 'RunPlugin(plugin://plugin.video.aiostreams/?action=%s&focused=true)' % action


FOCUSED_MOVIE = {'ListItem.Property(imdb_id)': 'tt1000001', 'ListItem.Property(meta_id)': 'tt1000001',
                 'ListItem.Property(content_type)': 'movie', 'ListItem.DBTYPE': 'movie',
                 'ListItem.Title': 'Sample Feature'}


def test_keymap_commands_act_on_the_focused_item(kodi):
    """Kodi does not expand $INFO[] in keymaps: the route reads the focused item's labels itself."""
    kodi.info_labels.update(FOCUSED_MOVIE)
    command = keymap_commands()[('Videos', 's')]
    kodi.run_plugin(command[len('RunPlugin('):-1], handle=-1)
    assert 'action=show_related' in kodi.builtins[-1] and 'imdb_id=tt1000001' in kodi.builtins[-1]
    kodi.answer('select', -1)
    command = keymap_commands()[('Home', 'a')]
    kodi.run_plugin(command[len('RunPlugin('):-1], handle=-1)
    assert kodi.dialogs[-1]['heading'] == 'Sample Feature'


def test_keymap_commands_on_a_foreign_item_explain(kodi):
    kodi.info_labels.update({'ListItem.DBTYPE': 'movie', 'ListItem.Title': 'Home video'})
    command = keymap_commands()[('Videos', 'w')]
    kodi.run_plugin(command[len('RunPlugin('):-1], handle=-1)
    assert kodi.notifications[-1]['message'].startswith('This item has no ID AIOStreams can use')


# ---- widget paths ---------------------------------------------------------------------------------------------

def test_widget_paths_list_the_lists_and_the_users_catalogs(aio, kodi):
    kodi.answer('textviewer', None)
    run(kodi, 'widget_paths')
    # as the user reads it: Kodi would expand a bare $INFO[...], the empty bold tags keep it literal on screen
    text = unfold(kodi.dialogs[-1]['message']).replace('[B][/B]', '')
    suffix = '&widget=true&reload=$INFO[Window(Home).Property(AIOStreams.Widgets.Reload)]'
    assert '$INFO[' not in kodi.dialogs[-1]['message']
    assert P + '?action=trakt_next_up' + suffix in text
    assert P + '?action=trakt_continue_watching' + suffix in text
    assert P + '?action=browse_catalog&content_type=movie&catalog_id=fk1.tmdb.top' + suffix in text
    assert 'Trending (movie):' in text


def test_widget_paths_without_a_server_still_list_the_fixed_lists(kodi):
    kodi.answer('textviewer', None)
    run(kodi, 'widget_paths')
    text = unfold(kodi.dialogs[-1]['message'])
    assert 'action=trakt_watchlist&media_type=shows' in text and 'set up AIOStreams first' in text


def unfold(text):
    """The text with the lines of folded paths joined again (addon.core.long_lines), as the user types them."""
    return re.sub(r'\n(?=[&?])|(?<=/)\n', '', text)


def test_long_paths_are_folded_so_no_line_runs_past_the_text_viewer(aio, kodi, monkeypatch):
    from addon.tools import maintenance
    deep = '/storage/emulated/0/Android/data/org.xbmc.kodi/files/.kodi/userdata/addon_data/' \
           'plugin.video.aiostreams/aiostreams.db'
    real = maintenance.info
    monkeypatch.setattr(maintenance, 'info', lambda: dict(real(), path=deep))
    for action in ('widget_paths', 'show_database_info'):
        kodi.answer('textviewer', None)
        run(kodi, action)
        message = kodi.dialogs[-1]['message']
        widest = max(len(line.replace('[B][/B]', '')) for line in message.split('\n') if ' ' not in line)
        assert widest <= 72, action  # Estuary's text viewer shows ~85 characters; Kodi breaks lines at spaces only
        assert message.endswith(kodi.localized_string(32201))
    assert 'Database file: %s (' % deep in unfold(message)
