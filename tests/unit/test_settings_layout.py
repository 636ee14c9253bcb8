"""resources/settings.xml as users meet it: every label, help text and option localized, every setting levelled,
dependencies where a setting only matters with another, buttons that reach a route, and the seed README's
defaults."""
from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROOT = ET.parse(os.path.join(REPO, 'resources', 'settings.xml')).getroot()
SETTINGS = {node.get('id'): node for node in ROOT.iter('setting')}
STRINGS = set(int(number) for number in re.findall(
    r'msgctxt "#(\d+)"', open(os.path.join(REPO, 'resources', 'language', 'resource.language.en_gb', 'strings.po'),
                              encoding='utf-8').read()))

# The seed README's documented defaults (seed-addon-inventory.md §5).
SEED_DEFAULTS = {
    'timeout': '10', 'default_behavior': 'show_streams', 'fallback_behavior': 'show_streams',
    'preferred_quality': 'any', 'min_quality': '480p', 'filter_low_quality': 'false', 'auto_resume': 'true',
    'auto_mark_watched_percent': '90', 'trakt_sync_auto': 'true', 'trakt_scrobble': 'true',
    'show_progress_bars': 'true', 'color_code_items': 'true', 'show_quality_badges': 'true',
    'show_reliability_icons': 'true', 'learn_preferences': 'true', 'cache_expiry_hours': '24',
    'max_streams_to_show': '20', 'debug_logging': 'false', 'autoplay_next_episode': 'true',
}


def label_ids():
    for node in ROOT.iter():
        for attribute in ('label', 'help'):
            value = node.get(attribute)
            if value:
                yield node.tag, node.get('id'), int(value)
    for node in ROOT.iter('heading'):
        yield 'heading', None, int(node.text)


def test_every_label_help_and_option_is_a_localized_string():
    missing = [(tag, ident, number) for tag, ident, number in label_ids() if number not in STRINGS]
    assert missing == []


def test_every_setting_has_a_level_basic_advanced_expert_or_internal():
    for ident, node in SETTINGS.items():
        assert node.findtext('level') in ('0', '1', '2', '3'), ident


@pytest.mark.parametrize('ident,default', sorted(SEED_DEFAULTS.items()))
def test_defaults_are_the_seed_readmes(ident, default):
    assert SETTINGS[ident].findtext('default') == default


def dependency(ident):
    condition = SETTINGS[ident].find('./dependencies/dependency/condition')
    return condition.get('setting'), condition.text


def test_settings_that_only_matter_with_another_depend_on_it():
    assert dependency('fallback_behavior') == ('default_behavior', 'play_first')
    assert dependency('min_quality') == ('filter_low_quality', 'true')
    assert dependency('subtitle_languages') == ('download_subtitles', 'true')
    assert dependency('trakt_scrobble_all') == ('trakt_scrobble', 'true')


def test_every_button_runs_a_routed_action(kodi):
    from addon import plugin_entry as routes
    from addon.platform import route_table
    routes.load_views()
    for ident, node in SETTINGS.items():
        if node.get('type') != 'action':
            continue
        match = re.match(r'^RunPlugin\(plugin://plugin\.video\.aiostreams/\?action=(\w+)\)$', node.findtext('data'))
        assert match and match.group(1) in route_table.actions(), ident


def test_maintenance_lists_the_everyday_tools_first_and_the_full_reset_last():
    group = ROOT.find(".//group[@id='maintenance']")
    order = [node.get('id') for node in group.iter('setting')]
    assert order[-1] == 'database_reset'
    assert order.index('show_database_info') < order.index('clear_stream_stats')


def test_every_setting_and_category_has_a_help_string_that_says_something():
    texts = dict(re.findall(r'msgctxt "#(\d+)"\nmsgid "(.*)"', open(os.path.join(
        REPO, 'resources', 'language', 'resource.language.en_gb', 'strings.po'), encoding='utf-8').read()))
    for node in list(ROOT.iter('setting')) + list(ROOT.iter('category')):
        number = node.get('help')
        assert number and number.isdigit() and int(number) in STRINGS, node.get('id')
        assert len(texts[number].split()) >= 4, node.get('id')


def test_the_trakt_settings_share_one_level():
    category = ROOT.find(".//category[@id='trakt']")
    assert set(node.findtext('level') for node in category.iter('setting')) == {'0'}


def test_no_slider_needs_more_than_25_presses_and_every_default_is_on_a_step():
    for ident, node in SETTINGS.items():
        if node.find("control[@type='slider']") is None:
            continue
        lowest, step, highest = (int(node.findtext('constraints/' + name)) for name in ('minimum', 'step', 'maximum'))
        assert (highest - lowest) / step <= 25, ident
        assert (int(node.findtext('default')) - lowest) % step == 0, ident


@pytest.mark.parametrize('account,login,logout', [('trakt', 'trakt_authorize', 'trakt_logout'),
                                                  ('punchplay', 'punchplay_login', 'punchplay_logout')])
def test_an_account_offers_log_in_or_log_out_and_shows_who_is_logged_in(account, login, logout):
    def shown_when(ident):
        condition = SETTINGS[ident].find("./dependencies/dependency[@type='visible']/condition")
        return condition.get('setting'), condition.text

    flag = account + '_logged_in'
    assert SETTINGS[flag].findtext('visible') == 'false' and SETTINGS[flag].findtext('default') == 'false'
    assert shown_when(login) == (flag, 'false') and shown_when(logout) == (flag, 'true')
    name = SETTINGS[account + '_account']
    assert shown_when(account + '_account') == (flag, 'true') and name.findtext('enable') == 'false'
    assert name.get('label') == '32670'
