"""Run the addon in a real headless Kodi against the bundled demo backend (`tox -e demo`).

Starts the fake AIOStreams server (tests/fakes/aiostreams_server.py) with the demo dataset (tests/demo/) on
127.0.0.1, starts Kodi with the built zip configured to use it, walks main menu -> a catalog -> a title -> play,
prints every listing and writes screenshots to dist/screenshots/. No network beyond 127.0.0.1 is used.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / 'tests' / 'kodi')]

from dependency_addons import build_dependency_addons  # noqa: E402
from kodi_harness import (  # noqa: E402
    ADDON_ID,
    KodiError,
    KodiInstance,
    addon_strings,
    repo_addon_version,
    tracebacks_of,
)

from tests.fakes.aiostreams_server import FakeAIOStreams  # noqa: E402

STRINGS = addon_strings(ROOT / 'resources' / 'language' / 'resource.language.en_gb' / 'strings.po')
UNREACHABLE = 'http://127.0.0.1:9'
MAX_DEPTH = 6


def demo_dataset():
    """The demo titles (tests/demo/dataset.py); the fake server's default dataset until that exists."""
    try:
        from tests.demo import dataset
    except ImportError:
        print('note: tests/demo/dataset.py not found, using the fake server\'s default dataset')
        return None
    return dataset.demo_dataset()


PICKERS = ['Window.IsActive(aiostreams-sources.xml)', 'Window.IsActive(selectdialog)']


class Walk:
    """The user's path through the addon, printed and photographed step by step."""

    def __init__(self, kodi: KodiInstance, shots: Path):
        self.kodi = kodi
        self.shots = shots
        self.step = 0

    def screenshot(self, name):
        self.step += 1
        path = self.kodi.screenshot(self.shots / ('%02d-%s.png' % (self.step, name)))
        print('   screenshot: %s' % (path.relative_to(ROOT) if ROOT in path.parents else path))

    def show(self, url, title):
        items = self.kodi.get_directory(url, properties=['title', 'year', 'plot', 'art'])
        print('\n== %s  (%s)' % (title, url))
        for item in items:
            kind = 'folder' if item['filetype'] == 'directory' else 'play  '
            year = ' (%s)' % item['year'] if item.get('year') else ''
            print('   [%s] %s%s' % (kind, item['label'], year))
        self.kodi.show_folder(url)
        if items:
            self.kodi.input('Down')  # from the ".." entry to the first item, so its artwork and plot show
            time.sleep(1.5)
        self.screenshot(_slug(title))
        return items

    def play(self, item):
        print('\n== Play: %s' % item['label'])
        self.kodi.player_open(item['file'])
        player = self.wait_for_playback(timeout=60)
        time.sleep(3)  # a few seconds of real playback
        props = self.kodi.player_properties(player['playerid'])
        playing = self.kodi.playing_item(player['playerid'])
        print('   playing %r: %s of %s (%.0f%%)' % (playing.get('title') or playing.get('label'), _clock(props['time']),
                                                  _clock(props['totaltime']), props['percentage']))
        self.screenshot('playing')
        self.kodi.wait_no_player()
        return props


    def wait_for_playback(self, timeout):
        """Wait for the player; when the addon offers its stream picker (the source window, or Kodi's selection
        dialog with source_select_style=dialog), photograph it and take the first stream."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(self.kodi.info_booleans(PICKERS).values()):
                time.sleep(1.0)
                self.screenshot('stream-picker')
                print('   stream picker shown; choosing the first stream')
                self.kodi.input('Select')
            try:
                return self.kodi.wait_for_player(timeout=1)
            except KodiError:
                continue
        raise KodiError('nothing played within %d s' % timeout)


def walk(kodi: KodiInstance, shots: Path):
    """Main menu -> the Movies entry -> the first catalog -> the first title (-> season -> episode) -> play."""
    w = Walk(kodi, shots)
    items = w.show('plugin://%s/' % ADDON_ID, 'Main menu')
    current = _pick(items, STRINGS[30002])
    for _ in range(MAX_DEPTH):
        items = w.show(current['file'], current['label'])
        playable = [item for item in items if item['filetype'] == 'file']
        if playable:
            return w.play(playable[0])
        folders = [item for item in items if item['filetype'] == 'directory']
        if not folders:
            raise KodiError('%s lists nothing to open or play' % current['label'])
        current = folders[0]
    raise KodiError('no playable title within %d levels' % MAX_DEPTH)


def _pick(items, label):
    for item in items:
        if item['label'] == label:
            return item
    raise KodiError('no %r entry in %s' % (label, [item['label'] for item in items]))


def _slug(text):
    return ''.join(ch.lower() if ch.isalnum() else '-' for ch in text).strip('-')[:40] or 'listing'


def _clock(value):
    return '%d:%02d:%02d' % (value['hours'], value['minutes'], value['seconds'])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--shots', type=Path, default=ROOT / 'dist' / 'screenshots', help='screenshot folder')
    args = parser.parse_args(argv)
    addon_zip = ROOT / 'dist' / ('%s-%s.zip' % (ADDON_ID, repo_addon_version()))
    if not addon_zip.is_file():
        print('build the addon first: python tests/tools/build.py', file=sys.stderr)
        return 1
    args.shots.mkdir(parents=True, exist_ok=True)
    for old in args.shots.glob('[0-9][0-9]-*.png'):  # only the walk's own: readme-*.png come from tests/kodi
        old.unlink()
    server = FakeAIOStreams(dataset=demo_dataset()).start()
    print('demo backend: %s' % server.origin)
    with tempfile.TemporaryDirectory(prefix='aiostreams-demo-') as home:
        kodi = KodiInstance(Path(home))
        try:
            for folder in build_dependency_addons():
                kodi.install_addon(folder)
            kodi.install_addon(addon_zip)
            kodi.write_addon_settings(ADDON_ID, {'base_url': server.manifest_url, 'trakt_api_url': UNREACHABLE,
                                                 'punchplay_url': UNREACHABLE})
            kodi.start()
            walk(kodi, args.shots)
            problems = tracebacks_of(kodi.log_text())
        except KodiError as exc:
            print('\ndemo failed: %s\nthe addon\'s last log lines:' % exc, file=sys.stderr)
            ours = [line for line in kodi.log_text().splitlines() if ADDON_ID in line or line.startswith(' ')]
            print('\n'.join(ours[-40:]), file=sys.stderr)
            return 1
        finally:
            kodi.shutdown()
            server.stop()
    if problems:
        print('\ndemo finished, but kodi.log holds tracebacks of the addon:\n%s' % '\n\n'.join(problems))
        return 1
    print('\ndemo finished: screenshots in %s' % args.shots)
    return 0


if __name__ == '__main__':
    sys.exit(main())
