"""The one storage of uploaded and generated files (``STORAGES["default"]``).

Atomic: a file is written under a temporary name in its folder, flushed to disk, then
given its name (a hard link, which never replaces a file of the same name); on any
failure the temporary file is removed. A full disk leaves nothing behind and raises
``StorageFull``, which the request answers plainly (``StorageFullMiddleware``: 507).
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from contextlib import suppress
from typing import Any, BinaryIO

from django.core.files import File
from django.core.files.storage import FileSystemStorage


class StorageFull(OSError):
    """No space left for a file (ENOSPC); nothing of it was left on disk."""

    def __init__(self, name: str):
        super().__init__(errno.ENOSPC, os.strerror(errno.ENOSPC), name)


class AtomicFileSystemStorage(FileSystemStorage):
    """``FileSystemStorage`` that never leaves a truncated or empty file."""

    def _write(self, out: BinaryIO, content: File[Any]) -> None:
        if hasattr(content, "temporary_file_path"):
            with open(content.temporary_file_path(), "rb") as source:
                shutil.copyfileobj(source, out)
            return
        for chunk in content.chunks():
            out.write(chunk if isinstance(chunk, bytes) else chunk.encode())

    def _save(self, name: str, content: File[Any]) -> str:
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        try:
            if self.directory_permissions_mode is not None:
                old_umask = os.umask(0o777 & ~self.directory_permissions_mode)
                try:
                    os.makedirs(directory, self.directory_permissions_mode, exist_ok=True)
                finally:
                    os.umask(old_umask)
            else:
                os.makedirs(directory, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=directory, prefix=".upload-", suffix=".part")
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise StorageFull(name) from exc
            raise
        try:
            with os.fdopen(fd, "wb") as out:
                self._write(out, content)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, self.file_permissions_mode or 0o644)
            while True:
                try:
                    os.link(temporary, full_path)  # fails if the name is taken: never overwrite
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise StorageFull(name) from exc
            raise
        finally:
            with suppress(FileNotFoundError):
                os.unlink(temporary)  # after a link the file keeps its name; else it is gone
        return str(name).replace("\\", "/")
