"""The box frame: how OCR turned a page image before reading it, and the way back.

OCR reads a page deskewed (turned back by its skew ``angle`` about the image's centre) and,
when it was upside down, turned over; its boxes, and the parsers' rows and columns, are in
that upright frame. An exported box is in the source page's frame instead (the page as the
file holds it, in points, top-left origin), so that a crop of the raw render at that box
shows the value whatever OCR did. :class:`PageFrame` records the transform;
:meth:`PageFrame.to_source` maps a box out of the upright frame, :meth:`PageFrame.to_upright`
maps it back in. A box of a turned page maps exactly; a box of a skewed page maps to the
smallest upright rectangle holding the turned one, so it still holds all its ink.

>>> from thaieval.schemas.page import Box
>>> frame = PageFrame.of_pixels(turn=180, angle=0.0, size=(1169, 827), dpi=100.0)
>>> frame.to_source(Box(x0=72, top=100, x1=144, bottom=112)).as_text()
'451.4,729.7,523.4,741.7'
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:  # the page model holds a frame: no import of it at run time
    from thaieval.schemas.page import Box

__all__ = ["PageFrame", "source_box"]

Point = tuple[float, float]


class PageFrame(BaseModel):
    """An OCR'd page's transform, source → upright: first the deskew, the image turned by
    ``-angle`` degrees (counter-clockwise positive, OpenCV's sense) about ``centre``, then
    the ``turn`` (0, 90, 180 or 270 degrees counter-clockwise) of the whole image.

    ``width`` × ``height`` is the source image in points, ``dpi`` its resolution; ``centre``
    is in points, where OpenCV's rotation about pixel ``(w/2, h/2)`` puts it.
    """

    model_config = ConfigDict(frozen=True)

    turn: int = 0
    angle: float = 0.0
    centre: Point = (0.0, 0.0)
    width: float = 0.0
    height: float = 0.0
    dpi: float = 72.0

    @classmethod
    def of_pixels(cls, *, turn: int, angle: float, size: tuple[int, ...], dpi: float) -> PageFrame:
        """The frame of an image of ``size`` (rows, columns) pixels at ``dpi``.

        OpenCV rotates about pixel index ``(w/2, h/2)``; pixel ``i`` spans points
        ``[i, i+1] × 72/dpi``, so that centre is half a pixel further in points.
        """
        rows, cols = size[0], size[1]
        scale = 72.0 / dpi
        return cls(
            turn=turn % 360,
            angle=angle,
            centre=((cols / 2 + 0.5) * scale, (rows / 2 + 0.5) * scale),
            width=cols * scale,
            height=rows * scale,
            dpi=dpi,
        )

    @property
    def identity(self) -> bool:
        return self.turn == 0 and self.angle == 0.0

    def _rotate(self, point: Point, degrees: float) -> Point:
        """``point`` turned by ``degrees`` about the centre, as ``cv2.getRotationMatrix2D``."""
        a = math.radians(degrees)
        cos, sin = math.cos(a), math.sin(a)
        cx, cy = self.centre
        dx, dy = point[0] - cx, point[1] - cy
        return (cx + cos * dx + sin * dy, cy - sin * dx + cos * dy)

    def point_to_upright(self, point: Point) -> Point:
        x, y = self._rotate(point, -self.angle) if self.angle else point
        w, h = self.width, self.height  # the deskew keeps the image's size
        if self.turn == 90:
            return (y, w - x)
        if self.turn == 180:
            return (w - x, h - y)
        if self.turn == 270:
            return (h - y, x)
        return (x, y)

    def point_to_source(self, point: Point) -> Point:
        u, v = point
        w, h = self.width, self.height
        if self.turn == 90:
            u, v = w - v, u
        elif self.turn == 180:
            u, v = w - u, h - v
        elif self.turn == 270:
            u, v = v, h - u
        return self._rotate((u, v), self.angle) if self.angle else (u, v)

    def to_source(self, box: Box) -> Box:
        """``box`` of the upright frame in the source page's frame."""
        return box if self.identity else _map(box, self.point_to_source)

    def to_upright(self, box: Box) -> Box:
        """Inverse of :meth:`to_source` (exact for a turn; for a skew, the rectangle
        holding the turned box)."""
        return box if self.identity else _map(box, self.point_to_upright)


def _map(box: Box, point_map: Callable[[Point], Point]) -> Box:
    corners = [
        point_map(p)
        for p in ((box.x0, box.top), (box.x1, box.top), (box.x0, box.bottom), (box.x1, box.bottom))
    ]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return type(box)(x0=min(xs), top=min(ys), x1=max(xs), bottom=max(ys))


def source_box(frame: PageFrame | None, box: Box | None) -> str:
    """The box as exported (``"x0,top,x1,bottom"`` in the source page's frame); empty when
    there is none. A page no OCR turned (a text layer, a text file) has no frame.

    >>> from thaieval.schemas.page import Box
    >>> source_box(None, Box(x0=1, top=2, x1=3, bottom=4))
    '1.0,2.0,3.0,4.0'
    """
    if box is None:
        return ""
    return (frame.to_source(box) if frame is not None else box).as_text()
