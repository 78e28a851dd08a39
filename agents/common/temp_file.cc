#include "agents/common/temp_file.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <string>
#include <system_error>

#include "core/fs.h"
#include "core/unique_fd.h"

namespace agenthub::agents {

Result<TempFile> TempFile::create(std::string_view contents, std::string_view suffix,
                                  const std::filesystem::path& dir) {
  std::error_code ec;
  const std::filesystem::path base = dir.empty() ? std::filesystem::temp_directory_path(ec) : dir;
  if (ec) return Error{ErrorCode::kIo, "no temporary directory: " + ec.message()};
  std::string pattern = (base / "agenthub-XXXXXX").string();
  pattern += suffix;
  // mkstemps creates the file with mode 0600 and O_EXCL.
  UniqueFd fd(::mkostemps(pattern.data(), static_cast<int>(suffix.size()), O_CLOEXEC));
  if (!fd) return errno_error("create temporary file in", base);
  TempFile file{std::filesystem::path(pattern)};
  if (auto written = write_all(fd.get(), contents); !written.ok()) return written.error();
  return file;
}

TempFile::TempFile(TempFile&& other) noexcept : path_(std::move(other.path_)) {
  other.path_.clear();
}

TempFile& TempFile::operator=(TempFile&& other) noexcept {
  if (this != &other) {
    remove();
    path_ = std::move(other.path_);
    other.path_.clear();
  }
  return *this;
}

TempFile::~TempFile() { remove(); }

void TempFile::remove() {
  if (path_.empty()) return;
  std::error_code ec;
  std::filesystem::remove(path_, ec);
  path_.clear();
}

}  // namespace agenthub::agents
