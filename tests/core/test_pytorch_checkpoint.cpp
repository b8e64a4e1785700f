// core/model pytorch_model.bin: the restricted unpickler (state_dict_pickle.h) on hand-made
// pickles and on every error it reports, a deterministic fuzz of it seeded with the pickles
// PyTorch wrote, and PytorchCheckpointFile/Checkpoint on the fixtures of
// tests/data/pytorch-checkpoints (made by Debian's python3-torch with make_fixtures.py): fp32,
// fp16 and bf16 checkpoints encode exactly like their safetensors twins, shards load, a shared
// (tied) and a transposed storage read right, and a pickle that calls os.system is refused.
#include <caffe2/serialize/inline_container.h>
#include <QtTest/QtTest>

#include <chrono>
#include <random>
#include <typeinfo>

#include "core/common/error.h"
#include "core/model/checkpoint.h"
#include "core/model/embedding_model.h"
#include "core/model/pytorch_checkpoint.h"
#include "core/model/state_dict_pickle.h"
#include "tests/support/files.h"

using namespace embedlab;
using namespace embedlab::model;

namespace {

std::filesystem::path fixture(const std::string& name) {
  return std::filesystem::path(EMBEDLAB_SOURCE_DIR) / "tests" / "data" / "pytorch-checkpoints" /
         name;
}

const std::vector<std::string> kTexts = {"the cat sat on the mat", "a dog ran", "hello world",
                                         "big red car and small blue house", "cats"};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string unicode(const std::string& text) {  // BINUNICODE
  std::string result = "X";
  for (int i = 0; i < 4; ++i)
    result += static_cast<char>((text.size() >> (8 * i)) & 0xFF);
  return result + text;
}

std::string int1(int value) {  // BININT1
  return std::string("K") + static_cast<char>(value);
}

const std::string kSizeAndStride = int1(2) + int1(3) + "\x86" + int1(3) + int1(1) + "\x86";

/// One entry of a pickled state dict as torch.save writes it: `name` is a view (offset, size,
/// stride) of storage "0" of `elements` values of `storageType`.
std::string tensorEntry(const std::string& name, int elements, int offset,
                        const std::string& sizeAndStride = kSizeAndStride,
                        const std::string& storageType = "FloatStorage") {
  return unicode(name) + "ctorch._utils\n_rebuild_tensor_v2\n((" + unicode("storage") + "ctorch\n" +
         storageType + "\n" + unicode("0") + unicode("cpu") + int1(elements) + "tQ" + int1(offset) +
         sizeAndStride + "\x89}tR";
}

/// A protocol-2 pickle of an OrderedDict of `entries`.
std::string stateDictPickle(const std::string& entries) {
  return "\x80\x02"
         "ccollections\nOrderedDict\n)R(" +
         entries + "u.";
}

std::string statePickle(const std::string& name, int elements, int offset) {
  return stateDictPickle(tensorEntry(name, elements, offset));
}

std::string refusal(const std::string& pickle) {
  try {
    readStateDictPickle(pickle, "test.bin");
  } catch (const InputError& error) {
    return error.message();
  }
  return "accepted";
}

std::string readRecord(const std::filesystem::path& file, const std::string& record) {
  caffe2::serialize::PyTorchStreamReader archive(file.string());
  auto [data, bytes] = archive.getRecord(record);
  return std::string(static_cast<const char*>(data.get()), bytes);
}

std::vector<float> encode(const std::filesystem::path& folder) {
  return EmbeddingModel::load(folder).encode(kTexts);
}

// Why an accepted state dict breaks readStateDictPickle's promises ("" when it keeps them).
std::string invariantViolation(const std::vector<PickledTensor>& tensors) {
  for (const PickledTensor& tensor : tensors) {
    if (tensor.shape.size() != tensor.stride.size()) return tensor.name + ": size/stride ranks";
    std::uint64_t last = tensor.storageOffset;
    bool empty = false;
    for (std::size_t d = 0; d < tensor.shape.size(); ++d) {
      if (tensor.shape[d] < 0 || tensor.stride[d] < 0) return tensor.name + ": negative";
      if (tensor.shape[d] == 0)
        empty = true;
      else
        last += static_cast<std::uint64_t>((tensor.shape[d] - 1) * tensor.stride[d]);
    }
    if (!empty && last >= tensor.storageElements) return tensor.name + ": outside its storage";
  }
  return {};
}

// One random change of a pickle: flip, overwrite, insert an opcode or a byte, delete, truncate,
// or splice in a piece of another seed.
void mutate(std::string& pickle, const std::vector<std::string>& seeds, std::mt19937_64& random) {
  static const char kOpcodes[] = "(}])Nt\x85\x86\x87KMJ\x8aGX\x8c\x8d\x93qr\x94hjQRbsuae.\x80\x95";
  const auto position = [&] { return pickle.empty() ? 0 : random() % (pickle.size() + 1); };
  switch (random() % 7) {
    case 0:
      if (!pickle.empty())
        pickle[random() % pickle.size()] ^= static_cast<char>(1u << (random() % 8));
      break;
    case 1:
      if (!pickle.empty()) pickle[random() % pickle.size()] = static_cast<char>(random() % 256);
      break;
    case 2: pickle.insert(position(), 1, kOpcodes[random() % (sizeof kOpcodes - 1)]); break;
    case 3: pickle.insert(position(), 1, static_cast<char>(random() % 256)); break;
    case 4:
      if (!pickle.empty()) pickle.erase(random() % pickle.size(), 1 + random() % 8);
      break;
    case 5: pickle.resize(position()); break;
    default: {
      const std::string& other = seeds[random() % seeds.size()];
      const std::size_t from = random() % (other.size() + 1);
      pickle.insert(position(), other.substr(from, random() % 40));
    }
  }
}

}  // namespace

class TestPytorchCheckpoint : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // ---- the unpickler ----------------------------------------------------------------------

  void readsATensorView() {
    const auto tensors = readStateDictPickle(statePickle("w", 8, 2), "test.bin");
    QCOMPARE(tensors.size(), std::size_t{1});
    QCOMPARE(tensors[0].name, std::string("w"));
    QCOMPARE(tensors[0].storageKey, std::string("0"));
    QCOMPARE(tensors[0].dtype, DType::F32);
    QCOMPARE(tensors[0].storageElements, std::uint64_t{8});
    QCOMPARE(tensors[0].storageOffset, std::uint64_t{2});
    QCOMPARE(tensors[0].shape, (std::vector<std::int64_t>{2, 3}));
    QCOMPARE(tensors[0].stride, (std::vector<std::int64_t>{3, 1}));
    const std::string bf16 =
        tensorEntry("h", 8, 0, int1(8) + "\x85" + int1(1) + "\x85", "BFloat16Storage");
    QCOMPARE(readStateDictPickle(stateDictPickle(bf16), "test.bin")[0].dtype, DType::BF16);
  }

  void readsProtocolFourOpcodes() {
    // FRAME, SHORT_BINUNICODE, MEMOIZE, STACK_GLOBAL, BINGET, LONG1 and a parameter.
    const std::string text = [] {
      std::string p = "\x80\x04\x95" + std::string(8, '\0');
      const auto shortText = [](const std::string& s) {
        return "\x8c" + std::string(1, static_cast<char>(s.size())) + s;
      };
      p += shortText("collections") + shortText("OrderedDict") + "\x93\x94)R\x94(";
      p += shortText("p") + shortText("torch._utils") + shortText("_rebuild_parameter") + "\x93";
      p += shortText("torch._utils") + shortText("_rebuild_tensor_v2") + "\x93((";
      p += shortText("storage") + shortText("torch") + shortText("HalfStorage") + "\x93";
      p += shortText("k") + shortText("cpu") + std::string("\x8a\x02\x00\x01tQ", 6);  // LONG1 256
      p +=
          int1(0) + "\x8a\x01\x10\x85" + int1(1) + std::string("\x85\x89h\x00)RtR\x88}\x87Ru.", 14);
      return p;
    }();
    const auto tensors = readStateDictPickle(text, "test.bin");
    QCOMPARE(tensors.size(), std::size_t{1});
    QCOMPARE(tensors[0].dtype, DType::F16);
    QCOMPARE(tensors[0].storageElements, std::uint64_t{256});
    QCOMPARE(tensors[0].shape, std::vector<std::int64_t>{16});
  }

  void refusesForeignGlobals() {
    QVERIFY(contains(refusal("\x80\x02"
                             "cos\nsystem\n" +
                             unicode("echo") + "\x85R."),
                     "refuses the global os.system"));
    const std::string stackGlobal = "\x80\x04" + unicode("builtins") + unicode("eval") + "\x93.";
    QVERIFY(contains(refusal(stackGlobal), "refuses the global builtins.eval"));
    // A global the unpickler knows, called as it is not meant to be.
    QVERIFY(contains(refusal("\x80\x02"
                             "ctorch\nFloatStorage\n)R."),
                     "not a function"));
  }

  void reportsMalformedPickles() {
    QVERIFY(contains(refusal(statePickle("w", 6, 1)), "reaching element 6 of a storage of 6"));
    QVERIFY(
        contains(refusal("\x80\x02}" + unicode("a") + int1(1) + "s."), "holds an int under \"a\""));
    QVERIFY(contains(refusal("\x80\x02h\x05."), "memo entry 5, which was never put"));
    QVERIFY(contains(refusal("\x80\x02i."), "has opcode 0x69"));
    QVERIFY(contains(refusal("\x80\x02}0."), "has opcode 0x30"));
    QVERIFY(contains(refusal("\x80\x02)."), "the pickled object is a tuple, expected a dict"));
    QVERIFY(contains(refusal("\x80\x02s."), "pops from an empty stack"));
    // One storage read by two tensors (tied weights), and read as two dtypes.
    const std::string a = tensorEntry("a", 6, 0);
    QCOMPARE(readStateDictPickle(stateDictPickle(a + tensorEntry("b", 6, 0)), "t").size(),
             std::size_t{2});
    const std::string asInts = tensorEntry("b", 6, 0, kSizeAndStride, "IntStorage");
    QVERIFY(contains(refusal(stateDictPickle(a + asInts)), "reads storage 0 with two dtypes"));
  }

  void everyTruncationIsAnError() {
    const std::string pickle = statePickle("w", 6, 0);
    for (std::size_t length = 0; length < pickle.size(); ++length) {
      const std::string message = refusal(pickle.substr(0, length));
      QVERIFY2(message != "accepted", qPrintable(QString::number(length)));
    }
  }

  void fuzzedPicklesAreAcceptedOnlyWhenValid() {
    std::vector<std::string> seeds = {statePickle("w", 8, 2), statePickle("x", 6, 0)};
    for (const char* folder : {"fp32", "bf16", "dense", "foreign-global"})
      seeds.push_back(readRecord(fixture(folder) / "pytorch_model.bin", "data.pkl"));
    seeds.push_back(
        readRecord(fixture("sharded") / "pytorch_model-00001-of-00002.bin", "data.pkl"));
    std::mt19937_64 random(20261203);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    int accepted = 0, rejected = 0, iteration = 0;
    for (; iteration < 200000 && std::chrono::steady_clock::now() < deadline; ++iteration) {
      std::string sample = seeds[random() % seeds.size()];
      const int mutations = 1 + static_cast<int>(random() % 4);
      for (int m = 0; m < mutations; ++m)
        mutate(sample, seeds, random);
      std::string problem;
      try {
        problem = invariantViolation(readStateDictPickle(sample, "fuzz.bin"));
        ++accepted;
      } catch (const InputError& error) {
        if (!contains(error.message(), "data.pkl, byte "))
          problem = std::string("unexpected message: ") + error.what();
        ++rejected;
      } catch (const std::exception& error) {
        problem = std::string("threw ") + typeid(error).name() + ": " + error.what();
      }
      if (!problem.empty()) {
        QFAIL(qPrintable(QString("iteration %1: %2\n  pickle (hex): %3")
                             .arg(iteration)
                             .arg(QString::fromStdString(problem))
                             .arg(QByteArray::fromStdString(sample).toHex())));
      }
    }
    qInfo("%d fuzzed pickles: %d accepted, %d rejected", iteration, accepted, rejected);
    QVERIFY(iteration >= 1000);
    QVERIFY(accepted > 0);
    QVERIFY(rejected > 0);
  }

  // ---- checkpoint files ---------------------------------------------------------------------

  void eachDtypeEncodesExactlyLikeItsSafetensorsTwin() {
    for (const std::string dtype : {"fp32", "fp16", "bf16"}) {
      const std::vector<float> fromPickle = encode(fixture(dtype));
      const std::vector<float> fromSafetensors = encode(fixture(dtype + "-safetensors"));
      QCOMPARE(fromPickle.size(), kTexts.size() * 16);
      QVERIFY2(fromPickle == fromSafetensors, dtype.c_str());
    }
    // The three dtypes are different checkpoints, so the comparison above could fail.
    QVERIFY(encode(fixture("fp16")) != encode(fixture("fp32")));
  }

  void shardedCheckpointLoads() {
    QVERIFY(encode(fixture("sharded")) == encode(fixture("fp32-safetensors")));
  }

  void sharedAndTransposedStoragesReadRight() {
    const Checkpoint pickled(fixture("fp32"));
    const Checkpoint twin(fixture("fp32-safetensors"));
    const auto bytesOf = [](const Checkpoint& checkpoint, const std::string& name) {
      const TensorInfo* tensor = checkpoint.find(name);
      if (tensor == nullptr) return std::string("missing");
      return std::string(reinterpret_cast<const char*>(checkpoint.data(*tensor)),
                         tensor->end - tensor->begin);
    };
    const std::string key = "encoder.layer.0.attention.self.key.weight";  // saved transposed
    QCOMPARE(bytesOf(pickled, key), bytesOf(twin, key));
    QCOMPARE(bytesOf(pickled, "cls.predictions.decoder.weight"),
             bytesOf(twin, "embeddings.word_embeddings.weight"));
    QCOMPARE(pickled.find(key)->dtype, DType::F32);
  }

  void aPickleThatCallsAFunctionIsRefused() {
    const auto bin = fixture("foreign-global") / "pytorch_model.bin";
    try {
      EmbeddingModel::load(fixture("foreign-global"));
      QFAIL("a checkpoint calling os.system loaded");
    } catch (const InputError& error) {
      QCOMPARE(error.file(), bin.string());
      QVERIFY2(contains(error.message(), "refuses the global posix.system"), error.what());
    }
  }

  void missingOrShortStorageRecordsAreErrors() {
    test::TempFolder folder;
    const auto write = [&](const std::string& name, const std::string& pickle,
                           const std::string& storage) {
      caffe2::serialize::PyTorchStreamWriter writer((folder / name).string());
      writer.writeRecord("data.pkl", pickle.data(), pickle.size());
      if (!storage.empty()) writer.writeRecord("data/0", storage.data(), storage.size());
      writer.writeEndOfFile();
      return folder / name;
    };
    const std::string floats(6 * sizeof(float), '\0');
    const auto good = write("good.bin", statePickle("w", 6, 0), floats);
    QCOMPARE(PytorchCheckpointFile(good).tensors().size(), std::size_t{1});
    for (const auto& [file, expected] :
         {std::pair{write("missing.bin", statePickle("w", 6, 0), ""),
                    std::string("has no record data/0")},
          std::pair{write("short.bin", statePickle("w", 6, 0), floats.substr(4)),
                    std::string("holds 20 bytes, data.pkl says 24")}}) {
      try {
        PytorchCheckpointFile checkpoint(file);
        QFAIL(qPrintable(QString::fromStdString(file.string()) + " opened"));
      } catch (const InputError& error) {
        QCOMPARE(error.file(), file.string());
        QVERIFY2(contains(error.message(), expected), error.what());
      }
    }
  }
};

QTEST_GUILESS_MAIN(TestPytorchCheckpoint)
#include "test_pytorch_checkpoint.moc"
