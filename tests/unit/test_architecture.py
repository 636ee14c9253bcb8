"""The layers of docs/architecture.md, checked on the source: every import of every module under addon/ (function-level
ones included) is read with ast, and the test fails on
- an import circle between addon modules;
- Kodi (xbmc*, kodi_six) imported anywhere but the Kodi door, addon/kodi.py;
- a core module (addon/core/) importing an addon module outside core, or Kodi, HTTP, the database or other I/O;
- machinery (addon/platform/) importing a feature or an entry;
- a module below the entries importing an entry (views, plugin_entry, service);
- a function-level (lazy) import outside the entries and the modules of LAZY_ALLOWED, which say why.
"""
from __future__ import annotations

import ast
import os
from collections import namedtuple

import pytest

from tests.conftest import REPO_ROOT

ADDON_DIR = os.path.join(REPO_ROOT, 'addon')
KODI_DOOR = 'addon.kodi'
KODI_MODULES = ('xbmc', 'xbmcaddon', 'xbmcdrm', 'xbmcgui', 'xbmcplugin', 'xbmcvfs', 'kodi_six')
CORE = 'addon.core'
MACHINERY = 'addon.platform'
FEATURES = ('addon.backend', 'addon.play', 'addon.surfaces', 'addon.tools', 'addon.trakt', 'addon.scrobble',
            'addon.punchplay')
ENTRIES = ('addon.views', 'addon.plugin_entry', 'addon.service')
# What pure logic must not touch, besides Kodi: HTTP, the database, files and processes.
NOT_PURE = ('requests', 'requests_cache', 'urllib3', 'peewee', 'sqlite3', 'socket', 'http', 'urllib.request',
            'subprocess', 'shutil', 'addon.platform', 'addon.kodi')

# Modules outside the entries that may import inside a function, and why (start-up speed only).
LAZY_ALLOWED = {
    'addon.core.identify': 'guessit (tens of ms to import) only when a file name has to be read',
    'addon.core.release_names': 'guessit (tens of ms to import) only when the token rules cannot read a name',
    'addon.core.trakt_times': 'dateutil (~14 ms) only when the sync parses a time; list renders only format times',
    'addon.platform.http': 'requests / requests-cache only when a request goes out: the main menu loads no HTTP stack',
    'addon.surfaces.item_menus': 'listings without a Trakt account load neither the Trakt package nor the database',
    'addon.surfaces.quick_actions': 'only the watchlist / watched toggles load Trakt code and the database (~50 ms)',
    'addon.trakt.actions': 'the backend client (~5 ms) only to mark a show watched that has no stored episode list:'
                           ' every Trakt list loads actions',
    'addon.trakt.client': 'urllib3 (its Retry) only when a client is made: the Trakt menu reads the token file alone',
}

Import = namedtuple('Import', 'module target line lazy')


def module_files():
    """{dotted module name: path} for every .py file under addon/."""
    found = {}
    for folder, _dirs, files in os.walk(ADDON_DIR):
        for name in files:
            if not name.endswith('.py'):
                continue
            path = os.path.join(folder, name)
            parts = os.path.relpath(path, REPO_ROOT)[:-3].split(os.sep)
            if parts[-1] == '__init__':
                parts.pop()
            found['.'.join(parts)] = path
    return found


MODULES = module_files()


def _is_package(module):
    return MODULES.get(module, '').endswith('__init__.py')


def _resolve(module, node):
    """The dotted names an import statement brings in: `from addon.x import y` names addon.x.y when y is a module."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ''
    if node.level:
        package = module if _is_package(module) else module.rsplit('.', 1)[0]
        package = package.rsplit('.', node.level - 1)[0] if node.level > 1 else package
        base = package + ('.' + base if base else '')
    names = []
    for alias in node.names:
        child = base + '.' + alias.name
        names.append(child if child in MODULES else base)
    return names


def _imports_of(module, path, source=None):
    if source is None:
        with open(path, encoding='utf-8') as handle:
            source = handle.read()
    tree = ast.parse(source, path)
    found = []

    def visit(node, lazy):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                found.extend(Import(module, target, child.lineno, lazy) for target in _resolve(module, child))
            visit(child, lazy or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

    visit(tree, False)
    return found


IMPORTS = [found for module, path in sorted(MODULES.items()) for found in _imports_of(module, path)]


def _within(name, prefixes):
    if isinstance(prefixes, str):
        prefixes = (prefixes,)
    return any(name == prefix or name.startswith(prefix + '.') for prefix in prefixes)


def _internal(target):
    """The addon module an import reaches (the deepest one that exists), or None for a library."""
    while target and target not in MODULES:
        target = target.rpartition('.')[0]
    return target or None


def _where(found):
    return '%s:%d imports %s%s' % (os.path.relpath(MODULES[found.module], REPO_ROOT), found.line, found.target,
                                   ' (in a function)' if found.lazy else '')


def _report(violations):
    assert not violations, '\n'.join(_where(found) for found in violations)


def test_the_reader_finds_every_kind_of_import():
    source = ('import os.path\nfrom addon.platform import db, storage as st\nfrom . import http\n'
              'from ..core.redact import redact\n'
              'class A:\n    def f(self):\n        from addon.trakt import service_tasks\n'
              'g = lambda: __import__("x")\n')
    found = _imports_of('addon.platform.outbox', 'outbox.py', source)
    assert [(item.target, item.line, item.lazy) for item in found] == [
        ('os.path', 1, False), ('addon.platform.db', 2, False), ('addon.platform.storage', 2, False),
        ('addon.platform.http', 3, False), ('addon.core.redact', 4, False),
        ('addon.trakt.service_tasks', 7, True)]
    assert {'addon.kodi', 'addon.platform.db', 'addon.core.redact', 'addon.service'} <= set(MODULES)


def strongly_connected(edges):
    """Tarjan's components of the directed graph {node: set(next)} with more than one node or a self-loop."""
    index, low, stack, on_stack, components = {}, {}, [], set(), []

    def connect(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for following in sorted(edges.get(node, ())):
            if following not in index:
                connect(following)
                low[node] = min(low[node], low[following])
            elif following in on_stack:
                low[node] = min(low[node], index[following])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in edges.get(node, ()):
                components.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return components


def module_edges():
    """{module: {addon module it imports: the Import}}."""
    edges = {}
    for found in IMPORTS:
        target = _internal(found.target)
        if target and target != found.module:
            edges.setdefault(found.module, {})[target] = found
    return edges


def test_no_import_circle():
    edges = module_edges()
    components = strongly_connected({module: set(targets) for module, targets in edges.items()})
    lines = []
    for component in components:
        lines.append('import circle of %d modules:' % len(component))
        lines.extend('  ' + _where(found) for module in component
                     for target, found in sorted(edges.get(module, {}).items()) if target in component)
    assert not components, '\n'.join(lines)


def test_only_the_kodi_door_imports_kodi():
    _report([found for found in IMPORTS if found.module != KODI_DOOR and _within(found.target, KODI_MODULES)])


def test_core_is_pure():
    def impure(found):
        target = found.target
        if _within(target, KODI_MODULES + NOT_PURE):
            return True
        return _within(target, 'addon') and not _within(_internal(target) or target, CORE)

    _report([found for found in IMPORTS if _within(found.module, CORE) and impure(found)])


def test_machinery_knows_no_feature():
    _report([found for found in IMPORTS
             if _within(found.module, MACHINERY) and _within(found.target, FEATURES + ENTRIES)])


def test_only_entries_import_entries():
    _report([found for found in IMPORTS
             if not _within(found.module, ENTRIES) and _within(found.target, ENTRIES)])


def test_lazy_imports_only_where_start_up_speed_needs_them():
    _report([found for found in IMPORTS
             if found.lazy and not _within(found.module, ENTRIES) and found.module not in LAZY_ALLOWED])


@pytest.mark.parametrize('module', sorted(LAZY_ALLOWED))
def test_every_module_allowed_lazy_imports_has_one(module):
    assert any(found.lazy for found in IMPORTS if found.module == module), \
        '%s no longer imports inside a function: remove it from LAZY_ALLOWED' % module
