#include "core/model/state_dict_pickle.h"

#include <fmt/format.h>

#include <cstring>
#include <map>
#include <memory>
#include <optional>

#include "core/common/error.h"

namespace embedlab::model {

namespace {

// The globals a state dict needs. Everything else a pickle may name is refused.
enum class Global {
  OrderedDict,
  RebuildTensor,
  RebuildParameter,
  RebuildParameterWithState,
  Storage,
};

struct KnownGlobal {
  const char* module;
  const char* name;
  Global kind;
  DType storageType = DType::F32;  // for Global::Storage
};

constexpr KnownGlobal kGlobals[] = {
    {"collections", "OrderedDict", Global::OrderedDict},
    {"torch._utils", "_rebuild_tensor_v2", Global::RebuildTensor},
    {"torch._utils", "_rebuild_parameter", Global::RebuildParameter},
    {"torch._utils", "_rebuild_parameter_with_state", Global::RebuildParameterWithState},
    {"torch", "FloatStorage", Global::Storage, DType::F32},
    {"torch", "DoubleStorage", Global::Storage, DType::F64},
    {"torch", "HalfStorage", Global::Storage, DType::F16},
    {"torch", "BFloat16Storage", Global::Storage, DType::BF16},
    {"torch", "LongStorage", Global::Storage, DType::I64},
    {"torch", "IntStorage", Global::Storage, DType::I32},
    {"torch", "ShortStorage", Global::Storage, DType::I16},
    {"torch", "CharStorage", Global::Storage, DType::I8},
    {"torch", "ByteStorage", Global::Storage, DType::U8},
    {"torch", "BoolStorage", Global::Storage, DType::Bool},
};

// A value on the unpickler's stack. Values live in an arena and refer to each other by pointer,
// so neither cycles nor deep nesting can recurse when they are freed.
struct Value {
  enum class Kind { None, Bool, Int, Float, String, Tuple, List, Dict, Global, Storage, Tensor };
  Kind kind = Kind::None;
  std::int64_t integer = 0;                        // Bool, Int
  std::string text;                                // String
  std::vector<Value*> items;                       // Tuple, List
  std::vector<std::pair<Value*, Value*>> entries;  // Dict, in insertion order
  const KnownGlobal* global = nullptr;             // Global
  std::unique_ptr<PickledTensor> tensor;           // Storage (key, dtype, elements), Tensor
};

const char* kindName(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::None: return "None";
    case Value::Kind::Bool: return "a bool";
    case Value::Kind::Int: return "an int";
    case Value::Kind::Float: return "a float";
    case Value::Kind::String: return "a string";
    case Value::Kind::Tuple: return "a tuple";
    case Value::Kind::List: return "a list";
    case Value::Kind::Dict: return "a dict";
    case Value::Kind::Global: return "a global";
    case Value::Kind::Storage: return "a storage";
    case Value::Kind::Tensor: return "a tensor";
  }
  return "a value";
}

class Unpickler {
 public:
  Unpickler(std::string_view bytes, const std::string& file) : bytes_(bytes), file_(file) {}

  std::vector<PickledTensor> run() {
    while (true) {
      opcodeAt_ = position_;
      const auto opcode = static_cast<unsigned char>(take(1)[0]);
      if (opcode == '.') break;  // STOP
      execute(opcode);
    }
    if (stack_.size() != 1 || !marks_.empty())
      fail("ends with a malformed stack (not one state dict)");
    return stateDict(stack_.back());
  }

 private:
  [[noreturn]] void fail(const std::string& message) const {
    throw InputError(file_, fmt::format("data.pkl, byte {}: {}", opcodeAt_, message));
  }

  std::string_view take(std::size_t count) {
    if (count > bytes_.size() - position_) fail("ends in the middle of an opcode (truncated)");
    const std::string_view result = bytes_.substr(position_, count);
    position_ += count;
    return result;
  }

  std::uint64_t unsignedLittleEndian(std::size_t count) {
    const std::string_view raw = take(count);
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < count; ++i)
      value |= static_cast<std::uint64_t>(static_cast<unsigned char>(raw[i])) << (8 * i);
    return value;
  }

  Value* make(Value::Kind kind) {
    arena_.push_back(std::make_unique<Value>());
    arena_.back()->kind = kind;
    return arena_.back().get();
  }

  Value* makeInt(Value::Kind kind, std::int64_t value) {
    Value* result = make(kind);
    result->integer = value;
    return result;
  }

  void push(Value* value) { stack_.push_back(value); }

  Value* pop() {
    if (stack_.size() <= (marks_.empty() ? 0 : marks_.back())) fail("pops from an empty stack");
    Value* value = stack_.back();
    stack_.pop_back();
    return value;
  }

  Value* top() {
    if (stack_.size() <= (marks_.empty() ? 0 : marks_.back())) fail("reads an empty stack");
    return stack_.back();
  }

  // The values pushed since the last MARK, which is removed.
  std::vector<Value*> popToMark() {
    if (marks_.empty()) fail("has no MARK to pop to");
    const std::size_t mark = marks_.back();
    marks_.pop_back();
    std::vector<Value*> items(stack_.begin() + static_cast<std::ptrdiff_t>(mark), stack_.end());
    stack_.resize(mark);
    return items;
  }

  Value* tuple(std::vector<Value*> items) {
    Value* result = make(Value::Kind::Tuple);
    result->items = std::move(items);
    return result;
  }

  Value* expect(Value* value, Value::Kind kind, const char* what) {
    if (value->kind != kind)
      fail(fmt::format("{} is {}, expected {}", what, kindName(value->kind), kindName(kind)));
    return value;
  }

  void memoize(std::uint64_t index) {
    if (index > bytes_.size()) fail("puts a memo entry at an impossible index");
    memo_[index] = top();
  }

  void fetch(std::uint64_t index) {
    const auto found = memo_.find(index);
    if (found == memo_.end()) fail(fmt::format("reads memo entry {}, which was never put", index));
    push(found->second);
  }

  void pushString(std::uint64_t length) {
    Value* value = make(Value::Kind::String);
    value->text = std::string(take(static_cast<std::size_t>(length)));
    push(value);
  }

  void pushGlobal(const std::string& module, const std::string& name) {
    for (const KnownGlobal& known : kGlobals) {
      if (module == known.module && name == known.name) {
        Value* value = make(Value::Kind::Global);
        value->global = &known;
        push(value);
        return;
      }
    }
    fail(fmt::format(
        "refuses the global {}.{}: a pickle can run code, and EmbedLab reads only the globals "
        "that rebuild PyTorch tensors (convert the checkpoint to safetensors with code you trust)",
        module, name));
  }

  void execute(unsigned char opcode) {
    switch (opcode) {
      case 0x80:  // PROTO
        if (static_cast<unsigned char>(take(1)[0]) > 5) fail("has an unknown pickle protocol");
        return;
      case 0x95: take(8); return;  // FRAME: framing only
      case '(': marks_.push_back(stack_.size()); return;
      case '}': push(make(Value::Kind::Dict)); return;
      case ']': push(make(Value::Kind::List)); return;
      case ')': push(make(Value::Kind::Tuple)); return;
      case 'N': push(make(Value::Kind::None)); return;
      case 0x88: push(makeInt(Value::Kind::Bool, 1)); return;  // NEWTRUE
      case 0x89: push(makeInt(Value::Kind::Bool, 0)); return;  // NEWFALSE
      case 't': push(tuple(popToMark())); return;
      case 0x85: {  // TUPLE1
        Value* a = pop();
        push(tuple({a}));
        return;
      }
      case 0x86: {  // TUPLE2
        Value* b = pop();
        Value* a = pop();
        push(tuple({a, b}));
        return;
      }
      case 0x87: {  // TUPLE3
        Value* c = pop();
        Value* b = pop();
        Value* a = pop();
        push(tuple({a, b, c}));
        return;
      }
      case 'K':
        push(makeInt(Value::Kind::Int, static_cast<std::int64_t>(unsignedLittleEndian(1))));
        return;  // BININT1
      case 'M':
        push(makeInt(Value::Kind::Int, static_cast<std::int64_t>(unsignedLittleEndian(2))));
        return;  // BININT2
      case 'J':  // BININT: signed 32 bits
        push(makeInt(Value::Kind::Int, static_cast<std::int32_t>(unsignedLittleEndian(4))));
        return;
      case 0x8a: {  // LONG1: a little-endian two's-complement integer of N bytes
        const std::size_t length = static_cast<unsigned char>(take(1)[0]);
        if (length > 8) fail("has an integer wider than 64 bits");
        std::uint64_t value = length == 0 ? 0 : unsignedLittleEndian(length);
        if (length > 0 && length < 8 && (value >> (8 * length - 1)) != 0)
          value |= ~std::uint64_t{0} << (8 * length);  // sign-extend
        push(makeInt(Value::Kind::Int, static_cast<std::int64_t>(value)));
        return;
      }
      case 'G':  // BINFLOAT: big-endian double; its value is never needed
        take(8);
        push(make(Value::Kind::Float));
        return;
      case 'X': pushString(unsignedLittleEndian(4)); return;   // BINUNICODE
      case 0x8c: pushString(unsignedLittleEndian(1)); return;  // SHORT_BINUNICODE
      case 0x8d: pushString(unsignedLittleEndian(8)); return;  // BINUNICODE8
      case 'c': {                                              // GLOBAL "module\nname\n"
        const std::string module = line();
        const std::string name = line();
        pushGlobal(module, name);
        return;
      }
      case 0x93: {  // STACK_GLOBAL
        Value* name = expect(pop(), Value::Kind::String, "STACK_GLOBAL's name");
        Value* module = expect(pop(), Value::Kind::String, "STACK_GLOBAL's module");
        pushGlobal(module->text, name->text);
        return;
      }
      case 'q': memoize(unsignedLittleEndian(1)); return;  // BINPUT
      case 'r': memoize(unsignedLittleEndian(4)); return;  // LONG_BINPUT
      case 0x94: memoize(memo_.size()); return;            // MEMOIZE
      case 'h': fetch(unsignedLittleEndian(1)); return;    // BINGET
      case 'j': fetch(unsignedLittleEndian(4)); return;    // LONG_BINGET
      case 'Q': push(storage(pop())); return;              // BINPERSID
      case 'R': {                                          // REDUCE
        Value* arguments = expect(pop(), Value::Kind::Tuple, "REDUCE's arguments");
        Value* callable = expect(pop(), Value::Kind::Global, "REDUCE's callable");
        push(call(*callable->global, arguments->items));
        return;
      }
      case 'b': {  // BUILD: an OrderedDict's attributes (a state dict's _metadata); dropped
        pop();
        expect(top(), Value::Kind::Dict, "BUILD's object");
        return;
      }
      case 's': {  // SETITEM
        Value* value = pop();
        Value* key = pop();
        expect(top(), Value::Kind::Dict, "SETITEM's dict")->entries.emplace_back(key, value);
        return;
      }
      case 'u': {  // SETITEMS
        const std::vector<Value*> items = popToMark();
        if (items.size() % 2 != 0) fail("SETITEMS has a key without a value");
        Value* dict = expect(top(), Value::Kind::Dict, "SETITEMS's dict");
        for (std::size_t i = 0; i < items.size(); i += 2)
          dict->entries.emplace_back(items[i], items[i + 1]);
        return;
      }
      case 'a': {  // APPEND
        Value* value = pop();
        expect(top(), Value::Kind::List, "APPEND's list")->items.push_back(value);
        return;
      }
      case 'e': {  // APPENDS
        const std::vector<Value*> items = popToMark();
        Value* list = expect(top(), Value::Kind::List, "APPENDS's list");
        list->items.insert(list->items.end(), items.begin(), items.end());
        return;
      }
      default:
        fail(fmt::format("has opcode 0x{:02x}, which a PyTorch state dict does not use", opcode));
    }
  }

  std::string line() {
    const std::size_t end = bytes_.find('\n', position_);
    if (end == std::string_view::npos) fail("has a GLOBAL without its newline");
    std::string text(bytes_.substr(position_, end - position_));
    position_ = end + 1;
    return text;
  }

  std::uint64_t nonNegative(Value* value, const char* what) {
    expect(value, Value::Kind::Int, what);
    if (value->integer < 0) fail(fmt::format("{} is negative", what));
    return static_cast<std::uint64_t>(value->integer);
  }

  // BINPERSID's ('storage', torch.XStorage, key, location, elements).
  Value* storage(Value* id) {
    expect(id, Value::Kind::Tuple, "a persistent id");
    if (id->items.size() != 5 || id->items[0]->kind != Value::Kind::String ||
        id->items[0]->text != "storage") {
      fail("has a persistent id that is not ('storage', type, key, location, size)");
    }
    Value* type = expect(id->items[1], Value::Kind::Global, "the storage type");
    if (type->global->kind != Global::Storage) fail("names a storage type that is not one");
    Value* result = make(Value::Kind::Storage);
    result->tensor = std::make_unique<PickledTensor>();
    result->tensor->dtype = type->global->storageType;
    result->tensor->storageKey = expect(id->items[2], Value::Kind::String, "the storage key")->text;
    expect(id->items[3], Value::Kind::String, "the storage location");
    result->tensor->storageElements = nonNegative(id->items[4], "the storage size");
    const std::string& key = result->tensor->storageKey;
    if (key.empty() ||
        key.find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyz_") != std::string::npos) {
      fail("has a storage key that is not a plain record name");
    }
    return result;
  }

  std::vector<std::int64_t> integers(Value* value, const char* what) {
    expect(value, Value::Kind::Tuple, what);
    std::vector<std::int64_t> result;
    for (Value* item : value->items)
      result.push_back(static_cast<std::int64_t>(nonNegative(item, what)));
    return result;
  }

  Value* call(const KnownGlobal& global, const std::vector<Value*>& arguments) {
    switch (global.kind) {
      case Global::OrderedDict:
        if (!arguments.empty()) fail("calls OrderedDict with arguments");
        return make(Value::Kind::Dict);
      case Global::RebuildTensor: {
        // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
        if (arguments.size() != 6 && arguments.size() != 7)
          fail("calls _rebuild_tensor_v2 with the wrong number of arguments");
        Value* result = make(Value::Kind::Tensor);
        result->tensor = std::make_unique<PickledTensor>(
            *expect(arguments[0], Value::Kind::Storage, "a tensor's storage")->tensor);
        PickledTensor& tensor = *result->tensor;
        tensor.storageOffset = nonNegative(arguments[1], "a tensor's storage offset");
        tensor.shape = integers(arguments[2], "a tensor's size");
        tensor.stride = integers(arguments[3], "a tensor's stride");
        if (tensor.shape.size() != tensor.stride.size())
          fail("has a tensor whose size and stride differ in length");
        checkExtent(tensor);
        return result;
      }
      case Global::RebuildParameter:
      case Global::RebuildParameterWithState:
        // (tensor, requires_grad, backward_hooks[, state])
        if (arguments.size() != (global.kind == Global::RebuildParameter ? 3U : 4U))
          fail(fmt::format("calls {} with the wrong number of arguments", global.name));
        return expect(arguments[0], Value::Kind::Tensor, "a parameter's data");
      case Global::Storage: break;
    }
    fail(fmt::format("calls {}.{}, which is not a function", global.module, global.name));
  }

  // The view's last element lies inside the storage.
  void checkExtent(const PickledTensor& tensor) {
    std::uint64_t last = tensor.storageOffset;
    for (std::size_t i = 0; i < tensor.shape.size(); ++i) {
      if (tensor.shape[i] == 0) return;  // an empty view touches nothing
      std::uint64_t span = 0;
      if (__builtin_mul_overflow(static_cast<std::uint64_t>(tensor.shape[i] - 1),
                                 static_cast<std::uint64_t>(tensor.stride[i]), &span) ||
          __builtin_add_overflow(last, span, &last)) {
        fail("has a tensor view of impossible size");
      }
    }
    if (last >= tensor.storageElements) {
      fail(fmt::format("has a tensor view reaching element {} of a storage of {}", last,
                       tensor.storageElements));
    }
  }

  std::vector<PickledTensor> stateDict(Value* root) {
    expect(root, Value::Kind::Dict, "the pickled object");
    std::vector<PickledTensor> tensors;
    std::map<std::string, DType> storageTypes;
    for (const auto& [key, value] : root->entries) {
      expect(key, Value::Kind::String, "a state dict key");
      if (value->kind != Value::Kind::Tensor) {
        fail(fmt::format("holds {} under \"{}\" (a state dict holds tensors only)",
                         kindName(value->kind), key->text));
      }
      PickledTensor tensor = *value->tensor;
      tensor.name = key->text;
      const auto [known, added] = storageTypes.emplace(tensor.storageKey, tensor.dtype);
      if (!added && known->second != tensor.dtype)
        fail(fmt::format("reads storage {} with two dtypes", tensor.storageKey));
      tensors.push_back(std::move(tensor));
    }
    return tensors;
  }

  std::string_view bytes_;
  const std::string& file_;
  std::size_t position_ = 0;
  std::size_t opcodeAt_ = 0;
  std::vector<std::unique_ptr<Value>> arena_;
  std::vector<Value*> stack_;
  std::vector<std::size_t> marks_;
  std::map<std::uint64_t, Value*> memo_;
};

}  // namespace

std::vector<PickledTensor> readStateDictPickle(std::string_view pickle, const std::string& file) {
  return Unpickler(pickle, file).run();
}

}  // namespace embedlab::model
