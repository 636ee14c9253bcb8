"""The QR picture of a device login, as a PNG file in the profile folder: the service's own picture when it sends
one (PunchPlay's `verification_uri_qr`, a data-URI PNG: punchplay-api.md section 2.1), else the address drawn with
the bundled segno. '' when neither is possible (segno missing in a development checkout, a full disk): the login
dialog then shows the address and the code without a picture."""
from __future__ import annotations

import base64
import binascii
import hashlib
import os

from addon import kodi

try:
    import segno  # bundled in the release zip (tests/tools/build.py, tests/requirements-vendor.txt)
except ImportError:
    segno = None

FILE_PREFIX = 'login-qr-'
PNG_SIGNATURE = b'\x89PNG\r\n\x1a\n'
DATA_URI_PREFIX = 'data:image/png;base64,'
MAX_PNG_BYTES = 1024 * 1024
MODULE_PIXELS = 12    # a version 3 code (33 modules with its border) is about 400 px: sharp in the 460 px frame
BORDER_MODULES = 2


def picture(address, data_uri=None) -> str:
    """The path of a fresh PNG of the login's QR code, or ''. Pictures of earlier logins are removed first; the
    file name changes with the content, so Kodi never shows a stale texture of the same name."""
    remove_pictures()
    png = png_of_data_uri(data_uri)
    source = png or (address or '').encode('utf-8')
    if not source or (png is None and segno is None):
        return ''
    path = os.path.join(kodi.profile_dir(), '%s%s.png' % (FILE_PREFIX, hashlib.sha1(source).hexdigest()[:16]))
    try:
        if png is not None:
            with open(path, 'wb') as handle:
                handle.write(png)
        else:
            segno.make(address, error='m').save(path, kind='png', scale=MODULE_PIXELS, border=BORDER_MODULES)
    except (OSError, ValueError) as failure:  # segno's DataOverflowError is a ValueError
        kodi.log('login QR picture not written: %s' % failure, 'warning')
        return ''
    return path


def png_of_data_uri(data_uri):
    """The PNG bytes of a `data:image/png;base64,` URI, or None when it is absent, not a PNG or too large."""
    if not isinstance(data_uri, str) or not data_uri.startswith(DATA_URI_PREFIX):
        return None
    encoded = data_uri[len(DATA_URI_PREFIX):]
    if len(encoded) > MAX_PNG_BYTES * 4 // 3 + 4:
        return None
    try:
        png = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return None
    return png if png.startswith(PNG_SIGNATURE) else None


def remove_pictures():
    """Forget every login picture in the profile (after the login, and before a new one)."""
    folder = kodi.profile_dir()
    for name in os.listdir(folder):
        if name.startswith(FILE_PREFIX) and name.endswith('.png'):
            try:
                os.remove(os.path.join(folder, name))
            except OSError as failure:
                kodi.log('login QR picture not removed: %s' % failure, 'warning')
