"""`make bench`: the upload check of a 10 MB PDF.

``upload_check_ms_p95`` is the 95th percentile, over 20 rounds, of the time the portal takes
to check one PDF of just under 10 MB (the largest file accepted) before keeping it: its type
read from its content, then the separate process that parses it with pikepdf under its
limits, inflates its Flate streams under the size bound and writes the disarmed copy
(``portal.uploads.checked_upload``). The file is a 12-page scan-like document: per page, a
JPEG-coded photo (kept as it is), a Flate-compressed drawing that inflates to 3 MB, a text
content stream, and a link. Target: at most 1,500 ms.

    DJANGO_SETTINGS_MODULE=portal.settings.bench python -m tests.bench.uploads
"""

from __future__ import annotations

import io
import random
import time
import zlib

FIGURES = ("upload_check_ms_p95",)
ROUNDS = 20
PAGES = 12
TARGET_BYTES = 10 * 1024 * 1024 - 64 * 1024


def ten_mb_pdf() -> bytes:
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    noise = random.Random(24)
    pdf = pikepdf.new()
    pixels = b"".join(bytes((x * y) % 256 for x in range(1000)) for y in range(1000)) * 3
    drawn = zlib.compress(pixels, 6)
    photo_bytes = (TARGET_BYTES - PAGES * (len(drawn) + 8 * 1024)) // PAGES
    for page_number in range(PAGES):
        pdf.add_blank_page(page_size=(595, 842))
        page = pdf.pages[page_number]
        photo = pdf.make_stream(b"\xff\xd8\xff\xe0" + noise.randbytes(photo_bytes))
        photo.write(photo.read_raw_bytes(), filter=Name.DCTDecode)
        photo.Type, photo.Subtype = Name.XObject, Name.Image
        photo.Width, photo.Height, photo.BitsPerComponent = 1200, 1600, 8
        photo.ColorSpace = Name.DeviceRGB
        drawing = pdf.make_stream(b"")
        drawing.write(drawn, filter=Name.FlateDecode)
        drawing.Type, drawing.Subtype = Name.XObject, Name.Image
        drawing.Width, drawing.Height, drawing.BitsPerComponent = 1000, 1000, 8
        drawing.ColorSpace = Name.DeviceRGB
        page.Resources = Dictionary(XObject=Dictionary(Im0=photo, Im1=drawing))
        text = b"".join(
            b"BT /F1 10 Tf 40 %d Td (Ligne %d de la page %d, texte de la piece) Tj ET\n"
            % (800 - 12 * i, i, page_number)
            for i in range(60)
        )
        page.Contents = pdf.make_stream(b"q 500 0 0 600 40 100 cm /Im0 Do Q\n" + text)
        link = Dictionary(
            Type=Name.Annot,
            Subtype=Name.Link,
            Rect=Array([40, 40, 200, 60]),
            A=Dictionary(S=Name.URI, URI=pikepdf.String("https://www.francecompetences.fr/")),
        )
        page.Annots = Array([link])
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def run() -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from portal.uploads import MAX_FILE_BYTES, checked_upload

    data = ten_mb_pdf()
    if not 9 * 1024 * 1024 < len(data) <= MAX_FILE_BYTES:
        raise RuntimeError(f"the bench PDF weighs {len(data)} bytes, not about 10 MB")
    times = []
    for _ in range(ROUNDS):
        upload = SimpleUploadedFile("piece.pdf", data)
        start = time.perf_counter()
        kind, checked = checked_upload(upload)
        times.append((time.perf_counter() - start) * 1000)
        if kind != "pdf" or checked.refusal or not checked.copy:
            raise RuntimeError(f"the bench PDF was not accepted: {checked.refusal}")
    times.sort()
    return {"upload_check_ms_p95": round(times[int(len(times) * 0.95) - 1], 1)}


if __name__ == "__main__":
    import django

    django.setup()
    for name, value in run().items():
        print(f"{name}: {value}")
