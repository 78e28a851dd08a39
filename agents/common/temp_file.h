#pragma once

// A private temporary file (mode 0600, unguessable name) that is removed when its owner goes
// away: how a wrapper hands a CLI data that only fits in a file, such as codex's
// --output-schema.

#include <filesystem>
#include <string_view>

#include "core/result.h"

namespace agenthub::agents {

class TempFile {
 public:
  // Creates "<dir>/agenthub-XXXXXX<suffix>" holding `contents`; `dir` empty: the system temp
  // directory.
  [[nodiscard]] static Result<TempFile> create(std::string_view contents,
                                               std::string_view suffix = {},
                                               const std::filesystem::path& dir = {});

  TempFile(TempFile&& other) noexcept;
  TempFile& operator=(TempFile&& other) noexcept;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile();  // removes the file

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  explicit TempFile(std::filesystem::path path) : path_(std::move(path)) {}
  void remove();

  std::filesystem::path path_;
};

}  // namespace agenthub::agents
