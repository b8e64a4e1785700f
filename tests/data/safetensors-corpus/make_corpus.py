#!/usr/bin/env python3
"""Writes the malformed safetensors files of this folder (run once; the files are committed).

Each file must be rejected by embedlab::model::SafetensorsFile with an InputError, never crash it:
tests/core/test_safetensors.cpp (corpusFilesAreRejectedWithoutCrashing) opens every *.safetensors
file here. README.md says what each one exercises.
"""
import json
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def prefix(length):
    return struct.pack("<Q", length)


def file_of(header, data=b"", length=None):
    """A safetensors file: 8-byte little-endian header length, the header, the data."""
    if not isinstance(header, bytes):
        header = header.encode("utf-8")
    return prefix(len(header) if length is None else length) + header + data


def tensor(dtype, shape, begin, end):
    return {"dtype": dtype, "shape": shape, "data_offsets": [begin, end]}


def dumps(obj):
    return json.dumps(obj, separators=(",", ":"))


FILES = {
    # Shorter than the 8-byte length prefix.
    "empty.safetensors": b"",
    "short-length-prefix.safetensors": b"\x10\x00\x00\x00\x00",
    # The length prefix promises 120 header bytes, 40 follow.
    "truncated-header.safetensors": file_of(
        dumps({"w": tensor("F32", [2], 0, 8)})[:40], length=120),
    # 2^64 - 1: 8 + length wraps around in unchecked arithmetic.
    "header-length-overflow.safetensors": file_of("{}", length=0xFFFFFFFFFFFFFFFF),
    # 2^63 + 2: negative when read as a signed 64-bit number.
    "header-length-negative.safetensors": file_of("{}", length=(1 << 63) + 2),
    # A zero-length header: the "JSON" is the empty string.
    "header-length-zero.safetensors": file_of("", data=b"\x00" * 16, length=0),
    "not-json.safetensors": file_of("this is not a JSON header", data=b"\x00" * 8),
    "not-an-object.safetensors": file_of("[1,2,3]"),
    # Bytes that are not UTF-8 in a tensor name.
    "invalid-utf8-name.safetensors": file_of(
        b'{"w\xff\xfe":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', data=b"\x00" * 4),
    "missing-data-offsets.safetensors": file_of(
        dumps({"w": {"dtype": "F32", "shape": [1]}}), data=b"\x00" * 4),
    "bad-dtype.safetensors": file_of(dumps({"w": tensor("FLOAT32", [1], 0, 4)}), data=b"\x00" * 4),
    "negative-shape.safetensors": file_of(dumps({"w": tensor("F32", [-1, 4], 0, 16)}),
                                          data=b"\x00" * 16),
    "fractional-shape.safetensors": file_of(dumps({"w": tensor("F32", [1.5, 2], 0, 12)}),
                                            data=b"\x00" * 12),
    # 2^32 * 2^32 elements: the element count overflows 64 bits (to 0, matching the range).
    "huge-shape-overflow.safetensors": file_of(
        dumps({"w": tensor("F32", [4294967296, 4294967296], 0, 0)})),
    # 2^32 * 2^30 = 2^62 elements of 4 bytes: the byte count overflows 64 bits (to 0).
    "huge-byte-count-overflow.safetensors": file_of(
        dumps({"w": tensor("F32", [4294967296, 1073741824], 0, 0)})),
    # One dimension of 2^62, above the 2^48 limit.
    "huge-dimension.safetensors": file_of(
        dumps({"w": tensor("F32", [4611686018427387904], 0, 0)})),
    # The range ends far past the data.
    "huge-data-offsets.safetensors": file_of(
        dumps({"w": tensor("U8", [4], 18446744073709551611, 18446744073709551615)}),
        data=b"\x00" * 4),
    "reversed-data-offsets.safetensors": file_of(dumps({"w": tensor("U8", [0], 8, 4)}),
                                                 data=b"\x00" * 8),
    "size-mismatch.safetensors": file_of(dumps({"w": tensor("F32", [2, 2], 0, 8)}),
                                         data=b"\x00" * 8),
    "gap-between-tensors.safetensors": file_of(
        dumps({"a": tensor("F32", [2], 0, 8), "b": tensor("F32", [2], 12, 20)}),
        data=b"\x00" * 20),
    "overlapping.safetensors": file_of(
        dumps({"a": tensor("F32", [4], 0, 16), "b": tensor("F32", [4], 8, 24)}),
        data=b"\x00" * 24),
    # The header is valid but the file ends after 32 of the 64 data bytes.
    "truncated-data.safetensors": file_of(dumps({"w": tensor("F32", [16], 0, 64)}),
                                          data=b"\x00" * 32),
    # 8 data bytes no tensor accounts for.
    "trailing-bytes.safetensors": file_of(dumps({"w": tensor("F32", [2], 0, 8)}),
                                          data=b"\x00" * 16),
    "metadata-not-string.safetensors": file_of(
        dumps({"__metadata__": {"format": "pt", "step": 5}, "w": tensor("F32", [1], 0, 4)}),
        data=b"\x00" * 4),
    "metadata-not-object.safetensors": file_of(
        dumps({"__metadata__": ["format", "pt"], "w": tensor("F32", [1], 0, 4)}),
        data=b"\x00" * 4),
    # 10 000 unclosed '[' as a tensor's shape.
    "deep-nesting.safetensors": file_of(
        '{"w":{"dtype":"F32","shape":' + "[" * 10000, data=b"\x00" * 4),
    # 10 000 balanced '[' ']' as a tensor's shape (valid JSON, invalid shape).
    "deep-nesting-shape.safetensors": file_of(
        '{"w":{"dtype":"F32","shape":' + "[" * 10000 + "]" * 10000 + ',"data_offsets":[0,4]}}',
        data=b"\x00" * 4),
    # Two entries with the same name: JSON parsers keep the last one, leaving bytes 0-4 unclaimed.
    "duplicate-key.safetensors": file_of(
        '{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},'
        '"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}', data=b"\x00" * 8),
    # 17 dimensions of 1.
    "too-many-dimensions.safetensors": file_of(dumps({"w": tensor("U8", [1] * 17, 0, 1)}),
                                               data=b"\x00"),
}


def main():
    for name, content in sorted(FILES.items()):
        with open(os.path.join(HERE, name), "wb") as out:
            out.write(content)
        print(f"{name}: {len(content)} bytes")


if __name__ == "__main__":
    main()
