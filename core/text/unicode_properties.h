// Unicode character properties as Hugging Face `tokenizers` sees them (internal to core/text).
//
// HF takes general categories from the `unicode_categories` crate (Unicode ~8.0 tables), so a
// character assigned in Unicode 9.0 or later behaves like an unassigned one there: not a
// control, not punctuation, not a mark. ICU knows every character's age, so these functions
// reproduce that cut-off. HF's Unicode normalization (NFD, NFC, NFKD, NFKC, the StripAccents
// normalizer's marks) comes from the crate `unicode-normalization-alignments` 0.1.12, whose tables
// are Unicode 9.0: there a character assigned later has no decomposition, combining class 0, no
// composition and is no mark; the functions below that say so apply that cut-off (decompositions,
// combining classes and compositions of older characters never change, by Unicode's stability
// policy, so ICU's current tables give 9.0's for them). White_Space and lowercase come from ICU's
// current tables, as HF takes them from Rust's std.
#pragma once

#include <cstdint>
#include <string>

namespace embedlab::text::unicode {

/// White_Space property (Rust's char::is_whitespace).
bool isWhitespace(char32_t c);

/// General category Cc, Cf, Co or Cs (the `unicode_categories` crate's is_other, which does not
/// include unassigned code points).
bool isOther(char32_t c);

/// General category P* (punctuation).
bool isPunctuation(char32_t c);

/// ASCII punctuation as Rust's char::is_ascii_punctuation: !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~
inline bool isAsciiPunctuation(char32_t c) {
  return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
         (c >= 0x7B && c <= 0x7E);
}

/// General category L* (\p{L} in the regular expressions tokenizers use; current Unicode).
bool isLetter(char32_t c);

/// General category N* (\p{N}; current Unicode).
bool isNumber(char32_t c);

/// General category Mn (non-spacing mark; the Unicode 8.0 cut-off of the categories above): what
/// BertNormalizer's strip_accents removes.
bool isMarkNonspacing(char32_t c);

/// General category M (Mn, Mc or Me; Unicode 9.0 cut-off): what the StripAccents normalizer
/// removes (the crate's is_combining_mark).
bool isMark(char32_t c);

/// BERT's "Chinese character" ranges: CJK Unified Ideographs, Extensions A-E, compatibility
/// ideographs (not kana, not Hangul).
bool isChineseCharacter(char32_t c);

/// Canonical combining class (0 for starters; Unicode 9.0 cut-off).
std::uint8_t combiningClass(char32_t c);

/// Appends the full decomposition of `c` alone to `out`: canonical (NFD) or, with `compatibility`,
/// compatibility (NFKD) mappings applied recursively, in the order of the mappings (not
/// reordered: the caller orders combining marks). Unicode 9.0 cut-off.
void appendDecomposition(char32_t c, std::u32string& out, bool compatibility = false);

/// The primary composite of `a` followed by `b` (canonical composition, Hangul included), or 0
/// when there is none. Unicode 9.0 cut-off.
char32_t compose(char32_t a, char32_t b);

/// Appends the full lowercase mapping of `c` alone (no context: Greek capital sigma becomes
/// small sigma, never final sigma; U+0130 becomes "i" + U+0307).
void appendLowercase(char32_t c, std::u32string& out);

/// UTF-8 <-> UTF-32 for valid input (invalid UTF-8 bytes decode to U+FFFD).
std::u32string decodeUtf8(std::string_view text);
void appendUtf8(char32_t c, std::string& out);
std::string encodeUtf8(std::u32string_view text);

}  // namespace embedlab::text::unicode
