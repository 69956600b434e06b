"""Official documents received over the national document interchange (edXML,
QCVN 102:2016/BTTTT): read safely, check the signature, import the attachments.

Qt-free; see docs/edxml.md.
"""

from ecabinet.edxml.errors import EdxmlError
from ecabinet.edxml.importer import ImportedAttachment, ImportedPackage, import_package
from ecabinet.edxml.model import (
    Attachment,
    AttachmentInfo,
    EdxmlPackage,
    Header,
    Limits,
    Organisation,
    SignatureReport,
    SignatureStatus,
    TraceHeader,
)
from ecabinet.edxml.reader import read_bytes, read_package

__all__ = [
    "Attachment",
    "AttachmentInfo",
    "EdxmlError",
    "EdxmlPackage",
    "Header",
    "ImportedAttachment",
    "ImportedPackage",
    "Limits",
    "Organisation",
    "SignatureReport",
    "SignatureStatus",
    "TraceHeader",
    "import_package",
    "read_bytes",
    "read_package",
]
