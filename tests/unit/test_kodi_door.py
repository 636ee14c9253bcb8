"""The Kodi door: typed settings, localized strings, redacted logging, debug_logging."""
import pytest

from addon import kodi as door
from addon.platform import settings


def test_typed_getters_read_settings_xml_defaults(kodi):
    assert door.get_int('timeout') == 10  # the seed README's default
    assert door.get_bool('auto_resume') is True
    assert door.get_string('default_behavior') == 'show_streams'
    assert door.get_string('trakt_api_url') == 'https://api.trakt.tv'


def test_wrong_type_or_unknown_id_is_a_setting_error(kodi):
    with pytest.raises(door.SettingError):
        door.get_bool('timeout')
    with pytest.raises(door.SettingError):
        door.get_string('no_such_setting')


def test_a_setting_refused_while_another_process_saves_is_read_again(kodi, monkeypatch):
    """Kodi 20 refuses every setting ("Invalid setting type") for a moment while the service saves one."""
    real = door._addon()
    refusals = []

    class Saving:
        def getSettingString(self, setting_id):
            refusals.append(setting_id)
            raise RuntimeError('Invalid setting type')

    monkeypatch.setattr(door, '_addon', Saving)
    assert door.get_string('default_behavior') == real.getSettingString('default_behavior')
    assert refusals == ['default_behavior']   # the second read (a fresh Addon object) got the value


def test_out_of_range_value_gets_a_localized_message(kodi):
    kodi.set_setting('timeout', 60)
    assert settings.request_timeout() == 60
    door.set_setting('auto_mark_watched_percent', 95)
    assert door.get_int('auto_mark_watched_percent') == 95


def test_range_check_names_the_setting(kodi, monkeypatch):
    monkeypatch.setattr(door, 'get_int', lambda setting_id: 500)
    with pytest.raises(settings.BadSetting) as raised:
        settings.request_timeout()
    assert raised.value.message == ('Request timeout (seconds) must be between 3 and 120. '
                                    'Please correct it in the settings.')


def test_log_lines_are_redacted_and_prefixed(kodi):
    door.log('GET https://h/stremio/uuid-1234/secretpass/manifest.json', 'info')
    level, line = kodi.log_lines[-1]
    assert line.startswith('[plugin.video.aiostreams] ')
    assert 'secretpass' not in line and 'uuid-1234' not in line


def test_debug_lines_are_raised_to_info_when_debug_logging_is_on(kodi):
    import xbmc
    door.log('quiet detail')
    assert kodi.log_lines[-1][0] == xbmc.LOGDEBUG
    kodi.set_setting('debug_logging', True)
    door.log('loud detail')
    assert kodi.log_lines[-1][0] == xbmc.LOGINFO


def test_base_url_parts_are_registered_as_secrets(kodi):
    from addon.core.redact import redact
    kodi.set_setting('base_url', 'https://h.example/stremio/0123456789abcdef0123/ZW5jcnlwdGVkcGFzc3dvcmQ/manifest.json')
    settings.base_url()
    assert 'ZW5jcnlwdGVkcGFzc3dvcmQ' not in redact('odd place ZW5jcnlwdGVkcGFzc3dvcmQ')


def test_notifications_are_redacted(kodi):
    from addon.core.redact import register_secret
    register_secret('topsecret-token')
    door.notify('failed with topsecret-token')
    assert 'topsecret-token' not in kodi.notifications[-1]['message']
