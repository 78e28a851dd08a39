#include "tests/fakes/fake_cli/fake_cli_record.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

namespace agenthub::fakes {

Recorder::Recorder(const std::string& path) {
  if (path.empty()) return;
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd_ < 0) std::perror(("fake-cli: cannot open record file " + path).c_str());
}

Recorder::~Recorder() {
  if (fd_ >= 0) ::close(fd_);
}

void Recorder::write(const std::string& event, nlohmann::json fields) const {
  if (fd_ < 0) return;
  fields["event"] = event;
  std::string line = fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  [[maybe_unused]] ssize_t n = ::write(fd_, line.data(), line.size());
}

}  // namespace agenthub::fakes
