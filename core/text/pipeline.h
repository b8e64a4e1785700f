// The parts of a tokenizer, in the order Hugging Face applies them (internal to core/text):
// added tokens -> normalizer -> pre-tokenizer -> model -> truncation -> post-processor.
#pragma once

#include <memory>
#include <string>

#include "core/text/added_vocabulary.h"
#include "core/text/model.h"
#include "core/text/normalizers.h"
#include "core/text/post_processor.h"
#include "core/text/pre_tokenizers.h"

namespace embedlab::text {

struct Pipeline {
  std::unique_ptr<Normalizer> normalizer;      // may be null
  std::unique_ptr<PreTokenizer> preTokenizer;  // may be null
  std::unique_ptr<Model> model;
  AddedVocabulary added;
  TemplatePostProcessor postProcessor;
  std::string modelType;
  /// ByteLevel's trim_offsets (RobertaProcessing or the ByteLevel post-processor), and whether
  /// the space add_prefix_space put first is kept in the first token's offsets.
  bool trimOffsets = false;
  bool trimAddPrefixSpace = false;
  std::string padToken;
  std::int64_t padId = 0;

  /// Tokens of one text, without special tokens around it.
  Encoding tokenize(std::string_view text, std::int8_t sequenceId) const;
};

}  // namespace embedlab::text
