// A dozen Debian-like packages (synopsis -> description) written as the small data files the CLI
// tests run jobs on: a training file, a BEIR folder and labelled pairs.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/files.h"

namespace embedlab::test {

inline const char* const kPackages[][2] = {
    {"terminal emulator", "a fast terminal emulator for X11 with tabs and true colour"},
    {"image viewer", "a simple image viewer that shows PNG and JPEG files"},
    {"HTTP library for Python", "requests is an elegant HTTP library for Python"},
    {"text editor", "a text editor for programmers with syntax highlighting"},
    {"music player", "plays music files and internet radio streams"},
    {"PDF reader", "a viewer for PDF and PostScript documents"},
    {"JSON parser", "a C library for parsing and writing JSON"},
    {"console fonts", "bitmap fonts for the Linux console"},
    {"web browser", "a graphical web browser with tabs"},
    {"spreadsheet", "a spreadsheet program for the desktop"},
    {"archive manager", "creates and extracts zip and tar archives"},
    {"calculator", "a scientific calculator with a graphical interface"},
};
inline constexpr int kPackageCount = 12;

/// train.jsonl (query, pos, empty neg; the first line with an extra "source" field) and a BEIR
/// folder beir/ (corpus d<i>, queries q<i>, qrels/test.tsv) in `folder`.
inline void writePackageSet(const std::filesystem::path& folder) {
  std::string train, corpus, queries, qrels = "query-id\tcorpus-id\tscore\n";
  for (int index = 0; index < kPackageCount; ++index) {
    const auto& package = kPackages[index];
    nlohmann::json line{
        {"query", package[0]}, {"pos", {package[1]}}, {"neg", nlohmann::json::array()}};
    if (index == 0) line["source"] = "debian";
    train += line.dump() + "\n";
    const std::string id = std::to_string(index);
    corpus += nlohmann::json{{"_id", "d" + id}, {"title", ""}, {"text", package[1]}}.dump() + "\n";
    queries += nlohmann::json{{"_id", "q" + id}, {"text", package[0]}}.dump() + "\n";
    qrels += "q" + id + "\td" + id + "\t1\n";
  }
  writeFile(folder / "train.jsonl", train);
  writeFile(folder / "beir" / "corpus.jsonl", corpus);
  writeFile(folder / "beir" / "queries.jsonl", queries);
  writeFile(folder / "beir" / "qrels" / "test.tsv", qrels);
}

}  // namespace embedlab::test
