"""MyLaps/AMB P3 protocol codec: frames, records, a streaming decoder, an encoder.

Pure standard library, no I/O beyond reading capture files. See ``docs/p3.md``.
"""

from trackside.timing.p3.crc import crc16, crc16_reference, frame_crc
from trackside.timing.p3.decode import decode_frame
from trackside.timing.p3.encode import encode, encode_record
from trackside.timing.p3.facts import passing_to_fact
from trackside.timing.p3.fields import (
    ErrorField,
    GeneralField,
    GetTimeField,
    PassingField,
    ResendField,
    StatusField,
    VersionField,
    field_name,
)
from trackside.timing.p3.files import decode_file, is_hex_text
from trackside.timing.p3.framing import EOR, ESC, SOR, FrameError, escape, unescape
from trackside.timing.p3.record_types import RecordType
from trackside.timing.p3.records import Record
from trackside.timing.p3.requests import get_time_request, resend_request
from trackside.timing.p3.stream import StreamDecoder

__all__ = [
    "EOR",
    "ESC",
    "SOR",
    "ErrorField",
    "FrameError",
    "GeneralField",
    "GetTimeField",
    "PassingField",
    "Record",
    "RecordType",
    "ResendField",
    "StatusField",
    "StreamDecoder",
    "VersionField",
    "crc16",
    "crc16_reference",
    "decode_file",
    "decode_frame",
    "encode",
    "encode_record",
    "escape",
    "field_name",
    "frame_crc",
    "get_time_request",
    "is_hex_text",
    "passing_to_fact",
    "resend_request",
    "unescape",
]
