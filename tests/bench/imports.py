"""Which modules a plugin call loads, in a fresh interpreter against kodi-stubs.

    python tests/bench/imports.py [--profile DIR] URL [URL ...]

runs the URLs one after the other in ONE interpreter (the first call is what a plugin start costs without
reuselanguageinvoker; the later ones are what it costs with it) and prints JSON: per URL the elapsed
milliseconds, the modules it loaded and which heavy libraries are among them. --profile is special://profile
(for example a copy of a real Kodi's userdata: its settings, database and HTTP cache are used as they are).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STUBS = os.path.join(REPO, 'kodi-stubs')
HEAVY = ('requests', 'requests_cache', 'urllib3', 'peewee', 'guessit', 'rebulk', 'babelfish', 'cattrs', 'attrs',
         'dateutil')


def _top(name) -> str:
    return name.split('.', 1)[0]


def run_urls(urls, profile=None) -> list:
    """[{url, ms, modules, heavy}] for the URLs run in this interpreter."""
    import fakekodi
    fakekodi.reset(addon_root=REPO, profile_dir=profile)
    found = []
    for handle, url in enumerate(urls, start=1):
        before = set(sys.modules)
        started = time.perf_counter()
        listing = fakekodi.run_plugin(url, handle=handle)
        elapsed = (time.perf_counter() - started) * 1000.0
        loaded = sorted(set(sys.modules) - before)
        found.append({'url': url, 'ms': elapsed, 'items': len(listing.items), 'succeeded': listing.succeeded,
                      'modules': loaded, 'heavy': sorted({_top(name) for name in loaded} & set(HEAVY))})
    return found


def in_fresh_interpreter(urls, profile=None) -> list:
    """run_urls in a new Python process (nothing imported before the first plugin call)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([REPO, STUBS]))
    command = [sys.executable, os.path.abspath(__file__)] + (['--profile', str(profile)] if profile else []) + \
        list(urls)
    output = subprocess.run(command, env=env, cwd=REPO, check=True, stdout=subprocess.PIPE).stdout
    return json.loads(output.decode('utf-8'))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--profile')
    parser.add_argument('urls', nargs='+')
    args = parser.parse_args(argv)
    json.dump(run_urls(args.urls, args.profile), sys.stdout)


if __name__ == '__main__':
    for _path in (REPO, STUBS):
        if _path not in sys.path:
            sys.path.insert(0, _path)
    main()
