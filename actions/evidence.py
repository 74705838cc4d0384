"""What evidence may not hold: anything that runs or fetches something when opened.

Used by AttachmentsField. Each check returns what is wrong, in words, or None.
"""

import io
import re
import zipfile

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

PLAIN_PDF = "Save it again as a plain PDF"
PDF_ACTIONS = {
    "/JavaScript": f"it contains JavaScript. {PLAIN_PDF}",
    "/JS": f"it contains JavaScript. {PLAIN_PDF}",
    "/Launch": f"it would launch a program. {PLAIN_PDF}",
}


def _spelled_any_way(name):
    """A pattern for /name with any of its letters written as a "#xx" escape
    (/J#61vaScript is /JavaScript), matched by the regex engine alone."""
    letters = [
        f"(?:{re.escape(c)}|#(?i:{ord(c):02x}))".encode() for c in name.lstrip("/")
    ]
    return b"".join(letters)


def _name_pattern(*names):
    # A name ends at white space or a delimiter.
    spelled = b"|".join(_spelled_any_way(name) for name in names)
    return re.compile(rb"/(?:" + spelled + rb")(?![^\s/\[\]()<>{}%])")


ACTION_NAME = _name_pattern(*PDF_ACTIONS)
OBJECT_STREAM = _name_pattern("/ObjStm")
PDF_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# Enough for any real document's object graph; a crafted one is cut short here.
PDF_OBJECTS_WALKED = 200_000
RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
ATTRIBUTE = re.compile(rb'(\w+)\s*=\s*"([^"]*)"')
RELS_READ = 1024 * 1024


def pdf_problem(data):
    """JavaScript or a launch action anywhere in the PDF.

    1. Every name as written in the file, escapes decoded (readable or not).
    2. If objects are packed into compressed object streams, where names are not
       visible as written: every object the document reaches, as a reader
       resolves it.
    """
    if found := ACTION_NAME.search(data):
        name = PDF_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), found[0])
        return PDF_ACTIONS[name.decode("latin-1")]
    if not OBJECT_STREAM.search(data):
        return None
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        return _walk(reader.trailer)
    except (PyPdfError, ValueError, KeyError, TypeError, RecursionError):
        # What a reader cannot resolve, a viewer cannot run either.
        return None


def _walk(root):
    seen, todo = set(), [root]
    while todo and len(seen) < PDF_OBJECTS_WALKED:
        value = todo.pop()
        if isinstance(value, IndirectObject):
            if (value.idnum, value.generation) in seen:
                continue
            seen.add((value.idnum, value.generation))
            todo.append(value.get_object())
        elif isinstance(value, DictionaryObject):
            for key in ("/S", "/JS", "/JavaScript"):
                if key in value:
                    named = value[key] if key == "/S" else key
                    if problem := PDF_ACTIONS.get(str(named)):
                        return problem
            todo.extend(value.values())
        elif isinstance(value, ArrayObject):
            todo.extend(value)
    return None


def office_problem(upload):
    """Macros, or a relationship Word or Excel follows on opening (a remote
    template, a linked picture or file); a hyperlink waits for a click."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            types = archive.read("[Content_Types].xml")
            if any(name.endswith("vbaProject.bin") for name in names) or (
                b"macroEnabled" in types
            ):
                return "it contains macros"
            for name in names:
                if name.endswith(".rels"):
                    with archive.open(name) as part:
                        target = _external_target(part.read(RELS_READ))
                    if target is not None:
                        return (
                            "it fetches content from elsewhere when opened "
                            f"({target[:100]})"
                        )
    except (zipfile.BadZipFile, KeyError):
        return "it cannot be read"
    finally:
        upload.seek(0)
    return None


def _external_target(rels):
    for element in RELATIONSHIP.findall(rels):
        attributes = {
            key.decode(): value.decode("utf-8", "replace")
            for key, value in ATTRIBUTE.findall(element)
        }
        if attributes.get("TargetMode") == "External" and not attributes.get(
            "Type", ""
        ).endswith("/hyperlink"):
            return attributes.get("Target", "")
    return None
