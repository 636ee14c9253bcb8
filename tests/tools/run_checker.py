"""Run kodi-addon-checker offline on the built zips (`tox -e checker`).

The checker downloads every branch's official repository index and sends a HEAD request to each metadata URL;
offline both stall for minutes. This wrapper stubs the index download with empty repositories and makes the HEAD
check fail at once, then runs the checker's own entry point per branch on the unpacked release zips.

It fails on any ERROR and on any WARNING except the two that only mean "offline": a required dependency declared
in addon.xml is "not available in current repository", and a metadata URL could not be reached.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BRANCHES = ('nexus', 'omega')
OFFLINE_URL_MESSAGE = 'offline: metadata URL not checked'
DEPENDENCY_WARNING = re.compile(r'^Required dependency (\S+) is not available in current repository$')


def install_offline_stubs():
    """Replace the checker's network access: empty repository indexes, URL checks failing immediately."""
    import requests
    from kodi_addon_checker import ValidKodiVersions, check_addon, check_url
    from kodi_addon_checker.addons.Repository import Repository

    def empty_repositories():
        repositories = {}
        for branch in ValidKodiVersions:
            repository = Repository.__new__(Repository)
            repository.version, repository.path, repository.addons = branch, '', []
            repositories[branch] = repository
        return repositories

    def refuse_head(url, *args, **kwargs):
        raise requests.exceptions.ConnectionError('%s: %s' % (OFFLINE_URL_MESSAGE, url))

    check_addon.get_all_repo_addons = empty_repositories
    check_url.requests = _RequestsWithoutHead(requests, refuse_head)


class _RequestsWithoutHead:
    """The requests module as check_url sees it, with head() replaced."""

    def __init__(self, module, head):
        self._module = module
        self.head = head

    def __getattr__(self, name):
        return getattr(self._module, name)


def declared_imports(addon_dir: Path):
    root = ET.parse(str(addon_dir / 'addon.xml')).getroot()
    return {node.attrib['addon'] for node in root.findall('./requires/import')}


def run_branch(addon_dir: Path, branch: str):
    """Run the checker's main() on one addon folder for one branch; return its records."""
    from kodi_addon_checker import __main__ as checker_main
    from kodi_addon_checker.common import load_plugins
    from kodi_addon_checker.reporter import ReportManager

    load_plugins()  # registers the reporters; main() loads them again, which imports nothing new
    collector = ReportManager.reporters['array'][0]
    collector.reports = []
    argv = sys.argv
    sys.argv = ['kodi-addon-checker', '--branch', branch, '--reporter', 'array', '--reporter', 'console',
                str(addon_dir)]
    try:
        checker_main.main()
    except SystemExit as exc:
        if exc.code not in (None, 0, 1):
            raise
    finally:
        sys.argv = argv
    return list(collector.reports)


def unexpected(records, allowed_dependencies):
    """The records that fail the run: every ERROR, and every WARNING that is not an offline artefact."""
    bad = []
    for record in records:
        message = str(record.message)
        if record.log_level == 'ERROR' and not message.startswith('We found '):
            bad.append(record)
        elif record.log_level == 'WARN' and not message.startswith('We found '):
            match = DEPENDENCY_WARNING.match(message)
            if match and match.group(1) in allowed_dependencies:
                continue
            if OFFLINE_URL_MESSAGE in message:
                continue
            bad.append(record)
    return bad


def unpack(zip_path: Path, into: Path) -> Path:
    with zipfile.ZipFile(str(zip_path)) as archive:
        tops = {name.split('/')[0] for name in archive.namelist()}
        if len(tops) != 1:
            raise SystemExit('%s must contain exactly one top folder, found %s' % (zip_path, sorted(tops)))
        for info in archive.infolist():
            archive.extract(info, str(into))
            mode = (info.external_attr >> 16) & 0o777
            if mode:
                os.chmod(str(into / info.filename), mode)
    return into / tops.pop()


def default_zips(dist: Path):
    zips = sorted(dist.glob('plugin.video.aiostreams-*.zip')) + sorted(dist.glob('repository.aiostreams-*.zip'))
    if not zips:
        raise SystemExit('no built zip in %s: run `tox -e build` (tests/tools/build.py) first' % dist)
    return zips


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description='kodi-addon-checker, offline, on the built zips')
    parser.add_argument('zips', nargs='*', type=Path, help='zips to check (default: the addon and repository '
                                                          'zips in --dist)')
    parser.add_argument('--dist', type=Path, default=ROOT / 'dist', help='folder holding the built zips')
    parser.add_argument('--branch', action='append', choices=BRANCHES, help='branch (default: nexus and omega)')
    args = parser.parse_args(argv)
    install_offline_stubs()
    failures = 0
    with tempfile.TemporaryDirectory(prefix='checker-') as work:
        os.chdir(work)  # the checker writes its log file into the working directory
        for zip_path in args.zips or default_zips(args.dist.resolve()):
            addon_dir = unpack(zip_path.resolve(), Path(work) / zip_path.stem)
            allowed = {dep for dep in declared_imports(addon_dir) if not dep.startswith('xbmc.')}
            for branch in args.branch or BRANCHES:
                print('== kodi-addon-checker %s on %s' % (branch, zip_path.name))
                bad = unexpected(run_branch(addon_dir, branch), allowed)
                for record in bad:
                    print('UNEXPECTED %s: %s' % (record.log_level, record.message))
                failures += len(bad)
        os.chdir(str(ROOT))
    if failures:
        print('kodi-addon-checker: %d unexpected errors or warnings' % failures)
        return 1
    print('kodi-addon-checker: 0 errors, 0 warnings beyond the offline dependency and URL notices')
    return 0


if __name__ == '__main__':
    sys.exit(main())
