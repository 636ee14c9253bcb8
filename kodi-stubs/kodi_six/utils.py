"""kodi_six.utils for Python 3: the Python 2 string helpers are identity functions."""
from __future__ import annotations

import sys

PY2 = sys.version_info[0] == 2


def py2_encode(s, encoding: str = 'utf-8'):
    """Python 2 only encodes unicode to bytes; on Python 3 the value comes back unchanged."""
    return s


def py2_decode(s, encoding: str = 'utf-8', errors: str = 'strict'):
    """Python 2 only decodes bytes to unicode; on Python 3 the value comes back unchanged."""
    return s
