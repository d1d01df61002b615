#!/usr/bin/env python3
"""Reads and fills a fillable PDF's form fields with pypdf, an independent reader (Debian's
python3-pypdf, which scripts/test-deps installs).

  fields.py list FILE            prints JSON: every terminal field by full name, with its type,
                                 accessible name, and widgets (page, rect, on-state, whether
                                 the widget is in a Form structure element); and each page's /Tabs
  fill FILE OUT ANSWERS.json     sets fields by full name: a string for a text box, a state
                                 name ("2", "Yes") for a radio group or check box
  rename FILE OUT OLD NEW        renames one field (its partial name), as an editor might
"""
import json
import sys

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject


def parent_tree(root):
    """The structure parent tree as a dict of key -> structure element."""
    out = {}
    tree = root.get("/StructTreeRoot")
    if tree is None:
        return out
    stack = [tree.get_object()["/ParentTree"].get_object()]
    while stack:
        node = stack.pop()
        nums = node.get("/Nums")
        if nums is not None:
            for i in range(0, len(nums), 2):
                out[int(nums[i])] = nums[i + 1]
        for kid in node.get("/Kids", []):
            stack.append(kid.get_object())
    return out


def terminal_fields(root):
    """(full name, field dict, [widget dicts]) for every field with no child fields."""
    out = []

    def walk(ref, prefix, ft):
        field = ref.get_object()
        name = field.get("/T")
        full = prefix if name is None else (f"{prefix}.{name}" if prefix else str(name))
        ft = field.get("/FT", ft)
        kids = list(field.get("/Kids", []))
        child_fields = [k for k in kids if "/T" in k.get_object()]
        if child_fields:
            for kid in child_fields:
                walk(kid, full, ft)
        else:
            widgets = kids if kids else [ref]
            out.append((full, field, ft, widgets))

    for field in root["/AcroForm"].get_object().raw_get("/Fields"):
        walk(field, "", None)
    return out


def listing(path):
    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    # Which page lists each annotation: a widget is on the page whose /Annots has it.
    pages = {}
    for i, page in enumerate(reader.pages):
        annots = page.get("/Annots")
        for annot in (page.raw_get("/Annots") if annots is not None else []):
            pages[annot.idnum] = i
    tree = parent_tree(root)
    fields = []
    for full, field, ft, widgets in terminal_fields(root):
        shown = []
        for ref in widgets:
            widget = ref.get_object()
            states = [str(s) for s in widget["/AP"]["/N"].keys()] if "/AP" in widget else []
            key = widget.get("/StructParent")
            element = tree.get(int(key)).get_object() if key is not None and int(key) in tree else None
            shown.append({
                "page": pages.get(ref.idnum),
                "rect": [float(x) for x in widget["/Rect"]],
                "states": states,
                "element": str(element["/S"]) if element is not None else None,
                "alt": str(element.get("/Alt")) if element is not None and "/Alt" in element else None,
                "subtype": str(widget["/Subtype"]),
            })
        fields.append({
            "name": full,
            "type": str(ft),
            "tu": str(field.get("/TU", "")),
            "widgets": shown,
        })
    tabs = [str(page.get("/Tabs")) for page in reader.pages]
    links = sum(1 for page in reader.pages for a in page.get("/Annots", [])
                if a.get_object().get("/Subtype") == "/Link")
    mark = root.get("/IroForm")
    print(json.dumps({
        "fields": fields,
        "tabs": tabs,
        "links": links,
        "mark": {k[1:]: str(v) for k, v in mark.items()} if mark is not None else None,
    }))


def writable(path):
    reader = PdfReader(path)
    writer = PdfWriter()
    writer.clone_reader_document_root(reader)
    return writer


def fill(path, out, answers_path):
    writer = writable(path)
    answers = json.load(open(answers_path, encoding="utf-8"))
    done = set()
    for full, field, ft, widgets in terminal_fields(writer._root_object):
        if full not in answers:
            continue
        value = answers[full]
        done.add(full)
        if ft == "/Tx":
            field[NameObject("/V")] = TextStringObject(value)
        else:
            # A radio group's value is its parent's; each button shows "on" when its own
            # state is the value.
            holder = field if "/Kids" not in field else field
            holder[NameObject("/V")] = NameObject("/" + value)
            for ref in widgets:
                widget = ref.get_object()
                states = [str(s) for s in widget["/AP"]["/N"].keys()]
                widget[NameObject("/AS")] = NameObject("/" + value if "/" + value in states else "/Off")
    missing = set(answers) - done
    if missing:
        sys.exit(f"no such fields: {sorted(missing)}")
    with open(out, "wb") as f:
        writer.write(f)


def rename(path, out, old, new):
    writer = writable(path)
    for full, field, ft, widgets in terminal_fields(writer._root_object):
        if full == old:
            field[NameObject("/T")] = TextStringObject(new)
            break
    else:
        sys.exit(f"no field {old}")
    with open(out, "wb") as f:
        writer.write(f)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "list":
        listing(sys.argv[2])
    elif command == "fill":
        fill(sys.argv[2], sys.argv[3], sys.argv[4])
    elif command == "rename":
        rename(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
    else:
        sys.exit(__doc__)
