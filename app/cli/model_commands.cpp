#include "app/cli/model_commands.h"

#include "app/cli/option_names.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/cli/interrupt.h"
#include "app/cli/job_progress.h"
#include "app/cli/terminal_progress.h"
#include "core/common/error.h"
#include "core/common/job_events.h"
#include "core/common/parallel_for.h"
#include "core/data/jsonl_writer.h"
#include "core/data/line_reader.h"
#include "core/data/npy_writer.h"
#include "core/data/text_field_reader.h"
#include "core/model/embedding_model.h"
#include "core/model/reranker_model.h"

namespace embedlab::cli {

namespace {

constexpr std::size_t kWindow = 8192;  // texts read, tokenized and written at a time

void refuseExistingOutput(const std::filesystem::path& output, bool overwrite) {
  if (std::filesystem::is_directory(output) && !std::filesystem::is_empty(output) && !overwrite) {
    throw UsageError(output.string() +
                     " already exists and is not empty; choose a new folder "
                     "or pass --overwrite");
  }
}

// Non-blank lines of `path`: the rows an encode output will have.
std::uint64_t countRecords(const std::filesystem::path& path) {
  LineReader reader(path);
  TextLine line;
  std::uint64_t records = 0;
  while (reader.next(line)) {
    records += static_cast<std::uint64_t>(line.tooLong || line.text.find_first_not_of(" \t\r\n") !=
                                                              std::string_view::npos);
  }
  return records;
}

// ----- init-model -----------------------------------------------------------------------------

struct InitModelOptions {
  std::string architecture = "bert";
  model::RandomModelOptions model;
  std::string tokenizer;
  std::string output;
  std::string pooling = "mean";
  bool noNormalize = false;
  bool overwrite = false;
  std::string head = "embedding";  ///< "embedding" (a bi-encoder) or "classifier" (a reranker)
  std::string progress = "bar";    ///< with "json", a {"event": "done"} line on stdout at the end
};

void printInitModelDone(const InitModelOptions& options) {
  if (options.progress != "json") return;
  JobProgress::emit(jobEvent(JobEvent::Done, {{"output", options.output}}));
}

int runInitModel(const InitModelOptions& options, const GlobalOptions& global) {
  refuseExistingOutput(options.output, options.overwrite);
  const bool quiet = global.quiet || options.progress != "bar";
  model::RandomModelOptions settings = options.model;
  settings.architecture = options.architecture;
  settings.pooling = *model::parsePooling(options.pooling);
  settings.normalize = !options.noNormalize;
  if (options.head == "classifier") {
    const auto created = model::RerankerModel::createRandom(settings, options.tokenizer);
    created.save(options.output);
    if (!quiet) {
      fmt::print(stderr,
                 "init-model: {} reranker (one-logit classifier head) with {} layers, hidden {}, "
                 "{} heads, vocabulary {}, written to {}\n",
                 options.architecture, settings.layers, settings.hidden, settings.heads,
                 created.config().vocabSize, options.output);
    }
    printInitModelDone(options);
    return kExitOk;
  }
  const auto created = model::EmbeddingModel::createRandom(settings, options.tokenizer);
  created.save(options.output);
  if (!quiet) {
    fmt::print(stderr,
               "init-model: {} with {} layers, hidden {}, {} heads, vocabulary {}, {} "
               "pooling, written to {}\n",
               options.architecture, settings.layers, settings.hidden, settings.heads,
               created.config().vocabSize, options.pooling, options.output);
  }
  printInitModelDone(options);
  return kExitOk;
}

// ----- tokenize ---------------------------------------------------------------------------------

struct TokenizeOptions {
  std::string model;
  std::string input;
  std::string output;
  std::size_t maxLength = 0;
  unsigned threads = 0;
};

int runTokenize(const TokenizeOptions& options, const GlobalOptions& global) {
  const text::Tokenizer tokenizer = text::Tokenizer::load(options.model);
  text::TruncationOptions truncation;
  truncation.maxLength = options.maxLength;
  TextFieldReader reader(options.input, "text", "text_pair");
  JsonlWriter writer(options.output);
  TerminalProgress progress(
      "tokenizing " + std::filesystem::path(options.input).filename().string(), !global.quiet);
  std::vector<TextRecord> records;
  std::vector<std::string> lines;
  while (reader.next(kWindow, records)) {
    throwIfCancelled(&interruptToken());
    lines.assign(records.size(), {});
    parallelFor(records.size(), options.threads, [&](std::size_t i) {
      const TextRecord& record = records[i];
      const text::Encoding encoding =
          record.second ? tokenizer.encodePair(record.first, *record.second, truncation)
                        : tokenizer.encode(record.first, truncation);
      nlohmann::ordered_json object = nlohmann::ordered_json::parse(record.json);
      object["ids"] = encoding.ids;
      object["tokens"] = encoding.tokens;
      object["offsets"] = encoding.offsets;
      object["type_ids"] = encoding.typeIds;
      lines[i] = object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    });
    for (const std::string& line : lines)
      writer.writeLine(line);
    progress.onProgress(reader.bytesConsumed(), reader.fileSize(), "bytes");
  }
  writer.commit();
  progress.finish();
  if (!global.quiet)
    fmt::print(stderr, "tokenize: {} lines written to {}\n", writer.linesWritten(), options.output);
  return kExitOk;
}

// ----- encode -----------------------------------------------------------------------------------

struct EncodeCommandOptions {
  std::string model;
  std::string input;
  std::string output;
  std::string field = "text";
  std::string instruction;
  std::string prompt;
  std::size_t maxLength = 512;
  std::size_t batchSize = 32;
  std::string pooling;
  bool normalize = false;
  bool noNormalize = false;
  std::string device = "auto";
  std::string revision = "main";
  bool fp16 = false;
  bool bf16 = false;
  bool int8 = false;
};

int runEncode(const EncodeCommandOptions& options, const GlobalOptions& global) {
  model::LoadOptions load;
  load.device = options.device;
  load.revision = options.revision;
  if (!options.pooling.empty()) load.pooling = model::parsePooling(options.pooling);
  if (options.normalize) load.normalize = true;
  if (options.noNormalize) load.normalize = false;
  const model::EmbeddingModel model = model::EmbeddingModel::load(options.model, load);

  model::EncodeOptions encode;
  encode.maxLength = options.maxLength;
  encode.batchSize = options.batchSize;
  encode.prefix = options.instruction;
  encode.fp16 = options.fp16;
  encode.bf16 = options.bf16;
  encode.int8 = options.int8;
  encode.cancel = &interruptToken();
  if (!options.prompt.empty()) {
    const auto found = model.prompts().find(options.prompt);
    if (found == model.prompts().end()) {
      throw UsageError(fmt::format(
          "the model has no prompt \"{}\" (its prompts: {})", options.prompt,
          model.prompts().empty() ? std::string("none") : [&] {
            std::string names;
            for (const auto& [name, text] : model.prompts())
              names += (names.empty() ? "" : ", ") + name;
            return names;
          }()));
    }
    encode.prefix = found->second;
  } else if (options.instruction.empty() && !model.defaultPromptName().empty()) {
    // As sentence-transformers' encode(): the default prompt when none is named.
    const auto found = model.prompts().find(model.defaultPromptName());
    if (found != model.prompts().end()) encode.prefix = found->second;
  }

  const std::uint64_t total = countRecords(options.input);
  NpyWriter output(options.output, total, model.dimension());
  TextFieldReader reader(options.input, options.field);
  TerminalProgress progress("encoding " + std::filesystem::path(options.input).filename().string(),
                            !global.quiet);
  std::vector<TextRecord> records;
  std::vector<std::string> texts;
  std::uint64_t done = 0;
  while (reader.next(kWindow, records)) {
    texts.clear();
    for (TextRecord& record : records)
      texts.push_back(std::move(record.first));
    // Sorting by length happens inside a window, so rows come out in input order.
    const std::vector<float> embeddings = model.encode(texts, encode);
    output.writeRows(embeddings.data(), texts.size());
    done += texts.size();
    progress.onProgress(done, total, "texts");
  }
  output.commit();
  progress.finish();
  if (!global.quiet) {
    fmt::print(stderr, "encode: {} x {} float32 embeddings ({} pooling{}) written to {}\n", done,
               model.dimension(), model::poolingName(model.pooling()),
               model.normalizes() ? ", L2-normalised" : "", options.output);
  }
  return kExitOk;
}

}  // namespace

void addInitModelCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action) {
  auto options = std::make_shared<InitModelOptions>();
  CLI::App* command = app.add_subcommand(
      "init-model",
      "Create a randomly initialised model folder (initialised as transformers initialises the\n"
      "architecture),\n"
      "with the tokenizer of an existing folder. For tests, demos and training from scratch.\n"
      "Example: embedlab-cli init-model --arch bert --layers 2 --hidden 128 --heads 2 "
      "--intermediate 512 --tokenizer bert-base-uncased/ --output tiny/");
  command
      ->add_option("--arch", options->architecture,
                   "Architecture: bert, xlm-roberta, mpnet (needs an MPNet tokenizer: padding "
                   "id 1) or modernbert")
      ->check(CLI::IsMember({"bert", "xlm-roberta", "mpnet", "modernbert"}))
      ->capture_default_str();
  command->add_option("--layers", options->model.layers, "Transformer layers")
      ->check(CLI::Range(1, 96))
      ->capture_default_str();
  command->add_option("--hidden", options->model.hidden, "Hidden size")
      ->check(CLI::Range(8, 16384))
      ->capture_default_str();
  command->add_option("--heads", options->model.heads, "Attention heads (must divide --hidden)")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  command->add_option("--intermediate", options->model.intermediate, "Feed-forward size")
      ->check(CLI::Range(8, 65536))
      ->capture_default_str();
  command
      ->add_option("--max-positions,--max_positions", options->model.maxPositions,
                   "Longest input in tokens")
      ->check(CLI::Range(8, 8192))
      ->capture_default_str();
  command
      ->add_option("--pooling", options->pooling,
                   "Pooling written to the sentence-transformers metadata: cls, mean or last_token")
      ->check(CLI::IsMember({"cls", "mean", "last_token", "lasttoken"}))
      ->capture_default_str();
  command->add_flag("--no-normalize,--no_normalize", options->noNormalize,
                    "Do not L2-normalise embeddings");
  command
      ->add_option("--tokenizer", options->tokenizer,
                   "Folder with tokenizer.json (or vocab.txt) to use")
      ->required()
      ->check(CLI::ExistingDirectory);
  command->add_option("--seed", options->model.seed, "Random seed")->capture_default_str();
  command->add_option("--output,--output_dir", options->output, "Folder to create")->required();
  command->add_flag("--overwrite", options->overwrite, "Write into an existing non-empty folder");
  command
      ->add_option("--head", options->head,
                   "What the model is: embedding (a bi-encoder) or classifier (a reranker: "
                   "...ForSequenceClassification with one logit)")
      ->check(CLI::IsMember({"embedding", "classifier"}))
      ->capture_default_str();
  command
      ->add_option("--progress", options->progress,
                   "How the end is reported: bar (a line on stderr), json (a \"done\" event "
                   "on stdout, for programs that run it) or none")
      ->check(CLI::IsMember({"bar", "json", "none"}))
      ->capture_default_str();
  command->callback([&action, &global, options] {
    action = [options, &global] { return runInitModel(*options, global); };
  });
}

void addTokenizeCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action) {
  auto options = std::make_shared<TokenizeOptions>();
  CLI::App* command = app.add_subcommand(
      "tokenize",
      "Tokenize JSONL texts as the model's tokenizer does (identical to Hugging Face's).\n"
      "Input lines: {\"text\": ...} or {\"text\": ..., \"text_pair\": ...}; output: the same "
      "objects\n"
      "plus \"ids\", \"tokens\", \"offsets\" (code points) and \"type_ids\".\n"
      "Example: embedlab-cli tokenize --model e5-small/ --input texts.jsonl --output tokens.jsonl");
  command->add_option("--model", options->model, "Model or tokenizer folder")
      ->required()
      ->check(CLI::ExistingDirectory);
  command->add_option("--input", options->input, "JSONL file of texts")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--output", options->output, "JSONL file to write")->required();
  command->add_option(
      "--max-len,--max_len", options->maxLength,
      "Truncate to this many tokens, special tokens included (default: no truncation)");
  command->callback([&action, &global, options] {
    options->threads = global.threads ? static_cast<unsigned>(*global.threads) : 0;
    action = [options, &global] { return runTokenize(*options, global); };
  });
}

void addEncodeCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action) {
  auto options = std::make_shared<EncodeCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "encode",
      "Embed the texts of a JSONL file and write a float32 .npy array (one row per line, in input\n"
      "order; numpy.load reads it). Batches are formed from texts of similar length.\n"
      "Example: embedlab-cli encode --model bge-small/ --input corpus.jsonl --output corpus.npy");
  command
      ->add_option("--model", options->model, "Model folder, or a hub id in the Hugging Face cache")
      ->required()
      ->check(modelFolderOrHubId());
  command->add_option("--input", options->input, "JSONL file, one text per line")
      ->required()
      ->check(CLI::ExistingFile);
  command
      ->add_option("--output", options->output,
                   "The .npy file to write (float32, one row per input line)")
      ->required();
  command->add_option("--field", options->field, "JSON field holding the text")
      ->capture_default_str();
  command->add_option("--instruction,--query_instruction_for_retrieval", options->instruction,
                      "Text put before every input, e.g. \"query: \" for E5 (default: nothing)");
  command->add_option(
      "--prompt", options->prompt,
      "Put the model's sentence-transformers prompt of this name before every input, e.g. "
      "query (default: the model's default_prompt_name, when --instruction is not given)");
  command
      ->add_option("--max-len,--max_len", options->maxLength,
                   "Longest input in tokens (capped by the model)")
      ->capture_default_str();
  command->add_option("--batch-size,--batch_size", options->batchSize, "Texts per forward pass")
      ->check(CLI::Range(1, 65536))
      ->capture_default_str();
  command
      ->add_option("--pooling", options->pooling,
                   "Pooling: cls, mean or last_token (default: the model's sentence-transformers "
                   "setting, else mean)")
      ->check(CLI::IsMember({"cls", "mean", "last_token", "lasttoken"}));
  auto* normalize =
      command->add_flag("--normalize,--normalized,--normlized", options->normalize,
                        "L2-normalise embeddings (default: the model's setting, else yes)");
  command->add_flag("--no-normalize,--no_normalize", options->noNormalize, "Do not L2-normalise")
      ->excludes(normalize);
  command
      ->add_option("--device", options->device,
                   "Where to run: auto (all visible GPUs, else the CPU), cpu, cuda or cuda:N")
      ->capture_default_str();
  auto* fp16 =
      command->add_flag("--fp16", options->fp16, "Encode in float16 on CUDA (ignored on the CPU)");
  auto* bf16 =
      command
          ->add_flag("--bf16", options->bf16,
                     "Encode in bfloat16 on CUDA and on CPUs with native bf16 (AVX512_BF16 or "
                     "AMX); other CPUs stay in float32, which is faster there")
          ->excludes(fp16);
  command
      ->add_flag("--int8", options->int8,
                 "Encode with int8 projections on CPUs with AVX-512 VNNI or AMX (about 3x as fast "
                 "as float32 for MiniLM-sized models); bf16 or float32 on other CPUs")
      ->excludes(fp16)
      ->excludes(bf16);
  command
      ->add_option("--revision", options->revision,
                   "Which revision of a model named by hub id to read from the Hugging Face "
                   "cache: a branch, a tag or a commit hash")
      ->capture_default_str();
  command->callback([&action, &global, options] {
    action = [options, &global] { return runEncode(*options, global); };
  });
}

}  // namespace embedlab::cli
