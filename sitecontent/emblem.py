"""The EU emblem (flag) drawn to its official geometry, so the site ships no downloaded asset:
twelve gold five-pointed stars on a circle of radius 1/3 of the height, each star's points on a
circle of radius 1/18 of the height, on a 3:2 blue field."""

import io
import math

from PIL import Image, ImageDraw

BLUE = (0, 51, 153)  # Reflex Blue, #003399
GOLD = (255, 204, 0)  # Yellow, #FFCC00


def star_points(cx, cy, outer, inner):
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def eu_emblem_png(height: int = 400) -> bytes:
    width = height * 3 // 2
    image = Image.new("RGB", (width, height), BLUE)
    draw = ImageDraw.Draw(image)
    ring, outer = height / 3, height / 18
    inner = outer * math.sin(math.radians(18)) / math.sin(math.radians(54))
    for i in range(12):
        angle = -math.pi / 2 + i * math.pi / 6
        cx, cy = width / 2 + ring * math.cos(angle), height / 2 + ring * math.sin(angle)
        draw.polygon(star_points(cx, cy, outer, inner), fill=GOLD)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
