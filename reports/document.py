"""A small document model that the PDF and the Word writer both render, so the two formats say the same thing."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    """A section heading (level 1 or 2)."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """Running text; `emphasis` marks a sentence the reader must not miss (serious deviations)."""

    text: str
    emphasis: bool = False


@dataclass(frozen=True)
class Table:
    """A table of text cells; `numeric` marks right-aligned columns, `flagged` rows are drawn with a warning."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()
    widths: tuple[float, ...] = ()  # relative column widths; equal when empty
    flagged: tuple[int, ...] = ()
    total_row: bool = False  # the last row is a sum
    empty_text: str = "Inget att redovisa."


@dataclass(frozen=True)
class Image:
    """A chart as PNG with the caption that names it."""

    png: bytes
    caption: str
    width_px: int
    height_px: int


Block = Heading | Paragraph | Table | Image


@dataclass(frozen=True)
class Document:
    """Title, the stamp every page carries, and the blocks in reading order."""

    title: str
    subtitle: str
    stamp: tuple[str, ...]  # municipality, month, data loaded, report created, data version
    blocks: list[Block] = field(default_factory=list)

    @property
    def stamp_text(self) -> str:
        """The stamp as one line for headers and footers."""
        return " · ".join(self.stamp)
