"""Everything the portal holds about a person, in one streamed zip: ``donnees.json`` (every
app's sections, ``portal.accounts.registry``), ``donnees.html`` (the same, readable) and
the person's files. The zip is written as it is sent: files are copied in chunks, never the
whole archive in memory.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from portal.accounts.registry import Section, providers

CHUNK = 256 * 1024


def sections(user) -> list[Section]:
    """Every app's sections, in the registry's order."""
    return [section for provider in providers() for section in provider.sections(user)]


def export_data(user, found: list[Section] | None = None) -> dict:
    """``donnees.json``: each section's data under its key."""
    data: dict = {}
    for section in found if found is not None else sections(user):
        if section.key in data:
            raise ValueError(f"Two sections of the export share the key {section.key!r}")
        data[section.key] = section.data
    return data


def as_html(value) -> str:
    """A JSON value as nested HTML lists: a dict as a list of terms, a list numbered."""
    if isinstance(value, dict):
        if not value:
            return format_html("<p>{}</p>", "(aucune donnée)")
        items = format_html_join(
            "",
            "<dt>{}</dt><dd>{}</dd>",
            ((k.replace("_", " "), as_html(v)) for k, v in value.items()),
        )
        return format_html("<dl>{}</dl>", items)
    if isinstance(value, list):
        if not value:
            return format_html("<p>{}</p>", "(aucune donnée)")
        return format_html(
            "<ol>{}</ol>", format_html_join("", "<li>{}</li>", ((as_html(v),) for v in value))
        )
    if value is None or value == "":
        return "—"
    if value is True or value is False:
        return "oui" if value else "non"
    return format_html("{}", value)


def export_html(user, found: list[Section] | None = None) -> str:
    """``donnees.html``: the same sections, titled, for reading without a JSON viewer."""
    return render_to_string(
        "accounts/export.html",
        {
            "sections": [
                (section.title, as_html(section.data))
                for section in (found if found is not None else sections(user))
            ],
            "now": timezone.now(),
        },
    )


class _Sink:
    """A write-only file for ``zipfile``: keeps what was written until it is taken."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        out = b"".join(self.chunks)
        self.chunks.clear()
        return out


def export_stream(user) -> Iterator[bytes]:
    """The zip, piece by piece: ``donnees.json``, ``donnees.html``, then each file."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive:
        found = sections(user)
        data = export_data(user, found)
        archive.writestr("donnees.json", json.dumps(data, ensure_ascii=False, indent=2))
        archive.writestr("donnees.html", export_html(user, found))
        yield sink.take()
        for provider in providers():
            for stored in provider.files(user):
                with (
                    stored.file.open("rb") as source,
                    archive.open(stored.name, "w", force_zip64=True) as target,
                ):
                    while chunk := source.read(CHUNK):
                        target.write(chunk)
                        yield sink.take()
    yield sink.take()
