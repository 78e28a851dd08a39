#include "hub/event_file_reader.h"

#include <fstream>
#include <optional>
#include <string>

#include "hub/storage_layout.h"

namespace agenthub::hub {
namespace {

// Calls `take` for each decodable event until it returns false.
template <typename Take>
Status scan(const std::filesystem::path& run_dir, Take&& take) {
  std::ifstream in(run_dir / kEventsFileName, std::ios::binary);
  if (!in) {
    std::error_code ec;
    if (!std::filesystem::exists(run_dir / kEventsFileName, ec)) return {};  // no events yet
    return Error{ErrorCode::kIo, "cannot read " + (run_dir / kEventsFileName).string()};
  }
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto json = parse_json(line);
    if (!json.ok()) continue;
    auto event = decode_run_event(*json);
    if (!event.ok()) continue;
    if (!take(std::move(event).value())) break;
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
