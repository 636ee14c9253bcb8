"""Weak references to live xbmc.Player / xbmc.Monitor instances, in creation order."""
from __future__ import annotations

import threading
import weakref


class WeakRegistry:
    def __init__(self):
        self._refs = []
        self._lock = threading.Lock()

    def add(self, obj) -> None:
        with self._lock:
            self._refs.append(weakref.ref(obj))

    def clear(self) -> None:
        with self._lock:
            self._refs = []

    def alive(self) -> list:
        """Instances still referenced somewhere; dead references are dropped."""
        with self._lock:
            pairs = [(ref, ref()) for ref in self._refs]
            self._refs = [ref for ref, obj in pairs if obj is not None]
            return [obj for _, obj in pairs if obj is not None]
