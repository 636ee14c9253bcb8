"""What the plugin told Kodi through one handle: listed items, directory flags and resolutions."""
from __future__ import annotations

EPISODE_SORT = 24  # xbmcplugin.SORT_METHOD_EPISODE


class Item:
    """One addDirectoryItem call."""

    def __init__(self, url: str, listitem, is_folder: bool):
        self.url = url
        self.listitem = listitem
        self.is_folder = is_folder

    @property
    def label(self) -> str:
        return self.listitem.getLabel()

    @property
    def playable(self) -> bool:
        return self.listitem.getProperty('IsPlayable').lower() == 'true'

    def __repr__(self) -> str:
        return 'Item(%r, %r, is_folder=%r)' % (self.label, self.url, self.is_folder)


class Directory:
    """Everything recorded for one plugin handle (a listing, a resolution, or neither)."""

    def __init__(self, handle: int):
        self.handle = handle
        self.items = []
        self.content = None
        self.sort_methods = []
        self.label_masks = []  # addSortMethod's labelMask per call ('' = Kodi's default)
        self.category = None
        self.properties = {}
        self.ended = False
        self.succeeded = None
        self.update_listing = None
        self.cache_to_disc = None
        self.resolved = []  # (succeeded, ListItem) per setResolvedUrl call

    @property
    def labels(self) -> list:
        return [item.label for item in self.items]

    @property
    def shown_labels(self) -> list:
        """The labels Kodi's Videos window shows under the first sort method: its label mask formats each item.
        '%L' is the label (also Kodi's choice when no sort method was added); an empty mask is Kodi's default,
        '%H. %T' for SORT_METHOD_EPISODE and '%T' for the others: the InfoTag title, the label when it is empty."""
        if not self.label_masks or self.label_masks[0] == '%L':
            return self.labels
        if self.label_masks[0]:
            raise NotImplementedError('label mask %r is not modelled' % self.label_masks[0])
        shown = []
        for item in self.items:
            tag = item.listitem.getVideoInfoTag()
            title = tag.getTitle()
            if title and self.sort_methods[0] == EPISODE_SORT and tag.getEpisode() > 0:
                title = '%d. %s' % (tag.getEpisode(), title)
            shown.append(title or item.label)
        return shown

    @property
    def urls(self) -> list:
        return [item.url for item in self.items]

    def __repr__(self) -> str:
        return 'Directory(handle=%d, items=%d, ended=%r, succeeded=%r, resolved=%d)' % (
            self.handle, len(self.items), self.ended, self.succeeded, len(self.resolved))
