"""Reading the PDFs back in tests: text per page, structure, fonts, pixels."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in reader(pdf).pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def assert_in_order(text: str, expected: list[str], *, start: int = 0) -> None:
    position = start
    for item in expected:
        found = text.find(flat(item), position)
        assert found >= 0, (
            f"missing or out of order: {item!r} after {text[position : position + 200]!r}"
        )
        position = found + len(flat(item))


def embedded_fonts(pdf: bytes) -> dict[str, bool]:
    """Every font the pages use, and whether its file is embedded."""
    fonts: dict[str, bool] = {}
    for page in reader(pdf).pages:
        resources = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            fonts[str(font["/BaseFont"])] = any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    return fonts


def page_pixels(pdf: bytes, page: int) -> bytes:
    """One page as 8-bit grey pixels, through poppler's pdftoppm."""
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm is missing: `make test` installs Debian's poppler-utils."
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "doc.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [
                pdftoppm,
                "-gray",
                "-r",
                "40",
                "-f",
                str(page),
                "-l",
                str(page),
                source,
                Path(tmp) / "p",
            ],
            check=True,
            timeout=60,
        )
        (image,) = Path(tmp).glob("p*.pgm")
        data = image.read_bytes()
    # Binary PGM: "P5", width, height, maxval, then the pixels.
    header = data.split(maxsplit=4)
    assert header[0] == b"P5"
    width, height = int(header[1]), int(header[2])
    return data[len(data) - width * height :]


def watermark_pixels(pdf: bytes, page: int) -> int:
    """Pixels of the watermark's light grey (#e4e4e4) on one page: text is darker."""
    return sum(1 for p in page_pixels(pdf, page) if 215 <= p <= 240)


STUB = b"%PDF-1.7 stub"


def stub_rendering(monkeypatch) -> None:
    """PDFs rendered as a stub (speed, not coverage: the renderer's own limits are tested
    apart); the e-certif file, which joins rendered PDFs, is then that stub too."""
    from livrets.desk import pdf as desk_pdf
    from portal.pdf import render as rendering

    monkeypatch.setattr(rendering, "html_to_pdf", lambda html: rendering.Rendered(STUB, 0.0, 0.0))
    monkeypatch.setattr(desk_pdf, "join", lambda parts, **kwargs: STUB)
