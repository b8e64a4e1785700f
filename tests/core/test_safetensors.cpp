// core/model safetensors: writeSafetensors/SafetensorsFile round trips, every error the header
// parser reports, file- and folder-level (Checkpoint) errors, a deterministic fuzz of the header
// parser and the regression corpus of malformed files in tests/data/safetensors-corpus.
// Cases that could crash the process (deep nesting, the corpus) run in a forked child so that a
// crash fails one test instead of ending the run.
#include <sys/wait.h>
#include <unistd.h>
#include <QtTest/QtTest>

#include <cctype>
#include <csignal>
#include <cstring>
#include <limits>
#include <random>
#include <set>
#include <typeinfo>

#include "core/common/error.h"
#include "core/model/checkpoint.h"
#include "core/model/safetensors.h"
#include "tests/support/child_outcome.h"
#include "tests/support/files.h"

using namespace embedlab;
using namespace embedlab::model;

namespace {

/// The raw little-endian bytes of `values`.
template <typename T>
std::string bytesOf(std::initializer_list<T> values) {
  std::string bytes(values.size() * sizeof(T), '\0');
  std::memcpy(bytes.data(), std::data(values), bytes.size());
  return bytes;
}

std::string lengthPrefix(std::uint64_t length) {
  std::string prefix(8, '\0');
  for (int i = 0; i < 8; ++i)
    prefix[static_cast<std::size_t>(i)] = static_cast<char>((length >> (8 * i)) & 0xFF);
  return prefix;
}

std::uint64_t readLength(const std::string& file) {
  std::uint64_t length = 0;
  for (int i = 7; i >= 0; --i)
    length = (length << 8) | static_cast<std::uint8_t>(file[static_cast<std::size_t>(i)]);
  return length;
}

/// A whole safetensors file: length prefix, header, data.
std::string fileBytes(const std::string& json, const std::string& data = {}) {
  return lengthPrefix(json.size()) + json + data;
}

std::string bytesOfTensor(const SafetensorsFile& file, const TensorInfo& tensor) {
  return std::string(reinterpret_cast<const char*>(file.data(tensor)), tensor.end - tensor.begin);
}

bool contains(const std::string& text, const std::string& fragment) {
  return text.find(fragment) != std::string::npos;
}

/// Runs `action` and returns the message of the InputError it throws, "<no error>" when it
/// throws none. Other exceptions propagate and fail the test.
template <typename Action>
std::string inputErrorOf(Action&& action) {
  try {
    action();
  } catch (const InputError& error) {
    return error.message();
  }
  return "<no error>";
}

/// Printable form of (possibly binary) header text for failure messages, cut at 300 bytes.
std::string printable(std::string_view text) {
  std::string result;
  for (const char c : text.substr(0, 300)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7F) {
      result += c;
    } else {
      char escaped[8];
      std::snprintf(escaped, sizeof(escaped), "\\x%02X", byte);
      result += escaped;
    }
  }
  if (text.size() > 300) result += "... (" + std::to_string(text.size()) + " bytes)";
  return result;
}

/// Why a parsed header breaks the guarantees parseSafetensorsHeader makes ("" when it does not):
/// tensors in data order, contiguous from 0 to dataBytes, each range the size dtype and shape
/// need. Catches a parser that accepts an invalid header.
std::string invariantViolation(const SafetensorsHeader& header, std::uint64_t dataBytes) {
  std::uint64_t expected = 0;
  std::set<std::string> names;
  for (const TensorInfo& tensor : header.tensors) {
    const std::string name = "tensor \"" + printable(tensor.name) + "\"";
    if (tensor.name == "__metadata__") return "a tensor is named __metadata__";
    if (!names.insert(tensor.name).second) return name + " appears twice";
    if (tensor.begin != expected) {
      return name + " starts at " + std::to_string(tensor.begin) + " instead of " +
             std::to_string(expected);
    }
    if (tensor.end < tensor.begin || tensor.end > dataBytes) {
      return name + " has range [" + std::to_string(tensor.begin) + ", " +
             std::to_string(tensor.end) + ") outside " + std::to_string(dataBytes) + " bytes";
    }
    std::uint64_t elements = 1;
    for (const std::int64_t dimension : tensor.shape) {
      if (dimension < 0) return name + " has a negative dimension";
      if (__builtin_mul_overflow(elements, static_cast<std::uint64_t>(dimension), &elements))
        return name + " has an element count that overflows";
    }
    if (tensor.elementCount() != elements) return name + " miscounts its elements";
    std::uint64_t bytes = 0;
    if (__builtin_mul_overflow(elements, dtypeSize(tensor.dtype), &bytes))
      return name + " has a byte count that overflows";
    if (bytes != tensor.end - tensor.begin) {
      return name + " needs " + std::to_string(bytes) + " bytes but occupies " +
             std::to_string(tensor.end - tensor.begin);
    }
    expected = tensor.end;
  }
  if (expected != dataBytes) {
    return "the tensors cover " + std::to_string(expected) + " of " + std::to_string(dataBytes) +
           " bytes";
  }
  return {};
}

/// A header entry as JSON text.
std::string entry(const std::string& name, const std::string& dtype, const std::string& shape,
                  std::uint64_t begin, std::uint64_t end) {
  return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape +
         ",\"data_offsets\":[" + std::to_string(begin) + "," + std::to_string(end) + "]}";
}

/// Writes a safetensors file of F32 tensors of shape [2], each filled with `first`, `first + 1`,
/// ... (one value per tensor, so tests can tell them apart).
void writeF32Tensors(const std::filesystem::path& path, const std::vector<std::string>& names,
                     float first) {
  std::vector<std::string> storage;
  storage.reserve(names.size());
  std::vector<TensorData> tensors;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const float value = first + static_cast<float>(i);
    storage.push_back(bytesOf<float>({value, value}));
    tensors.push_back({names[i], DType::F32, {2}, storage.back()});
  }
  std::filesystem::create_directories(path.parent_path());
  writeSafetensors(path, tensors);
}

float firstFloat(const std::byte* bytes) {
  float value = 0;
  std::memcpy(&value, bytes, sizeof(value));
  return value;
}

std::filesystem::path corpusFolder() {
  return std::filesystem::path(EMBEDLAB_SOURCE_DIR) / "tests" / "data" / "safetensors-corpus";
}

// ---- fuzzing --------------------------------------------------------------------------------

struct FuzzSample {
  std::string json;
  std::string data;
};

const char* const kFuzzTokens[] = {"{",         "}",         "[",
                                   "]",         "\"",        ":",
                                   ",",         "-",         "0",
                                   "1",         "e",         ".",
                                   "null",      "true",      "\\u0000",
                                   "\\\"",      " ",         "\xFF",
                                   "\xC3",      "\xC3\xA9",  "\"__metadata__\"",
                                   "\"dtype\"", "\"shape\"", "\"data_offsets\"",
                                   "\"F32\"",   "\"BF16\"",  "\"BOOL\"",
                                   "[]",        "{}",        "[0,0]",
                                   "\"\"",      "\t\n\r",    "/*"};
const char* const kFuzzNumbers[] = {"-1",
                                    "0",
                                    "1",
                                    "3",
                                    "8",
                                    "-0",
                                    "1.5",
                                    "2.0",
                                    "1e3",
                                    "1e309",
                                    "-1e309",
                                    "4294967296",
                                    "281474976710656",
                                    "281474976710657",
                                    "4611686018427387904",
                                    "9223372036854775807",
                                    "9223372036854775808",
                                    "-9223372036854775808",
                                    "18446744073709551615",
                                    "18446744073709551616",
                                    "99999999999999999999999999"};
const char* const kFuzzDTypes[] = {"F64", "F32",  "F16", "BF16",    "I64", "I32", "I16", "I8",
                                   "U8",  "BOOL", "f32", "F8_E4M3", "",    "U64", "F32 "};

/// One mutation of `sample` (header text and, now and then, the data size).
void mutate(FuzzSample& sample, std::uint64_t& dataBytes, std::mt19937_64& random) {
  std::string& json = sample.json;
  const auto position = [&](std::size_t size) -> std::size_t {
    return size == 0 ? 0 : random() % (size + 1);
  };
  switch (random() % 12) {
    case 0:  // flip one bit
      if (!json.empty()) json[random() % json.size()] ^= static_cast<char>(1u << (random() % 8));
      break;
    case 1:  // overwrite one byte
      if (!json.empty()) json[random() % json.size()] = static_cast<char>(random() % 256);
      break;
    case 2: {  // insert a token or a random byte
      const std::string token = random() % 4 == 0
                                    ? std::string(1, static_cast<char>(random() % 256))
                                    : kFuzzTokens[random() % std::size(kFuzzTokens)];
      json.insert(position(json.size()), token);
      break;
    }
    case 3:  // delete a run of bytes
      if (!json.empty()) {
        const std::size_t at = random() % json.size();
        json.erase(at, 1 + random() % 16);
      }
      break;
    case 4:  // truncate
      json.resize(position(json.size()));
      break;
    case 5: {  // replace a number with a huge, negative or fractional one
      std::vector<std::pair<std::size_t, std::size_t>> numbers;
      for (std::size_t i = 0; i < json.size();) {
        if (std::isdigit(static_cast<unsigned char>(json[i]))) {
          std::size_t end = i;
          while (end < json.size() && std::isdigit(static_cast<unsigned char>(json[end])))
            ++end;
          const std::size_t begin = (i > 0 && json[i - 1] == '-') ? i - 1 : i;
          numbers.emplace_back(begin, end - begin);
          i = end;
        } else {
          ++i;
        }
      }
      if (!numbers.empty()) {
        const auto [begin, length] = numbers[random() % numbers.size()];
        json.replace(begin, length, kFuzzNumbers[random() % std::size(kFuzzNumbers)]);
      }
      break;
    }
    case 6: {  // duplicate an entry ("key":{...}), sometimes with another name
      const std::size_t colon = json.find("\":{", random() % (json.size() + 1));
      if (colon == std::string::npos || colon == 0) break;
      const std::size_t keyBegin = json.rfind('"', colon - 1);
      const std::size_t close = json.find('}', colon);
      if (keyBegin == std::string::npos || close == std::string::npos) break;
      std::string copy = json.substr(keyBegin, close - keyBegin + 1);
      if (random() % 2 == 0) copy.insert(1, "x");
      json.insert(close + 1, "," + copy);
      break;
    }
    case 7: {  // nest brackets deeply, balanced or not
      const std::size_t depths[] = {2, 100, 1000, 10000, 1 + random() % 10000};
      const std::size_t depth = depths[random() % std::size(depths)];
      const std::size_t at = position(json.size());
      switch (random() % 3) {
        case 0: json.insert(at, std::string(depth, '[')); break;
        case 1: json.insert(at, std::string(depth, '[') + std::string(depth, ']')); break;
        default: {
          std::string nested;
          for (std::size_t i = 0; i < depth; ++i)
            nested += "{\"a\":";
          nested += "1" + std::string(depth, '}');
          json.insert(at, nested);
        }
      }
      break;
    }
    case 8: {  // another (possibly unknown) dtype
      const std::size_t key = json.find("\"dtype\":\"", random() % (json.size() + 1));
      if (key == std::string::npos) break;
      const std::size_t begin = key + 9;
      const std::size_t end = json.find('"', begin);
      if (end == std::string::npos) break;
      json.replace(begin, end - begin, kFuzzDTypes[random() % std::size(kFuzzDTypes)]);
      break;
    }
    case 9: {  // another data size
      const std::uint64_t sizes[] = {dataBytes + 1, dataBytes > 0 ? dataBytes - 1 : 0, 0,
                                     random() % (2 * dataBytes + 9),
                                     std::numeric_limits<std::uint64_t>::max()};
      dataBytes = sizes[random() % std::size(sizes)];
      break;
    }
    case 10: {  // swap two bytes
      if (json.size() < 2) break;
      std::swap(json[random() % json.size()], json[random() % json.size()]);
      break;
    }
    default: {  // duplicate a chunk
      if (json.empty()) break;
      const std::size_t at = random() % json.size();
      const std::string chunk = json.substr(at, 1 + random() % 32);
      json.insert(position(json.size()), chunk);
    }
  }
}

}  // namespace

class TestSafetensors : public QObject {
  Q_OBJECT

 private slots:
  // ---- round trip ---------------------------------------------------------------------------

  void dtypeTableMatchesTheSafetensorsNames() {
    const struct {
      DType dtype;
      const char* name;
      std::size_t size;
      bool floating;
    } expected[] = {{DType::F64, "F64", 8, true},  {DType::F32, "F32", 4, true},
                    {DType::F16, "F16", 2, true},  {DType::BF16, "BF16", 2, true},
                    {DType::I64, "I64", 8, false}, {DType::I32, "I32", 4, false},
                    {DType::I16, "I16", 2, false}, {DType::I8, "I8", 1, false},
                    {DType::U8, "U8", 1, false},   {DType::Bool, "BOOL", 1, false}};
    for (const auto& row : expected) {
      QCOMPARE(std::string(dtypeName(row.dtype)), std::string(row.name));
      QCOMPARE(dtypeSize(row.dtype), row.size);
      QCOMPARE(isFloatingPoint(row.dtype), row.floating);
      // and the parser reads the name back as the same dtype
      const std::string json = "{" + entry("t", row.name, "[3]", 0, 3 * row.size) + "}";
      const SafetensorsHeader header = parseSafetensorsHeader(json, 3 * row.size, "t");
      QCOMPARE(header.tensors.size(), std::size_t{1});
      QVERIFY(header.tensors[0].dtype == row.dtype);
    }
  }

  void roundTripKeepsNamesDtypesShapesBytesAndMetadata() {
    test::TempFolder folder;
    const std::string weight = bytesOf<float>({1.5f, -2.f, 0.f, 3.25f, 1e-7f, -0.f});
    const std::string half = bytesOf<std::uint16_t>({0x3C00, 0xC000, 0x7BFF, 0x0001});
    const std::string ids = bytesOf<std::int64_t>({-1, 0, std::numeric_limits<std::int64_t>::max(),
                                                   std::numeric_limits<std::int64_t>::min()});
    const std::string bf = bytesOf<std::uint16_t>({0x3F80, 0xBF80, 0x7F80, 0x0000});
    const std::string scalar = bytesOf<double>({2.718281828459045});
    const std::string flags = bytesOf<std::uint8_t>({1, 0, 1});
    const auto path = folder / "model.safetensors";
    // Given out of name order: the writer sorts.
    writeSafetensors(path,
                     {{"z.weight", DType::F32, {2, 3}, weight},
                      {"half", DType::F16, {4}, half},
                      {"ids", DType::I64, {2, 2}, ids},
                      {"bf", DType::BF16, {2, 2}, bf},
                      {"empty", DType::F32, {0, 4}, ""},
                      {"scalar", DType::F64, {}, scalar},
                      {"flags", DType::Bool, {3}, flags}},
                     {{"author", "test"}, {"note", "caf\xC3\xA9 \"quoted\""}});

    const SafetensorsFile file(path);
    QCOMPARE(file.path(), path);
    struct Expected {
      const char* name;
      DType dtype;
      std::vector<std::int64_t> shape;
      std::string bytes;
    };
    const std::vector<Expected> expected = {
        {"bf", DType::BF16, {2, 2}, bf},         {"empty", DType::F32, {0, 4}, ""},
        {"flags", DType::Bool, {3}, flags},      {"half", DType::F16, {4}, half},
        {"ids", DType::I64, {2, 2}, ids},        {"scalar", DType::F64, {}, scalar},
        {"z.weight", DType::F32, {2, 3}, weight}};
    QCOMPARE(file.tensors().size(), expected.size());
    std::uint64_t offset = 0;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      const TensorInfo& tensor = file.tensors()[i];
      QCOMPARE(tensor.name, std::string(expected[i].name));  // sorted by name, in data order
      QVERIFY(tensor.dtype == expected[i].dtype);
      QCOMPARE(tensor.shape, expected[i].shape);
      QCOMPARE(tensor.begin, offset);
      QCOMPARE(tensor.end - tensor.begin, std::uint64_t(expected[i].bytes.size()));
      QCOMPARE(bytesOfTensor(file, tensor), expected[i].bytes);
      QCOMPARE(file.find(expected[i].name), &tensor);
      offset = tensor.end;
    }
    QCOMPARE(file.find("scalar")->elementCount(), std::uint64_t{1});
    QCOMPARE(file.find("empty")->elementCount(), std::uint64_t{0});
    QCOMPARE(file.find("z.weight")->elementCount(), std::uint64_t{6});
    QVERIFY(file.find("missing") == nullptr);
    QVERIFY(file.find("") == nullptr);
    const std::map<std::string, std::string> metadata = {
        {"author", "test"}, {"format", "pt"}, {"note", "caf\xC3\xA9 \"quoted\""}};
    QCOMPARE(file.metadata(), metadata);

    // The layout on disk: 8-byte length, a header padded with spaces so that the data starts
    // 8-byte aligned, then exactly the tensors' bytes.
    const std::string raw = test::readFile(path);
    const std::uint64_t headerBytes = readLength(raw);
    QCOMPARE((8 + headerBytes) % 8, std::uint64_t{0});
    QCOMPARE(std::uint64_t(raw.size()), 8 + headerBytes + offset);
    const std::string header = raw.substr(8, headerBytes);
    QCOMPARE(header.front(), '{');
    QVERIFY(header.find_last_not_of(' ') != std::string::npos);
    QCOMPARE(header[header.find_last_not_of(' ')], '}');
    QVERIFY(headerBytes - header.find_last_not_of(' ') <= 8);  // at most 7 spaces of padding
    // Names appear in sorted order in the header too.
    QVERIFY(header.find("\"bf\"") < header.find("\"empty\""));
    QVERIFY(header.find("\"ids\"") < header.find("\"z.weight\""));
    QCOMPARE(raw.substr(8 + headerBytes, bf.size()), bf);
    QCOMPARE(raw.substr(raw.size() - weight.size()), weight);
    // The mapping starts at a page, so the data section is 8-byte aligned in memory too.
    QCOMPARE(reinterpret_cast<std::uintptr_t>(file.data(file.tensors()[0])) % 8, std::uintptr_t{0});
  }

  void roundTripOfNoTensorsAndOfAnExistingFile() {
    test::TempFolder folder;
    const auto path = test::writeFile(folder / "x.safetensors", "old content, not safetensors");
    writeSafetensors(path, {});
    const SafetensorsFile empty(path);
    QVERIFY(empty.tensors().empty());
    QCOMPARE(empty.metadata(), (std::map<std::string, std::string>{{"format", "pt"}}));
    QCOMPARE(test::readFile(path).size() % 8, std::size_t{0});

    const std::string byte = bytesOf<std::uint8_t>({42});
    writeSafetensors(path, {{"b", DType::U8, {1}, byte}}, {{"format", "np"}});
    const SafetensorsFile one(path);
    QCOMPARE(one.tensors().size(), std::size_t{1});
    QCOMPARE(bytesOfTensor(one, one.tensors()[0]), byte);
    QCOMPARE(one.metadata().at("format"), std::string("np"));  // the caller's value is kept
  }

  void movedFileKeepsItsTensorsAndMapping() {
    test::TempFolder folder;
    writeF32Tensors(folder / "a.safetensors", {"a1", "a2"}, 1.f);
    writeF32Tensors(folder / "b.safetensors", {"b1"}, 7.f);
    SafetensorsFile a(folder / "a.safetensors");
    const TensorInfo* a2 = a.find("a2");
    SafetensorsFile moved(std::move(a));
    QCOMPARE(moved.find("a2"), a2);  // the same TensorInfo: pointers survive a move
    QCOMPARE(firstFloat(moved.data(*a2)), 2.f);
    SafetensorsFile b(folder / "b.safetensors");
    b = std::move(moved);
    QCOMPARE(b.tensors().size(), std::size_t{2});
    QCOMPARE(firstFloat(b.data(*b.find("a1"))), 1.f);
    QCOMPARE(b.path(), folder / "a.safetensors");
  }

  void writerRejectsTensorsItCannotWriteFaithfully_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("dtype");
    QTest::addColumn<QList<qlonglong>>("shape");
    QTest::addColumn<int>("byteCount");
    QTest::newRow("too few bytes") << "w" << int(DType::F32) << QList<qlonglong>{2, 2} << 12;
    QTest::newRow("too many bytes") << "w" << int(DType::F16) << QList<qlonglong>{3} << 8;
    QTest::newRow("bytes for a zero-size shape")
        << "w" << int(DType::F32) << QList<qlonglong>{0} << 4;
    // (-1) * (-1) elements = 1: the byte count check alone passes.
    QTest::newRow("negative dimensions") << "w" << int(DType::U8) << QList<qlonglong>{-1, -1} << 1;
    // 2^62 elements * 4 bytes wraps around to 0 bytes.
    QTest::newRow("byte count overflows")
        << "w" << int(DType::F32) << QList<qlonglong>{qlonglong(1) << 62} << 0;
    // The header entry of a tensor named __metadata__ would replace the metadata.
    QTest::newRow("named __metadata__")
        << "__metadata__" << int(DType::U8) << QList<qlonglong>{1} << 1;
  }

  void writerRejectsTensorsItCannotWriteFaithfully() {
    QFETCH(QString, name);
    QFETCH(int, dtype);
    QFETCH(QList<qlonglong>, shape);
    QFETCH(int, byteCount);
    test::TempFolder folder;
    const auto path = folder / "w.safetensors";
    const std::string bytes(static_cast<std::size_t>(byteCount), '\0');
    const std::vector<std::int64_t> dims(shape.begin(), shape.end());
    bool threw = false;
    try {
      writeSafetensors(path, {{name.toStdString(), static_cast<DType>(dtype), dims, bytes}});
    } catch (const Error&) {
      threw = true;
    }
    // A writer that accepts these writes a file its own reader rejects.
    QVERIFY2(threw, "writeSafetensors accepted a tensor it cannot write as given");
    QVERIFY(!std::filesystem::exists(path));
  }

  void writerRejectsARepeatedTensorName() {
    test::TempFolder folder;
    const auto path = folder / "w.safetensors";
    const std::string first = bytesOf<float>({1.f});
    const std::string second = bytesOf<float>({2.f});
    bool threw = false;
    try {
      writeSafetensors(path, {{"w", DType::F32, {1}, first}, {"w", DType::F32, {1}, second}});
    } catch (const Error&) {
      threw = true;
    }
    // Otherwise the header keeps one entry for the name while the data holds both tensors.
    QVERIFY2(threw, "writeSafetensors accepted two tensors named \"w\"");
  }

  // ---- header errors ------------------------------------------------------------------------

  void parsesAValidHeaderInDataOrder() {
    // JSON order is not data order; zero-size tensors may sit anywhere, metadata anywhere.
    const std::string json =
        "{" + entry("b", "I32", "[2]", 4, 12) + "," + entry("empty", "F16", "[0,3]", 12, 12) + "," +
        "\"__metadata__\":{\"k\":\"v\",\"format\":\"pt\"}," + entry("a", "U8", "[2,2]", 0, 4) +
        "," + entry("first-empty", "F32", "[5,0]", 0, 0) + "}   \n\t ";
    const SafetensorsHeader header = parseSafetensorsHeader(json, 12, "h");
    QCOMPARE(header.tensors.size(), std::size_t{4});
    QCOMPARE(invariantViolation(header, 12), std::string());
    QCOMPARE(header.tensors[0].name, std::string("first-empty"));
    QCOMPARE(header.tensors[1].name, std::string("a"));
    QCOMPARE(header.tensors[2].name, std::string("b"));
    QCOMPARE(header.tensors[3].name, std::string("empty"));
    QCOMPARE(header.tensors[2].shape, (std::vector<std::int64_t>{2}));
    QCOMPARE(header.tensors[3].shape, (std::vector<std::int64_t>{0, 3}));
    QCOMPARE(header.metadata, (std::map<std::string, std::string>{{"format", "pt"}, {"k", "v"}}));

    const SafetensorsHeader empty = parseSafetensorsHeader("{}", 0, "h");
    QVERIFY(empty.tensors.empty());
    QVERIFY(empty.metadata.empty());
    // The largest allowed shape: 16 dimensions and 2^48 elements in one dimension.
    const std::string wide = "{" + entry("w", "U8", "[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0]", 0, 0) +
                             "," + entry("x", "U8", "[0,281474976710656]", 0, 0) + "}";
    QCOMPARE(parseSafetensorsHeader(wide, 0, "h").tensors.size(), std::size_t{2});
  }

  void headerErrorsSayWhatIsWrong_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<qulonglong>("dataBytes");
    QTest::addColumn<QString>("fragment");
    const auto row = [](const char* name, const std::string& json, std::uint64_t dataBytes,
                        const char* fragment) {
      QTest::newRow(name) << QByteArray::fromStdString(json) << qulonglong(dataBytes)
                          << QString(fragment);
    };
    const auto one = [](const std::string& body) { return "{\"w\":{" + body + "}}"; };
    row("invalid JSON", "{\"w\": {\"dtype\": \"F32\",", 4, "not valid JSON");
    row("empty header", "", 0, "not valid JSON");
    row("trailing garbage", "{} x", 0, "not valid JSON");
    row("invalid UTF-8", "{\"w\xFF\":1}", 0, "not valid JSON");
    row("not an object: array", "[1,2]", 0, "not a JSON object");
    row("not an object: string", "\"F32\"", 0, "not a JSON object");
    row("not an object: null", "null", 0, "not a JSON object");
    row("entry not an object", "{\"w\":[0,4]}", 4, "lacks dtype, shape or data_offsets");
    row("missing dtype", one("\"shape\":[1],\"data_offsets\":[0,4]"), 4,
        "\"w\" lacks dtype, shape or data_offsets");
    row("missing shape", one("\"dtype\":\"F32\",\"data_offsets\":[0,4]"), 4,
        "lacks dtype, shape or data_offsets");
    row("missing data_offsets", one("\"dtype\":\"F32\",\"shape\":[1]"), 4,
        "lacks dtype, shape or data_offsets");
    row("unknown dtype", "{" + entry("w", "F33", "[1]", 0, 4) + "}", 4,
        "\"w\" has unsupported dtype \"F33\"");
    row("lower-case dtype", "{" + entry("w", "f32", "[1]", 0, 4) + "}", 4, "unsupported dtype");
    row("dtype not a string", one("\"dtype\":4,\"shape\":[1],\"data_offsets\":[0,4]"), 4,
        "has a dtype that is not a string (number)");
    row("shape not an array", one("\"dtype\":\"F32\",\"shape\":4,\"data_offsets\":[0,16]"), 16,
        "\"w\" has an invalid shape");
    row("17 dimensions", "{" + entry("w", "U8", "[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]", 0, 1) + "}",
        1, "invalid shape");
    row("negative dimension", "{" + entry("w", "F32", "[2,-1]", 0, 8) + "}", 8,
        "\"w\" has a negative or non-integer dimension");
    row("most negative dimension", "{" + entry("w", "F32", "[-9223372036854775808]", 0, 8) + "}", 8,
        "negative or non-integer dimension");
    row("fractional dimension", "{" + entry("w", "F32", "[1.5]", 0, 4) + "}", 4,
        "negative or non-integer dimension");
    row("integral float dimension", "{" + entry("w", "F32", "[2.0]", 0, 8) + "}", 8,
        "negative or non-integer dimension");
    row("string dimension", "{" + entry("w", "F32", "[\"2\"]", 0, 8) + "}", 8,
        "negative or non-integer dimension");
    row("null dimension", "{" + entry("w", "F32", "[null]", 0, 4) + "}", 4,
        "negative or non-integer dimension");
    row("nested dimension", "{" + entry("w", "F32", "[[2]]", 0, 8) + "}", 8,
        "negative or non-integer dimension");
    row("offsets: one number", one("\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[4]"), 4,
        "\"w\" has invalid data_offsets");
    row("offsets: three numbers", one("\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4,8]"), 8,
        "invalid data_offsets");
    row("offsets: not an array", one("\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":4"), 4,
        "invalid data_offsets");
    row("offsets: fractional", one("\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4.0]"), 4,
        "invalid data_offsets");
    row("offsets: negative", one("\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[-4,0]"), 4,
        "invalid data_offsets");
    row("offsets: strings", one("\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[\"0\",\"4\"]"), 4,
        "invalid data_offsets");
    row("end before begin", "{" + entry("w", "U8", "[0]", 8, 4) + "}", 8,
        "\"w\" occupies bytes [8, 4)");
    row("range beyond the data", "{" + entry("w", "F32", "[4]", 0, 16) + "}", 8,
        "occupies bytes [0, 16) but its dtype and shape need 16 of the 8 data bytes");
    row("range at the very end of uint64",
        "{" + entry("w", "U8", "[4]", 18446744073709551611ULL, 18446744073709551615ULL) + "}", 4,
        "occupies bytes [18446744073709551611, 18446744073709551615)");
    row("byte size not dtype times shape", "{" + entry("w", "F32", "[2,2]", 0, 8) + "}", 8,
        "need 16 of the 8 data bytes");
    row("byte size for the wrong dtype", "{" + entry("w", "F16", "[4]", 0, 16) + "}", 16,
        "need 8 of the 16 data bytes");
    row("gap between tensors",
        "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 12, 20) + "}", 20,
        "tensor \"b\" starts at byte 12 where 8 was expected (gap or overlap)");
    row("gap at the start", "{" + entry("a", "F32", "[2]", 4, 12) + "}", 12,
        "\"a\" starts at byte 4 where 0 was expected");
    row("overlap",
        "{" + entry("a", "F32", "[4]", 0, 16) + "," + entry("b", "F32", "[4]", 8, 24) + "}", 24,
        "\"b\" starts at byte 8 where 16 was expected (gap or overlap)");
    row("same range twice",
        "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 0, 8) + "}", 8,
        "starts at byte 0 where 8 was expected");
    row("zero-size tensor inside another",
        "{" + entry("a", "F32", "[4]", 0, 16) + "," + entry("b", "F32", "[0]", 8, 8) + "}", 16,
        "\"b\" starts at byte 8 where 16 was expected");
    row("data not covered", "{" + entry("w", "F32", "[2]", 0, 8) + "}", 16,
        "the tensors cover 8 of 16 data bytes");
    row("no tensors but data", "{}", 4, "the tensors cover 0 of 4 data bytes");
    row("duplicate key leaves bytes unclaimed",
        "{" + entry("w", "F32", "[1]", 0, 4) + "," + entry("w", "F32", "[1]", 4, 8) + "}", 8,
        "starts at byte 4 where 0 was expected");
    row("__metadata__ not an object", "{\"__metadata__\":[\"format\",\"pt\"]}", 0,
        "__metadata__ is not an object");
    row("__metadata__ a string", "{\"__metadata__\":\"pt\"}", 0, "__metadata__ is not an object");
    row("__metadata__ number value", "{\"__metadata__\":{\"format\":\"pt\",\"step\":5}}", 0,
        "__metadata__ value \"step\" is not a string");
    row("__metadata__ null value", "{\"__metadata__\":{\"x\":null}}", 0,
        "__metadata__ value \"x\" is not a string");
    row("__metadata__ object value", "{\"__metadata__\":{\"x\":{\"y\":\"z\"}}}", 0,
        "__metadata__ value \"x\" is not a string");
    row("elements overflow", "{" + entry("w", "F32", "[4294967296,4294967296]", 0, 0) + "}", 0,
        "\"w\" is impossibly large");
    row("dimension above 2^48", "{" + entry("w", "U8", "[281474976710657]", 0, 0) + "}", 0,
        "impossibly large");
    row("dimension of 2^64-1", "{" + entry("w", "U8", "[18446744073709551615]", 0, 0) + "}", 0,
        "impossibly large");
    row("dimension above uint64", "{" + entry("w", "U8", "[18446744073709551616]", 0, 0) + "}", 0,
        "negative or non-integer dimension");  // JSON parses it as a float
    row("many large dimensions",
        "{" + entry("w", "U8", "[65536,65536,65536,65536,65536]", 0, 0) + "}", 0,
        "impossibly large");
    row("dimension of 2^62", "{" + entry("w", "F32", "[4611686018427387904]", 0, 0) + "}", 0,
        "impossibly large");
    // 2^62 elements of 4 bytes: the byte count wraps around to 0, matching the empty range.
    row("byte count overflows", "{" + entry("w", "F32", "[4294967296,1073741824]", 0, 0) + "}", 0,
        "\"w\" is impossibly large");
    row("byte count overflows in 2 dims",
        "{" + entry("w", "F64", "[4294967296,536870912]", 0, 0) + "}", 0,
        "\"w\" is impossibly large");
  }

  void headerErrorsSayWhatIsWrong() {
    QFETCH(QByteArray, json);
    QFETCH(qulonglong, dataBytes);
    QFETCH(QString, fragment);
    const std::string text = json.toStdString();
    try {
      const SafetensorsHeader header = parseSafetensorsHeader(text, dataBytes, "bad.safetensors");
      QFAIL(
          qPrintable(QString::fromStdString("accepted: " + printable(text) + " (" +
                                            std::to_string(header.tensors.size()) + " tensors)")));
    } catch (const InputError& error) {
      QCOMPARE(error.file(), std::string("bad.safetensors"));
      QVERIFY2(contains(error.message(), "corrupt safetensors header: "), error.what());
      QVERIFY2(contains(error.message(), fragment.toStdString()),
               qPrintable(QString::fromStdString("\"" + error.message() + "\" lacks \"" +
                                                 fragment.toStdString() + "\"")));
    }
  }

  void deeplyNestedDtypeIsAnErrorNotACrash() {
    // The unsupported-dtype message shows the dtype's JSON: a dtype nested a million deep (2 MB,
    // well within the 100 MB header limit) must not overflow the stack on its way there.
    const std::size_t depth = 1000000;
    const std::string json = "{\"w\":{\"dtype\":" + std::string(depth, '[') +
                             std::string(depth, ']') + ",\"shape\":[1],\"data_offsets\":[0,4]}}";
    const std::string parsed =
        test::outcomeInChild([&] { parseSafetensorsHeader(json, 4, "deep.safetensors"); });
    // ... and the same through a file.
    test::TempFolder folder;
    const auto path = test::writeFile(folder / "deep.safetensors", fileBytes(json, "abcd"));
    const std::string opened = test::outcomeInChild([&] { SafetensorsFile file(path); });
    QVERIFY2(parsed == "InputError", ("parseSafetensorsHeader: " + parsed).c_str());
    QVERIFY2(opened == "InputError", ("SafetensorsFile: " + opened).c_str());
  }

  void deeplyNestedValuesElsewhereAreErrors() {
    const std::size_t depth = 1000000;
    const std::string nested = std::string(depth, '[') + std::string(depth, ']');
    const std::size_t objectDepth = 200000;  // each level is a map: fewer of them
    const std::string objects = [&] {
      std::string text;
      for (std::size_t i = 0; i < objectDepth; ++i)
        text += "{\"a\":";
      return text + "1" + std::string(objectDepth, '}');
    }();
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"shape", "{\"w\":{\"dtype\":\"F32\",\"shape\":" + nested + ",\"data_offsets\":[0,4]}}"},
        {"offsets", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":" + nested + "}}"},
        {"metadata", "{\"__metadata__\":{\"x\":" + objects + "}}"},
        {"top level", nested},
        {"unclosed", std::string(depth, '[')},
        {"unclosed objects", objects.substr(0, objects.size() - objectDepth)}};
    for (const auto& [what, json] : cases) {
      const std::string outcome =
          test::outcomeInChild([&] { parseSafetensorsHeader(json, 4, "deep"); });
      QVERIFY2(outcome == "InputError", (what + ": " + outcome).c_str());
    }
  }

  // ---- file errors --------------------------------------------------------------------------

  void validFileWithNoTensorsOpens() {
    test::TempFolder folder;
    const SafetensorsFile braces(test::writeFile(folder / "a.safetensors", fileBytes("{}")));
    QVERIFY(braces.tensors().empty());
    QVERIFY(braces.metadata().empty());
    const SafetensorsFile padded(
        test::writeFile(folder / "b.safetensors", fileBytes("{\"__metadata__\":{}}     ")));
    QVERIFY(padded.tensors().empty());
  }

  void fileErrorsSayWhatIsWrong_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("fragment");
    const auto row = [](const char* name, const std::string& content, const char* fragment) {
      QTest::newRow(name) << QByteArray::fromStdString(content) << QString(fragment);
    };
    const std::string valid = "{" + entry("w", "F32", "[4]", 0, 16) + "}";
    row("empty file", "", "is 0 bytes long; a safetensors file starts with an 8-byte header");
    row("7 bytes", std::string(7, '\0'), "is 7 bytes long");
    row("only the length", lengthPrefix(2), "header length 2 does not fit the 8-byte file");
    row("header length larger than the file", lengthPrefix(valid.size() + 17) + valid,
        "does not fit");
    row("header length 2^64-1", lengthPrefix(std::numeric_limits<std::uint64_t>::max()) + "{}",
        "header length 18446744073709551615 does not fit the 10-byte file");
    row("header length 2^63", lengthPrefix(std::uint64_t{1} << 63) + "{}", "does not fit");
    row("header length 0", lengthPrefix(0) + "{}", "not valid JSON");
    row("header length one short", lengthPrefix(valid.size() - 1) + valid + std::string(16, 'x'),
        "not valid JSON");
    row("truncated data", fileBytes(valid, std::string(15, 'x')),
        "occupies bytes [0, 16) but its dtype and shape need 16 of the 15 data bytes "
        "(truncated or corrupt file?)");
    row("no data at all", fileBytes(valid), "occupies bytes [0, 16) but");
    row("data past the last tensor", fileBytes(valid, std::string(17, 'x')),
        "the tensors cover 16 of 17 data bytes");
    row("not safetensors at all", "PK\x03\x04 this is a zip file, not a checkpoint",
        "does not fit");
  }

  void fileErrorsSayWhatIsWrong() {
    QFETCH(QByteArray, content);
    QFETCH(QString, fragment);
    test::TempFolder folder;
    const auto path = test::writeFile(folder / "bad.safetensors", content.toStdString());
    try {
      SafetensorsFile file(path);
      QFAIL("a malformed file opened");
    } catch (const InputError& error) {
      QCOMPARE(error.file(), path.string());
      QVERIFY2(contains(error.message(), fragment.toStdString()),
               qPrintable(QString::fromStdString("\"" + error.message() + "\" lacks \"" +
                                                 fragment.toStdString() + "\"")));
    }
  }

  void headerLengthOverOneHundredMegabytesIsRefused() {
    // A sparse file big enough to hold the header it announces: only the 100 MB limit refuses it.
    test::TempFolder folder;
    const std::uint64_t headerBytes = (100ULL << 20) + 1;
    const auto path = test::writeFile(folder / "big.safetensors", lengthPrefix(headerBytes) + "{");
    std::filesystem::resize_file(path, 8 + headerBytes + 64);
    const std::string message = inputErrorOf([&] { SafetensorsFile file(path); });
    QVERIFY2(contains(message, "header length 104857601 is over the 104857600-byte limit"),
             message.c_str());
  }

  void missingFileIsAnIoErrorAndAFolderAnInputError() {
    test::TempFolder folder;
    const auto missing = folder / "missing.safetensors";
    try {
      SafetensorsFile file(missing);
      QFAIL("a missing file opened");
    } catch (const IoError& error) {
      QVERIFY2(contains(error.what(), missing.string()), error.what());
      QVERIFY2(contains(error.what(), "cannot open for reading"), error.what());
    }
    // A folder where a file should be is the user's mistake, named as such.
    const auto dir = folder / "model.safetensors";
    test::writeFile(dir / "a-long-file-name-for-the-folder-size", "x");
    try {
      SafetensorsFile file(dir);
      QFAIL("a folder opened");
    } catch (const InputError& error) {
      QVERIFY2(contains(error.what(), dir.string()), error.what());
      QVERIFY2(contains(error.what(), "is not a file"), error.what());
    }
  }

  // ---- checkpoints --------------------------------------------------------------------------

  void checkpointReadsModelSafetensors() {
    test::TempFolder folder;
    writeF32Tensors(folder / "model.safetensors", {"encoder.b", "encoder.a", "pooler"}, 1.f);
    const Checkpoint checkpoint(folder.path());
    const auto tensors = checkpoint.tensors();
    QCOMPARE(tensors.size(), std::size_t{3});
    QCOMPARE(tensors[0]->name, std::string("encoder.a"));
    QCOMPARE(tensors[2]->name, std::string("pooler"));
    const TensorInfo* b = checkpoint.find("encoder.b");
    QVERIFY(b != nullptr);
    QCOMPARE(firstFloat(checkpoint.data(*b)), 1.f);  // writeF32Tensors numbers in given order
    QCOMPARE(firstFloat(checkpoint.data(*checkpoint.find("encoder.a"))), 2.f);
    QCOMPARE(firstFloat(checkpoint.data(*checkpoint.find("pooler"))), 3.f);
    QCOMPARE(checkpoint.fileOf(*b), folder / "model.safetensors");
    QVERIFY(checkpoint.find("missing") == nullptr);
  }

  void checkpointReadsShardsOfAnIndex() {
    test::TempFolder folder;
    writeF32Tensors(folder / "model-00001-of-00002.safetensors", {"a", "b"}, 1.f);
    writeF32Tensors(folder / "model-00002-of-00002.safetensors", {"c", "d", "e"}, 10.f);
    test::writeFile(folder / "model.safetensors.index.json",
                    R"({"metadata": {"total_size": 40}, "weight_map": {
                      "a": "model-00001-of-00002.safetensors",
                      "b": "model-00001-of-00002.safetensors",
                      "c": "model-00002-of-00002.safetensors",
                      "d": "model-00002-of-00002.safetensors",
                      "e": "model-00002-of-00002.safetensors"}})");
    const Checkpoint checkpoint(folder.path());
    QCOMPARE(checkpoint.tensors().size(), std::size_t{5});
    for (const char* name : {"a", "b"}) {
      QCOMPARE(checkpoint.fileOf(*checkpoint.find(name)),
               folder / "model-00001-of-00002.safetensors");
    }
    for (const char* name : {"c", "d", "e"}) {
      QCOMPARE(checkpoint.fileOf(*checkpoint.find(name)),
               folder / "model-00002-of-00002.safetensors");
    }
    QCOMPARE(firstFloat(checkpoint.data(*checkpoint.find("b"))), 2.f);
    QCOMPARE(firstFloat(checkpoint.data(*checkpoint.find("c"))), 10.f);
    QCOMPARE(firstFloat(checkpoint.data(*checkpoint.find("e"))), 12.f);
  }

  void checkpointPrefersModelSafetensorsOverAnIndex() {
    test::TempFolder folder;
    writeF32Tensors(folder / "model.safetensors", {"single"}, 1.f);
    test::writeFile(folder / "model.safetensors.index.json", "not even JSON");
    const Checkpoint checkpoint(folder.path());
    QCOMPARE(checkpoint.tensors().size(), std::size_t{1});
    QVERIFY(checkpoint.find("single") != nullptr);
  }

  void checkpointErrorsSayWhatIsWrong_data() {
    QTest::addColumn<QString>("index");
    QTest::addColumn<QString>("file");  // the file (or folder) the error names
    QTest::addColumn<QString>("fragment");
    const QString index = "model.safetensors.index.json";
    QTest::newRow("index names a missing shard")
        << R"({"weight_map": {"a": "one.safetensors", "x": "gone.safetensors"}})"
        << "gone.safetensors"
        << "is listed in model.safetensors.index.json but missing";
    QTest::newRow("index lists a tensor no shard holds")
        << R"({"weight_map": {"a": "one.safetensors", "ghost": "two.safetensors"}})" << index
        << "lists ghost in two.safetensors, which does not hold it";
    QTest::newRow("shard outside the folder")
        << R"({"weight_map": {"a": "../outside.safetensors"}})" << index
        << "names a shard outside the folder: ../outside.safetensors";
    QTest::newRow("shard in a subfolder") << R"({"weight_map": {"a": "sub/one.safetensors"}})"
                                          << index << "names a shard outside the folder";
    QTest::newRow("absolute shard path")
        << R"({"weight_map": {"a": "/etc/passwd"}})" << index << "names a shard outside the folder";
    QTest::newRow("tensor repeated across shards")
        << R"({"weight_map": {"a": "one.safetensors", "shared": "three.safetensors"}})"
        << "three.safetensors"
        << "repeats tensor shared";
    QTest::newRow("index not JSON") << "{\"weight_map\": " << index << "has no valid weight_map";
    QTest::newRow("index without weight_map")
        << R"({"metadata": {}})" << index << "has no valid weight_map";
    QTest::newRow("index is an array")
        << R"([{"weight_map": {}}])" << index << "has no valid weight_map";
    QTest::newRow("weight_map value not a name")
        << R"({"weight_map": {"a": 1}})" << index << "weight_map values must be file names";
  }

  void checkpointErrorsSayWhatIsWrong() {
    QFETCH(QString, index);
    QFETCH(QString, file);
    QFETCH(QString, fragment);
    test::TempFolder root;
    const auto folder = root / "model";
    writeF32Tensors(folder / "one.safetensors", {"a", "b", "shared"}, 1.f);
    writeF32Tensors(folder / "two.safetensors", {"c"}, 10.f);
    writeF32Tensors(folder / "three.safetensors", {"shared"}, 20.f);
    writeF32Tensors(root / "outside.safetensors", {"a"}, 1.f);  // exists: must still be refused
    writeF32Tensors(folder / "sub" / "one.safetensors", {"a"}, 1.f);
    test::writeFile(folder / "model.safetensors.index.json", index.toStdString());
    try {
      Checkpoint checkpoint(folder);
      QFAIL("an invalid checkpoint opened");
    } catch (const InputError& error) {
      QCOMPARE(error.file(), (folder / file.toStdString()).string());
      QVERIFY2(contains(error.message(), fragment.toStdString()), error.what());
    }
  }

  void checkpointRefusesAnIndexNamingTheWrongShard() {
    // "b" is in one.safetensors, the index says two.safetensors: the index is inconsistent (a
    // loader that trusts it, as transformers does, fails) and should be refused.
    test::TempFolder folder;
    writeF32Tensors(folder / "one.safetensors", {"a", "b"}, 1.f);
    writeF32Tensors(folder / "two.safetensors", {"c"}, 10.f);
    test::writeFile(folder / "model.safetensors.index.json",
                    R"({"weight_map": {"a": "one.safetensors", "b": "two.safetensors",
                                       "c": "two.safetensors"}})");
    const std::string message = inputErrorOf([&] { Checkpoint checkpoint(folder.path()); });
    QVERIFY2(contains(message, "lists b in two.safetensors, which does not hold it"),
             message.c_str());
  }

  void checkpointWithACorruptShardNamesTheShard() {
    test::TempFolder folder;
    writeF32Tensors(folder / "one.safetensors", {"a"}, 1.f);
    const auto bad = test::writeFile(folder / "two.safetensors", fileBytes("{\"c\":1}"));
    test::writeFile(folder / "model.safetensors.index.json",
                    R"({"weight_map": {"a": "one.safetensors", "c": "two.safetensors"}})");
    try {
      Checkpoint checkpoint(folder.path());
      QFAIL("a checkpoint with a corrupt shard opened");
    } catch (const InputError& error) {
      QCOMPARE(error.file(), bad.string());
      QVERIFY2(contains(error.message(), "lacks dtype, shape or data_offsets"), error.what());
    }
  }

  void checkpointWithABrokenPytorchModelBinNamesTheFile() {
    test::TempFolder folder;
    const auto bin = test::writeFile(folder / "pytorch_model.bin", "PK\x03\x04 pickle");
    try {
      Checkpoint checkpoint(folder.path());
      QFAIL("a broken pytorch_model.bin opened");
    } catch (const InputError& error) {
      QCOMPARE(error.file(), bin.string());
      QVERIFY2(contains(error.message(), "is not a readable PyTorch checkpoint"), error.what());
    }
  }

  void checkpointOfALegacyPytorchModelBinSaysWhatToDo() {
    test::TempFolder folder;
    const auto bin = test::writeFile(folder / "pytorch_model.bin", "\x80\x02\x8a\x0alegacy");
    try {
      Checkpoint checkpoint(folder.path());
      QFAIL("a legacy pytorch_model.bin opened");
    } catch (const InputError& error) {
      QCOMPARE(error.file(), bin.string());
      QVERIFY2(contains(error.message(), "legacy checkpoint format"), error.what());
    }
  }

  void checkpointOfAnEmptyOrMissingFolderIsAnError() {
    test::TempFolder folder;
    for (const auto& path : {folder.path(), folder / "does-not-exist"}) {
      try {
        Checkpoint checkpoint(path);
        QFAIL("an empty folder opened");
      } catch (const InputError& error) {
        QCOMPARE(error.file(), path.string());
        QVERIFY2(
            contains(error.message(), "has no model weights (model.safetensors, pytorch_model.bin"),
            error.what());
      }
    }
    // A folder named model.safetensors is no model.safetensors either.
    std::filesystem::create_directories(folder / "x" / "model.safetensors");
    const std::string message = inputErrorOf([&] { Checkpoint checkpoint(folder / "x"); });
    QVERIFY2(contains(message, "has no model weights"), message.c_str());
  }

  // ---- fuzzing and the corpus ---------------------------------------------------------------

  void fuzzInvariantCheckCatchesInvalidHeaders() {
    // The fuzz test relies on invariantViolation to notice a header the parser should not have
    // accepted: check that it does.
    const auto tensor = [](const char* name, DType dtype, std::vector<std::int64_t> shape,
                           std::uint64_t begin, std::uint64_t end) {
      TensorInfo info;
      info.name = name;
      info.dtype = dtype;
      info.shape = std::move(shape);
      info.begin = begin;
      info.end = end;
      return info;
    };
    const auto violation = [](std::vector<TensorInfo> tensors, std::uint64_t dataBytes) {
      return invariantViolation(SafetensorsHeader{std::move(tensors), {}}, dataBytes);
    };
    QCOMPARE(violation({tensor("a", DType::F32, {2}, 0, 8), tensor("b", DType::U8, {0}, 8, 8)}, 8),
             std::string());
    QVERIFY(!violation({tensor("a", DType::F32, {2}, 0, 8)}, 16).empty());     // not covered
    QVERIFY(!violation({tensor("a", DType::F32, {2}, 4, 12)}, 12).empty());    // gap
    QVERIFY(!violation({tensor("a", DType::F32, {3}, 0, 8)}, 8).empty());      // wrong size
    QVERIFY(!violation({tensor("a", DType::F16, {4}, 0, 8)}, 4).empty());      // past the end
    QVERIFY(!violation({tensor("a", DType::U8, {-1, -1}, 0, 1)}, 1).empty());  // negative
    QVERIFY(!violation({tensor("a", DType::U8, {2}, 0, 2), tensor("a", DType::U8, {2}, 2, 4)}, 4)
                 .empty());  // repeated name
    QVERIFY(!violation({tensor("a", DType::F32, {std::int64_t{1} << 62}, 0, 0)}, 0).empty());
    QVERIFY(!violation({tensor("__metadata__", DType::U8, {1}, 0, 1)}, 1).empty());
  }

  void fuzzedHeadersAreAcceptedOnlyWhenValid() {
    test::TempFolder folder;
    // Seeds: files the writer makes and hand-made headers with zero-size tensors, metadata and
    // JSON order unlike data order.
    std::vector<FuzzSample> seeds;
    const std::string floats = bytesOf<float>({1.f, 2.f, 3.f, 4.f, 5.f, 6.f});
    const std::string longs = bytesOf<std::int64_t>({1, -2, 3});
    const std::string halfs = bytesOf<std::uint16_t>({1, 2, 3, 4});
    const std::string scalar = bytesOf<double>({0.5});
    const std::string flags = bytesOf<std::uint8_t>({1, 0, 1});
    const std::vector<std::vector<TensorData>> written = {
        {{"embeddings.word_embeddings.weight", DType::F32, {2, 3}, floats}},
        {{"w", DType::F32, {6}, floats},
         {"ids", DType::I64, {3}, longs},
         {"h", DType::BF16, {2, 2}, halfs},
         {"empty", DType::F16, {0, 4}, ""},
         {"s", DType::F64, {}, scalar}},
        {{"a", DType::Bool, {3}, flags}, {"b", DType::F16, {1, 4, 1}, halfs}},
    };
    for (std::size_t i = 0; i < written.size(); ++i) {
      const auto path = folder / ("seed" + std::to_string(i) + ".safetensors");
      writeSafetensors(path, written[i], {{"seed", std::to_string(i)}});
      const std::string raw = test::readFile(path);
      const std::uint64_t headerBytes = readLength(raw);
      seeds.push_back({raw.substr(8, headerBytes), raw.substr(8 + headerBytes)});
    }
    seeds.push_back({"{}", ""});
    seeds.push_back({"{\"__metadata__\":{\"format\":\"pt\",\"k\":\"\"}}", ""});
    seeds.push_back({"{" + entry("b", "I32", "[2]", 4, 12) + "," +
                         entry("z", "F16", "[0]", 12, 12) + "," + entry("a", "U8", "[2,2]", 0, 4) +
                         ",\"__metadata__\":{\"x\":\"y\"}}",
                     std::string(12, '\x7F')});
    for (const FuzzSample& seed : seeds) {
      const SafetensorsHeader header = parseSafetensorsHeader(seed.json, seed.data.size(), "seed");
      QCOMPARE(invariantViolation(header, seed.data.size()), std::string());
    }

    std::mt19937_64 random(20261130);
    const int iterations = 20000;
    const auto target = folder / "fuzz.safetensors";
    int accepted = 0, rejected = 0, filesOpened = 0, filesRejected = 0;
    for (int iteration = 0; iteration < iterations; ++iteration) {
      FuzzSample sample = seeds[random() % seeds.size()];
      std::uint64_t dataBytes = sample.data.size();
      const int mutations = 1 + static_cast<int>(random() % 3);
      for (int m = 0; m < mutations; ++m)
        mutate(sample, dataBytes, random);
      const auto context = [&](const std::string& problem) {
        return QString::fromStdString("iteration " + std::to_string(iteration) + ": " + problem +
                                      "\n  header: " + printable(sample.json) +
                                      "\n  data bytes: " + std::to_string(dataBytes));
      };

      std::string problem;
      try {
        const SafetensorsHeader header = parseSafetensorsHeader(sample.json, dataBytes, "fuzz");
        problem = invariantViolation(header, dataBytes);
        if (!problem.empty()) problem = "accepted an invalid header: " + problem;
        ++accepted;
      } catch (const InputError& error) {
        if (!contains(error.message(), "corrupt safetensors header: "))
          problem = std::string("unexpected message: ") + error.what();
        ++rejected;
      } catch (const Error& error) {
        problem = std::string("threw ") + typeid(error).name() + ": " + error.what();
      } catch (const std::exception& error) {
        problem = std::string("threw a non-EmbedLab ") + typeid(error).name() + ": " + error.what();
      } catch (...) {
        problem = "threw a non-std exception";
      }
      if (!problem.empty()) QFAIL(qPrintable(context(problem)));

      if (iteration % 50 != 0) continue;
      // The whole file, with the data resized to match and now and then a wrong length prefix.
      std::string data = sample.data;
      if (dataBytes <= (1u << 16)) data.resize(dataBytes, '\x5A');
      std::uint64_t length = sample.json.size();
      switch (random() % 8) {
        case 0: length = random(); break;
        case 1: length = sample.json.size() + random() % 17 - 8; break;
        case 2: length = random() % 2 == 0 ? 0 : std::numeric_limits<std::uint64_t>::max(); break;
        default: break;
      }
      std::string content = lengthPrefix(length) + sample.json + data;
      if (random() % 8 == 0) content.resize(random() % (content.size() + 1));  // truncate
      test::writeFile(target, content);
      try {
        const SafetensorsFile file(target);
        const std::uint64_t dataStart = 8 + readLength(content);
        problem = invariantViolation(SafetensorsHeader{file.tensors(), file.metadata()},
                                     content.size() - dataStart);
        for (const TensorInfo& tensor : file.tensors()) {
          if (file.data(tensor) !=
              file.data(file.tensors().front()) + (tensor.begin - file.tensors().front().begin))
            problem = "tensor data is not where its range says";
          // Reads every byte of the tensor (an out-of-range one shows under ASan).
          if (std::memcmp(file.data(tensor), content.data() + dataStart + tensor.begin,
                          tensor.end - tensor.begin) != 0)
            problem = "tensor data does not match the file";
        }
        if (!problem.empty()) problem = "opened an invalid file: " + problem;
        ++filesOpened;
      } catch (const InputError&) {
        ++filesRejected;
      } catch (const IoError&) {
        ++filesRejected;
      } catch (const Error& error) {
        problem = std::string("file: threw ") + typeid(error).name() + ": " + error.what();
      } catch (const std::exception& error) {
        problem =
            std::string("file: threw a non-EmbedLab ") + typeid(error).name() + ": " + error.what();
      } catch (...) {
        problem = "file: threw a non-std exception";
      }
      if (!problem.empty())
        QFAIL(qPrintable(context(problem + " (length prefix " + std::to_string(length) + ")")));
    }
    qInfo("%d mutated headers: %d accepted, %d rejected; %d files: %d opened, %d rejected",
          iterations, accepted, rejected, filesOpened + filesRejected, filesOpened, filesRejected);
    QCOMPARE(accepted + rejected, iterations);
    // Both outcomes are exercised: the mutations neither always break nor never break a header.
    QVERIFY(accepted > iterations / 50);
    QVERIFY(rejected > iterations / 2);
    QVERIFY(filesOpened > 0);
    QVERIFY(filesRejected > 0);
  }

  void corpusFilesAreRejectedWithoutCrashing() {
    std::vector<std::filesystem::path> files;
    for (const auto& item : std::filesystem::directory_iterator(corpusFolder())) {
      if (item.path().extension() == ".safetensors") files.push_back(item.path());
    }
    std::sort(files.begin(), files.end());
    QVERIFY2(files.size() >= 12, qPrintable(QString::fromStdString(corpusFolder().string())));
    std::string failures;
    for (const auto& file : files) {
      const std::string outcome = test::outcomeInChild([&] { SafetensorsFile opened(file); });
      if (outcome != "InputError") failures += "\n  " + file.filename().string() + ": " + outcome;
      // In process too, for the message (the child showed that this cannot crash).
      if (outcome == "InputError") {
        const std::string message = inputErrorOf([&] { SafetensorsFile opened(file); });
        if (message.empty() || message == "<no error>")
          failures += "\n  " + file.filename().string() + ": no message";
      }
    }
    QVERIFY2(failures.empty(),
             qPrintable(QString::fromStdString("expected InputError:" + failures)));
  }

  void corpusReadmeListsEveryFile() {
    const std::string readme = test::readFile(corpusFolder() / "README.md");
    QVERIFY(!readme.empty());
    for (const auto& item : std::filesystem::directory_iterator(corpusFolder())) {
      if (item.path().extension() != ".safetensors") continue;
      QVERIFY2(contains(readme, "`" + item.path().filename().string() + "`"),
               qPrintable(QString::fromStdString(item.path().filename().string())));
    }
  }
};

QTEST_GUILESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
