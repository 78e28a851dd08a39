#pragma once

// Reads a run's events.jsonl without opening it for writing: for runs this process does not
// own (finished before a restart, or owned by another hub process). Lines that do not decode —
// a torn last line of a run being written right now — are skipped; nothing is repaired.

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
