"""A real, headless Kodi for end-to-end tests and the demo.

`KodiInstance` gives Kodi its own HOME in a temporary folder, installs addon folders into it, starts it under
Xvfb, drives it over JSON-RPC (HTTP), reads its log, and always shuts it down again (Application.Quit, then its
own process group). Facts it relies on: /work/shared/docs/kodi-e2e.md.

Scripts and builtins Kodi's JSON-RPC cannot run directly (RunPlugin, settings of another addon, imports inside
Kodi's Python) go through the helper addon in tests/kodi/addons/script.aiostreams.testhelper.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

from dependency_addons import requests_set

REPO_ROOT = Path(__file__).resolve().parents[2]
ADDON_ID = 'plugin.video.aiostreams'
HELPER_ID = 'script.aiostreams.testhelper'
HELPER_SOURCE = Path(__file__).resolve().parent / 'addons' / HELPER_ID
APT_PACKAGES = ('kodi', 'xvfb', 'xauth', 'ffmpeg', 'x11-apps', 'imagemagick')
REQUIRED_COMMANDS = ('kodi', 'xvfb-run', 'xauth')
LOG_LINE_START = re.compile(r'^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ T:\d+\s+(\w+) <')
SCREEN = '1280x720x24'
# The Trakt sync's state the service publishes (running, done, failed, ...), as an info label
TRAKT_SYNC_STATE = 'Window(Home).Property(AIOStreams.Trakt.SyncState)'
# Estuary's label controls of dialogs: 1 heading and 9 text (OK, yes/no, select, text viewer), 311 keyboard heading.
DIALOG_TEXT_CONTROLS = (1, 9, 311)
SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
# Dialogs the harness answers with Back (Kodi's window names). Progress dialogs are left alone: Back would cancel
# the work they show.
ANSWERABLE_DIALOGS = ('yesnodialog', 'okdialog', 'selectdialog', 'textviewer', 'virtualkeyboard', 'numericinput',
                      'contextmenu', 'addonsettings', 'aiostreams-sources.xml')  # the last: our source window

GUISETTINGS = """<settings version="2">
    <setting id="services.webserver">true</setting>
    <setting id="services.webserverport">{port}</setting>
    <setting id="services.webserverauthentication">false</setting>
    <setting id="services.esenabled">true</setting>
    <setting id="services.zeroconf">false</setting>
    <setting id="services.upnp">false</setting>
    <setting id="addons.unknownsources">true</setting>
    <setting id="general.addonupdates">2</setting>
    <setting id="general.addonnotifications">false</setting>
    <setting id="locale.language">resource.language.en_gb</setting>
    <viewstates />
    <resolutions />
</settings>
"""
# Debug logging makes Kodi report the start and end of every Python invocation, which the harness waits on.
ADVANCEDSETTINGS = """<advancedsettings version="1.0">
    <loglevel hide="true">{loglevel}</loglevel>
</advancedsettings>
"""


def repo_addon_version() -> str:
    """The version in the repository's addon.xml (what the built zip carries)."""
    return ET.parse(str(REPO_ROOT / 'addon.xml')).getroot().attrib['version']


def vendor_pins() -> dict:
    """{distribution name (lower case, '-' for '_'): version} of the bundled libraries
    (tests/requirements-vendor.txt)."""
    pins = {}
    for line in (REPO_ROOT / 'tests' / 'requirements-vendor.txt').read_text(encoding='utf-8').splitlines():
        if line.strip() and not line.startswith('#'):
            name, version = line.strip().split('==')
            pins[name.lower().replace('_', '-')] = version
    return pins


class KodiError(Exception):
    """Kodi could not be installed, started or driven."""


class JsonRpcError(KodiError):
    def __init__(self, method, error):
        super().__init__('%s failed: %s' % (method, json.dumps(error)))
        self.method = method
        self.error = error


# ---- installation ------------------------------------------------------------------------------------------------

def install_permitted() -> bool:
    return os.environ.get('AIOSTREAMS_INSTALL_KODI') == '1' or os.environ.get('CI', '').lower() == 'true'


def ensure_kodi_installed():
    """Install Kodi and Xvfb from Debian's packages when missing and permitted; otherwise say how to get them."""
    missing = [cmd for cmd in REQUIRED_COMMANDS if shutil.which(cmd) is None]
    if not missing:
        return
    if not install_permitted():
        raise KodiError('missing %s: install Kodi with `apt-get install %s`, or set AIOSTREAMS_INSTALL_KODI=1 '
                        'to let the harness do it' % (', '.join(missing), ' '.join(APT_PACKAGES)))
    sudo = [] if os.geteuid() == 0 else ['sudo']
    env = dict(os.environ, DEBIAN_FRONTEND='noninteractive')
    subprocess.run(sudo + ['apt-get', 'update'], check=True, env=env)
    subprocess.run(sudo + ['apt-get', 'install', '-y'] + list(APT_PACKAGES), check=True, env=env)
    still_missing = [cmd for cmd in REQUIRED_COMMANDS if shutil.which(cmd) is None]
    if still_missing:
        raise KodiError('apt-get installed Kodi but %s are still missing' % still_missing)


def kodi_environment(home: Path) -> dict:
    """The environment Kodi starts with: the system's PATH and Python only (no tox venv, pyenv or PYTHONPATH
    leaking test packages into Kodi's embedded interpreter), its own HOME and X authority file."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(('PYTHON', 'PYENV', 'VIRTUAL_ENV', 'TOX', 'PIP_', 'DISPLAY', 'XAUTHORITY'))}
    env['PATH'] = SYSTEM_PATH
    env['HOME'] = str(home)
    env['XAUTHORITY'] = str(home / '.Xauthority')
    return env


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def free_display(start=90, stop=400) -> int:
    for number in range(start, stop):
        if not os.path.exists('/tmp/.X%d-lock' % number) and not os.path.exists('/tmp/.X11-unix/X%d' % number):
            return number
    raise KodiError('no free X display number between %d and %d' % (start, stop))


def unpack_addon_zip(zip_path: Path, addons_dir: Path) -> Path:
    """Unpack an addon zip (one top folder) into addons_dir; return the addon folder."""
    with zipfile.ZipFile(str(zip_path)) as archive:
        tops = {name.split('/')[0] for name in archive.namelist()}
        if len(tops) != 1:
            raise KodiError('%s must contain exactly one top folder, found %s' % (zip_path, sorted(tops)))
        top = tops.pop()
        if (addons_dir / top).exists():
            shutil.rmtree(str(addons_dir / top))
        archive.extractall(str(addons_dir))
    return addons_dir / top


# ---- the instance ------------------------------------------------------------------------------------------------

# Every KodiInstance of this process: checks over the whole suite read all their logs (log_since(0)).
INSTANCES = []


class KodiInstance:
    """One headless Kodi with its own home folder. Use as a context manager, or call shutdown() in a finally."""

    def __init__(self, home: Path, debug_log=True):
        INSTANCES.append(self)
        self.home = Path(home)
        self.kodi_dir = self.home / '.kodi'
        self.userdata = self.kodi_dir / 'userdata'
        self.addons_dir = self.kodi_dir / 'addons'
        self.log_path = self.kodi_dir / 'temp' / 'kodi.log'
        self.history_path = self.home / 'kodi-history.log'
        self.port = free_port()
        self.display = None
        self.process = None
        self.debug_log = debug_log
        self._enabled = []
        for folder in (self.userdata, self.addons_dir, self.kodi_dir / 'temp'):
            folder.mkdir(parents=True, exist_ok=True)
        self._write_profile()

    # -- preparation (before start) ----------------------------------------------------------------------------

    def _write_profile(self):
        (self.userdata / 'guisettings.xml').write_text(GUISETTINGS.format(port=self.port), encoding='utf-8')
        (self.userdata / 'advancedsettings.xml').write_text(
            ADVANCEDSETTINGS.format(loglevel=1 if self.debug_log else 0), encoding='utf-8')
        (self.home / '.asoundrc').write_text('pcm.!default { type null }\nctl.!default { type hw card 0 }\n',
                                             encoding='utf-8')

    def install_addon(self, source: Path, enable=True) -> str:
        """Copy an addon folder or unpack an addon zip into the home; returns its id. Enabled after start()."""
        source = Path(source)
        if source.suffix == '.zip':
            target = unpack_addon_zip(source, self.addons_dir)
        else:
            target = self.addons_dir / source.name
            if target.exists():
                shutil.rmtree(str(target))
            shutil.copytree(str(source), str(target), ignore=shutil.ignore_patterns('__pycache__', '*.pyc'))
        if enable and target.name not in self._enabled:
            self._enabled.append(target.name)
        return target.name

    def write_addon_settings(self, addon_id, values: dict):
        """Write <profile>/settings.xml (Kodi 19+ format) before start; unlisted settings keep their defaults."""
        folder = self.userdata / 'addon_data' / addon_id
        folder.mkdir(parents=True, exist_ok=True)
        lines = ['<settings version="2">']
        for key, value in values.items():
            text = ('true' if value else 'false') if isinstance(value, bool) else str(value)
            lines.append('    <setting id="%s">%s</setting>' % (escape(key), escape(text)))
        lines.append('</settings>')
        (folder / 'settings.xml').write_text('\n'.join(lines) + '\n', encoding='utf-8')

    # -- lifecycle -----------------------------------------------------------------------------------------------

    def start(self, timeout=90):
        """Start Kodi under Xvfb, wait for JSON-RPC, enable the installed addons and clear the start-up prompts."""
        ensure_kodi_installed()
        if self.process is not None:
            raise KodiError('this Kodi is already running')
        if not (self.addons_dir / HELPER_ID).is_dir():
            self.install_addon(HELPER_SOURCE)
        self.display = free_display()
        env = kodi_environment(self.home)
        command = ['xvfb-run', '-a', '-n', str(self.display), '-f', str(self.home / '.Xauthority'),
                   '-s', '-screen 0 %s -nolisten tcp' % SCREEN, 'kodi', '--windowing=x11']
        self._console = open(str(self.home / 'kodi-console.log'), 'wb')
        self.process = subprocess.Popen(command, cwd=str(self.home), env=env, stdin=subprocess.DEVNULL,
                                        stdout=self._console, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise KodiError('Kodi exited during start-up (code %s)\n%s' % (self.process.returncode,
                                                                            self.log_tail()))
            try:
                if self.rpc('JSONRPC.Ping', timeout=2) == 'pong':
                    break
            except (KodiError, OSError):
                pass
            if re.search(r'CWebServer\[%d\]: Failed to start' % self.port, self.log_text(), re.I):
                self.shutdown()
                raise KodiError('Kodi could not open its web server on port %d (taken by another process?)'
                                % self.port)
            if time.monotonic() > deadline:
                self.shutdown()
                raise KodiError('Kodi did not answer JSON-RPC within %d s\n%s' % (timeout, self.log_tail()))
            time.sleep(0.5)
        self._wait_for_home_window(deadline)
        self.display = self._actual_display() or self.display
        for addon_id in self._enabled:
            self.set_addon_enabled(addon_id, True)
        # Kodi asks "Disabled add-ons: enable ...?" once per addon it found disabled at start; answer each.
        self.close_dialogs(quiet_seconds=2.0)
        return self

    def _wait_for_home_window(self, deadline):
        while time.monotonic() < deadline:
            if self.info_booleans(['Window.IsVisible(home)'])['Window.IsVisible(home)']:
                return
            time.sleep(0.25)
        raise KodiError('Kodi never showed its home window\n%s' % self.log_tail())

    def _actual_display(self):
        """The display number our Xvfb got (xvfb-run -a moves on when another run took the one we picked)."""
        for stat in Path('/proc').glob('[0-9]*/stat'):
            try:
                fields = stat.read_text().rsplit(')', 1)[1].split()
                if int(fields[2]) != self.process.pid:  # process group
                    continue
                argv = (stat.parent / 'cmdline').read_bytes().split(b'\0')
            except (OSError, IndexError, ValueError):
                continue
            if argv and argv[0].endswith(b'Xvfb'):
                for arg in argv[1:]:
                    if re.match(rb'^:\d+$', arg):
                        return int(arg[1:])
        return None

    def restart(self, timeout=90):
        """Quit and start again with the same home (installed addons and their enabled state persist)."""
        self.shutdown()
        return self.start(timeout)

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def shutdown(self, timeout=30):
        """Quit Kodi (Application.Quit), then end its process group if it has not exited. Safe to call twice."""
        if self.process is None:
            return
        try:
            if self.running():
                try:
                    self.rpc('Application.Quit', timeout=5)
                except (KodiError, OSError):
                    pass
                try:
                    self.process.wait(timeout)
                except subprocess.TimeoutExpired:
                    pass
        finally:
            self._end_process_group()
            self._console.close()
            self.process = None
            self._archive_log()

    def _end_process_group(self):
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                break
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline and _group_alive(self.process.pid):
                self.process.poll()
                time.sleep(0.1)
            if not _group_alive(self.process.pid):
                break
        self.process.poll()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.shutdown()

    # -- JSON-RPC ------------------------------------------------------------------------------------------------

    def rpc(self, method, params=None, timeout=30):
        payload = {'jsonrpc': '2.0', 'id': 1, 'method': method}
        if params is not None:
            payload['params'] = params
        request = urllib.request.Request('http://127.0.0.1:%d/jsonrpc' % self.port,
                                         data=json.dumps(payload).encode('utf-8'),
                                         headers={'Content-Type': 'application/json'})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                answer = json.loads(response.read().decode('utf-8'))
        except urllib.error.URLError as exc:
            raise KodiError('%s: no answer from Kodi (%s)' % (method, exc.reason)) from None
        if 'error' in answer:
            raise JsonRpcError(method, answer['error'])
        return answer.get('result')

    def set_addon_enabled(self, addon_id, enabled=True):
        self.rpc('Addons.SetAddonEnabled', {'addonid': addon_id, 'enabled': enabled})

    def addon_details(self, addon_id, properties=('enabled', 'version', 'dependencies')):
        return self.rpc('Addons.GetAddonDetails', {'addonid': addon_id, 'properties': list(properties)})['addon']

    def get_directory(self, url, properties=('title',), timeout=60):
        """Run a plugin URL as Kodi does for a folder; returns its items (raises JsonRpcError if it failed)."""
        result = self.rpc('Files.GetDirectory', {'directory': url, 'media': 'video',
                                                 'properties': list(properties)}, timeout=timeout)
        return result.get('files') or []

    def list_directory(self, url, properties=('title',), timeout=60) -> dict:
        """Files.GetDirectory while answering (Back) any dialog the plugin opens, so a test never hangs on one.

        Returns {'items': list (None when Kodi reported a failure), 'error': the JsonRpcError or None,
        'dialogs': texts of the dialogs that were open}."""
        outcome = {'items': None, 'error': None, 'dialogs': []}

        def fetch():
            try:
                outcome['items'] = self.get_directory(url, properties, timeout=timeout)
            except JsonRpcError as exc:
                outcome['error'] = exc

        worker = threading.Thread(target=fetch, name='get-directory', daemon=True)
        worker.start()
        deadline = time.monotonic() + timeout
        while worker.is_alive() and time.monotonic() < deadline:
            if self.modal_dialog_open():
                outcome['dialogs'].append(self.dialog_text())
                self.input('Back')
            worker.join(0.2)
        if worker.is_alive():
            raise KodiError('Files.GetDirectory of %s did not return within %d s' % (url, timeout))
        return outcome

    def activate_window(self, window='videos', parameters=()):
        self.rpc('GUI.ActivateWindow', {'window': window, 'parameters': list(parameters)})

    def show_folder(self, url, timeout=30, settle=1.0) -> dict:
        """Open a plugin folder in Kodi's Videos window (what a user sees); wait until it is listed."""
        self.activate_window('videos', [url])
        deadline = time.monotonic() + timeout
        labels = {}
        while time.monotonic() < deadline:
            labels = self.info_labels(['Container.FolderPath', 'Container.NumItems', 'Container.FolderName'])
            busy = self.info_booleans(['Window.IsActive(busydialog)', 'Window.IsActive(busydialognocancel)'])
            if labels['Container.FolderPath'].rstrip('/') == url.rstrip('/') and not any(busy.values()):
                time.sleep(settle)  # let artwork and the layout settle before anyone looks
                return labels
            time.sleep(0.25)
        raise KodiError('Kodi did not show %s within %d s (showing %s)' % (url, timeout, labels))

    def current_window(self) -> dict:
        return self.rpc('GUI.GetProperties', {'properties': ['currentwindow', 'currentcontrol']})

    def info_labels(self, labels) -> dict:
        return self.rpc('XBMC.GetInfoLabels', {'labels': list(labels)})

    def info_booleans(self, booleans) -> dict:
        return self.rpc('XBMC.GetInfoBooleans', {'booleans': list(booleans)})

    def input(self, action, params=None):
        """Input.<action>: Back, Select, Up, Down, Left, Right, Home, ContextMenu, Info, SendText, ExecuteAction."""
        return self.rpc('Input.%s' % action, params)

    def modal_dialog_open(self) -> bool:
        """Whether a dialog that waits for an answer is on screen (busy dialogs and toasts do not count)."""
        return any(self.info_booleans(['Window.IsActive(%s)' % name for name in ANSWERABLE_DIALOGS]).values())

    def dialog_text(self) -> str:
        """'<dialog name>: heading | text' of the open dialog (OK, yes/no, select, keyboard, text viewer)."""
        window = self.current_window()['currentwindow']['label']
        labels = self.info_labels(['Control.GetLabel(%d)' % control for control in DIALOG_TEXT_CONTROLS])
        texts = []
        for control in DIALOG_TEXT_CONTROLS:
            text = labels['Control.GetLabel(%d)' % control]
            if text and text not in texts:
                texts.append(text)
        return '%s: %s' % (window, ' | '.join(texts))

    def close_dialogs(self, quiet_seconds=0.0, timeout=20) -> int:
        """Close modal dialogs (Back) until none has been open for `quiet_seconds`; returns how many were closed."""
        closed = 0
        deadline = time.monotonic() + timeout
        quiet_since = time.monotonic()
        while time.monotonic() < deadline:
            if self.modal_dialog_open():
                self.input('Back')
                closed += 1
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= quiet_seconds:
                return closed
            time.sleep(0.2)
        raise KodiError('dialogs kept opening for %d s' % timeout)

    # -- players -------------------------------------------------------------------------------------------------

    def player_open(self, url):
        return self.rpc('Player.Open', {'item': {'file': url}})

    def active_players(self) -> list:
        return self.rpc('Player.GetActivePlayers') or []

    def wait_for_player(self, timeout=30) -> dict:
        """Wait until a player is active and reports a positive total time; returns that player."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            players = self.active_players()
            if players:
                props = self.player_properties(players[0]['playerid'], ('totaltime', 'speed'))
                if _seconds(props['totaltime']) > 0:
                    return players[0]
            time.sleep(0.25)
        raise KodiError('no player became active within %d s' % timeout)

    def player_properties(self, player_id=1, properties=('time', 'totaltime', 'percentage', 'speed')) -> dict:
        return self.rpc('Player.GetProperties', {'playerid': player_id, 'properties': list(properties)})

    def playing_item(self, player_id=1, properties=('title', 'file')) -> dict:
        return self.rpc('Player.GetItem', {'playerid': player_id, 'properties': list(properties)})['item']

    def stop(self):
        for player in self.active_players():
            self.rpc('Player.Stop', {'playerid': player['playerid']})

    def wait_no_player(self, timeout=20):
        """Stop what plays, close dialogs, and wait until no player is active (Kodi aborts on overlapping opens)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.stop()
            self.rpc('Input.ExecuteAction', {'action': 'close'})
            if not self.active_players():
                self.close_dialogs()
                return
            time.sleep(0.3)
        raise KodiError('a player was still active after %d s' % timeout)

    # -- scripts through the helper addon -----------------------------------------------------------------------

    def execute_addon(self, addon_id, params=None, wait=False):
        """Addons.ExecuteAddon: run a script addon (params: list of argv strings, or a dict)."""
        request = {'addonid': addon_id, 'wait': wait}
        if params is not None:
            request['params'] = params
        return self.rpc('Addons.ExecuteAddon', request)

    def helper(self, command, *args, timeout=30) -> dict:
        """Run one helper command inside Kodi and return its JSON answer (logged by the helper)."""
        token = uuid.uuid4().hex[:12]
        mark = self.log_mark()
        self.execute_addon(HELPER_ID, [command, token] + [str(a) for a in args])
        line = self.wait_for_log(r'\[%s\] %s (\{.*\})$' % (HELPER_ID, token), since=mark, timeout=timeout)
        answer = json.loads(re.search(r'\[%s\] %s (\{.*\})$' % (HELPER_ID, token), line, re.M).group(1))
        if not answer.get('ok'):
            raise KodiError('helper %s failed: %s' % (command, answer.get('error')))
        return answer

    def builtin(self, command, timeout=30):
        """Execute a Kodi builtin, e.g. RunPlugin(...), inside Kodi."""
        return self.helper('builtin', command, timeout=timeout)

    def set_addon_setting(self, addon_id, setting_id, value):
        """Change another addon's setting at run time (xbmcaddon.Addon(id).setSetting...)."""
        if isinstance(value, bool):
            value = 'true' if value else 'false'
        answer = self.helper('set_setting', addon_id, setting_id, value)
        if not answer.get('stored'):
            raise KodiError('setting %s of %s was not stored' % (setting_id, addon_id))
        return answer

    def run_plugin(self, url, answer_dialogs=True, timeout=30) -> dict:
        """RunPlugin(url) as a script (handle -1), closing any dialog it opens; waits until the script ended.

        Returns {'dialogs': [texts of the dialogs that were open], 'log': the log slice of the run}."""
        mark = self.log_mark()
        self.builtin('RunPlugin(%s)' % url)
        return self.wait_plugin_finished(mark, answer_dialogs=answer_dialogs, timeout=timeout, url=url)

    def wait_plugin_finished(self, mark, answer_dialogs=True, timeout=30, script='plugin.py', url=None) -> dict:
        """Wait until the addon's script invoked after `mark` (the run of plugin `url`, when given) has ended
        (needs debug logging)."""
        dialogs = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if run_ended(self.log_since(mark), script, url):
                return {'dialogs': dialogs, 'log': self.log_since(mark)}
            if answer_dialogs and self.modal_dialog_open():
                dialogs.append(self.dialog_text())
                self.input('Back')
            time.sleep(0.2)
        raise KodiError('the %s run started after the mark did not end within %d s' % (script, timeout))

    def invoke(self, url, how='directory', timeout=30) -> dict:
        """Run a plugin URL the way a user or skin would and collect what happened.

        how: 'directory' (Files.GetDirectory), 'play' (Player.Open, then stop playback) or 'script' (RunPlugin).
        Returns {'items', 'error', 'dialogs', 'notifications', 'log', 'played'}; dialogs are answered with Back."""
        mark = self.log_mark()
        result = {'items': None, 'error': None, 'dialogs': [], 'played': None}
        if how == 'directory':
            result.update(self.list_directory(url, timeout=timeout))
            result['dialogs'] += self.wait_plugin_finished(mark, timeout=timeout, url=url)['dialogs']
        elif how == 'play':
            self.player_open(url)
            result['dialogs'] += self.wait_plugin_finished(mark, timeout=timeout, url=url)['dialogs']
            result['played'] = self._playback_after_resolve()
            self.wait_no_player()
        elif how == 'script':
            result['dialogs'] += self.run_plugin(url, timeout=timeout)['dialogs']
        else:
            raise ValueError('how must be directory, play or script, not %r' % how)
        text = self.log_since(mark)
        result.update(log=text, notifications=notifications_in(text))
        return result

    def _playback_after_resolve(self, settle=3.0):
        """The playing item shortly after the resolver ended, or None when nothing started."""
        deadline = time.monotonic() + settle
        while time.monotonic() < deadline:
            players = self.active_players()
            if players:
                return self.playing_item(players[0]['playerid'])
            time.sleep(0.25)
        return None

    # -- the log -------------------------------------------------------------------------------------------------

    def log_text(self) -> str:
        """kodi.log of the current run."""
        return _read_from(self.log_path, 0)

    def log_mark(self) -> int:
        """An offset into everything this instance logged, across restarts (see log_since)."""
        return self._history_size() + _size(self.log_path)

    def _history_size(self) -> int:
        return _size(self.history_path)

    def _archive_log(self):
        """After a run: append kodi.log to the history file and move it aside, as Kodi would at the next start."""
        if self.log_path.exists():
            with open(str(self.history_path), 'ab') as history:
                history.write(self.log_path.read_bytes())
            self.log_path.replace(self.log_path.with_name('kodi.old.log'))

    def log_since(self, mark: int) -> str:
        """Log text written after offset `mark` (offsets run on across restarts)."""
        history = self._history_size()
        if mark >= history:
            return _read_from(self.log_path, mark - history)
        return _read_from(self.history_path, mark) + _read_from(self.log_path, 0)

    def wait_for_log(self, pattern, since=0, timeout=30) -> str:
        """Wait for a log line matching `pattern` (regex, per line) after offset `since`; returns the line."""
        regex = re.compile(pattern, re.M)
        deadline = time.monotonic() + timeout
        while True:
            for line in self.log_since(since).splitlines():
                if regex.search(line):
                    return line
            if time.monotonic() > deadline:
                raise KodiError('no log line matching %r within %d s\n%s' % (pattern, timeout, self.log_tail()))
            if self.process is not None and self.process.poll() is not None:
                raise KodiError('Kodi exited while waiting for %r\n%s' % (pattern, self.log_tail()))
            time.sleep(0.2)

    def log_tail(self, lines=60) -> str:
        return '\n'.join(self.log_text().splitlines()[-lines:])

    # -- screenshots ---------------------------------------------------------------------------------------------

    def screenshot(self, path: Path) -> Path:
        """PNG of the whole virtual screen (xwd + ImageMagick, or ffmpeg's x11grab when convert is missing)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, XAUTHORITY=str(self.home / '.Xauthority'))
        display = ':%d' % self.display
        if shutil.which('xwd') and os.path.exists('/usr/bin/convert'):
            dump = subprocess.run(['xwd', '-root', '-silent', '-display', display], env=env, check=True,
                                  stdout=subprocess.PIPE).stdout
            subprocess.run(['/usr/bin/convert', 'xwd:-', 'png:%s' % path], input=dump, env=env, check=True)
        else:
            subprocess.run(['ffmpeg', '-loglevel', 'error', '-y', '-f', 'x11grab', '-video_size', SCREEN[:-3],
                            '-i', display, '-frames:v', '1', str(path)], env=env, check=True)
        return path


def readme_screenshot(kodi: KodiInstance, name) -> Path:
    """dist/screenshots/readme-<name>.png (screenshots-<set> with the other requests set, so two sessions never
    share a file), reduced to 256 colours (ImageMagick) so the README copies in docs/screenshots/ stay small."""
    folder = 'screenshots' if requests_set() == 'kodi' else 'screenshots-' + requests_set()
    path = kodi.screenshot(REPO_ROOT / 'dist' / folder / ('readme-%s.png' % name))
    if shutil.which('convert'):
        subprocess.run(['convert', str(path), '-strip', '-colors', '256', '-define', 'png:compression-level=9',
                        str(path)], check=True)
    return path


def quiet_screen(kodi: KodiInstance):
    """No notification toast on the picture, and the artwork of the focused item loaded."""
    wait_for(lambda: not kodi.info_booleans(['Window.IsVisible(notification)'])['Window.IsVisible(notification)'],
             60, 'the notification to go')  # toasts queue up (5 s each) on a busy machine
    time.sleep(2.0)


def profile(kodi: KodiInstance) -> Path:
    """The addon's profile folder (settings.xml, token files, aiostreams.db) in that Kodi's home."""
    return kodi.userdata / 'addon_data' / ADDON_ID


def write_private_files(folder: Path, documents: dict):
    """{file name: JSON document} written 0600 into `folder`, as the addon's logins write token files."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, document in documents.items():
        path = folder / name
        path.write_text(json.dumps(document), encoding='utf-8')
        os.chmod(str(path), 0o600)


def _same_run_argument(argument: str, url: str) -> bool:
    """Whether an argument an invoker logged is the query of plugin `url` (compared decoded, as Kodi may re-encode
    it), or `url` itself when it has no query."""
    query = urlsplit(url).query
    if not query:
        return argument.rstrip('/') == url.rstrip('/')
    return argument.startswith('?') and parse_qs(argument[1:]) == parse_qs(query)


def run_ended(log_text: str, script='plugin.py', url=None) -> bool:
    """Whether the first run of the addon's `script` in `log_text` has ended. With `url`, the first run of that
    plugin URL, known by the arguments its invoker logs: another run (a folder refreshing behind a script, say) may
    start first, and an invoker is reused for later runs."""
    ended = re.compile(r'CPythonInvoker\((\d+), [^)]*%s/%s\): (script successfully run|.*(?:aborted|fail))'
                       % (re.escape(ADDON_ID), re.escape(script)), re.I)
    if url is None:
        started = re.search(r'CPythonInvoker\((\d+), [^)]*%s/%s\): start processing'
                            % (re.escape(ADDON_ID), re.escape(script)), log_text)
    else:
        started = next((line for line in re.finditer(r'CPythonInvoker\((\d+)\):  (\S+)$', log_text, re.M)
                        if _same_run_argument(line.group(2), url)), None)
    return bool(started) and any(match.group(1) == started.group(1)
                                 for match in ended.finditer(log_text, started.end()))


def wait_for(predicate, timeout, what, poll=0.25):
    """Poll `predicate` until it returns something true (returned), or fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(poll)
    raise AssertionError('%s did not happen within %d s' % (what, timeout))


def plugin_runs(log_text: str, addon_id=ADDON_ID) -> list:
    """(handle, query) of each plugin invocation Kodi logged (debug log), in order."""
    pattern = re.compile(r"CScriptRunner: running add-on script .*\('plugin://%s/[^']*', '(-?\d+)', '([^']*)'\)"
                         % re.escape(addon_id))
    return pattern.findall(log_text)


def notifications_in(log_text: str, addon_id=ADDON_ID) -> list:
    """Texts of the notifications the addon showed (addon.kodi.notify logs each at debug level)."""
    return re.findall(r'\[%s\] notification \(\w+\): (.*)$' % re.escape(addon_id), log_text, re.M)


def addon_strings(po_path: Path) -> dict:
    """{id: English text} from a strings.po."""
    strings, current = {}, None
    for line in Path(po_path).read_text(encoding='utf-8').splitlines():
        context = re.match(r'msgctxt "#(\d+)"', line)
        if context:
            current = int(context.group(1))
            continue
        message = re.match(r'msgid "(.*)"$', line)
        if message and current is not None:
            strings[current] = message.group(1).replace('\\"', '"')
            current = None
    return strings


def tracebacks_of(log_text: str, needle=ADDON_ID) -> list:
    """Log records (a line plus its continuation lines) holding a Python traceback that mentions `needle`."""
    records, current = [], []
    for line in log_text.splitlines():
        if LOG_LINE_START.match(line) and current:
            records.append('\n'.join(current))
            current = []
        current.append(line)
    if current:
        records.append('\n'.join(current))
    return [record for record in records if 'Traceback (most recent call last)' in record and needle in record]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _read_from(path: Path, offset: int) -> str:
    try:
        with open(str(path), 'rb') as handle:
            handle.seek(offset)
            return handle.read().decode('utf-8', errors='replace')
    except FileNotFoundError:
        return ''


def _seconds(kodi_time: dict) -> float:
    return kodi_time['hours'] * 3600 + kodi_time['minutes'] * 60 + kodi_time['seconds'] + \
        kodi_time.get('milliseconds', 0) / 1000.0


def _group_alive(pgid) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def playback_only_settings(aio_server) -> dict:
    """Settings of the playback scenarios run on their own fake AIOStreams: Trakt and PunchPlay unreachable, the
    smart sort, the next stream after a failure, and Kodi's own selection dialog."""
    return {'base_url': aio_server.manifest_url, 'trakt_api_url': 'http://127.0.0.1:9',
            'punchplay_url': 'http://127.0.0.1:9', 'keep_server_order': False, 'fallback_behavior': 'play_next',
            'source_select_style': 'dialog'}
