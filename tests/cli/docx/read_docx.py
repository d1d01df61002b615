"""Reads a DOCX file with python-docx, an independent reader, and prints what the tests
compare as JSON: each block of the body in order (a paragraph's style, text and list, a
table's cells), the footer's XML, the language of the styles' defaults, the package's title
and language, and each picture's alt text. Debian's package is python3-docx
(scripts/test-deps installs it)."""

import json
import sys

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph


def list_formats(document):
    """numId -> (numFmt, lvlText) of each list's first level."""
    part = document.part.numbering_part.element
    abstract = {}
    for a in part.findall(qn("w:abstractNum")):
        lvl = a.find(qn("w:lvl"))
        fmt = lvl.find(qn("w:numFmt")).get(qn("w:val"))
        text = lvl.find(qn("w:lvlText")).get(qn("w:val"))
        abstract[a.get(qn("w:abstractNumId"))] = (fmt, text)
    out = {}
    for num in part.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        out[num.get(qn("w:numId"))] = abstract.get(ref)
    return out


def main(path):
    document = docx.Document(path)
    formats = list_formats(document)
    blocks = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            p = Paragraph(element, document._body)
            num = element.find(qn("w:pPr") + "/" + qn("w:numPr"))
            listed = None
            if num is not None:
                listed = formats.get(num.find(qn("w:numId")).get(qn("w:val")))
            blocks.append({"style": p.style.name, "text": p.text, "list": listed})
        elif element.tag == qn("w:tbl"):
            table = Table(element, document._body)
            cells = [[c.text for c in row.cells] for row in table.rows]
            blocks.append({"style": "table", "text": "", "cells": cells})
    styles = document.styles.element
    lang = styles.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val")
    print(json.dumps({
        "blocks": blocks,
        "footer": document.sections[0].footer._element.xml,
        "lang": lang[0] if lang else None,
        "core_language": document.core_properties.language,
        "title": document.core_properties.title,
        "pictures": [s._inline.docPr.get("descr") for s in document.inline_shapes],
    }))


if __name__ == "__main__":
    main(sys.argv[1])
