#!/usr/bin/env python3
"""Rebuilds NotoSerifCJKsc-Fallback.otf: the Simplified Chinese face of Debian's Noto Serif CJK
(fonts-noto-cjk, NotoSerifCJK-Regular.ttc face 2), cut down to the characters the four Fandol
fonts do NOT all have (rare name characters such as 堃 喆 燊 䶮 𠮷, CJK Ext A/B, ...), with layout
tables and hints dropped. Huiwu only ever uses it as the last link of the fallback chain.

    apt-get install fonts-noto-cjk texlive-lang-chinese && pip install fonttools
    python3 assets/fonts/make-fallback.py      # ~2 minutes
"""
import os
from fontTools import subset
from fontTools.ttLib import TTFont

HERE = os.path.dirname(os.path.abspath(__file__))
NOTO = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
FANDOL = ["FandolFang-Regular", "FandolHei-Regular", "FandolKai-Regular", "FandolSong-Regular"]

common = None
for name in FANDOL:
    cmap = set(TTFont(os.path.join(HERE, name + ".otf")).getBestCmap())
    common = cmap if common is None else common & cmap

noto = TTFont(NOTO, fontNumber=2)  # face 2 of the collection = Noto Serif CJK SC
wanted = sorted(set(noto.getBestCmap()) - common)

opts = subset.Options()
opts.layout_features = []
opts.hinting = False
opts.name_IDs = ["*"]
opts.name_languages = ["*"]
opts.notdef_outline = True
opts.drop_tables += ["GSUB", "GPOS", "BASE", "VORG", "vhea", "vmtx"]
sub = subset.Subsetter(opts)
sub.populate(unicodes=wanted)
sub.subset(noto)
noto.save(os.path.join(HERE, "NotoSerifCJKsc-Fallback.otf"))
print(f"kept {len(wanted)} characters")
