// TensorBoard event files checked against their specification, with code of this test's own:
// CRC-32C's published check value, a bit-by-bit CRC-32C and TensorFlow's mask, an Event whose
// protocol-buffer bytes are assembled here by hand from the field numbers of event.proto and
// summary.proto, and a file read back record by record (length, both masked CRCs, the fields).
#include <QtTest/QtTest>

#include <cstring>
#include <fstream>

#include "core/train/tensorboard_writer.h"
#include "tests/support/files.h"

using namespace embedlab;

namespace {

// CRC-32C one bit at a time (RFC 3720's definition), independent of the writer's table.
std::uint32_t bitwiseCrc32c(const std::string& bytes) {
  std::uint32_t crc = 0xFFFFFFFF;
  for (const char byte : bytes) {
    crc ^= static_cast<unsigned char>(byte);
    for (int bit = 0; bit < 8; ++bit)
      crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
  }
  return ~crc;
}

std::uint32_t masked(std::uint32_t crc) {
  return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
}

template <typename T>
std::string littleEndian(T value) {
  std::string bytes(sizeof(T), '\0');
  std::memcpy(bytes.data(), &value, sizeof(T));
  return bytes;
}

template <typename T>
T readLittleEndian(const std::string& bytes, std::size_t at) {
  T value;
  std::memcpy(&value, bytes.data() + at, sizeof(T));
  return value;
}

std::uint64_t varint(const std::string& bytes, std::size_t& at) {
  std::uint64_t value = 0;
  for (int shift = 0;; shift += 7) {
    const auto byte = static_cast<unsigned char>(bytes.at(at++));
    value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return value;
  }
}

}  // namespace

class TestTensorBoard : public QObject {
  Q_OBJECT

 private slots:
  void crc32cIsCastagnolisAndMaskedAsTensorFlowMasksIt() {
    QCOMPARE(train::crc32c("123456789", 9), 0xE3069283u);  // the published check value
    const std::string text = "brain.Event:2 and some more bytes";
    QCOMPARE(train::crc32c(text.data(), text.size()), bitwiseCrc32c(text));
    QCOMPARE(train::maskedCrc32c(text.data(), text.size()), masked(bitwiseCrc32c(text)));
  }

  void anEventIsTheProtocolBufferOfTheSpecification() {
    // Event { wall_time: 1.5 (field 1, 64-bit), step: 300 (field 2, varint),
    //         summary (field 5) { value (field 1) { tag: "loss" (1), simple_value: 0.5 (2) } } }
    const std::string value = std::string("\x0a\x04loss", 6) + "\x15" + littleEndian(0.5f);
    const std::string summary = std::string("\x0a") + static_cast<char>(value.size()) + value;
    const std::string expected = std::string("\x09") + littleEndian(1.5) +
                                 std::string("\x10\xac\x02", 3) + "\x2a" +
                                 static_cast<char>(summary.size()) + summary;
    QCOMPARE(train::scalarEvent(1.5, 300, {{"loss", 0.5f}}), expected);
    QCOMPARE(train::fileVersionEvent(2.0),
             std::string("\x09") + littleEndian(2.0) + "\x1a\x0d" + "brain.Event:2");
  }

  void aFileReadsBackRecordByRecord() {
    test::TempFolder folder;
    std::filesystem::path file;
    {
      train::TensorBoardWriter writer(folder / "runs" / "first");
      writer.write(10, {{"train/loss", 2.25f}, {"eval/MRR@10", 0.375f}});
      file = writer.file();
    }
    QVERIFY(file.filename().string().rfind("events.out.tfevents.", 0) == 0);
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<std::string> events;
    for (std::size_t at = 0; at < bytes.size();) {
      const std::string lengthBytes = bytes.substr(at, 8);
      const auto length = readLittleEndian<std::uint64_t>(bytes, at);
      QCOMPARE(readLittleEndian<std::uint32_t>(bytes, at + 8), masked(bitwiseCrc32c(lengthBytes)));
      const std::string data = bytes.substr(at + 12, length);
      QCOMPARE(readLittleEndian<std::uint32_t>(bytes, at + 12 + length),
               masked(bitwiseCrc32c(data)));
      events.push_back(data);
      at += 12 + length + 4;
    }
    QCOMPARE(events.size(), std::size_t{2});
    QVERIFY(events[0].find("brain.Event:2") != std::string::npos);
    // The second: wall_time, step 10, then the summary's two values, decoded field by field.
    const std::string& event = events[1];
    std::size_t at = 0;
    QCOMPARE(varint(event, at), std::uint64_t{1 << 3 | 1});
    at += 8;
    QCOMPARE(varint(event, at), std::uint64_t{2 << 3 | 0});
    QCOMPARE(varint(event, at), std::uint64_t{10});
    QCOMPARE(varint(event, at), std::uint64_t{5 << 3 | 2});
    const std::size_t summaryEnd = varint(event, at) + at;
    QCOMPARE(summaryEnd, event.size());
    std::vector<std::pair<std::string, float>> values;
    while (at < summaryEnd) {
      QCOMPARE(varint(event, at), std::uint64_t{1 << 3 | 2});
      const std::size_t valueEnd = varint(event, at) + at;
      QCOMPARE(varint(event, at), std::uint64_t{1 << 3 | 2});
      const std::size_t tagLength = varint(event, at);
      const std::string tag = event.substr(at, tagLength);
      at += tagLength;
      QCOMPARE(varint(event, at), std::uint64_t{2 << 3 | 5});
      values.emplace_back(tag, readLittleEndian<float>(event, at));
      at += 4;
      QCOMPARE(at, valueEnd);
    }
    QCOMPARE(values, (std::vector<std::pair<std::string, float>>{{"train/loss", 2.25f},
                                                                 {"eval/MRR@10", 0.375f}}));
  }
};

QTEST_MAIN(TestTensorBoard)
#include "test_tensorboard.moc"
