"""Browse routes run through the plugin entry (fakekodi.run_plugin) against the fake AIOStreams server."""
from __future__ import annotations

from addon.backend import aiostreams
from tests.fakes import aiostreams_server as fake
from tests.fakes.aiostreams_fixture import aio  # noqa: F401  (fixture)

P = 'plugin://plugin.video.aiostreams'


def run(kodi, path):
    return kodi.run_plugin(P + path)


def no_deprecated_calls(kodi):
    return not [message for level, message in kodi.log_lines if 'deprecated' in message.lower()]


def test_movies_lists_browsable_catalogs_with_genre_folders(aio, kodi):
    listing = run(kodi, '/movies')
    assert listing.succeeded
    assert listing.labels == ['Popular', 'Popular: genres', 'Trending', 'Everything New']
    shows = run(kodi, '/tvshows')
    assert shows.labels == ['Popular', 'Popular: genres', 'Streaming', 'Streaming: genres']  # no calendar/search


def test_catalog_page_items_carry_full_metadata(aio, kodi):
    page = run(kodi, '/catalog?content_type=movie&catalog_id=fk1.tmdb.top')
    assert page.succeeded and page.content == 'movies' and len(page.items) == 21
    first = page.items[0]
    assert not first.is_folder and first.listitem.getProperty('IsPlayable') == 'true'
    assert first.listitem.getProperty('imdb_id') == 'tt1000001'
    assert first.listitem.getProperty('content_type') == 'movie'
    tag = first.listitem.getVideoInfoTag()
    assert (tag.getTitle(), tag.getYear(), tag.getDuration()) == ('Sample Feature', 2010, 148 * 60)
    assert tag.getGenres() == ['Action', 'Science Fiction'] and tag.getMediaType() == 'movie'
    assert tag.getUniqueID('imdb') == 'tt1000001'
    assert first.listitem.getArt('poster').endswith('/art/poster/tt1000001.png')
    assert 'stream_id=tt1000001' in first.url and first.url.startswith(P + '/play?')
    tmdb_item = page.items[1]
    assert 'meta_id=tmdb%3A550001' in tmdb_item.url and 'imdb_id' not in tmdb_item.url
    assert tmdb_item.listitem.getProperty('tmdb_id') == '550001'
    assert tmdb_item.listitem.getVideoInfoTag().getUniqueID('tmdb') == '550001'
    assert no_deprecated_calls(kodi)


def test_pagination_advances_by_items_received_and_stops_on_the_last_page(aio, kodi):
    first = run(kodi, '/catalog?content_type=movie&catalog_id=fk1.tmdb.top')
    assert first.labels[-1] == 'Next page' and first.urls[-1].endswith('skip=20')
    second = run(kodi, first.urls[-1][len(P):])
    assert second.urls[-1].endswith('skip=40') and second.labels[0] == 'Fake Movie 19'
    third = run(kodi, second.urls[-1][len(P):])
    assert len(third.items) == 8 and third.urls[-1].endswith('skip=47')  # 7 titles + Next page
    last = run(kodi, third.urls[-1][len(P):])
    assert last.items == [] and last.succeeded
    assert [entry.path.rsplit('/', 1)[1] for entry in aio.requests_to('/catalog/')] == \
        ['fk1.tmdb.top.json', 'skip=20.json', 'skip=40.json', 'skip=47.json']


def test_catalog_without_skip_has_no_next_page_and_widgets_never_get_one(aio, kodi):
    merged = run(kodi, '/catalog?content_type=movie&catalog_id=aiostreams.merged.7f3e2d')
    assert 'Next page' not in merged.labels and len(merged.items) == 3
    widget = run(kodi, '/catalog?content_type=movie&catalog_id=fk1.tmdb.top&widget=true')
    assert 'Next page' not in widget.labels and len(widget.items) == 20


def test_genre_folder_and_genre_page(aio, kodi):
    folder = run(kodi, '/genres?content_type=movie&catalog_id=fk1.tmdb.top&catalog_name=Popular')
    assert folder.labels[:3] == ['All', 'Action', 'Comedy']
    science = [item.url for item in folder.items if item.label == 'Science Fiction'][0]
    page = run(kodi, science[len(P):])
    assert page.succeeded and page.category == 'Popular - Science Fiction'
    assert aio.requests_to('/catalog/')[-1].path.endswith('/genre=Science%20Fiction.json')


def test_required_genre_catalog_uses_none(aio, kodi):
    page = run(kodi, '/catalog?content_type=series&catalog_id=fk1.streaming.nfx')
    assert page.succeeded and page.content == 'tvshows' and len(page.items) == 7  # 6 shows + Next page
    assert aio.requests_to('/catalog/')[-1].path.endswith('/genre=None.json')
    assert page.items[0].is_folder and '/seasons?' in page.items[0].url


def test_second_visit_of_a_catalog_page_is_served_from_cache(aio, kodi):
    run(kodi, '/catalog?content_type=movie&catalog_id=fk1.tmdb.top&genre=Drama')
    again = run(kodi, '/catalog?content_type=movie&catalog_id=fk1.tmdb.top&genre=Drama')
    assert again.succeeded and len(again.items) == 13  # 12 titles + Next page
    assert len(aio.requests_to('/catalog/')) == 1
    assert len(aio.requests_to('/manifest.json')) == 1


def test_search_both_with_a_query_lists_results_directly(aio, kodi):
    listing = run(kodi, '/?action=search&content_type=both&query=sample&nocache=12')
    assert listing.labels == ['Sample Feature', 'Sample Show']
    assert not listing.items[0].is_folder and listing.items[1].is_folder
    assert kodi.dialogs == []
    searched = [entry.path for entry in aio.requests_to('/catalog/')]
    assert searched[0].endswith('/catalog/movie/fk1.search.movie/search=sample.json')
    assert searched[1].endswith('/catalog/series/fk1.search.series/search=sample.json')


def test_search_from_the_menu_shows_the_results_at_once(aio, kodi):
    kodi.answer('input', 'robot')
    found = run(kodi, '/search?content_type=both')
    assert found.succeeded and found.labels[0] == 'Robot Show'  # no Movies / TV Shows / All results step
    assert 'Movies' not in found.labels and kodi.notifications == []


def test_a_typed_search_without_results_is_told_and_opens_no_empty_folder(aio, kodi):
    for content_type in ('both', 'movie', 'series'):
        kodi.answer('input', 'zzzz nothing')
        nothing = run(kodi, '/search?content_type=%s' % content_type)
        assert nothing.ended and nothing.succeeded is False, content_type  # Kodi stays on the search menu
        assert kodi.notifications[-1]['message'] == 'No results for "zzzz nothing".'
    kodi.answer('input', 'robot')
    movies = run(kodi, '/search?content_type=movie')
    assert movies.succeeded is False  # "robot" names only a show


def test_a_search_url_without_results_gives_its_empty_list(aio, kodi):
    listing = run(kodi, '/?action=search&content_type=both&query=zzzz%20nothing')
    assert listing.succeeded and listing.items == []
    widget = run(kodi, '/?action=search&content_type=movie&query=zzzz%20nothing&widget=true')
    assert widget.succeeded and widget.items == []


def test_search_keyboard_cancel_and_widget_mode(aio, kodi):
    kodi.answer('input', None)
    cancelled = run(kodi, '/search?content_type=movie')
    assert cancelled.ended and cancelled.succeeded is False
    widget = run(kodi, '/search?content_type=movie&widget=true')  # would raise UnexpectedDialog on a keyboard
    assert widget.ended and widget.succeeded is False
    assert aio.requests_to('/catalog/') == []


def test_search_results_page_with_skip(aio, kodi):
    page = run(kodi, '/?action=search_tab&content_type=movie&query=fake%20movie&skip=20')
    assert page.labels[0] == 'Fake Movie 21' and page.urls[-1].endswith('skip=40')
    assert aio.requests_to('/catalog/')[-1].path.endswith('/search=fake%20movie&skip=20.json')


def test_seasons_and_episodes(aio, kodi):
    seasons = run(kodi, '/?action=show_seasons&meta_id=tt2000001')
    assert seasons.labels == ['Season 1 (3 episodes)', 'Season 2 (2 episodes)', 'Specials (1 episode)']
    # progress counts aired episodes: season 2's second episode has not aired
    assert [item.listitem.getProperty('TotalEpisodes') for item in seasons.items] == ['3', '1', '1']
    assert seasons.shown_labels == seasons.labels  # not the bare title Kodi's default label mask would show
    assert seasons.content == 'seasons'
    tag = seasons.items[2].listitem.getVideoInfoTag()
    assert (tag.getSeason(), tag.getTitle(), tag.getTVShowTitle()) == (0, 'Specials', 'Sample Show')
    episodes = run(kodi, seasons.urls[1][len(P):])
    assert episodes.content == 'episodes'
    aired, unaired = episodes.items
    assert aired.label == '1. Seven' and aired.listitem.getProperty('IsPlayable') == 'true'
    assert 'stream_id=tt2000001%3A2%3A1' in aired.url and 'season=2' in aired.url and 'episode=1' in aired.url
    tag = aired.listitem.getVideoInfoTag()
    assert (tag.getTVShowTitle(), tag.getSeason(), tag.getEpisode(), tag.getMediaType()) == \
        ('Sample Show', 2, 1, 'episode')
    assert tag.getPlot() == 'Seven, season 2 episode 1.' and tag.getFirstAired() == '2009-03-08'
    assert unaired.label.startswith('2. Not Yet Aired') and '2099-01-01' in unaired.label
    assert episodes.shown_labels == episodes.labels  # the airing date stays visible in the Videos window
    assert unaired.listitem.getProperty('IsPlayable') != 'true' and not unaired.is_folder
    assert '/play' not in unaired.url
    assert len(aio.requests_to('/meta/')) == 1  # the second view reused the cached meta


def test_specials_and_tmdb_show(aio, kodi):
    specials = run(kodi, '/episodes?meta_id=tt2000001&season=0&content_type=series')
    assert specials.labels == ['1. Minisode'] and specials.category == 'Sample Show - Specials'
    robot = run(kodi, '/?action=show_episodes&meta_id=tmdb:62560&season=1')
    assert [item.url.split('stream_id=')[1].split('&')[0] for item in robot.items] == \
        ['tmdb%3A62560%3A1%3A1', 'tmdb%3A62560%3A1%3A2']


def test_error_item_is_shown_as_a_message_not_content(aio, kodi):
    aio.fail('error_items', match='/catalog/', times=1, message='Invalid password')
    page = run(kodi, '/catalog?content_type=movie&catalog_id=fk1.tmdb.trending')
    assert page.ended and page.succeeded is False and page.items == []
    assert kodi.notifications[-1]['message'] == 'AIOStreams: Invalid password'
    again = run(kodi, '/catalog?content_type=movie&catalog_id=fk1.tmdb.trending')
    assert again.succeeded and len(again.items) == 6
    assert len(aio.requests_to('/catalog/')) == 2


def test_error_items_next_to_content_keep_the_content(aio, kodi):
    aio.fail('error_appended', match='/catalog/', message='Cinemeta timed out')
    page = run(kodi, '/catalog?content_type=movie&catalog_id=aiostreams.merged.7f3e2d')
    assert page.succeeded and len(page.items) == 3
    assert kodi.notifications[-1]['message'] == 'AIOStreams: Cinemeta timed out'


def test_server_down(aio, kodi):
    aio.go_down()
    page = run(kodi, '/movies')
    assert page.ended and page.succeeded is False
    assert kodi.notifications[-1]['message'].startswith('Cannot reach the AIOStreams server')
    kodi.notifications.clear()
    widget = run(kodi, '/catalog?content_type=movie&catalog_id=fk1.tmdb.top&widget=true')
    assert widget.succeeded is False and kodi.notifications == []


def test_bad_answers_give_clear_messages(aio, kodi):
    expectations = [('html', 'not valid'), ('truncated', 'not valid'), ('http_500', 'internal error (HTTP 500)'),
                    ('http_429', 'limiting requests')]
    for mode, text in expectations:
        aio.fail(mode, match='/meta/', times=1)
        listing = run(kodi, '/seasons?meta_id=tt2000001')
        assert listing.succeeded is False, mode
        assert text in kodi.notifications[-1]['message'], mode
    missing = run(kodi, '/seasons?meta_id=tt0000404')
    assert missing.succeeded is False and kodi.notifications[-1]['message'] == 'AIOStreams has nothing for this title.'


def test_unset_and_malformed_base_url(aio, kodi):
    kodi.set_setting('base_url', '')
    assert run(kodi, '/movies').succeeded is False
    assert 'not set up yet' in kodi.notifications[-1]['message']
    kodi.set_setting('base_url', 'htps//broken')
    assert run(kodi, '/tvshows').succeeded is False
    assert 'not valid' in kodi.notifications[-1]['message']
    assert aio.log == []


def test_legacy_actions(aio, kodi):
    assert run(kodi, '/?action=movie_lists').labels[0] == 'Popular'
    assert run(kodi, '/?action=catalogs&content_type=series').labels[0] == 'Popular'
    assert run(kodi, '/?action=catalog_genres&content_type=movie&catalog_id=fk1.tmdb.top').labels[0] == 'All'
    browse = run(kodi, '/?action=browse_catalog&content_type=movie&catalog_id=fk1.tmdb.top&genre=All&skip=0')
    assert browse.labels[0] == 'Sample Feature'
    unified = run(kodi, '/?action=search_unified&query=robot')
    assert unified.labels == ['Robot Show']


def test_secrets_never_reach_log_or_screen(aio, kodi):
    run(kodi, '/movies')
    run(kodi, '/catalog?content_type=movie&catalog_id=fk1.tmdb.top')
    aio.fail('http_500', match='/meta/')
    run(kodi, '/seasons?meta_id=tt2000001')
    shown = '\n'.join([message for _level, message in kodi.log_lines] +
                      [note['message'] for note in kodi.notifications])
    assert '/stremio/' in shown
    for secret in (fake.UUID, fake.ENCRYPTED_PASSWORD):
        assert secret not in shown


def test_test_connection_reports_version_catalogs_and_search(aio, kodi):
    aiostreams.fetch_manifest()  # a cached manifest must not stand in for a live check
    kodi.answer('ok', True)
    run(kodi, '/?action=test_connection')
    report = [dialog for dialog in kodi.dialogs if dialog['kind'] == 'ok'][-1]
    assert 'AIOStreams 2.20.1' in report['message'] and '8 catalogs' in report['message']
    assert 'Search: Movies, TV Shows' in report['message']
    assert len(aio.requests_to('/manifest.json')) == 2 and len(aio.requests_to('/api/v1/status')) == 1


def test_test_connection_names_the_failing_step(aio, kodi):
    aio.fail('http_404', match='/api/v1/status')
    kodi.answer('ok', True)
    run(kodi, '/?action=test_connection')
    report = [dialog for dialog in kodi.dialogs if dialog['kind'] == 'ok'][-1]
    assert 'server status' in report['message']
    aio.go_down()
    kodi.answer('ok', True)
    run(kodi, '/?action=test_connection')
    report = [dialog for dialog in kodi.dialogs if dialog['kind'] == 'ok'][-1]
    assert '"manifest"' in report['message'] and 'Cannot reach' in report['message']


def test_refresh_manifest_and_clear_cache_really_invalidate(aio, kodi):
    run(kodi, '/catalog?content_type=movie&catalog_id=fk1.tmdb.top')
    run(kodi, '/?action=refresh_manifest_cache')
    assert kodi.notifications[-1]['message'] == 'Manifest refreshed: 8 catalogs.'
    run(kodi, '/catalog?content_type=movie&catalog_id=fk1.tmdb.top')
    assert len(aio.requests_to('/manifest.json')) == 2 and len(aio.requests_to('/catalog/')) == 1
    run(kodi, '/?action=clear_cache')
    run(kodi, '/catalog?content_type=movie&catalog_id=fk1.tmdb.top')
    assert len(aio.requests_to('/manifest.json')) == 3 and len(aio.requests_to('/catalog/')) == 2


def test_setup_from_uuid_and_password(aio, kodi):
    kodi.set_setting('base_url', '')
    for answer in (aio.origin, fake.UUID, fake.RAW_PASSWORD):
        kodi.answer('input', answer)
    run(kodi, '/?action=setup_from_uuid')
    assert kodi.setting('base_url') == aio.manifest_url
    assert kodi.notifications[-1]['message'] == 'AIOStreams is set up: 8 catalogs.'
    password_dialog = [dialog for dialog in kodi.dialogs if dialog['kind'] == 'input'][2]
    assert password_dialog['option'] != 0  # hidden input
    user_call = aio.requests_to('/api/v1/user')[0]
    assert user_call.headers['authorization'].startswith('Basic ') and user_call.query == {}
    shown = '\n'.join(message for _level, message in kodi.log_lines)
    assert fake.RAW_PASSWORD not in shown and fake.ENCRYPTED_PASSWORD not in shown


def test_setup_with_encrypted_password_asks_for_the_raw_one(aio, kodi):
    kodi.set_setting('base_url', '')
    for answer in (aio.origin, fake.UUID, fake.ENCRYPTED_PASSWORD):
        kodi.answer('input', answer)
    kodi.answer('ok', True)
    run(kodi, '/?action=setup_from_uuid')
    assert kodi.setting('base_url') == ''
    assert 'not the encrypted' not in kodi.dialogs[-1]['message']
    assert 'password you chose' in kodi.dialogs[-1]['message']


def test_setup_on_an_older_server_uses_the_query_form_after_asking(kodi):
    from tests.fakes.aiostreams_fixture import reset_http_sessions
    reset_http_sessions()
    with fake.FakeAIOStreams(legacy_user_api=True) as server:
        for answer in (server.origin, fake.UUID, fake.RAW_PASSWORD):
            kodi.answer('input', answer)
        kodi.answer('yesno', True)
        run(kodi, '/?action=setup_from_uuid')
        assert kodi.setting('base_url') == server.manifest_url
        calls = server.requests_to('/api/v1/user')
        assert len(calls) == 2 and calls[1].query['uuid'] == [fake.UUID]


def test_configure_by_pasting_a_stremio_url(aio, kodi):
    kodi.set_setting('base_url', '')
    kodi.answer('input', aio.manifest_url.replace('http://', 'stremio://'))
    kodi.answer('ok', True)
    run(kodi, '/?action=configure_aiostreams')
    # stremio:// means https: the fake only speaks http, so validation fails and nothing is saved
    assert kodi.setting('base_url') == ''
    kodi.answer('input', aio.alias_manifest_url)
    run(kodi, '/?action=configure_aiostreams')
    assert kodi.setting('base_url') == aio.alias_manifest_url


def test_menu_items_carry_the_addons_fanart_and_titles_keep_their_own(aio, kodi):
    addon_fanart = run(kodi, '/movies').items[0].listitem.getArt('fanart')
    assert addon_fanart.endswith('resources/media/fanart.jpg')
    for path in ('/', '/movies', '/tvshows'):
        assert all(item.listitem.getArt('fanart') == addon_fanart for item in run(kodi, path).items), path
    page = run(kodi, '/catalog?content_type=movie&catalog_id=fk1.tmdb.top')
    assert page.items[0].listitem.getArt('fanart').endswith('/art/fanart/tt1000001.png')  # the title's own
    assert all(item.listitem.getArt('fanart') for item in page.items)  # the rest and 'Next page': the add-on's
