#include "core/fs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/ids.h"

namespace agenthub {

namespace fsys = std::filesystem;

Error errno_error(std::string_view what, const fsys::path& path) {
  int err = errno;
  ErrorCode code = ErrorCode::kIo;
  if (err == ENOENT) code = ErrorCode::kNotFound;
  if (err == EACCES || err == EPERM) code = ErrorCode::kPermissionDenied;
  return {code, std::string(what) + " " + path.string() + ": " + std::strerror(err)};
}

Status ensure_dir(const fsys::path& dir, mode_t mode) {
  if (dir.empty()) return {};
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return {};
    return Error{ErrorCode::kFailedPrecondition, "not a directory: " + dir.string()};
  }
  if (dir.has_parent_path() && dir.parent_path() != dir) {
    AGENTHUB_RETURN_IF_ERROR(ensure_dir(dir.parent_path(), mode));
  }
  if (::mkdir(dir.c_str(), mode) != 0 && errno != EEXIST) return errno_error("mkdir", dir);
  return {};
}

Status write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error{ErrorCode::kIo, std::string("write: ") + std::strerror(errno)};
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return {};
}

Status fsync_dir(const fsys::path& dir) {
  UniqueFd fd(::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd) return errno_error("open", dir);
  if (::fsync(fd.get()) != 0) return errno_error("fsync", dir);
  return {};
}

Status write_file_atomic(const fsys::path& path, std::string_view data, mode_t mode) {
  fsys::path dir = path.parent_path();
  fsys::path tmp = dir / ("." + path.filename().string() + ".tmp-" + random_hex(6));
  UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
  if (!fd) return errno_error("create", tmp);
  Status written = write_all(fd.get(), data);
  if (written.ok() && ::fsync(fd.get()) != 0) written = errno_error("fsync", tmp);
  fd.reset();
  if (written.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) {
    written = errno_error("rename", path);
  }
  if (!written.ok()) {
    ::unlink(tmp.c_str());
    return written;
  }
  return fsync_dir(dir);
}

Result<std::string> read_file(const fsys::path& path, std::size_t max_bytes) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return errno_error("open", path);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return errno_error("stat", path);
  if (!S_ISREG(st.st_mode)) {
    return Error{ErrorCode::kFailedPrecondition, "not a regular file: " + path.string()};
  }
  if (static_cast<std::size_t>(st.st_size) > max_bytes) {
    return Error{ErrorCode::kResourceExhausted, path.string() + " is larger than " +
                                                    std::to_string(max_bytes) + " bytes"};
  }
  std::string out;
  out.reserve(static_cast<std::size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno_error("read", path);
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > max_bytes) {
      return Error{ErrorCode::kResourceExhausted, path.string() + " grew past the size limit"};
    }
  }
  return out;
}

Result<fsys::path> resolve_within(const fsys::path& root, std::string_view relative) {
  fsys::path rel(relative);
  if (rel.is_absolute()) {
    return Error{ErrorCode::kInvalidArgument, "path must be relative: " + std::string(relative)};
  }
  std::error_code ec;
  fsys::path canon_root = fsys::weakly_canonical(root, ec);
  if (ec) return Error{ErrorCode::kNotFound, "cannot resolve " + root.string()};
  fsys::path target = fsys::weakly_canonical(canon_root / rel, ec);
  if (ec) return Error{ErrorCode::kNotFound, "cannot resolve " + std::string(relative)};
  auto [root_end, _] = std::mismatch(canon_root.begin(), canon_root.end(), target.begin(),
                                     target.end());
  if (root_end != canon_root.end()) {
    return Error{ErrorCode::kPermissionDenied,
                 "path escapes its directory: " + std::string(relative)};
  }
  return target;
}

}  // namespace agenthub
