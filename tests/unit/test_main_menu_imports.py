"""The main menu is the call users make most: it must not pay for the HTTP stack, the database or the file-name
parser (each costs tens to hundreds of milliseconds at every plugin start). Run in a fresh interpreter, since the
test process itself has all of them imported."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import REPO_ROOT, STUBS_DIR

HEAVY = ('requests', 'requests_cache', 'peewee', 'guessit', 'rebulk', 'babelfish')
SCRIPT = r'''
import json, sys
import fakekodi
fakekodi.reset(profile_dir=sys.argv[1], home_dir=sys.argv[2])
listing = fakekodi.run_plugin(sys.argv[3])
print(json.dumps({'labels': listing.labels, 'succeeded': listing.succeeded, 'modules': sorted(sys.modules)}))
'''


def run_fresh(tmp_path, url):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([REPO_ROOT, STUBS_DIR]))
    output = subprocess.run([sys.executable, '-c', SCRIPT, str(tmp_path / 'profile'), str(tmp_path / 'home'), url],
                            env=env, cwd=REPO_ROOT, check=True, stdout=subprocess.PIPE).stdout
    return json.loads(output.decode('utf-8'))


def heavy_in(modules) -> set:
    return {name.split('.', 1)[0] for name in modules} & set(HEAVY)


def addon_profile(tmp_path):
    folder = tmp_path / 'profile' / 'addon_data' / 'plugin.video.aiostreams'
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def set_up(tmp_path):
    (addon_profile(tmp_path) / 'settings.xml').write_text(
        '<settings version="2"><setting id="base_url">http://127.0.0.1:9/stremio/u/bench/manifest.json</setting>'
        '</settings>', encoding='utf-8')


def test_the_main_menu_imports_no_heavy_library(tmp_path):
    set_up(tmp_path)
    found = run_fresh(tmp_path, 'plugin://plugin.video.aiostreams/')
    assert found['succeeded'] and 'Movies' in found['labels']
    assert heavy_in(found['modules']) == set()


def test_the_main_menu_of_a_fresh_install_imports_no_heavy_library(tmp_path):
    found = run_fresh(tmp_path, 'plugin://plugin.video.aiostreams/')
    assert found['succeeded'] and found['labels'][0] == 'Set up AIOStreams'
    assert heavy_in(found['modules']) == set()


def test_the_main_menu_of_a_trakt_user_imports_no_heavy_library(tmp_path):
    set_up(tmp_path)
    token = {'access_token': 'a' * 64, 'refresh_token': 'r' * 64}
    (addon_profile(tmp_path) / 'trakt_token.json').write_text(json.dumps(token), encoding='utf-8')
    found = run_fresh(tmp_path, 'plugin://plugin.video.aiostreams/')
    assert 'Trakt' in found['labels']
    assert heavy_in(found['modules']) == set()


def test_the_guard_sees_a_heavy_library_when_a_route_loads_one(tmp_path):
    """The check is real: a catalog list asks the backend, so it imports the HTTP stack (here it finds nobody)."""
    set_up(tmp_path)
    found = run_fresh(tmp_path, 'plugin://plugin.video.aiostreams/movies?widget=true')
    assert not found['succeeded']
    assert {'requests', 'requests_cache'} <= heavy_in(found['modules'])
