"""Smoke-run a plugin URL against the fakes and print what Kodi would have received.

    PYTHONPATH=.:kodi-stubs python -m fakekodi 'plugin://plugin.video.aiostreams/?action=search' [--answer kind=value]
"""
from __future__ import annotations

import argparse
import json
import sys

import fakekodi


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog='python -m fakekodi', description=__doc__.splitlines()[0])
    parser.add_argument('url')
    parser.add_argument('--handle', type=int, default=1)
    parser.add_argument('--resume', action='store_true')
    parser.add_argument('--addon-root', help='the addon folder (default: the one around kodi-stubs/)')
    parser.add_argument('--answer', action='append', default=[], metavar='KIND=JSON',
                        help="scripted dialog answer, e.g. select=0 or input='\"dune\"' (repeatable)")
    args = parser.parse_args(argv)
    fakekodi.reset(addon_root=args.addon_root)
    for scripted in args.answer:
        kind, _, value = scripted.partition('=')
        fakekodi.answer(kind, json.loads(value))
    try:
        record = fakekodi.run_plugin(args.url, handle=args.handle, resume=args.resume)
    except fakekodi.UnexpectedDialog as error:
        print('unexpected dialog: %s' % error)
        return 1
    for item in record.items:
        print('%s %-40s %s' % ('[dir]' if item.is_folder else '[item]', item.label, item.url))
    if record.ended:
        print('endOfDirectory succeeded=%s content=%s' % (record.succeeded, record.content))
    for succeeded, listitem in record.resolved:
        print('setResolvedUrl succeeded=%s path=%s' % (succeeded, listitem.getPath()))
    for shown in fakekodi.dialogs + fakekodi.notifications:
        print('dialog/notification: %s' % shown)
    for message in fakekodi.errors():
        print('ERROR: %s' % message)
    return 1 if fakekodi.errors() else 0


if __name__ == '__main__':
    sys.exit(main())
