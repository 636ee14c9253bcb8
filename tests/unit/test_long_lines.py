"""addon.core.long_lines: Kodi wraps at spaces only, so long paths are folded at their own break points."""
from __future__ import annotations

from addon.core import long_lines

WIDGET = ('plugin://plugin.video.aiostreams/?action=trakt_next_up&widget=true'
          '&reload=$[B][/B]INFO[Window(Home).Property(AIOStreams.Widgets.Reload)]')


def test_a_widget_path_breaks_before_its_parameters_and_keeps_every_character():
    lines = long_lines.fold('Next Up:\n' + WIDGET).split('\n')
    assert lines == ['Next Up:', 'plugin://plugin.video.aiostreams/?action=trakt_next_up', '&widget=true',
                     '&reload=$[B][/B]INFO[Window(Home).Property(AIOStreams.Widgets.Reload)]']
    assert ''.join(lines[1:]) == WIDGET  # the tag [/B] is never split at its '/'


def test_a_file_path_breaks_after_a_slash_and_the_rest_of_the_line_stays():
    path = '/storage/emulated/0/Android/data/org.xbmc.kodi/files/.kodi/userdata/addon_data/plugin.video.x/a.db'
    folded = long_lines.fold('Database file: %s (2 MB)' % path, width=40)
    assert folded.startswith('Database file: /storage/') and folded.endswith(' (2 MB)')
    assert all(long_lines.visible_length(piece) <= 40 for piece in long_lines.fold_word(path, 40))
    assert folded.replace('\n', '') == 'Database file: %s (2 MB)' % path


def test_short_text_and_unbreakable_words_stay_as_they_are():
    text = 'Use these paths as widget sources.\n\nNext Up:'
    assert long_lines.fold(text) == text
    assert long_lines.fold('x' * 100) == 'x' * 100
