#include "mcp/line_writer.h"

#include <spdlog/spdlog.h>

#include "core/fs.h"

namespace agenthub::mcp {

bool LineWriter::write(const Json& message) {
  std::string line = dump_json(message);
  line += '\n';
  std::lock_guard lock(mutex_);
  if (broken_) return false;
  auto status = write_all(fd_, line);
  if (!status.ok()) {
    broken_ = true;
    spdlog::warn("mcp: cannot write to the client ({}); further responses are dropped",
                 status.error().message);
    return false;
  }
  return true;
}

}  // namespace agenthub::mcp
