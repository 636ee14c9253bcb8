"""The routing double reproduces every quirk of script.module.routing listed in kodi-platform.md §2.8."""
from __future__ import annotations

import importlib.util
import os
import sys

import pytest
import routing
import xbmc
from stub_addon import minimal_addon_xml, write_addon

import fakekodi

BASE = 'plugin://plugin.video.test'
STUBS_DIR = os.path.dirname(routing.__file__)


@pytest.fixture
def plugin():
    return routing.Plugin(base_url=BASE)


def calls_recorder(plugin, pattern):
    """Register a view at `pattern` that records the kwargs it is called with."""
    calls = []

    @plugin.route(pattern)
    def view(**kwargs):
        calls.append(kwargs)
    return view, calls


def test_quirk_01_args_are_lists_without_blanks_and_persist_without_argv2(plugin):
    calls_recorder(plugin, '/')
    plugin.run([BASE + '/', '1', '?a=1&a=2&b=&c=%20x+y'])
    assert plugin.args == {'a': ['1', '2'], 'c': [' x y']}
    plugin.run([BASE + '/', '2'])
    assert plugin.args == {'a': ['1', '2'], 'c': [' x y']}  # stale: no argv[2], args kept
    plugin.run([BASE + '/', '3', ''])
    assert plugin.args == {}


@pytest.mark.parametrize('argv, handle', [
    (['plugin.py', '7'], 7), (['plugin.py'], -1), (['plugin.py', '-1'], -1), (['plugin.py', 'x1'], -1),
])
def test_quirk_02_handle_is_read_from_sys_argv_at_construction_only(monkeypatch, argv, handle):
    monkeypatch.setattr(sys, 'argv', argv)
    plugin = routing.Plugin(base_url=BASE)
    assert plugin.handle == handle
    calls_recorder(plugin, '/')
    plugin.run([BASE + '/', '42', ''])
    assert plugin.handle == handle


def test_quirk_03_no_quoting_in_url_for_and_no_unquoting_of_captures(plugin):
    view, calls = calls_recorder(plugin, '/show/<tmdb_id>/<season>')
    assert plugin.url_for(view, tmdb_id='a b/c?', season='1') == BASE + '/show/a b/c?/1'
    plugin.run([BASE + '/show/a%20b/2', '1', ''])
    assert calls == [{'tmdb_id': 'a%20b', 'season': '2'}]


def test_quirk_04_int_converter_never_matches_and_values_are_str(plugin):
    movie, movie_calls = calls_recorder(plugin, '/movie/<int:movie_id>')
    show, show_calls = calls_recorder(plugin, '/show/<string:show_id>')
    assert plugin.url_for(movie, movie_id=5) == BASE + '/movie/5'  # builds fine...
    with pytest.raises(routing.RoutingError):
        plugin.run([BASE + '/movie/5', '1', ''])  # ...but never dispatches
    plugin.run([BASE + '/show/5', '1', ''])
    assert movie_calls == [] and show_calls == [{'show_id': '5'}]


def test_quirk_05_digits_are_not_allowed_in_variable_names(plugin):
    item, calls = calls_recorder(plugin, '/item1/<id_1>')
    assert plugin.url_for(item, id_1=3) == BASE + '/item1/<id_1>?id_1=3'
    with pytest.raises(routing.RoutingError):
        plugin.run([BASE + '/item1/3', '1', ''])
    assert calls == []


def test_quirk_06_rule_order_first_function_then_decorators_bottom_up(plugin):
    generic, generic_calls = calls_recorder(plugin, '/<name>')
    special, special_calls = calls_recorder(plugin, '/special')
    plugin.run([BASE + '/special', '1', ''])
    assert generic_calls == [{'name': 'special'}] and special_calls == []  # earliest function wins

    @plugin.route('/search/<query>')
    @plugin.route('/search')
    def search(query=None):
        pass

    @plugin.route('/find')
    @plugin.route('/find/<query>')
    def find(query=None):
        pass

    assert plugin.url_for(search, query='x y') == BASE + '/search?query=x+y'
    assert plugin.url_for(find, query='x y') == BASE + '/find/x y'


def test_quirk_07_unused_kwargs_are_urlencoded_without_doseq(plugin):
    view, _ = calls_recorder(plugin, '/list/<kind>')
    url = plugin.url_for(view, kind='movies', ids=[1, 2], skip=None, widget=True, query='a&b c')
    assert url == BASE + '/list/movies?ids=%5B1%2C+2%5D&skip=None&widget=True&query=a%26b+c'


def test_quirk_08_mixing_positional_and_keyword_arguments_raises(plugin):
    view, _ = calls_recorder(plugin, '/episode/<show>/<season>')
    assert plugin.url_for(view, 'tt1', 2) == BASE + '/episode/tt1/2'
    with pytest.raises(routing.RoutingError):
        plugin.url_for(view, 'tt1', season=2)
    with pytest.raises(routing.RoutingError):
        plugin.url_for(view, 'tt1')  # wrong positional count


def test_quirk_09_root_path_is_empty_after_run_and_root_url_ends_with_slash(plugin):
    root, calls = calls_recorder(plugin, '/')
    assert plugin.url_for(root) == BASE + '/'
    assert plugin.url_for(root, action='search', query='x y') == BASE + '/?action=search&query=x+y'
    for url in (BASE, BASE + '/'):
        plugin.run([url, '1', ''])
        assert plugin.path == ''
    assert calls == [{}, {}]


def test_quirk_10_redirect_and_route_for_do_not_strip_slashes(plugin):
    search, calls = calls_recorder(plugin, '/search')
    calls_recorder(plugin, '/other')
    plugin.run([BASE + '/search/', '1', '?query=x'])  # run() strips
    assert plugin.route_for('/search') is search
    assert plugin.route_for(BASE + '/search') is search
    assert plugin.route_for('/search/') is None
    assert plugin.route_for('/search?query=x') is None
    with pytest.raises(routing.RoutingError):
        plugin.redirect('/search/')
    plugin.run([BASE + '/other', '1', '?page=2'])
    plugin.redirect('/search')
    assert (plugin.path, plugin.args) == ('/other', {'page': ['2']})
    assert calls == [{}, {}]


def test_quirk_11_run_ignores_argv1_and_argv3(plugin):
    view, calls = calls_recorder(plugin, '/play')
    handle = plugin.handle
    plugin.run([BASE + '/play', '99', '?x=1', 'resume:true'])
    assert plugin.handle == handle and calls == [{}] and plugin.args == {'x': ['1']}


def test_quirk_12_addon_id_read_at_import_and_log_uses_level_keyword(fk, tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location('routing_fresh_copy', os.path.join(STUBS_DIR, 'routing.py'))
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)  # imported while fakekodi serves plugin.video.stubtest
    other = write_addon(tmp_path / 'other', minimal_addon_xml('plugin.video.other'))
    fakekodi.reset(addon_root=other, profile_dir=tmp_path / 'p2', home_dir=tmp_path / 'h2')
    plugin = fresh.Plugin()
    assert plugin.base_url == 'plugin://plugin.video.stubtest'  # not plugin.video.other

    logged = []

    def keyword_only_log(msg, *, level):
        logged.append((level, msg))
    monkeypatch.setattr(xbmc, 'log', keyword_only_log)
    calls_recorder(plugin, '/')
    plugin.run(['plugin://plugin.video.stubtest/', '1', ''])
    assert [level for level, _ in logged] == [xbmc.LOGDEBUG]


def test_quirk_13_unknown_path_raises_routing_error(plugin):
    calls_recorder(plugin, '/movies')
    with pytest.raises(routing.RoutingError, match='No route to path "/shows"'):
        plugin.run([BASE + '/shows', '1', ''])
    with pytest.raises(routing.RoutingError):
        plugin.url_for(lambda: None)


def test_path_converter_takes_slashes_but_not_an_empty_trailing_segment(plugin):
    play, calls = calls_recorder(plugin, '/play/<path:url>')
    plugin.run([BASE + '/play/https://a.b/c', '1', ''])
    assert calls == [{'url': 'https://a.b/c'}]
    with pytest.raises(routing.RoutingError):
        plugin.run([BASE + '/play/', '1', ''])  # stripped to /play


def test_double_slash_fails_and_str_of_a_rule_raises(plugin):
    calls_recorder(plugin, '/show/<a>/<b>')
    with pytest.raises(routing.RoutingError):
        plugin.run([BASE + '//show/1/2', '1', ''])
    with pytest.raises(TypeError):
        str(routing.UrlRule('/x'))


def test_route_returns_the_function_unchanged_and_wrapped_views_are_unknown(plugin):
    def view():
        pass
    assert plugin.route('/v')(view) is view

    def wrapper():
        return view()
    with pytest.raises(routing.RoutingError):
        plugin.url_for(wrapper)
