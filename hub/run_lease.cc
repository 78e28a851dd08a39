#include "hub/run_lease.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "core/fs.h"
#include "core/ids.h"

namespace agenthub::hub {
namespace {

namespace fsys = std::filesystem;

constexpr std::string_view kLockSuffix = ".lock";

Error io_error(const std::string& what, const fsys::path& path) {
  return {ErrorCode::kIo, what + " " + path.string() + ": " + std::strerror(errno)};
}

}  // namespace

fsys::path RunLease::lock_path() const { return dir_ / (run_id_ + std::string(kLockSuffix)); }
fsys::path RunLease::endpoint_path() const { return dir_ / (run_id_ + ".endpoint.json"); }

Result<RunLease> RunLease::acquire_new(const fsys::path& lease_dir, const std::string& run_id) {
  AGENTHUB_RETURN_IF_ERROR(ensure_dir(lease_dir));
  const fsys::path temp = lease_dir / ("." + run_id + "." + random_hex(8) + ".tmp");
  UniqueFd fd(::open(temp.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (!fd) return io_error("cannot create", temp);
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    Error error = io_error("cannot lock", temp);
    ::unlink(temp.c_str());
    return error;
  }
  RunLease lease(lease_dir, run_id, std::move(fd));
  if (::rename(temp.c_str(), lease.lock_path().c_str()) != 0) {
    Error error = io_error("cannot rename", temp);
    ::unlink(temp.c_str());
    return error;
  }
  return lease;
}

std::optional<RunLease> RunLease::try_take(const fsys::path& lease_dir, const std::string& run_id) {
  RunLease lease(lease_dir, run_id, UniqueFd());
  UniqueFd fd(::open(lease.lock_path().c_str(), O_RDWR | O_CLOEXEC));
  if (!fd || ::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) return std::nullopt;
  // The previous owner may have finished (and unlinked) between our open and our lock: then
  // we hold a lock on a file nobody can find, which is no lease.
  struct stat held {}, named {};
  if (::fstat(fd.get(), &held) != 0 || ::stat(lease.lock_path().c_str(), &named) != 0 ||
      held.st_ino != named.st_ino || held.st_dev != named.st_dev) {
    return std::nullopt;
  }
  lease.fd_ = std::move(fd);
  return lease;
}

std::optional<RunLease> RunLease::claim_unleased(const fsys::path& lease_dir,
                                                const std::string& run_id) {
  if (!ensure_dir(lease_dir).ok()) return std::nullopt;
  RunLease lease(lease_dir, run_id, UniqueFd());
  // O_EXCL: an existing lease (held or not) is not ours to replace. Someone who opens the new
  // file before our flock just wins the run instead of us.
  UniqueFd fd(::open(lease.lock_path().c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (!fd || ::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) return std::nullopt;
  lease.fd_ = std::move(fd);
  return lease;
}

std::vector<std::string> RunLease::list(const fsys::path& lease_dir) {
  std::vector<std::string> ids;
  std::error_code ec;
  for (fsys::directory_iterator it(lease_dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() > kLockSuffix.size() && !name.starts_with(".") && name.ends_with(kLockSuffix)) {
      ids.push_back(name.substr(0, name.size() - kLockSuffix.size()));
    }
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

Status RunLease::save_endpoint(const Json& endpoint) const {
  return write_file_atomic(endpoint_path(), dump_json(endpoint));
}

Json RunLease::load_endpoint() const {
  auto text = read_file(endpoint_path());
  if (!text.ok()) return nullptr;
  auto parsed = parse_json(*text);
  return parsed.ok() ? std::move(parsed).value() : Json(nullptr);
}

void RunLease::finish() {
  if (!fd_) return;
  ::unlink(endpoint_path().c_str());
  ::unlink(lock_path().c_str());
  fd_.reset();
}

}  // namespace agenthub::hub
