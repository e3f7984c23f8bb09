"""An event's picture, made safe to keep and show: whatever a member uploads is decoded, turned
upright, shrunk and written again from its pixels alone, so that nothing the camera or phone
put in the file (GPS position, device, date, XMP, comments, ICC profile) reaches anyone."""

import secrets
import warnings
from typing import IO, Any

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from tejido.gatherings.errors import BadImage

FORMATS = ("JPEG", "PNG", "WEBP")
MAX_SIDE = 1600
# A picture bigger than this (40 megapixels) is refused before it is decoded: a small file that
# unpacks into a huge image (a decompression bomb) would otherwise fill the memory.
MAX_PIXELS = 40_000_000
JPEG_QUALITY = 85
# Errors Pillow raises for files that are not, or not wholly, pictures.
_UNREADABLE = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    TypeError,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
)


def _bad() -> BadImage:
    return BadImage(detail={"image": str(BadImage.message)})


def _has_transparency(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def reencode_image(upload: IO[bytes] | Any) -> ContentFile[bytes]:
    """The upload as a fresh JPEG (quality 85), or PNG when it has transparency, at most
    1600 px on its longest side, upright, with no metadata at all and a random name.
    Raises BadImage for anything that is not a readable JPEG, PNG or WebP picture."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as probe:
                if probe.format not in FORMATS:
                    raise _bad()
                width, height = probe.size
                if width < 1 or height < 1 or width * height > MAX_PIXELS:
                    raise _bad()
                probe.verify()
            upload.seek(0)
            with Image.open(upload) as opened:
                if opened.format not in FORMATS:
                    raise _bad()
                opened.load()
                upright = ImageOps.exif_transpose(opened)
                transparent = _has_transparency(upright)
                pixels = upright.convert("RGBA" if transparent else "RGB")
                pixels.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
                # Only the pixels cross over: the new image has no info, EXIF, XMP or ICC.
                clean = Image.frombytes(pixels.mode, pixels.size, pixels.tobytes())
    except BadImage:
        raise
    except _UNREADABLE as error:
        raise _bad() from error
    out = ContentFile(b"")
    if transparent:
        clean.save(out, format="PNG", optimize=True)
        extension = "png"
    else:
        clean.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        extension = "jpg"
    out.seek(0)
    out.name = f"{secrets.token_hex(16)}.{extension}"
    return out
