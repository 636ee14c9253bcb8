"""Pure logic over plain data: no Kodi, no I/O, no HTTP, no database (docs/architecture.md)."""
