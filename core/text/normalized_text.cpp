#include "core/text/normalized_text.h"

namespace embedlab::text {

void transform(NormalizedText& text, const std::vector<Change>& changes,
               std::size_t initialRemoved) {
  NormalizedText result;
  result.base = text.base;
  result.chars.reserve(changes.size());
  result.spans.reserve(changes.size());
  std::size_t next = initialRemoved;  // the next old character to be consumed
  const Span empty{text.base, text.base};
  for (const Change& change : changes) {
    Span span = empty;
    if (change.change > 0) {
      if (next >= 1 && next - 1 < text.spans.size()) span = text.spans[next - 1];
    } else {
      if (next < text.spans.size()) span = text.spans[next];
      next += 1 + static_cast<std::size_t>(-change.change);
    }
    result.push(change.c, span);
  }
  text = std::move(result);
}

}  // namespace embedlab::text
