"""Double of script.module.routing (tamland/kodi-plugin-routing, master c3fb9ea), written from its documented
behaviour (kodi-platform.md §2), not from its code. It reproduces the library's quirks on purpose, so tests
fail where the real router would:

- `args` is parse_qs of argv[2] (a dict of lists, blank values dropped) and keeps its old value when run()
  gets no argv[2]; `handle` is read from sys.argv[1] only when the Plugin is constructed.
- Path variables: `<name>`, `<string:name>` (one segment) and `<path:name>` (anything); another converter
  such as `<int:name>` never matches, and a name with a digit is not a variable. Captured values are str and
  are not unquoted; url_for inserts values without quoting.
- Rules are tried per function in registration order (stacked decorators register bottom-up); unused
  url_for kwargs become a query string by urlencode without doseq; mixing positional and keyword arguments
  raises RoutingError.
- run() strips trailing slashes (the root path becomes ''), redirect() and route_for() do not.
- Importing it reads xbmcaddon.Addon().getAddonInfo('id') once; it logs via xbmc.log(msg, level=LOGDEBUG).
"""
from __future__ import annotations

import re
import sys
from urllib.parse import parse_qs, urlencode, urlsplit

try:
    import xbmc
    import xbmcaddon

    _addon_id = xbmcaddon.Addon().getAddonInfo('id')

    def log(msg):
        xbmc.log('[%s][route] %s' % (_addon_id, msg), level=xbmc.LOGDEBUG)
except ImportError:
    # Outside Kodi: print instead; Plugin() without base_url then fails with NameError, like the original.
    def log(msg):
        print(msg)

# A variable name is [A-z]+: letters plus [ \ ] ^ _ and the backtick, but no digits.
_VARIABLE = re.compile(r'<(?:[A-z]+:)?([A-z]+)>')
_SEGMENT_VARIABLE = re.compile(r'<(?:string:)?([A-z]+)>')
_PATH_VARIABLE = re.compile(r'<path:([A-z]+)>')


class RoutingError(Exception):
    pass


class UrlRule:
    def __init__(self, pattern):
        self._pattern = pattern.rstrip('/')
        self._names = [match.group(1) for match in _VARIABLE.finditer(self._pattern)]
        regex = _SEGMENT_VARIABLE.sub(r'(?P<\1>[^/]+?)', self._pattern)
        regex = _PATH_VARIABLE.sub(r'(?P<\1>.*)', regex)
        self._regex = re.compile('^' + regex + '$')

    def match(self, path):
        """The captured variables (str, still quoted) when `path` matches, else None."""
        found = self._regex.search(path)
        return found.groupdict() if found else None

    def make_path(self, *args, **kwargs):
        """The path for these arguments (extra kwargs as a query string), or None if they do not fit."""
        if args and kwargs:
            raise RoutingError('Mixing of args and kwargs is not supported')
        if args:
            if len(args) != len(self._names):
                return None
            values, query = list(args), {}
        else:
            if any(name not in kwargs for name in self._names):
                return None
            values = [kwargs[name] for name in self._names]
            query = {key: value for key, value in kwargs.items() if key not in self._names}
        filled = iter(values)
        path = _VARIABLE.sub(lambda _: str(next(filled)), self._pattern) or '/'
        return path + '?' + urlencode(query) if query else path

    def __str__(self):
        return self._pattern.encode('utf-8')  # a Python 2 leftover: str() raises TypeError on Python 3


class Plugin:
    def __init__(self, base_url=None):
        self._rules = {}  # view function -> [UrlRule], in registration order
        self.path = (urlsplit(sys.argv[0]).path if sys.argv else '') or '/'
        self.handle = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else -1
        self.args = {}
        self.base_url = base_url or 'plugin://' + _addon_id

    def route(self, pattern):
        """Decorator registering the view for `pattern`; it returns the function unchanged."""
        def decorator(func):
            self.add_route(func, pattern)
            return func
        return decorator

    def add_route(self, func, pattern):
        self._rules.setdefault(func, []).append(UrlRule(pattern))

    def url_for(self, func, *args, **kwargs):
        rules = self._rules.get(func)
        if not rules:
            raise RoutingError("No route to function '%s'" % getattr(func, '__name__', func))
        for rule in rules:
            path = rule.make_path(*args, **kwargs)
            if path is not None:
                return self.url_for_path(path)
        raise RoutingError("No known paths to '%s' with args %s and kwargs %s" % (func.__name__, args, kwargs))

    def url_for_path(self, path):
        return self.base_url + path

    def route_for(self, path):
        """The view function for `path` (a base_url prefix is ignored), or None. No slash stripping."""
        if path.startswith(self.base_url):
            path = path[len(self.base_url):]
        for view, rules in self._rules.items():
            if any(rule.match(path) is not None for rule in rules):
                return view
        return None

    def run(self, argv=None):
        if argv is None:
            argv = sys.argv
        self.path = urlsplit(argv[0]).path.rstrip('/')
        if len(argv) > 2:
            self.args = parse_qs(argv[2].lstrip('?'))
        self._dispatch(self.path)

    def redirect(self, path):
        self._dispatch(path)

    def _dispatch(self, path):
        for view, rules in self._rules.items():
            for rule in rules:
                kwargs = rule.match(path)
                if kwargs is not None:
                    log("Dispatching to '%s', args: %s" % (view.__name__, kwargs))
                    view(**kwargs)
                    return
        raise RoutingError('No route to path "%s"' % path)
