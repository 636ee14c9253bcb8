"""Build the release artefacts into dist/ (`tox -e build`).

dist/plugin.video.aiostreams-<version>.zip   the installable addon, one top folder, bundled libraries included
dist/repository.aiostreams-<version>.zip     the repository addon pointing at --repo-url
dist/addons.xml, dist/addons.xml.md5          the repository index
dist/<id>/<id>-<version>.zip                  the same zips in the layout a repository serves them from

The bundled libraries (tests/requirements-vendor.txt) are installed with pip into resources/lib/vendor/ of the zip
only; they are never committed.
"""
from __future__ import annotations

import argparse
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ADDON_ID = 'plugin.video.aiostreams'
REPO_ID = 'repository.aiostreams'
REPO_VERSION = '1.0.0'
DEFAULT_REPO_URL = 'https://raw.githubusercontent.com/aiostreams-kodi/repository.aiostreams/main/'
VENDOR_REQUIREMENTS = ROOT / 'tests' / 'requirements-vendor.txt'
VENDOR_ARCDIR = 'resources/lib/vendor'
CACHE_DIR = ROOT / 'build' / 'vendor-cache'

# What of the repository goes into the addon zip: these top-level entries plus every top-level *.py entry script.
ADDON_DIRS = ('addon', 'resources', 'players')
ADDON_FILES = ('addon.xml', 'LICENSE', 'LICENSE.txt', 'LICENSE.md', 'README.md', 'changelog.txt')
EXCLUDED_SUFFIXES = ('.pyc', '.pyo', '.pyi', '.toml', '.orig', '.rej', '.swp', '.log')
REPO_TREE_EXCLUDED = (VENDOR_ARCDIR,)

# Pruning of the pip-installed libraries: nothing executable, compiled, typing-only or test-only reaches the zip.
VENDOR_DROP_TOP = ('bin', 'share', 'pwiz.py')  # console scripts, segno's man page, peewee's tool
VENDOR_DROP_DIRS = ('__pycache__', 'test', 'tests')
VENDOR_DROP_SUFFIXES = ('.pyc', '.pyi', '.typed', '.so', '.pyd', '.c', '.h', '.pyx', '.exe', '.tar.gz')
DIST_INFO_KEEP = ('METADATA', 'top_level.txt')
LICENCE_PREFIXES = ('LICENSE', 'LICENCE', 'COPYING', 'NOTICE', 'AUTHORS')
# Minimal source changes, each applied to exactly one literal (the build fails if a library changes under it) and
# recorded in VENDORED.txt: (file, old literal, new literal, why).
SOURCE_PATCHES = (
    ('babelfish/language.py', "'data/iso-639-3.tab'", "'data/iso-639-3.tab.txt'",
     'reads its data file under a name kodi-addon-checker whitelists (.tab is not)'),
    ('guessit/options.py', '.joinpath(filename).read_text()', ".joinpath(filename).read_text(encoding='utf-8')",
     "reads its UTF-8 options.json as UTF-8: inside Kodi the locale encoding is ASCII and guessit() failed"),
)
DATA_RENAMES = (('babelfish/data/iso-639-3.tab', 'babelfish/data/iso-639-3.tab.txt'),)
# dateutil's time-zone fallback is not bundled (python-dateutil 3 asks for tzdata, thousands of files without an
# extension; older releases shipped a .tar.gz, not whitelisted): dateutil then uses the system's zones.
SMOKE_TEST = r'''
import locale, sys
from importlib import metadata
vendor = sys.argv[1]
assert locale.getpreferredencoding(False) in ('ANSI_X3.4-1968', 'ascii', 'US-ASCII'), locale.getpreferredencoding()
sys.path.insert(0, vendor)
import babelfish, dateutil.parser, guessit, peewee, requests_cache, platformdirs, url_normalize, cattrs, attrs, segno
for module in (babelfish, dateutil, guessit, peewee, requests_cache, platformdirs, url_normalize, cattrs, attrs,
               segno):
    assert module.__file__.startswith(vendor), module.__file__
assert babelfish.Language('fra').alpha2 == 'fr'
guess = guessit.guessit('The.Movie.2019.1080p.BluRay.x264-GROUP.mkv')
assert guess['title'] == 'The Movie' and guess['year'] == 2019 and guess['screen_size'] == '1080p', dict(guess)
assert attrs.__version__
db = peewee.SqliteDatabase(':memory:')
db.connect()
assert db.execute_sql('select 1').fetchone() == (1,)
qr = segno.make('https://trakt.tv/activate/ABCD1234', error='m')
assert qr.designator == '3-M' and qr.png_data_uri(scale=2).startswith('data:image/png;base64,'), qr.designator
print('bundled libraries import and work: guessit', guessit.__version__, 'peewee', peewee.__version__,
      'requests-cache', metadata.version('requests-cache'), 'segno', segno.__version__)
'''


class BuildError(Exception):
    """The tree or a built artefact breaks a packaging rule."""


def addon_version(addon_xml: Path) -> str:
    return ET.parse(str(addon_xml)).getroot().attrib['version']


def addon_files(root: Path):
    """(arcname inside the addon folder, source path) of every file that belongs in the release zip."""
    entries = [p for p in sorted(root.iterdir()) if not p.name.startswith('.')]
    for path in entries:
        if path.is_file() and (path.name in ADDON_FILES or path.suffix == '.py'):
            yield path.name, path
        elif path.is_dir() and path.name in ADDON_DIRS:
            yield from _tree_files(root, path)


def _tree_files(root: Path, top: Path):
    for dirpath, dirnames, filenames in os.walk(str(top)):
        rel_dir = Path(dirpath).relative_to(root).as_posix()
        dirnames[:] = sorted(d for d in dirnames if not d.startswith('.') and d != '__pycache__'
                             and '%s/%s' % (rel_dir, d) not in REPO_TREE_EXCLUDED)
        for name in sorted(filenames):
            if name.startswith('.') or name.endswith(EXCLUDED_SUFFIXES):
                continue
            yield '%s/%s' % (rel_dir, name), Path(dirpath) / name


# ---- bundled libraries ---------------------------------------------------------------------------------------

def vendor_dir() -> Path:
    """The pruned bundled-library folder for the current pins, built once and cached under build/. Builds running
    side by side (tox p) take turns on the cache."""
    with open(str(_ensure_dir(CACHE_DIR.parent) / 'vendor-cache.lock'), 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _cached_vendor_dir()


def _cached_vendor_dir() -> Path:
    recipe = VENDOR_REQUIREMENTS.read_bytes() + Path(__file__).read_bytes()
    target = CACHE_DIR / hashlib.sha256(recipe).hexdigest()[:16]
    if (target / 'VENDORED.txt').is_file():
        return target
    for stale in _ensure_dir(CACHE_DIR).iterdir():  # earlier pins or recipes
        _remove(stale)
    staging = Path(tempfile.mkdtemp(prefix='vendor-', dir=str(CACHE_DIR)))
    try:
        env = dict(os.environ, NO_SQLITE='1', PIP_DISABLE_PIP_VERSION_CHECK='1')
        subprocess.run([sys.executable, '-m', 'pip', 'install', '--quiet', '--no-deps', '--no-compile',
                        '--no-warn-script-location', '--target', str(staging), '-r', str(VENDOR_REQUIREMENTS)],
                       check=True, env=env)
        _prune_vendor(staging)
        _apply_patches(staging)
        _write_manifest(staging)
    except BaseException:
        _remove(staging)
        raise
    staging.rename(target)
    return target


def _ensure_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _prune_vendor(staging: Path):
    for name in VENDOR_DROP_TOP:
        _remove(staging / name)
    for dirpath, dirnames, filenames in os.walk(str(staging), topdown=True):
        here = Path(dirpath)
        if here.name.endswith('.dist-info'):
            _prune_dist_info(here, dirnames, filenames)
            dirnames[:] = []
            continue
        for name in [d for d in dirnames if d in VENDOR_DROP_DIRS]:
            _remove(here / name)
            dirnames.remove(name)
        for name in filenames:
            if name.endswith(VENDOR_DROP_SUFFIXES):
                (here / name).unlink()


def _prune_dist_info(dist_info: Path, dirnames, filenames):
    """Keep METADATA (importlib.metadata needs it) and the licence texts, flattened; drop the rest."""
    for name in filenames:
        if name not in DIST_INFO_KEEP and not name.upper().startswith(LICENCE_PREFIXES):
            (dist_info / name).unlink()
    for name in dirnames:
        for licence in sorted((dist_info / name).rglob('*')):
            if licence.is_file() and not (dist_info / licence.name).exists():
                licence.rename(dist_info / licence.name)
        _remove(dist_info / name)


def _apply_patches(staging: Path):
    for source_file, old, new, _why in SOURCE_PATCHES:
        source = staging / source_file
        text = source.read_text(encoding='utf-8')
        if text.count(old) != 1:
            raise BuildError('cannot patch %s: the library changed, review SOURCE_PATCHES' % source_file)
        source.write_text(text.replace(old, new), encoding='utf-8')
    for old_name, new_name in DATA_RENAMES:
        if not (staging / old_name).is_file():
            raise BuildError('cannot rename %s: the library changed, review DATA_RENAMES' % old_name)
        (staging / old_name).rename(staging / new_name)


def _write_manifest(staging: Path):
    """VENDORED.txt: name==version of every bundled distribution, its licence files and local changes."""
    lines = ['# Libraries bundled by tests/tools/build.py from tests/requirements-vendor.txt.',
             '# Unmodified except where noted; each licence text sits in <name>-<version>.dist-info/.', '']
    for dist_info in sorted(staging.glob('*.dist-info'), key=lambda p: p.name.lower()):
        name, version = _name_and_version(dist_info / 'METADATA')
        licences = sorted(p.name for p in dist_info.iterdir() if p.name.upper().startswith(LICENCE_PREFIXES))
        if not licences:
            raise BuildError('%s==%s ships no licence file' % (name, version))
        licence = _metadata_field(dist_info / 'METADATA', ('License-Expression', 'License')) or 'see licence file'
        lines.append('%s==%s  licence: %s  (%s)' % (name, version, licence.splitlines()[0][:60],
                                                   ', '.join('%s/%s' % (dist_info.name, n) for n in licences)))
    lines += ['', '# Local changes:']
    lines += ['# %s: %s' % (source_file, why) for source_file, _old, _new, why in SOURCE_PATCHES]
    lines += ['# %s renamed to %s' % (old_name, new_name) for old_name, new_name in DATA_RENAMES]
    lines.append('# No tzdata and no dateutil zone tarball (dateutil falls back to the system zones).')
    lines.append('# Console scripts, man pages, tests, type stubs and C sources dropped; peewee built without C '
                 'extensions.')
    (staging / 'VENDORED.txt').write_text('\n'.join(lines) + '\n', encoding='utf-8')


def _name_and_version(metadata: Path):
    return _metadata_field(metadata, ('Name',)), _metadata_field(metadata, ('Version',))


def _metadata_field(metadata: Path, fields) -> str:
    for line in metadata.read_text(encoding='utf-8').splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(':')
        if key in fields and value.strip():
            return value.strip()
    return ''


def _remove(path: Path):
    if path.is_dir():
        shutil.rmtree(str(path))
    elif path.exists():
        path.unlink()


def smoke_test_vendor(vendor: Path):
    """Import the bundled libraries from the vendor folder alone (requests from the environment) and use them,
    with an ASCII locale encoding as inside Kodi on Linux."""
    env = dict(os.environ, LC_ALL='C', LANG='C', PYTHONUTF8='0', PYTHONCOERCECLOCALE='0')
    subprocess.run([sys.executable, '-c', SMOKE_TEST, str(vendor)], check=True, env=env)


# ---- zips and repository -------------------------------------------------------------------------------------

def write_zip(zip_path: Path, members):
    """Write (arcname, bytes) members sorted, with fixed dates and no executable bits."""
    with zipfile.ZipFile(str(zip_path), 'w', zipfile.ZIP_DEFLATED) as archive:
        for arcname, data in sorted(members, key=lambda m: m[0]):
            info = zipfile.ZipInfo(arcname, date_time=(2024, 1, 1, 0, 0, 0))
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def addon_members(root: Path, vendor: Path):
    members = [('%s/%s' % (ADDON_ID, arc), src.read_bytes()) for arc, src in addon_files(root)]
    for path in sorted(vendor.rglob('*')):
        if path.is_file():
            members.append(('%s/%s/%s' % (ADDON_ID, VENDOR_ARCDIR, path.relative_to(vendor).as_posix()),
                            path.read_bytes()))
    return members


def repository_addon_xml(root: Path, repo_url: str) -> str:
    base = repo_url if repo_url.endswith('/') else repo_url + '/'
    provider = ET.parse(str(root / 'addon.xml')).getroot().attrib.get('provider-name', 'AIOStreams')
    assets = ''.join('<%s>%s</%s>' % (kind, name, kind) for kind, name in _repository_assets(root))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<addon id="%(id)s" name="AIOStreams Repository" version="%(version)s" provider-name="%(provider)s">\n'
        '  <extension point="xbmc.addon.repository" name="AIOStreams Repository">\n'
        '    <dir>\n'
        '      <info compressed="false">%(base)saddons.xml</info>\n'
        '      <checksum>%(base)saddons.xml.md5</checksum>\n'
        '      <datadir zip="true">%(base)s</datadir>\n'
        '    </dir>\n'
        '  </extension>\n'
        '  <extension point="xbmc.addon.metadata">\n'
        '    <summary lang="en_GB">Installs and updates the AIOStreams video add-on</summary>\n'
        '    <description lang="en_GB">The repository of the AIOStreams add-on for Kodi: install it once, then '
        'install AIOStreams from it and receive its updates automatically.</description>\n'
        '    <platform>all</platform>\n'
        '    <license>MIT</license>\n'
        '    <assets>%(assets)s</assets>\n'
        '  </extension>\n'
        '</addon>\n'
    ) % {'id': REPO_ID, 'version': REPO_VERSION, 'provider': provider, 'base': _xml_escape(base),
         'assets': assets}


def _repository_assets(root: Path):
    media = root / 'resources' / 'media'
    for kind, name in (('icon', 'icon.png'), ('fanart', 'fanart.jpg')):
        if (media / name).is_file():
            yield kind, name


def _xml_escape(text: str) -> str:
    return text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('"', '&quot;')


def repository_members(root: Path, repo_url: str):
    members = [('%s/addon.xml' % REPO_ID, repository_addon_xml(root, repo_url).encode('utf-8'))]
    for _kind, name in _repository_assets(root):
        members.append(('%s/%s' % (REPO_ID, name), (root / 'resources' / 'media' / name).read_bytes()))
    return members


def addons_index(addon_xml_texts) -> bytes:
    body = []
    for text in addon_xml_texts:
        lines = text.strip().splitlines()
        if lines and lines[0].startswith('<?xml'):
            lines = lines[1:]
        body.append('\n'.join(lines))
    index = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<addons>\n%s\n</addons>\n' % '\n'.join(body)
    ET.fromstring(index.encode('utf-8'))
    return index.encode('utf-8')


def check_zip(zip_path: Path, top: str):
    """Enforce the packaging rules on a built zip (one top folder, no executable bits, nothing from tests)."""
    with zipfile.ZipFile(str(zip_path)) as archive:
        for info in archive.infolist():
            parts = info.filename.split('/')
            if parts[0] != top:
                raise BuildError('%s: %s is outside the single top folder %s' % (zip_path.name, info.filename, top))
            if (info.external_attr >> 16) & 0o111:
                raise BuildError('%s: %s has an executable bit' % (zip_path.name, info.filename))
            if any(p.startswith('.') or p in ('tests', 'kodi-stubs', '__pycache__') for p in parts[1:]) or \
                    info.filename.endswith(('.toml', '.pyi', '.pyc', '.so', 'tox.ini')):
                raise BuildError('%s: %s must not be packaged' % (zip_path.name, info.filename))


def build(root: Path, out: Path, repo_url: str) -> dict:
    version = addon_version(root / 'addon.xml')
    vendor = vendor_dir()
    smoke_test_vendor(vendor)
    _clear_artefacts(_ensure_dir(out))

    addon_zip = out / ('%s-%s.zip' % (ADDON_ID, version))
    write_zip(addon_zip, addon_members(root, vendor))
    check_zip(addon_zip, ADDON_ID)
    repo_zip = out / ('%s-%s.zip' % (REPO_ID, REPO_VERSION))
    repo_members = repository_members(root, repo_url)
    write_zip(repo_zip, repo_members)
    check_zip(repo_zip, REPO_ID)

    index = addons_index([(root / 'addon.xml').read_text(encoding='utf-8'), repo_members[0][1].decode('utf-8')])
    (out / 'addons.xml').write_bytes(index)
    (out / 'addons.xml.md5').write_text(hashlib.md5(index).hexdigest(), encoding='ascii')
    for addon_id, zip_path in ((ADDON_ID, addon_zip), (REPO_ID, repo_zip)):
        _ensure_dir(out / addon_id)
        shutil.copyfile(str(zip_path), str(out / addon_id / zip_path.name))
    return {'addon_zip': addon_zip, 'repository_zip': repo_zip, 'version': version}


def _clear_artefacts(out: Path):
    """Remove what an earlier build wrote (other content of dist/, e.g. screenshots, stays)."""
    for pattern in ('%s-*.zip' % ADDON_ID, '%s-*.zip' % REPO_ID, 'addons.xml', 'addons.xml.md5', ADDON_ID, REPO_ID):
        for path in out.glob(pattern):
            _remove(path)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--out', type=Path, default=ROOT / 'dist', help='output folder (default: dist/)')
    parser.add_argument('--repo-url', default=os.environ.get('AIOSTREAMS_REPO_URL', DEFAULT_REPO_URL),
                        help='base URL the repository addon reads addons.xml and the zips from')
    args = parser.parse_args(argv)
    try:
        result = build(ROOT, args.out.resolve(), args.repo_url)
    except (BuildError, subprocess.CalledProcessError) as exc:
        print('build failed: %s' % exc, file=sys.stderr)
        return 1
    for key in ('addon_zip', 'repository_zip'):
        size = result[key].stat().st_size
        print('built %s (%d KiB)' % (result[key].relative_to(ROOT) if ROOT in result[key].parents
                                     else result[key], size // 1024))
    print('repository index: %s' % (args.out / 'addons.xml'))
    return 0


if __name__ == '__main__':
    sys.exit(main())
