"""Put a pack together: front pages, papers and dividers, bookmarks, stamps.

pikepdf (qpdf) copies the papers' pages as they are, without decoding their content,
so a 1,500-page pack costs about what ``qpdf --empty --pages`` costs (bench/pack_build.py).
The file appears only when it is whole: it is written beside the target and renamed.
"""

from __future__ import annotations

import contextlib
import io
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from ecabinet.fsutil import atomic_writer
from ecabinet.pack.pages import TocLine, render_dividers, render_front
from ecabinet.pack.spec import PackDocument, PackError, PackMeeting
from ecabinet.pack.stamps import stamp_pages

COVER_LABEL = "Bìa"
CONTENTS_LABEL = "Mục lục"


@dataclass(frozen=True)
class PackReport:
    output: Path
    pages: int
    front_pages: int  # the cover and the table of contents
    documents: int
    dividers: int
    output_bytes: int
    seconds: float


@contextlib.contextmanager
def _opened(meeting: PackMeeting) -> Iterator[dict[PackDocument, pikepdf.Pdf]]:
    with contextlib.ExitStack() as stack:
        opened: dict[PackDocument, pikepdf.Pdf] = {}
        for item in meeting.items:
            for doc in item.documents:
                opened[doc] = stack.enter_context(_open_paper(doc))
        yield opened


def _open_paper(doc: PackDocument) -> pikepdf.Pdf:
    try:
        source = io.BytesIO(doc.source) if isinstance(doc.source, bytes) else doc.source
        pdf = pikepdf.open(source)
        if len(pdf.pages) == 0:
            pdf.close()
            raise PackError(
                f"Tài liệu “{doc.title}” không có trang nào; không thể lập bộ tài liệu.",
                code="pack_paper_empty",
                message_en=f"The paper {doc.title!r} has no pages.",
            )
        return pdf
    except (pikepdf.PdfError, pikepdf.PasswordError, OSError) as exc:
        raise PackError(
            f"Tài liệu “{doc.title}” bị hỏng hoặc không phải PDF; chưa lập bộ tài liệu. "
            "Hãy đồng bộ lại để tải lại tài liệu này.",
            code="pack_paper_damaged",
            message_en=f"The paper {doc.title!r} is damaged or not a PDF: {exc}",
        ) from exc


def _plan(
    meeting: PackMeeting, counts: dict[PackDocument, int], front: int
) -> tuple[list[TocLine], int]:
    lines: list[TocLine] = []
    page = front + 1
    for item in meeting.items:
        lines.append(TocLine(item.short_name_full, page, 0))
        if not item.documents:
            page += 1
        for doc in item.documents:
            label = f"{doc.number} — {doc.title}" if doc.number else doc.title
            lines.append(TocLine(label, page, 1))
            page += counts[doc]
    return lines, page - 1


def _front(meeting: PackMeeting, counts: dict[PackDocument, int]) -> tuple[bytes, int]:
    """The cover and contents, laid out until the page numbers they print are right."""
    # A first guess from the number of lines (about 30 fit a page) spares most packs
    # a second layout; the loop corrects a wrong guess.
    entries = sum(1 + len(item.documents) for item in meeting.items)
    front = 1 + max(1, -(-(entries + 2) // 30))
    for _ in range(5):
        lines, _total = _plan(meeting, counts, front)
        data, pages = render_front(meeting, lines)
        if pages == front:
            return data, pages
        front = pages
    raise RuntimeError("the table of contents does not settle on a page count")


def assemble_pack(meeting: PackMeeting, output: Path) -> PackReport:
    """Write the pack of ``meeting`` to ``output``; raise PackError, writing nothing,
    if a paper cannot be read."""
    started = time.perf_counter()
    with _opened(meeting) as papers, pikepdf.new() as pack:
        counts = {doc: len(pdf.pages) for doc, pdf in papers.items()}
        front_data, front_pages = _front(meeting, counts)
        empty = [item for item in meeting.items if not item.documents]
        with contextlib.ExitStack() as stack:
            front = stack.enter_context(pikepdf.open(io.BytesIO(front_data)))
            dividers = (
                stack.enter_context(pikepdf.open(io.BytesIO(render_dividers(meeting, empty))))
                if empty
                else None
            )
            labels = [COVER_LABEL] + [CONTENTS_LABEL] * (front_pages - 1)
            pack.pages.extend(front.pages)
            outline: list[pikepdf.OutlineItem] = [
                pikepdf.OutlineItem(CONTENTS_LABEL, 1 if front_pages > 1 else 0)
            ]
            for item in meeting.items:
                entry = pikepdf.OutlineItem(item.short_name_full, len(pack.pages))
                if dividers is not None and not item.documents:
                    pack.pages.append(dividers.pages[empty.index(item)])
                    labels.append(item.short_name)
                for doc in item.documents:
                    entry.children.append(pikepdf.OutlineItem(doc.title, len(pack.pages)))
                    pack.pages.extend(papers[doc].pages)
                    labels += [item.short_name] * counts[doc]
                outline.append(entry)
            with pack.open_outline() as tree:
                tree.root.extend(outline)
            stamp_pages(pack, labels)
            pack.docinfo["/Title"] = f"Tài liệu: {meeting.title}"
            pack.docinfo["/Creator"] = "eCabinet"
            pack.Root.PageMode = pikepdf.Name.UseOutlines
            with atomic_writer(output) as sink:
                pack.save(sink, compress_streams=True,
                          object_stream_mode=pikepdf.ObjectStreamMode.generate)  # fmt: skip
            total = len(pack.pages)
    return PackReport(
        output=output, pages=total, front_pages=front_pages,
        documents=sum(len(i.documents) for i in meeting.items), dividers=len(empty),
        output_bytes=output.stat().st_size, seconds=time.perf_counter() - started,
    )  # fmt: skip
