"""One page's text difference as rich text: inserted words green, deleted ones red."""

from __future__ import annotations

import html

from ecabinet.annotations.version_diff import PageDiff, VersionDiff

INSERTED_STYLE = "background-color: #c8f0c8; color: #0b5d1e; text-decoration: none;"
DELETED_STYLE = "background-color: #f8c8c8; color: #8b0000; text-decoration: line-through;"


def _ins(text: str) -> str:
    return f"<span style='{INSERTED_STYLE}'>{html.escape(text)}</span>"


def _del(text: str) -> str:
    return f"<span style='{DELETED_STYLE}'>{html.escape(text)}</span>"


def page_html(diff: VersionDiff, page: PageDiff) -> str:
    """The new page's text with its insertions marked and deletions shown where they were;
    a removed page is its old text, all deleted; an added page is all inserted."""
    if page.new_page is None:
        return "<p>" + "<br/>".join(_del(diff.old.page_text(p)) for p in page.old_pages) + "</p>"
    text = diff.new.text
    start, end = diff.new.page_span(page.new_page)
    if page.status == "added":
        return f"<p>{_ins(text[start:end])}</p>"
    events = sorted(
        [(min(max(c.new_start, start), end), 0, c) for c in page.deleted]
        + [(min(max(c.new_start, start), end), 1, c) for c in page.inserted],
        key=lambda event: (event[0], event[1]),
    )
    out, cursor = [], start
    for at, kind, change in events:
        if at < cursor:
            continue  # inside an insertion already shown
        out.append(html.escape(text[cursor:at]))
        if kind == 0:
            out.append(_del(change.text) + " ")
            cursor = at
        else:
            stop = min(change.new_end, end)
            out.append(_ins(text[at:stop]))
            cursor = stop
    out.append(html.escape(text[cursor:end]))
    return "<p>" + "".join(out) + "</p>"
