"""Fake of Kodi's `xbmcvfs` module on the real file system, with special:// paths translated by fakekodi.

Like Kodi, exists() tells a folder only when the path ends with a slash: exists('/a/dir') is False.
"""
from __future__ import annotations

import os as _os
import re as _re
import shutil as _shutil

import fakekodi as _fk
from fakekodi.checks import STR as _STR
from fakekodi.checks import expect as _expect


def translatePath(path: str) -> str:
    _expect('translatePath', 'path', path, _STR)
    return _fk.translate_path(path)


def _real(func: str, path: str) -> str:
    _expect(func, 'path', path, _STR)
    return _fk.translate_path(path)


def exists(path: str) -> bool:
    real = _real('exists', path)
    return _os.path.isdir(real) if path.endswith(('/', '\\')) else _os.path.isfile(real)


def mkdir(path: str) -> bool:
    try:
        _os.mkdir(_real('mkdir', path))
    except OSError:
        return False
    return True


def mkdirs(path: str) -> bool:
    try:
        _os.makedirs(_real('mkdirs', path), exist_ok=True)
    except OSError:
        return False
    return True


def rmdir(path: str, force: bool = False) -> bool:
    real = _real('rmdir', path)
    try:
        if force:
            _shutil.rmtree(real)
        else:
            _os.rmdir(real)
    except OSError:
        return False
    return True


def delete(file: str) -> bool:
    try:
        _os.remove(_real('delete', file))
    except OSError:
        return False
    return True


def rename(file: str, newFile: str) -> bool:
    try:
        _os.replace(_real('rename', file), _real('rename', newFile))
    except OSError:
        return False
    return True


def copy(strSource: str, strDestination: str) -> bool:
    try:
        _shutil.copyfile(_real('copy', strSource), _real('copy', strDestination))
    except OSError:
        return False
    return True


def listdir(path: str) -> tuple:
    """(folders, files), names only."""
    real = _real('listdir', path)
    names = sorted(_os.listdir(real)) if _os.path.isdir(real) else []
    folders = [name for name in names if _os.path.isdir(_os.path.join(real, name))]
    return folders, [name for name in names if name not in folders]


def validatePath(path: str) -> str:
    _expect('validatePath', 'path', path, _STR)
    return path.replace('\\', '/') if '://' in path else path


def makeLegalFilename(filename: str) -> str:
    _expect('makeLegalFilename', 'filename', filename, _STR)
    head, tail = _os.path.split(filename)
    return _os.path.join(head, _re.sub(r'[<>:"/\\|?*]', '_', tail))


class File:
    """Read ('r', the default) or write ('w') access to a file; usable as a context manager."""

    def __init__(self, filepath: str, mode: str = 'r'):
        _expect('File', 'mode', mode, _STR)
        real = _real('File', filepath)
        try:
            self._handle = open(real, 'wb' if mode == 'w' else 'rb')
        except OSError:
            self._handle = None  # like Kodi: reads give '' and writes fail instead of raising here

    def read(self, numBytes: int = 0) -> str:
        return bytes(self.readBytes(numBytes)).decode('utf-8', errors='replace')

    def readBytes(self, numBytes: int = 0) -> bytearray:
        if self._handle is None:
            return bytearray()
        return bytearray(self._handle.read(numBytes) if numBytes > 0 else self._handle.read())

    def write(self, buffer) -> bool:
        if self._handle is None:
            return False
        self._handle.write(buffer.encode('utf-8') if isinstance(buffer, str) else bytes(buffer))
        return True

    def size(self) -> int:
        return _os.fstat(self._handle.fileno()).st_size if self._handle else 0

    def seek(self, seekBytes: int, iWhence: int = 0) -> int:
        return self._handle.seek(seekBytes, iWhence) if self._handle else -1

    def tell(self) -> int:
        return self._handle.tell() if self._handle else -1

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


class Stat:
    def __init__(self, path: str):
        self._stat = _os.stat(_real('Stat', path))

    def st_size(self) -> int:
        return self._stat.st_size

    def st_mtime(self) -> int:
        return int(self._stat.st_mtime)

    def st_atime(self) -> int:
        return int(self._stat.st_atime)

    def st_ctime(self) -> int:
        return int(self._stat.st_ctime)

    def st_mode(self) -> int:
        return self._stat.st_mode
