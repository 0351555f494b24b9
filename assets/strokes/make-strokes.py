#!/usr/bin/env python3
"""Builds kTotalStrokes.bin, the stroke counts Huiwu sorts names by (姓氏笔画), from the Unicode
Unihan database's kTotalStrokes field (Unihan_IRGSources.txt of Debian's `unicode-data` package,
Unicode 15.0.0). Where a character has two counts ("zh-Hans zh-Hant"), the first (the
Simplified/G-source count) is kept.

    apt-get download unicode-data && dpkg -x unicode-data_*.deb ud
    python3 assets/strokes/make-strokes.py ud/usr/share/unicode/Unihan_IRGSources.txt.bz2

File format (little-endian): blocks of  u32 first code point, u32 n, then n bytes of stroke
counts for the code points first..first+n-1 (0 = no data). Blocks are sorted and disjoint.
"""
import bz2, struct, sys

src = sys.argv[1]
counts = {}
with bz2.open(src, "rt", encoding="utf-8") as f:
    for line in f:
        if "\tkTotalStrokes\t" not in line:
            continue
        cp, _, value = line.rstrip("\n").split("\t")
        counts[int(cp[2:], 16)] = int(value.split()[0])

out = bytearray()
cps = sorted(counts)
i = 0
blocks = 0
while i < len(cps):
    start = cps[i]
    j = i
    while j + 1 < len(cps) and cps[j + 1] - cps[j] <= 32:
        j += 1
    end = cps[j]
    out += struct.pack("<II", start, end - start + 1)
    out += bytes(counts.get(c, 0) for c in range(start, end + 1))
    blocks += 1
    i = j + 1
with open(__file__.replace("make-strokes.py", "kTotalStrokes.bin"), "wb") as f:
    f.write(out)
print(f"{len(counts)} characters in {blocks} blocks, {len(out)} bytes")
