"""Evidence that would run something, or fetch something, when opened is refused at
the field with the reason; ordinary PDFs and Word documents are attached."""

import io
import zlib

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from actions.forms import UpdateForm

pytestmark = pytest.mark.django_db
# Word's "attached template": fetched when the document opens.
ATTACHED_TEMPLATE = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "attachedTemplate"
)


def pdf(change=None):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if change:
        change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def with_javascript(writer):
    writer.add_open_action(JavaScript("app.alert('hello');"))


def opening_with_launch(writer):
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("cmd.exe"),
        }
    )


def word(change=None):
    document = docx.Document()
    document.add_paragraph("Plans went to the Executive Team.")
    if change:
        change(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_remote_template(document):
    document.part.part_related_by(RT.SETTINGS).relate_to(
        "https://templates.example.com/report.dotm",
        ATTACHED_TEMPLATE,
        is_external=True,
    )


def with_hyperlink(document):
    document.part.relate_to("https://www.gov.uk/", RT.HYPERLINK, is_external=True)


def errors_for(name, data):
    form = UpdateForm(
        {"text": "See attached."},
        {"attachments": [SimpleUploadedFile(name, data)]},
    )
    form.is_valid()
    return form.errors.get("attachments", [])


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (pdf(with_javascript), "it contains JavaScript"),
        (pdf(opening_with_launch), "it would launch a program"),
        # A name may be written with #-escapes: /J#61vaScript is /JavaScript.
        (
            pdf(with_javascript)
            .replace(b"/JavaScript", b"/J#61vaScript")
            .replace(b"/JS", b"/J#53"),
            "it contains JavaScript",
        ),
    ],
    ids=["javascript", "launch", "escaped-name"],
)
def test_a_pdf_that_runs_something_is_refused(data, reason):
    assert errors_for("plans.pdf", data) == [
        f"plans.pdf cannot be attached: {reason}. Save it again as a plain PDF."
    ]


def test_a_word_document_with_a_remote_template_is_refused():
    assert errors_for("report.docx", word(with_remote_template)) == [
        (
            "report.docx cannot be attached: it fetches content from elsewhere "
            "when opened (https://templates.example.com/report.dotm)."
        )
    ]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("plans.pdf", pdf()),
        ("report.docx", word()),
        # Links are followed only when clicked.
        ("report.docx", word(with_hyperlink)),
    ],
    ids=["pdf", "docx", "docx-with-hyperlink"],
)
def test_ordinary_evidence_is_attached(name, data):
    assert errors_for(name, data) == []


def packed_pdf(action):
    """A one-page PDF whose opening `action` is packed into a compressed object
    stream, where its names cannot be read from the file as written."""
    packed = b"4 0 " + action
    stream = zlib.compress(packed)
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        5: b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\n"
        b"stream\n" % len(stream) + stream + b"\nendstream",
    }
    out = bytearray(b"%PDF-1.7\n")
    offsets = {}
    for number, body in objects.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    offsets[6] = len(out)
    rows = [b"\x00\x00\x00\x00\x00\xff\xff"]
    for number in range(1, 7):
        if number == 4:
            rows.append(b"\x02" + (5).to_bytes(4, "big") + b"\x00\x00")
        else:
            rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00")
    table = b"".join(rows)
    out += (
        b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\n"
        b"stream\n"
        % len(table)
        + table
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[6]
    )
    return bytes(out)


def test_javascript_packed_into_an_object_stream_is_found():
    plain = packed_pdf(b"<< /S /GoTo /D [3 0 R /Fit] >>")
    active = packed_pdf(b"<< /S /JavaScript /JS (app.alert(1)) >>")

    assert b"JavaScript" not in active
    assert errors_for("plans.pdf", plain) == []
    assert errors_for("plans.pdf", active) == [
        (
            "plans.pdf cannot be attached: it contains JavaScript. Save it again "
            "as a plain PDF."
        )
    ]


def test_a_name_as_long_as_a_name_can_be_keeps_its_extension_within_the_limit():
    form = UpdateForm(
        {"text": "See attached."},
        {"attachments": [SimpleUploadedFile("A" * 253 + ".x", pdf())]},
    )

    assert form.is_valid(), form.errors
    (upload,) = form.cleaned_data["attachments"]
    assert len(upload.name) == 255
    assert upload.name.endswith("A.pdf")
