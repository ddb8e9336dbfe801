#!/usr/bin/env python3
"""Renders a terminal capture with ANSI colours (tmux capture-pane -e -p) into a PNG.

Uses only Debian packages: python3-pil, fonts-dejavu-core and fonts-wqy-zenhei (for CJK text).
Usage: render_ansi.py CAPTURE.txt OUTPUT.png COLUMNS ROWS
"""
import re
import sys
import unicodedata

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
FONT_WIDE = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
SIZE = 16
BACKGROUND = (24, 26, 31)
FOREGROUND = (220, 223, 228)
PALETTE = [
    (40, 42, 46), (224, 108, 117), (152, 195, 121), (229, 192, 123),
    (97, 175, 239), (198, 120, 221), (86, 182, 194), (220, 223, 228),
    (92, 99, 112), (240, 128, 136), (172, 215, 141), (245, 210, 143),
    (117, 195, 255), (218, 140, 241), (106, 202, 214), (255, 255, 255),
]
SGR = re.compile(r"\x1b\[([0-9;]*)m")


def color_256(n):
    if n < 16:
        return PALETTE[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    level = 8 + (n - 232) * 10
    return (level, level, level)


def apply_sgr(params, style):
    codes = [int(p) if p else 0 for p in params.split(";")] if params else [0]
    i = 0
    while i < len(codes):
        code = codes[i]
        if code == 0:
            style.update(fg=None, bg=None, bold=False, dim=False, underline=False, reverse=False)
        elif code == 1:
            style["bold"] = True
        elif code == 2:
            style["dim"] = True
        elif code == 4:
            style["underline"] = True
        elif code == 7:
            style["reverse"] = True
        elif code == 22:
            style["bold"] = style["dim"] = False
        elif code == 24:
            style["underline"] = False
        elif code == 27:
            style["reverse"] = False
        elif 30 <= code <= 37:
            style["fg"] = PALETTE[code - 30]
        elif 90 <= code <= 97:
            style["fg"] = PALETTE[code - 90 + 8]
        elif code == 39:
            style["fg"] = None
        elif 40 <= code <= 47:
            style["bg"] = PALETTE[code - 40]
        elif 100 <= code <= 107:
            style["bg"] = PALETTE[code - 100 + 8]
        elif code == 49:
            style["bg"] = None
        elif code in (38, 48) and i + 1 < len(codes):
            target = "fg" if code == 38 else "bg"
            if codes[i + 1] == 5 and i + 2 < len(codes):
                style[target] = color_256(codes[i + 2])
                i += 2
            elif codes[i + 1] == 2 and i + 4 < len(codes):
                style[target] = tuple(codes[i + 2:i + 5])
                i += 4
        i += 1


def cells(line):
    """Yields (column, character, width, style) for one captured line."""
    style = dict(fg=None, bg=None, bold=False, dim=False, underline=False, reverse=False)
    column = 0
    position = 0
    while position < len(line):
        match = SGR.match(line, position)
        if match:
            apply_sgr(match.group(1), style)
            position = match.end()
            continue
        character = line[position]
        position += 1
        if unicodedata.combining(character):
            continue
        width = 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1
        yield column, character, width, dict(style)
        column += width


def main():
    capture, output, columns, rows = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    regular = ImageFont.truetype(FONT, SIZE)
    bold = ImageFont.truetype(FONT_BOLD, SIZE)
    wide = ImageFont.truetype(FONT_WIDE, SIZE)
    cell_width = int(regular.getlength("M"))
    cell_height = int(SIZE * 1.35)
    margin = 12
    image = Image.new("RGB", (columns * cell_width + 2 * margin, rows * cell_height + 2 * margin), BACKGROUND)
    draw = ImageDraw.Draw(image)
    with open(capture, encoding="utf-8", errors="replace") as handle:
        lines = handle.read().split("\n")[:rows]
    for row, line in enumerate(lines):
        for column, character, width, style in cells(line):
            foreground = style["fg"] or FOREGROUND
            background = style["bg"] or BACKGROUND
            if style["reverse"]:
                foreground, background = background, foreground
            if style["dim"]:
                foreground = tuple(int(c * 0.6 + b * 0.4) for c, b in zip(foreground, BACKGROUND))
            x = margin + column * cell_width
            y = margin + row * cell_height
            if background != BACKGROUND:
                draw.rectangle([x, y, x + width * cell_width - 1, y + cell_height - 1], fill=background)
            if character != " ":
                font = wide if width == 2 else (bold if style["bold"] else regular)
                draw.text((x, y + 2), character, font=font, fill=foreground)
            if style["underline"]:
                draw.line([x, y + cell_height - 3, x + width * cell_width - 1, y + cell_height - 3], fill=foreground)
    image.save(output)


if __name__ == "__main__":
    main()
