"""Checks of what a user types while setting up AIOStreams, before anything is sent or saved. Pure.

- plain http to a remote host: the manifest URL (or the raw password) would cross the internet unencrypted;
  http stays fine for this computer and the home network (a self-hosted instance).
- an encrypted password where the raw one is asked: /api/v1/user refuses it, and it is no password to remember.
- the manifest of another Stremio addon: it answers like AIOStreams but has no AIOStreams catalogs or streams.
"""
from __future__ import annotations

import base64
import binascii
import ipaddress
import json
from urllib.parse import urlsplit

# The manifest id AIOStreams serves: com.aiostreams.viren070.<user scope suffix> (aiostreams-api.md section 5).
AIOSTREAMS_ID_PREFIX = 'com.aiostreams.'
# Host names that only resolve at home (single-label names such as a Docker service count too).
_LOCAL_SUFFIXES = ('.local', '.lan', '.home', '.internal', '.home.arpa', '.localdomain')
# Carrier-grade NAT (Tailscale and similar overlay networks): private in use, not in ipaddress before 3.11.
_SHARED_NETWORK = ipaddress.ip_network('100.64.0.0/10')
# Fields of the encrypted password document: current {"i","e","t"}, older {"iv","encrypted","type"}.
_ENCRYPTED_FIELDS = ({'i', 'e'}, {'iv', 'encrypted'})


def is_local_host(host) -> bool:
    """Whether a host name or address is this computer or the home network."""
    name = (host or '').strip().lower().rstrip('.')
    if not name:
        return False
    try:
        address = ipaddress.ip_address(name.strip('[]'))
    except ValueError:
        return name == 'localhost' or '.' not in name or name.endswith(_LOCAL_SUFFIXES)
    return address.is_loopback or address.is_private or address.is_link_local or \
        (address.version == 4 and address in _SHARED_NETWORK)


def plain_http_to_remote(url) -> bool:
    """An http:// address (after stremio:// became https://) whose host is not local."""
    try:
        parts = urlsplit((url or '').strip())
        host = parts.hostname
    except ValueError:
        return False
    return parts.scheme.lower() == 'http' and bool(host) and not is_local_host(host)


def looks_encrypted(password) -> bool:
    """The encrypted password of a manifest URL: url-safe base64 of a small JSON object with the cipher fields."""
    text = (password or '').strip()
    if len(text) < 16 or not text.startswith('eyJ'):
        return False
    try:
        document = json.loads(base64.urlsafe_b64decode(text + '=' * (-len(text) % 4)).decode('utf-8'))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return False
    return isinstance(document, dict) and any(fields <= set(document) for fields in _ENCRYPTED_FIELDS)


def other_addon_name(manifest):
    """The name (or id) of the addon when the manifest is not AIOStreams', else None."""
    addon_id = str((manifest or {}).get('id') or '')
    if addon_id.startswith(AIOSTREAMS_ID_PREFIX):
        return None
    return str(manifest.get('name') or addon_id or '?')
