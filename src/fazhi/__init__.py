"""fazhi: 法治政府建设年度报告 — read, check, compare and search annual reports on
law-based government."""

from fazhi.model import Analysis

__version__ = "0.1.0"


def analyze(data: str | bytes, source: str | None = None, **options: object) -> Analysis:
    """The one pure core: text or file bytes in, an :class:`Analysis` out (no I/O beyond input)."""
    from fazhi.analysis import analyze as _analyze

    return _analyze(data, source=source, **options)


__all__ = ["Analysis", "__version__", "analyze"]
