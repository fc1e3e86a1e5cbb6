#!/usr/bin/python3
# Checks the built fonts (site/fonts/, from scripts/build-fonts.py) with Debian's fontTools: the UI font has a glyph
# for printable ASCII, for each of the 3,500 characters of 通用规范汉字表 level 1 (read here from Debian's Unihan
# data, kTGH positions 1..3500) and for every character of the UI texts; it stays within its 2 MB budget; the icon
# font has every icon of src/ui/icons.h; the fallback font covers rarer characters the UI font leaves out.
# Usage: font_coverage_test.py SITE_DIR SOURCE_DIR   (prints what is missing and exits 1 on a failure)
import bz2
import glob
import os
import re
import sys

from fontTools.ttLib import TTFont

site, source = sys.argv[1], sys.argv[2]
failures = []


def check(ok, message):
    print(('ok   ' if ok else 'FAIL ') + message)
    if not ok:
        failures.append(message)


def cmap(name):
    return set(TTFont(os.path.join(site, 'fonts', name)).getBestCmap())


def describe(missing):
    return ' '.join(f'{chr(c)}(U+{c:04X})' for c in sorted(missing)[:20]) + (' ...' if len(missing) > 20 else '')


level1 = set()
with bz2.open('/usr/share/unicode/Unihan_OtherMappings.txt.bz2', 'rt', encoding='utf-8') as f:
    for line in f:
        fields = line.split('\t')
        if len(fields) == 3 and fields[1] == 'kTGH' and int(fields[2].split(':')[1]) <= 3500:
            level1.add(int(fields[0][2:], 16))

texts = sorted(glob.glob(os.path.join(source, 'src/ui/i18n_catalogue*.cpp')) + [os.path.join(source, 'shell/texts.js')])
ui_chars = set()
for path in texts:
    if os.path.exists(path):
        with open(path, encoding='utf-8') as f:
            ui_chars.update(ord(c) for c in f.read() if ord(c) >= 0x80)
han_in_texts = {c for c in ui_chars if 0x4E00 <= c <= 0x9FFF}

ui = cmap('ui.otf')
check(len(level1) == 3500, f'the common-character list has 3500 characters ({len(level1)})')
check(level1 <= ui, f'ui.otf covers 通用规范汉字表 level 1; missing: {describe(level1 - ui)}')
check(set(range(0x20, 0x7F)) <= ui, f'ui.otf covers printable ASCII; missing: {describe(set(range(0x20, 0x7F)) - ui)}')
check(len(han_in_texts) > 50, f'the UI texts hold Chinese ({len(han_in_texts)} distinct Han characters)')
check(ui_chars <= ui, f'ui.otf covers every character of the UI texts; missing: {describe(ui_chars - ui)}')
for c in '¥€£，。：；！？（）“”、…—':
    check(ord(c) in ui, f'ui.otf has {c} (U+{ord(c):04X})')
size = os.path.getsize(os.path.join(site, 'fonts', 'ui.otf'))
check(size <= 2 * 1024 * 1024, f'ui.otf is within 2 MB ({size} bytes)')

with open(os.path.join(source, 'src/ui/icons.h'), encoding='utf-8') as f:
    icons = {int(m, 16) for m in re.findall(r'U\+([0-9A-Fa-f]{4,5})', f.read())}
icon_font = cmap('icons.ttf')
check(len(icons) >= 6 and icons <= icon_font, f'icons.ttf has every icon of icons.h; missing: {describe(icons - icon_font)}')

fallback = cmap('fallback.otf')
rare = [0x9F98, 0x4DB5, 0x7CF8, 0x9B32]  # 龘 䶵 ... characters outside level 1 that names can still contain
check(all(c not in level1 for c in rare), 'the rare sample is outside level 1')
check(all(c in fallback for c in rare), f'fallback.otf has rarer characters; missing: {describe(set(rare) - fallback)}')
check(ui <= fallback | set(range(0x20, 0x7F)), 'fallback.otf covers everything ui.otf does')
check(len(fallback) > 30000, f'fallback.otf covers the whole CJK set ({len(fallback)} characters)')

print(f'{len(failures)} failed' if failures else 'all font checks passed')
sys.exit(1 if failures else 0)
