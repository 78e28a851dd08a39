#include "hub/event_file_reader.h"

#include <fstream>
#include <optional>
#include <string>

#include "hub/event_log.h"
#include "hub/storage_layout.h"

namespace agenthub::hub {
namespace {

// Calls `take` for each event until it returns false.
template <typename Take>
Status scan(const std::filesystem::path& run_dir, Take&& take) {
  std::ifstream in(run_dir / kEventsFileName, std::ios::binary);
  if (!in) {
    std::error_code ec;
    if (!std::filesystem::exists(run_dir / kEventsFileName, ec)) return {};  // no events yet
    return Error{ErrorCode::kIo, "cannot read " + (run_dir / kEventsFileName).string()};
  }
  std::int64_t last_seq = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (in.eof()) break;  // no '\n' after it: torn, or still being written
    EventLine event = classify_event_line(line, last_seq);
    if (event.kind != EventLineKind::kNext) continue;
    last_seq = event.event.seq;
    if (!take(std::move(event.event))) break;
  }
  if (in.bad()) {
    return Error{ErrorCode::kIo, "cannot read " + (run_dir / kEventsFileName).string()};
  }
  return {};
}

}  // namespace

Result<std::vector<RunEvent>> read_events_after(const std::filesystem::path& run_dir,
                                                std::int64_t after_seq, std::size_t limit) {
  std::vector<RunEvent> out;
  Status scanned = scan(run_dir, [&](RunEvent event) {
    if (event.seq > after_seq) out.push_back(std::move(event));
    return out.size() < limit;
  });
  if (!scanned.ok()) return scanned.error();
  return out;
}

Result<RunEvent> read_event_at(const std::filesystem::path& run_dir, std::int64_t seq) {
  std::optional<RunEvent> found;
  Status scanned = scan(run_dir, [&](RunEvent event) {
    const std::int64_t this_seq = event.seq;
    if (this_seq == seq) found = std::move(event);
    return !found && this_seq < seq;
  });
  if (!scanned.ok()) return scanned.error();
  if (!found) return Error{ErrorCode::kNotFound, "no event with seq " + std::to_string(seq)};
  return std::move(*found);
}

}  // namespace agenthub::hub
