#pragma once

// A private temporary directory for one test, removed afterwards.

#include <filesystem>
#include <string>

#include "core/fs.h"
#include "core/ids.h"

namespace agenthub::hub::testing {

class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "agenthub-hub")
      : path_(std::filesystem::weakly_canonical(std::filesystem::temp_directory_path()) /
              (prefix + "-" + random_hex(8))) {
    (void)ensure_dir(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace agenthub::hub::testing
