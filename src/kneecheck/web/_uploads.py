"""Saving an uploaded file privately, in chunks, refusing it by name once it passes a limit."""

from __future__ import annotations

from pathlib import Path

from fastapi import HTTPException
from starlette.datastructures import UploadFile


async def save_upload(upload: UploadFile, target: Path, name: str, limit: int, already: int = 0) -> int:
    """Write the upload to `target` 1 MB at a time; 413 naming the file once `already` plus what
    was read passes `limit`. Returns the new running total."""
    total = already
    with target.open("wb") as out:
        while chunk := await upload.read(1024 * 1024):
            total += len(chunk)
            if total > limit:
                raise HTTPException(413, f"{name}: the upload is larger than {limit // (1024 * 1024)} MB")
            out.write(chunk)
    return total
