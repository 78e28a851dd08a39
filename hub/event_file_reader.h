#pragma once

// Reads a run's events.jsonl without opening it for writing: for runs this process does not
// own (finished before a restart, or owned by another hub process). It serves the same events
// EventLog would after repairing the file (classify_event_line in event_log.h): a last line
// without its '\n' (a write cut short, or being written right now) is never returned, even
// when its bytes happen to parse, and undecodable lines, duplicate seqs (the first wins) and
// seqs that do not follow are skipped. So the events returned are seqs 1..n, contiguous, each
// once, and none of them can be cut away by a later repair. Nothing is repaired here.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/result.h"
#include "hub/run_event.h"

namespace agenthub::hub {

// Events with seq > after_seq, at most `limit`, in file order.
[[nodiscard]] Result<std::vector<RunEvent>> read_events_after(const std::filesystem::path& run_dir,
                                                              std::int64_t after_seq,
                                                              std::size_t limit);

// The event with this seq; kNotFound when absent.
[[nodiscard]] Result<RunEvent> read_event_at(const std::filesystem::path& run_dir,
                                             std::int64_t seq);

}  // namespace agenthub::hub
