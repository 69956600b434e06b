"""The shared vocabulary of the demo texts: outline parsers and the shapes they build.

Prose is written as outlines ("# heading", "## article", "- paragraph") so that it reads
as prose in the topic modules; these parsers turn it into ``Section`` and ``Chapter``
values. Everything here is pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from ecabinet.pdf.official import Section

LEGAL_DOCS_LAW = "Luật Ban hành văn bản quy phạm pháp luật ngày 19 tháng 02 năm 2025"
GOVERNMENT_LAW = "Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@dataclass(frozen=True)
class Article:
    title: str
    clauses: tuple[str, ...]


@dataclass(frozen=True)
class Chapter:
    title: str | None  # None for an amending law, which has no chapters
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class Issue:
    """A point the drafting ministry asks the Government to decide."""

    question: str
    first_view: str
    second_view: str
    proposal: str


@dataclass(frozen=True)
class DraftTopic:
    """A legal document a ministry drafts and the Ministry of Justice appraises."""

    kind: str  # "Nghị định" or "Luật"
    name: str  # what follows the kind in the title: "quy định về nghiệp vụ quản lý nợ công"
    agency: str  # "Bộ Tài chính"
    minister: str  # "Bộ trưởng Bộ Tài chính", for "Theo đề nghị của ..."
    bases: tuple[str, ...]  # the laws it rests on, beyond the two every decree cites
    policy: tuple[str, ...]  # political and legal grounds
    problems: tuple[str, ...]  # what goes wrong today
    purposes: tuple[str, ...]
    scope: str
    subjects: str
    chapters: tuple[Chapter, ...]
    issues: tuple[Issue, ...]
    appraisal: tuple[str, ...]  # the Ministry of Justice's remarks on the content
    effective: str  # "ngày 01 tháng 01 năm 2027"

    @property
    def title(self) -> str:
        return f"{self.kind} {self.name}"

    @property
    def draft(self) -> str:
        """A bill is a "dự án Luật"; anything else under preparation is a "dự thảo"."""
        return "dự án" if self.kind == "Luật" else "dự thảo"

    @property
    def decision(self) -> str:
        """What the Government decides on a draft: to adopt it, or to send a bill on."""
        return "quyết định việc trình Quốc hội" if self.kind == "Luật" else "quyết định"

    @property
    def article_count(self) -> int:
        return sum(len(chapter.articles) for chapter in self.chapters)


def numbered(items: tuple[str, ...], style: str = "a") -> tuple[str, ...]:
    if style == "a":
        return tuple(f"{chr(ord('a') + i)}) {item}" for i, item in enumerate(items))
    return tuple(f"{i}. {item}" for i, item in enumerate(items, start=1))


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def paras(text: str) -> tuple[str, ...]:
    """Split an outline into paragraphs, so that prose reads as prose in the topic modules.

    "- " starts a paragraph, "| " starts a new line inside it (an amended article quoted
    in a law), any other line continues the current paragraph.
    """
    items: list[str] = []
    for raw in text.strip().splitlines():
        line = raw.strip()
        if line.startswith("- "):
            items.append(line[2:])
        elif line.startswith("| "):
            items[-1] += "\n" + line[2:]
        elif line:
            items[-1] += " " + line
    return tuple(items)


def sections(text: str) -> tuple[Section, ...]:
    """Parse "# Heading" (or "# -" for none) lines, each followed by ``paras`` paragraphs."""
    parsed: list[tuple[str | None, list[str]]] = []
    for raw in text.strip().splitlines():
        line = raw.strip()
        if line.startswith("# "):
            parsed.append((None if line[2:] == "-" else line[2:], []))
        else:
            parsed[-1][1].append(line)
    return tuple(Section(heading, paras("\n".join(body))) for heading, body in parsed)


def chapters(text: str) -> tuple[Chapter, ...]:
    """Parse "# CHAPTER" (or "# -" for none), "## Article title", then ``paras`` clauses."""
    parsed: list[Chapter] = []
    title: str | None = None
    articles: list[Article] = []
    heading: str | None = None
    body: list[str] = []

    def close_article() -> None:
        if heading is not None:
            articles.append(Article(heading, paras("\n".join(body))))

    for raw in text.strip().splitlines():
        line = raw.strip()
        if line.startswith("## "):
            close_article()
            heading, body = line[3:], []
        elif line.startswith("# "):
            close_article()
            if articles:
                parsed.append(Chapter(title, tuple(articles)))
            title = None if line[2:] == "-" else line[2:]
            articles, heading, body = [], None, []
        else:
            body.append(line)
    close_article()
    parsed.append(Chapter(title, tuple(articles)))
    return tuple(parsed)


def article_sections(parts: tuple[Chapter, ...]) -> tuple[Section, ...]:
    """Chapters and articles, numbered in one run as in a real decree or law."""
    out: list[Section] = []
    number = 1
    for index, chapter in enumerate(parts):
        paragraphs: list[str] = []
        for article in chapter.articles:
            paragraphs.append(f"Điều {number}. {article.title}")
            several = len(article.clauses) > 1
            paragraphs += numbered(article.clauses, "1") if several else article.clauses
            number += 1
        heading = f"Chương {ROMAN[index]}\n{chapter.title}" if chapter.title else None
        out.append(Section(heading, tuple(paragraphs)))
    return tuple(out)
