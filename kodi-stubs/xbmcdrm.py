"""Tiny fake of Kodi's `xbmcdrm` module (only so that `kodi_six.xbmcdrm` imports like on Kodi)."""
from __future__ import annotations


class CryptoSession:
    def __init__(self, UUID: str, cipherAlgorithm: str, macAlgorithm: str):
        self.uuid, self.cipher_algorithm, self.mac_algorithm = UUID, cipherAlgorithm, macAlgorithm

    def GetKeyRequest(self, init: bytearray, mimeType: str, offlineKey: bool, optionalParameters: dict) -> bytearray:
        return bytearray()

    def GetPropertyString(self, name: str) -> str:
        return ''
