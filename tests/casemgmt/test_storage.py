"""Uploads are atomic: a full disk leaves nothing on disk and the user is told plainly."""

from __future__ import annotations

import errno
import os

import pytest
from django.core.files.base import ContentFile

from core.storage import AtomicFileSystemStorage, StorageFull


class FullDisk(AtomicFileSystemStorage):
    """The disk fills up half way through the file (ENOSPC from a write)."""

    def _write(self, out, content):
        data = content.read()
        out.write(data[: len(data) // 2])
        out.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def files_under(root) -> list[str]:
    return [os.path.join(d, f) for d, _dirs, names in os.walk(root) for f in names]


def test_a_file_is_stored_whole_under_its_name_and_never_replaces_another(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path)
    first = storage.save("docs/a.pdf", ContentFile(b"one"))
    second = storage.save("docs/a.pdf", ContentFile(b"two"))
    assert first == "docs/a.pdf" and second != first
    assert storage.open(first).read() == b"one" and storage.open(second).read() == b"two"
    assert sorted(os.path.basename(p) for p in files_under(tmp_path)) == sorted(
        [os.path.basename(first), os.path.basename(second)]
    )
    assert oct(os.stat(storage.path(first)).st_mode & 0o777) == "0o644"


def test_a_full_disk_leaves_nothing_behind(tmp_path):
    storage = FullDisk(location=tmp_path)
    with pytest.raises(StorageFull) as caught:
        storage.save("docs/a.pdf", ContentFile(b"x" * 10_000))
    assert caught.value.errno == errno.ENOSPC
    assert files_under(tmp_path) == []  # no truncated file, no empty one, no temporary
