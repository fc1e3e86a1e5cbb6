#!/usr/bin/python3
# Builds the app's fonts at build time from Debian font packages (run with Debian's python3, which has fontTools):
#   ui.otf        Noto Sans CJK SC (fonts-noto-cjk, OFL 1.1) subset to Latin, punctuation, the 3,500 common
#                 characters of 通用规范汉字表 level 1 and every character in the UI texts (--texts files).
#   fallback.otf  the whole of Noto Sans CJK SC: rarer characters are added to the atlas from it on demand.
#   icons.ttf     Font Awesome 4.7 (fonts-font-awesome, OFL 1.1) subset to the icons src/ui/icons.h names.
# The common-character list comes from Debian's unicode-data package: the Unihan kTGH field gives each character's
# position in 通用规范汉字表 (2013); positions 1..3500 are level 1. Licences are copied next to the fonts.
# Usage: build-fonts.py --out DIR --texts FILE... --icons src/ui/icons.h [--only ui|fallback|icons]
import argparse
import bz2
import os
import re
import shutil
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

NOTO_CJK = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
NOTO_CJK_SC = 2  # face index of "Noto Sans CJK SC" in the collection
FONT_AWESOME = '/usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf'
UNIHAN_MAPPINGS = '/usr/share/unicode/Unihan_OtherMappings.txt.bz2'
LICENSES = {
    'LICENSE-noto-cjk.txt': '/usr/share/doc/fonts-noto-cjk/copyright',
    'LICENSE-font-awesome.txt': '/usr/share/doc/fonts-font-awesome/copyright',
}

# Latin, punctuation, currency and the CJK symbol blocks every UI needs (ranges are inclusive).
BASE_RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x024F), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x218F), (0x2190, 0x21FF),
    (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x25FF), (0x3000, 0x303F), (0xFF00, 0xFFEF), (0xFFFD, 0xFFFD),
]


def common_level1():
    """The 3,500 characters of 通用规范汉字表 level 1, in table order, from Unihan's kTGH field."""
    chars = []
    with bz2.open(UNIHAN_MAPPINGS, 'rt', encoding='utf-8') as f:
        for line in f:
            parts = line.rstrip('\n').split('\t')
            if len(parts) == 3 and parts[1] == 'kTGH':
                year, position = parts[2].split(':')
                if 1 <= int(position) <= 3500:
                    chars.append((int(position), int(parts[0][2:], 16)))
    chars.sort()
    if len(chars) != 3500:
        sys.exit(f'build-fonts: expected 3500 level-1 characters in {UNIHAN_MAPPINGS}, found {len(chars)}')
    return [c for _, c in chars]


def text_codepoints(paths):
    """Every non-ASCII character in the given UI text files (the catalogues, the shell's texts)."""
    codepoints = set()
    for path in paths:
        with open(path, encoding='utf-8') as f:
            codepoints.update(ord(c) for c in f.read() if ord(c) >= 0x80)
    return codepoints


def icon_codepoints(icons_header):
    """The icon codepoints named in src/ui/icons.h, written there as `// U+F0C0` comments."""
    with open(icons_header, encoding='utf-8') as f:
        return sorted({int(m, 16) for m in re.findall(r'U\+([0-9A-Fa-f]{4,5})', f.read())})


def write_subset(font, codepoints, out_path):
    options = subset.Options()
    options.layout_features = []        # Dear ImGui shapes nothing: no GSUB/GPOS needed
    options.hinting = False             # stb_truetype does not hint
    options.desubroutinize = True       # faster CFF rasterising, smaller after compression
    options.name_IDs = ['*']            # keep the copyright and licence names
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    tmp = out_path + '.tmp'
    font.save(tmp)
    os.replace(tmp, out_path)


def noto_sc():
    return TTCollection(NOTO_CJK).fonts[NOTO_CJK_SC]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--out', required=True)
    parser.add_argument('--texts', nargs='*', default=[])
    parser.add_argument('--icons', required=True)
    parser.add_argument('--only', choices=['ui', 'fallback', 'icons'])
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    if args.only in (None, 'ui'):
        wanted = set(common_level1()) | text_codepoints(args.texts)
        for lo, hi in BASE_RANGES:
            wanted.update(range(lo, hi + 1))
        font = noto_sc()
        missing = sorted(c for c in text_codepoints(args.texts) if c not in font.getBestCmap())
        if missing:
            print('build-fonts: Noto Sans CJK SC has no glyph for UI text characters: ' +
                  ' '.join(f'U+{c:04X}' for c in missing), file=sys.stderr)
        write_subset(font, sorted(wanted), os.path.join(args.out, 'ui.otf'))
    if args.only in (None, 'fallback'):
        font = noto_sc()
        write_subset(font, sorted(font.getBestCmap()), os.path.join(args.out, 'fallback.otf'))
    if args.only in (None, 'icons'):
        write_subset(TTFont(FONT_AWESOME), icon_codepoints(args.icons), os.path.join(args.out, 'icons.ttf'))
    for name, source in LICENSES.items():
        shutil.copyfile(source, os.path.join(args.out, name))


if __name__ == '__main__':
    main()
