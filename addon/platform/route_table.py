"""The routing.Plugin instance and the helpers views use to read their parameters."""
from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote_plus

import routing

plugin = routing.Plugin()

# Values that mean "no value": TMDbHelper renders missing ids as the literal None, unknown placeholders as _.
MISSING_VALUES = ('', 'None', '_', 'none', 'null')


def arg(name, default=None):
    """First value of a query parameter, or `default` when absent or a placeholder for "missing"."""
    values = plugin.args.get(name)
    if not values or values[0].strip() in MISSING_VALUES:
        return default
    return values[0].strip()


def int_arg(name, default=None):
    """An integer parameter; `default` when absent, not a number, or beyond what SQLite stores (64 bits)."""
    value = arg(name)
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    return number if number is None or -2 ** 63 <= number < 2 ** 63 else default


def flag_arg(name) -> bool:
    return (arg(name) or '').lower() in ('1', 'true', 'yes')


def is_widget() -> bool:
    """Skins pass widget=true (TMDbHelper convention) when a list is rendered as a home-screen widget."""
    return flag_arg('widget')


@lru_cache(maxsize=4096)
def _quoted(text) -> str:
    """quote_plus, remembered: a listing quotes the same ids and names for every context-menu entry of an item."""
    return quote_plus(text)


def url(path, **params):
    """plugin:// URL of a path with query parameters (None values dropped), for routes of other modules. The query
    is what urlencode writes (quote_plus of each key and str(value))."""
    query = '&'.join('%s=%s' % (_quoted(key), _quoted(value if isinstance(value, (str, bytes)) else str(value)))
                     for key, value in params.items() if value is not None)
    return plugin.url_for_path(path) + ('?' + query if query else '')


def action_url(action, **params):
    """The seed-compatible ?action= form, used where skins, keymaps and settings buttons need stable URLs."""
    return url('/', action=action, **params)
