"""The set-up wizard (issue 16, first run): the fresh main menu, the connection step with every bad input, the
optional Trakt, PunchPlay.tv, TMDbHelper and keymap steps, a second run. Dialog answers are queued in order."""
from __future__ import annotations

import os

import pytest

from tests.fakes import aiostreams_server as fake
from tests.fakes.aiostreams_fixture import aio, reset_http_sessions  # noqa: F401  (fixture)

P = 'plugin://plugin.video.aiostreams'
WIZARD = P + '/?action=setup_wizard'
SKIP_OPTIONAL = (False, False, False)  # Trakt, PunchPlay.tv, keymap (TMDbHelper is not installed)
UNREACHABLE = 'http://127.0.0.1:9'


@pytest.fixture
def fresh(aio, kodi):  # noqa: F811  (fixture)
    """The fake AIOStreams runs, but nothing is set up yet; Trakt and PunchPlay are unreachable."""
    kodi.set_setting('base_url', '')
    kodi.set_setting('trakt_api_url', UNREACHABLE)
    kodi.set_setting('punchplay_url', UNREACHABLE)
    return aio


def ok_messages(kodi) -> list:
    return [dialog['message'] for dialog in kodi.dialogs if dialog['kind'] == 'ok']


def answers(kodi, *pairs):
    for kind, value in pairs:
        kodi.answer(kind, value)


def skip_optional_steps(kodi):
    for value in SKIP_OPTIONAL:
        kodi.answer('yesno', value)


def paste_then_cancel(kodi, url):
    """Step 1: paste `url` (its failure is told), then back out of the method choice."""
    answers(kodi, ('select', 0), ('input', url), ('ok', True), ('select', -1), ('ok', True))
    kodi.run_plugin(WIZARD)


def everything_said(kodi) -> str:
    return '\n'.join([dialog.get('message') or '' for dialog in kodi.dialogs] +
                     [note['message'] for note in kodi.notifications] +
                     [message for _level, message in kodi.log_lines])


# ---- the main menu before and after ---------------------------------------------------------------------------

def test_a_fresh_install_offers_only_the_set_up_and_the_entries_that_work_without_a_server(kodi):
    listing = kodi.run_plugin(P + '/')
    assert listing.succeeded and listing.labels == ['Set up AIOStreams', 'Tools']
    assert 'setup' in listing.urls[0] and not listing.items[0].is_folder


def test_the_wizard_pasting_the_manifest_url_ends_with_a_working_catalog(fresh, kodi):
    answers(kodi, ('select', 0), ('input', fresh.manifest_url))
    skip_optional_steps(kodi)
    kodi.run_plugin(WIZARD)
    assert kodi.setting('base_url') == fresh.manifest_url
    assert kodi.pending_answers() == {}
    assert [note['message'] for note in kodi.notifications][-2:] == [
        'AIOStreams is set up: 8 catalogs.',
        'Set-up finished. Everything can be changed later in the settings and the Tools menu.']
    menu = kodi.run_plugin(P + '/', handle=2)
    assert menu.labels[:3] == ['Search', 'Movies', 'TV Shows'] and 'Set up AIOStreams' not in menu.labels
    catalogs = kodi.run_plugin(menu.urls[1], handle=3)
    assert catalogs.succeeded and catalogs.labels
    assert fake.ENCRYPTED_PASSWORD not in everything_said(kodi) and fake.UUID not in everything_said(kodi)


@pytest.mark.parametrize('form', ['alias', 'variant'])
def test_the_alias_and_variant_forms_are_saved_as_pasted(fresh, kodi, form):
    url = fresh.alias_manifest_url if form == 'alias' else fresh.variant_manifest_url('no4k')
    answers(kodi, ('select', 0), ('input', url))
    skip_optional_steps(kodi)
    kodi.run_plugin(WIZARD)
    assert kodi.setting('base_url') == url


def test_the_wizard_from_address_alias_and_password(fresh, kodi):
    answers(kodi, ('select', 1), ('input', fresh.origin), ('input', fake.ALIAS), ('input', fake.RAW_PASSWORD))
    skip_optional_steps(kodi)
    kodi.run_plugin(WIZARD)
    assert kodi.setting('base_url') == fresh.manifest_url
    assert fake.RAW_PASSWORD not in everything_said(kodi)


# ---- bad input: a sentence in words, nothing saved ------------------------------------------------------------

def test_a_wrong_url_is_explained_and_the_user_can_try_again(fresh, kodi):
    answers(kodi, ('select', 0), ('input', 'aiostreams dot example'), ('ok', True),
            ('select', 0), ('input', fresh.manifest_url))
    skip_optional_steps(kodi)
    kodi.run_plugin(WIZARD)
    assert ok_messages(kodi)[0] == ('The manifest URL in the settings is not valid. It must start with https:// or '
                                    'stremio://.')
    assert kodi.setting('base_url') == fresh.manifest_url


def test_the_manifest_of_another_stremio_addon_is_refused(fresh, kodi):
    fresh.dataset['manifest'].update(id='com.stremio.torrentio.addon', name='Torrentio')
    paste_then_cancel(kodi, fresh.manifest_url)
    assert ok_messages(kodi)[0] == (
        'Set up failed: This is the manifest of another Stremio add-on (Torrentio), not of AIOStreams. Paste the '
        'manifest URL of your AIOStreams configuration (it contains /stremio/).')
    assert kodi.setting('base_url') == ''


def test_an_unreachable_host_is_told_and_nothing_saved(fresh, kodi):
    paste_then_cancel(kodi, UNREACHABLE + '/stremio/u/someone/manifest.json')
    assert ok_messages(kodi)[0].startswith('Set up failed: ') and 'reach' in ok_messages(kodi)[0].lower()
    assert kodi.setting('base_url') == ''


def test_plain_http_to_a_remote_host_is_refused_before_anything_is_sent(fresh, kodi):
    paste_then_cancel(kodi, 'http://aiostreams.example.com/stremio/%s/%s/manifest.json'
                      % (fake.UUID, fake.ENCRYPTED_PASSWORD))
    assert ok_messages(kodi)[0].startswith('Set up failed: This address is plain http to a computer on the internet')
    assert kodi.setting('base_url') == ''
    assert fake.ENCRYPTED_PASSWORD not in everything_said(kodi)


def test_plain_http_to_a_remote_host_is_refused_for_the_password_too(fresh, kodi):
    answers(kodi, ('select', 1), ('input', 'http://aiostreams.example.com'), ('ok', True), ('select', -1),
            ('ok', True))
    kodi.run_plugin(WIZARD)
    assert ok_messages(kodi)[0].startswith('This address is plain http to a computer on the internet')


def test_an_encrypted_password_is_recognised_and_never_sent(fresh, kodi):
    answers(kodi, ('select', 1), ('input', fresh.origin), ('input', fake.UUID), ('input', fake.ENCRYPTED_PASSWORD),
            ('ok', True), ('select', -1), ('ok', True))
    kodi.run_plugin(WIZARD)
    assert ok_messages(kodi)[0] == ('The server does not accept the encrypted password here. Enter the password '
                                    'you chose when you created the configuration.')
    assert fresh.requests_to('/api/v1/user') == []
    assert kodi.setting('base_url') == ''


def test_cancelling_the_first_step_saves_nothing_and_says_so(fresh, kodi):
    answers(kodi, ('select', 0), ('input', ''), ('select', -1), ('ok', True))  # an empty keyboard is a cancel
    kodi.run_plugin(WIZARD)
    assert ok_messages(kodi) == ['Set-up cancelled: nothing was saved. Start it again from the main menu or the '
                                 'add-on settings.']
    assert kodi.setting('base_url') == '' and kodi.pending_answers() == {}
    assert kodi.run_plugin(P + '/', handle=2).labels[0] == 'Set up AIOStreams'


# ---- a second run ---------------------------------------------------------------------------------------------

def test_a_second_run_shows_the_configuration_and_keeps_it_unless_asked(fresh, kodi):
    kodi.set_setting('base_url', fresh.manifest_url)
    answers(kodi, ('yesno', False))
    skip_optional_steps(kodi)
    kodi.run_plugin(WIZARD)
    summary = [dialog for dialog in kodi.dialogs if dialog['kind'] == 'yesno'][0]
    assert summary['message'].startswith('Set up now:\nAIOStreams: %s\nTrakt: not logged in\n' % fresh.origin)
    assert fake.ENCRYPTED_PASSWORD not in summary['message'] and fake.UUID not in summary['message']
    assert kodi.setting('base_url') == fresh.manifest_url
    assert fresh.requests_to('/manifest.json') == []


def test_a_second_run_keeps_the_working_url_when_the_new_one_fails(fresh, kodi):
    kodi.set_setting('base_url', fresh.manifest_url)
    answers(kodi, ('yesno', True), ('select', 0), ('input', UNREACHABLE + '/stremio/u/x/manifest.json'),
            ('ok', True), ('select', -1))
    skip_optional_steps(kodi)
    kodi.run_plugin(WIZARD)
    assert kodi.setting('base_url') == fresh.manifest_url
    assert 'The AIOStreams connection was kept as it was.' in [note['message'] for note in kodi.notifications]


# ---- the optional steps ---------------------------------------------------------------------------------------

def test_trakt_asks_for_the_app_credentials_only_when_missing_and_keeps_none_that_failed(fresh, kodi):
    kodi.set_setting('base_url', fresh.manifest_url)
    answers(kodi, ('yesno', False), ('yesno', True), ('input', 'typed-client-id'), ('input', 'typed-secret'),
            ('ok', True), ('yesno', False), ('yesno', False))
    kodi.run_plugin(WIZARD)
    headings = [dialog['heading'] for dialog in kodi.dialogs if dialog['kind'] == 'input']
    assert headings == ['Trakt Client ID (of your app at trakt.tv/oauth/applications)', 'Trakt Client secret']
    assert kodi.setting('trakt_client_id') == '' and kodi.setting('trakt_client_secret') == ''
    assert kodi.pending_answers() == {}


def test_trakt_with_app_credentials_goes_straight_to_the_login(fresh, kodi):
    kodi.set_setting('base_url', fresh.manifest_url)
    kodi.set_setting('trakt_client_id', 'my-id')
    kodi.set_setting('trakt_client_secret', 'my-secret')
    answers(kodi, ('yesno', False), ('yesno', True), ('ok', True), ('yesno', False), ('yesno', False))
    kodi.run_plugin(WIZARD)
    assert not [dialog for dialog in kodi.dialogs if dialog['kind'] == 'input']
    assert kodi.setting('trakt_client_id') == 'my-id'  # the user's own settings are never undone


def test_the_keymap_warns_about_kodis_keys_before_installing(fresh, kodi):
    kodi.set_setting('base_url', fresh.manifest_url)
    answers(kodi, ('yesno', False), ('yesno', False), ('yesno', False), ('yesno', True), ('ok', True))
    kodi.run_plugin(WIZARD)
    question = [dialog for dialog in kodi.dialogs if dialog['kind'] == 'yesno'][-1]['message']
    assert "W, Q and S keys replace Kodi's own" in question
    installed = os.path.join(kodi.translate_path('special://userdata/keymaps/'), 'aiostreams.xml')
    assert os.path.isfile(installed)


def test_tmdbhelper_players_are_offered_when_tmdbhelper_is_installed(fresh, kodi):
    kodi.set_setting('base_url', fresh.manifest_url)
    kodi.installed_addons['plugin.video.themoviedb.helper'] = True
    answers(kodi, ('yesno', False), ('yesno', False), ('yesno', False), ('yesno', True), ('yesno', False))
    kodi.run_plugin(WIZARD)
    players = kodi.translate_path('special://profile/addon_data/plugin.video.themoviedb.helper/players/')
    assert sorted(os.listdir(players)) == ['aiostreams.direct.json', 'aiostreams.select.json']
    reset_http_sessions()
