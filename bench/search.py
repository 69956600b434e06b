"""Offline search: indexing rate (text extraction included) and query latency, 20,000 pages.

    python bench/search.py [--work-dir DIR] [--rebuild] [--pages 20000] [--rounds 5]
                           [--workers N] [--serial] [--engines sqlite,sqlcipher]

Corpus (bench/search_corpus.py, cached): --pages A4 pages of Vietnamese prose in real
PDFs, --pages-per-doc per file.

For each engine — Python's SQLite, and SQLCipher (sqlcipher3, when installed) — a fresh
local store, schema by the migrations, is filled as the sync engine fills it: per file,
the pages' text is extracted with pypdfium2 (outside the writer, one thread working on
the next file while the writer indexes this one, as the sync engine does), then one
writing transaction (BEGIN IMMEDIATE, synchronous=FULL, as LocalStore) runs
index_version; --serial adds the figure with extraction and writing strictly in turn.
Reported: pages/s end to end (extraction included; "extract" is the writer's wait for
text when extraction runs ahead), the share of each part, CPU used by
this process and by others meanwhile (this 2-vCPU machine is shared); with --workers N,
extraction also runs in N processes ahead of the writer (pipelined) for a second figure;
the time to remove one version (median of 50); the store's size.

Queries: a fixed mix (single words, several words, quoted phrases, the last word still
being typed, rare words, no hit) with accents (ignore_diacritics off) and without
(ignore_diacritics on; accented queries too), 50 hits at most, snippets included: the
whole of search(). One warm-up round, then --rounds rounds; p50 and p95 per mode.
Target: at least 500 pages/s indexed, p95 under 50 ms in both modes.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
from measure import Meter, wait_quiet
from search_corpus import build_corpus

TARGET_PAGES_PER_S = 500.0
TARGET_P95_MS = 50.0
KEY = "bench-only-passphrase"

WITH_ACCENTS = [
    "ngân sách", "nhà nước", "Chính phủ", "đường", "nợ công", "Hà Nội", "nước",
    '"dự toán ngân sách nhà nước"', "thu nội địa", "chuyển đổi số", "Bộ Tài chính",
    "thương mại điện tử", "công chức", "dịch vụ công trực tuyến", "ngân sá", "chuyển đổ",
    "Quốc hội quyết định", "bội chi", "trái phiếu Chính phủ", "xyzw không có",
]  # fmt: skip
WITHOUT_ACCENTS = [
    "ngan sach", "nha nuoc", "chinh phu", "duong", "no cong", "ha noi", "nuoc",
    '"du toan ngan sach nha nuoc"', "thu noi dia", "chuyen doi so", "bo tai chinh",
    "thuong mai dien tu", "cong chuc", "dich vu cong truc tuyen", "ngan sa", "chuyen do",
    "quoc hoi quyet dinh", "boi chi", "trai phieu chinh phu", "xyzw khong co",
]  # fmt: skip
MODES = {
    "with_accents": [(q, False) for q in WITH_ACCENTS],
    "ignore_diacritics": [(q, True) for q in WITHOUT_ACCENTS + WITH_ACCENTS],
}


class BenchStore:
    """LocalStore's engine, pragmas, migrations and sessions, on SQLite or SQLCipher."""

    def __init__(self, path: Path, engine_name: str) -> None:
        from ecabinet.dbengine import make_engine, make_session_factories
        from ecabinet.store.db import upgrade_local_schema

        path.parent.mkdir(parents=True, exist_ok=True)
        scheme = (
            "sqlite+pysqlcipher://:" + KEY + "@/" if engine_name == "sqlcipher" else "sqlite:///"
        )
        self.engine = make_engine(scheme + str(path))
        upgrade_local_schema(self.engine)
        self.reader, self.writer = make_session_factories(self.engine)

    def close(self) -> None:
        self.engine.dispose()


def texts_in_order(paths: list[Path], workers: int) -> Iterator[tuple[list[str], float]]:
    """(page texts, seconds the writer waited for them) per file, in order.

    ``workers`` 0: as the sync engine does, one thread extracts the next file while the
    writer indexes this one (``extract.extracted_ahead``); -1: strictly one after the
    other (the figure before that); N > 0: N extraction processes.
    """
    from ecabinet.search.extract import extracted_ahead, page_texts

    if workers < 0:
        for path in paths:
            started = time.perf_counter()
            texts = page_texts(path)
            yield texts, time.perf_counter() - started
        return
    if workers == 0:
        for _, future in extracted_ahead(paths, page_texts):
            started = time.perf_counter()
            texts = future.result()
            yield texts, time.perf_counter() - started
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for texts in pool.map(page_texts, paths, chunksize=4):
            yield texts, 0.0


def index_corpus(
    store: BenchStore, corpus: dict[str, Any], root: Path, workers: int
) -> dict[str, Any]:
    from ecabinet.search.index import index_version

    files = corpus["files"]
    paths = [root / f["file"] for f in files]
    extract = write = 0.0
    pages = 0
    meter = Meter()
    meter.start()
    started = time.perf_counter()
    for number, (texts, spent) in enumerate(texts_in_order(paths, workers)):
        extract += spent
        before = time.perf_counter()
        with store.writer() as session:
            pages += index_version(
                session, document_id=f"doc-{number:05d}",
                version_sha256=files[number]["sha256"], page_texts=texts,
            )  # fmt: skip
            session.commit()
        write += time.perf_counter() - before
    seconds = time.perf_counter() - started
    meter.stop()
    return {"pages": pages, "files": len(files), "seconds": seconds,
            "pages_per_s": pages / seconds, "extract_ms_per_page": 1e3 * extract / pages,
            "index_ms_per_page": 1e3 * write / pages, "extract_workers": workers,
            "cpu": meter.as_dict()}  # fmt: skip


def time_removals(store: BenchStore, corpus: dict[str, Any], count: int = 50) -> dict[str, float]:
    from ecabinet.search.extract import page_texts
    from ecabinet.search.index import index_version, remove_version

    root = Path(corpus["root"])
    times = []
    for number in range(0, len(corpus["files"]), max(1, len(corpus["files"]) // count))[:count]:
        entry = corpus["files"][number]
        texts = page_texts(root / entry["file"])
        with store.writer() as session:
            started = time.perf_counter()
            removed = remove_version(session, version_sha256=entry["sha256"])
            times.append(time.perf_counter() - started)
            session.commit()
        assert removed == entry["pages"], (removed, entry)
        with store.writer() as session:  # put it back for the queries
            index_version(session, document_id=f"doc-{number:05d}",
                          version_sha256=entry["sha256"], page_texts=texts)  # fmt: skip
            session.commit()
    return {"versions": len(times), "median_ms": 1e3 * common.median(times),
            "max_ms": 1e3 * max(times)}  # fmt: skip


def time_queries(store: BenchStore, rounds: int) -> dict[str, Any]:
    from ecabinet.search.query import search

    out: dict[str, Any] = {}
    for mode, queries in MODES.items():
        latencies: list[float] = []
        per_query: dict[str, dict[str, Any]] = {}
        with store.reader() as session:
            for round_number in range(rounds + 1):
                for query, ignore in queries:
                    started = time.perf_counter()
                    hits = search(session, query, ignore_diacritics=ignore, limit=50)
                    elapsed = 1e3 * (time.perf_counter() - started)
                    if round_number == 0:
                        continue  # warm-up: pages into the cache, tables into Python's
                    latencies.append(elapsed)
                    entry = per_query.setdefault(query, {"hits": len(hits), "ms": []})
                    entry["ms"].append(elapsed)
        out[mode] = {
            "queries": len(queries), "runs": len(latencies),
            "p50_ms": common.percentile(latencies, 50), "p95_ms": common.percentile(latencies, 95),
            "max_ms": max(latencies),
            "slowest": sorted(
                ({"query": q, "hits": e["hits"], "median_ms": common.median(e["ms"])}
                 for q, e in per_query.items()),
                key=lambda e: -e["median_ms"],
            )[:5],
        }  # fmt: skip
    return out


def sqlcipher_available() -> bool:
    try:
        import sqlcipher3  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        return False
    return True


def run_engine(engine_name: str, corpus: dict[str, Any], args: Any) -> dict[str, Any]:
    root = args.work_dir / "search" / engine_name
    shutil.rmtree(root, ignore_errors=True)
    store = BenchStore(root / "ecabinet.sqlite3", engine_name)
    try:
        busy = wait_quiet(args.wait)
        print(f"[{engine_name}] machine busy with other work: {busy:.0%}", flush=True)
        result: dict[str, Any] = {"index": index_corpus(store, corpus, Path(corpus["root"]), 0)}
        print(f"[{engine_name}] indexed {result['index']['pages_per_s']:.0f} pages/s", flush=True)
        result["remove_version"] = time_removals(store, corpus)
        result["queries"] = time_queries(store, args.rounds)
        result["bytes"] = sum(p.stat().st_size for p in root.iterdir())
        for mode, q in result["queries"].items():
            print(f"[{engine_name}] {mode}: p50 {q['p50_ms']:.1f} ms, p95 {q['p95_ms']:.1f} ms")
    finally:
        store.close()
    if args.serial:
        shutil.rmtree(root, ignore_errors=True)
        store = BenchStore(root / "ecabinet.sqlite3", engine_name)
        try:
            wait_quiet(args.wait)
            serial = index_corpus(store, corpus, Path(corpus["root"]), -1)
            result["index_serial"] = serial
            print(f"[{engine_name}] serial extraction: {serial['pages_per_s']:.0f} pages/s",
                  flush=True)  # fmt: skip
        finally:
            store.close()
    if args.workers:
        shutil.rmtree(root, ignore_errors=True)
        store = BenchStore(root / "ecabinet.sqlite3", engine_name)
        try:
            wait_quiet(args.wait)
            piped = index_corpus(store, corpus, Path(corpus["root"]), args.workers)
            result["index_pipelined"] = piped
            print(f"[{engine_name}] pipelined ({args.workers} extractors): "
                  f"{piped['pages_per_s']:.0f} pages/s", flush=True)  # fmt: skip
        finally:
            store.close()
    shutil.rmtree(root, ignore_errors=True)
    return result


def main() -> int:
    parser = common.base_parser(__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", type=int, default=20_000)
    parser.add_argument("--pages-per-doc", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds of the query mix")
    parser.add_argument(
        "--workers", type=int, default=0,
        help="also index with N extraction processes ahead of the writer",
    )  # fmt: skip
    parser.add_argument(
        "--serial", action="store_true",
        help="also index with extraction and writing strictly in turn (the earlier figure)",
    )  # fmt: skip
    parser.add_argument("--engines", default="sqlite,sqlcipher")
    parser.add_argument(
        "--wait", type=float, default=300.0,
        help="seconds to wait at most for a quiet machine before each engine (default 300)",
    )  # fmt: skip
    args = parser.parse_args()
    common.bench_env(args.work_dir)
    corpus = build_corpus(args.work_dir, args.pages, args.pages_per_doc, args.rebuild)
    corpus["root"] = str(args.work_dir / "search" / "corpus")
    engines = [e for e in args.engines.split(",") if e != "sqlcipher" or sqlcipher_available()]
    results = {name: run_engine(name, corpus, args) for name in engines}
    met = all(
        r["index"]["pages_per_s"] >= TARGET_PAGES_PER_S
        and all(q["p95_ms"] < TARGET_P95_MS for q in r["queries"].values())
        for r in results.values()
    )
    path = common.write_result("search", {
        "pages": args.pages, "files": len(corpus["files"]), "rounds": args.rounds,
        "engines": results, "skipped": sorted({"sqlite", "sqlcipher"} - set(engines)),
        "target": {"pages_per_s": TARGET_PAGES_PER_S, "p95_ms": TARGET_P95_MS},
        "target_met": met,
    })  # fmt: skip
    print(f"results: {path}  target met: {met}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
