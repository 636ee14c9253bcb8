"""Run the addon's plugin entry in-process, the way Kodi invokes it."""
from __future__ import annotations

import os
import sys


def run_plugin(url: str, handle: int = 1, resume: bool = False, entry=None):
    """Invoke the plugin for `url` with a fresh `handle` and return fakekodi.directory(handle).

    sys.argv is [url without query, str(handle), '?query' or '', 'resume:false|true'] while it runs. `entry` is
    the script to run (default: addon.xml's pluginsource library) or a callable taking argv. Imported modules
    are kept between calls, as with reuselanguageinvoker, so state leaking from one call to the next shows.
    The handle is closed afterwards: later xbmcplugin calls on it log Kodi's invalid-handle error.
    """
    import fakekodi

    base, _, query = url.partition('?')
    argv = [base, str(handle), '?' + query if query else '', 'resume:%s' % ('true' if resume else 'false')]
    saved_argv, saved_path = sys.argv, list(sys.path)
    fakekodi.open_handle(handle)
    sys.argv = argv
    try:
        if callable(entry):
            entry(list(argv))
        else:
            script = os.path.join(fakekodi.state.meta.root, entry or fakekodi.state.meta.plugin_entry)
            sys.path.insert(0, os.path.dirname(script))  # Kodi puts the addon folder on sys.path
            _run_script(script)
    finally:
        sys.argv = saved_argv
        sys.path[:] = saved_path
        fakekodi.close_handle(handle)
    return fakekodi.directory(handle)


def _run_script(path: str) -> None:
    """Execute a script as __main__ (runpy.run_path is not used: it would replace sys.argv[0])."""
    with open(path, encoding='utf-8') as handle:
        code = compile(handle.read(), path, 'exec')
    exec(code, {'__name__': '__main__', '__file__': path})
