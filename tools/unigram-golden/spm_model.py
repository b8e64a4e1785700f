"""Minimal reader for SentencePiece ModelProto files (no protobuf dependency).

Only the fields the XLM-R converter needs are decoded:
  ModelProto      1: repeated SentencePiece pieces, 2: TrainerSpec, 3: NormalizerSpec
  SentencePiece   1: piece (string), 2: score (float), 3: type (enum)
  TrainerSpec     3: model_type (enum), 35: byte_fallback (bool), 40: unk_id (int32)
  NormalizerSpec  1: name, 2: precompiled_charsmap (bytes), 3: add_dummy_prefix,
                  4: remove_extra_whitespaces, 5: escape_whitespaces
"""
import struct

NORMAL, UNKNOWN, CONTROL, USER_DEFINED, BYTE, UNUSED = 1, 2, 3, 4, 5, 6


def _varint(buf, pos):
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7


def _fields(buf):
    """Yield (field_number, wire_type, value) for a serialized message."""
    pos = 0
    while pos < len(buf):
        key, pos = _varint(buf, pos)
        field, wt = key >> 3, key & 7
        if wt == 0:
            val, pos = _varint(buf, pos)
        elif wt == 1:
            val = buf[pos:pos + 8]
            pos += 8
        elif wt == 2:
            n, pos = _varint(buf, pos)
            val = buf[pos:pos + n]
            pos += n
        elif wt == 5:
            val = buf[pos:pos + 4]
            pos += 4
        else:
            raise ValueError(f"unsupported wire type {wt}")
        yield field, wt, val


class Piece:
    __slots__ = ("piece", "score", "type")

    def __init__(self, piece, score, type_):
        self.piece, self.score, self.type = piece, score, type_


class Model:
    def __init__(self, data: bytes):
        self.pieces = []
        self.trainer = {"model_type": 1, "byte_fallback": False, "unk_id": 0}
        self.normalizer = {"name": "", "precompiled_charsmap": b"", "add_dummy_prefix": True,
                           "remove_extra_whitespaces": True, "escape_whitespaces": True}
        for field, wt, val in _fields(data):
            if field == 1:
                piece, score, typ = "", 0.0, NORMAL
                for f, w, v in _fields(val):
                    if f == 1:
                        piece = bytes(v).decode("utf-8")
                    elif f == 2:
                        score = struct.unpack("<f", v)[0]
                    elif f == 3:
                        typ = v
                self.pieces.append(Piece(piece, score, typ))
            elif field == 2:
                for f, w, v in _fields(val):
                    if f == 3:
                        self.trainer["model_type"] = v
                    elif f == 35:
                        self.trainer["byte_fallback"] = bool(v)
                    elif f == 40:
                        self.trainer["unk_id"] = v
            elif field == 3:
                for f, w, v in _fields(val):
                    if f == 1:
                        self.normalizer["name"] = bytes(v).decode("utf-8")
                    elif f == 2:
                        self.normalizer["precompiled_charsmap"] = bytes(v)
                    elif f == 3:
                        self.normalizer["add_dummy_prefix"] = bool(v)
                    elif f == 4:
                        self.normalizer["remove_extra_whitespaces"] = bool(v)
                    elif f == 5:
                        self.normalizer["escape_whitespaces"] = bool(v)


def load(path):
    with open(path, "rb") as f:
        return Model(f.read())
