"""Connection tools with config variants and aliases (issue 13.1): set up from a config alias, pasting a variant
URL, an unknown variant, a server older than variants."""
from __future__ import annotations

import pytest

from tests.fakes import aiostreams_server as fake
from tests.fakes.aiostreams_fixture import aio, reset_http_sessions  # noqa: F401  (fixture)

P = 'plugin://plugin.video.aiostreams'


def run(kodi, path):
    return kodi.run_plugin(P + path)


def last_ok_dialog(kodi):
    return [dialog for dialog in kodi.dialogs if dialog['kind'] == 'ok'][-1]['message']


def paste(kodi, url):
    kodi.answer('input', url)
    kodi.answer('ok', True)
    run(kodi, '/?action=configure_aiostreams')


@pytest.mark.parametrize('form', ['path', 'query'])
def test_a_pasted_variant_url_is_saved_as_given(aio, kodi, form):
    kodi.set_setting('base_url', '')
    url = aio.variant_manifest_url('no4k', form=form)
    paste(kodi, url)
    assert kodi.setting('base_url') == url
    assert kodi.notifications[-1]['message'] == 'AIOStreams is set up: 8 catalogs.'


@pytest.mark.parametrize('selector, said', [('nosuch', 'Unknown config variant "nosuch"'),
                                            ('retired', 'Config variant "retired" is disabled')])
def test_an_unusable_variant_is_refused_with_a_clear_message(aio, kodi, selector, said):
    kodi.set_setting('base_url', aio.manifest_url)
    paste(kodi, aio.variant_manifest_url(selector))
    message = last_ok_dialog(kodi)
    assert message.startswith('Set up failed: AIOStreams refused the config variant of your manifest URL')
    assert said in message
    assert kodi.setting('base_url') == aio.manifest_url  # the working URL is kept


@pytest.mark.parametrize('form', ['path', 'query'])
def test_a_server_older_than_variants_is_not_given_a_variant_url(kodi, form):
    """Such a server ignores ?v= (the base config answers) and has no /v/ route (its web page answers)."""
    reset_http_sessions()
    with fake.FakeAIOStreams(variant_support='legacy') as server:
        kodi.set_setting('base_url', '')
        paste(kodi, server.variant_manifest_url('no4k', form=form))
        message = last_ok_dialog(kodi)
        assert 'does not know config variants' in message and '"no4k"' in message
        assert kodi.setting('base_url') == ''
        kodi.set_setting('base_url', server.variant_manifest_url('no4k', form=form))
        kodi.answer('ok', True)
        run(kodi, '/?action=test_connection')
        assert 'does not know config variants' in last_ok_dialog(kodi)
    reset_http_sessions()


def test_test_connection_passes_for_a_variant_the_server_knows(aio, kodi):
    kodi.set_setting('base_url', aio.variant_manifest_url('nodv'))
    kodi.answer('ok', True)
    run(kodi, '/?action=test_connection')
    assert last_ok_dialog(kodi).startswith('Connected to AIOStreams')
    assert all('/v/nodv/' in entry.path for entry in aio.requests_to('/manifest.json'))


def test_test_connection_names_an_unknown_variant(aio, kodi):
    kodi.set_setting('base_url', aio.variant_manifest_url('nosuch', form='query'))
    kodi.answer('ok', True)
    run(kodi, '/?action=test_connection')
    message = last_ok_dialog(kodi)
    assert '"manifest"' in message and 'refused the config variant' in message and 'nosuch' in message


def test_setup_with_an_unknown_user_name_says_the_credentials_were_refused(aio, kodi):
    kodi.set_setting('base_url', '')
    for answer in (aio.origin, 'nobody-by-that-name', fake.RAW_PASSWORD):
        kodi.answer('input', answer)
    kodi.answer('ok', True)
    run(kodi, '/?action=setup_from_uuid')
    assert last_ok_dialog(kodi) == ('Set up failed: AIOStreams refused the credentials of the manifest URL: '
                                    'User not found')
    assert kodi.setting('base_url') == ''


def test_setup_from_a_config_alias_builds_the_credentialed_url(aio, kodi):
    kodi.set_setting('base_url', '')
    for answer in (aio.origin, fake.ALIAS, fake.RAW_PASSWORD):
        kodi.answer('input', answer)
    run(kodi, '/?action=setup_from_uuid')
    assert kodi.setting('base_url') == aio.manifest_url
    assert kodi.notifications[-1]['message'] == 'AIOStreams is set up: 8 catalogs.'
    user_dialog = [dialog for dialog in kodi.dialogs if dialog['kind'] == 'input'][1]
    assert 'alias' in user_dialog['heading']
    shown = '\n'.join(message for _level, message in kodi.log_lines)
    assert fake.RAW_PASSWORD not in shown and fake.ALIAS not in shown
