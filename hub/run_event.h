#pragma once

// One event of a run's log: {seq, ts, run_id, session_id, backend, type, data}. `seq` starts at
// 1 per run and is contiguous; `ts` is ISO-8601 UTC; `data` is a JSON object whose keys depend on
// the type (seed-behaviour.md "Events"). Events in events.jsonl and in poll_events answers are
// sanitized: see sanitizer.h.

#include <cstdint>
#include <string>

#include "core/json.h"
#include "core/result.h"
#include "hub/run_types.h"

namespace agenthub::hub {

struct RunEvent {
  std::int64_t seq = 0;
  std::string ts;
  std::string run_id;
  std::string session_id;
  Backend backend = Backend::kUnknown;
  EventType type = EventType::kUnknown;
  Json data = Json::object();

  // The wire spellings of backend/type when they are not ones we know (an event written by
  // another version of the tool): kept so that re-encoding an event read from disk is lossless.
  std::string backend_text;
  std::string type_text;

  // Wire spelling of the type: the known name, else type_text, else "unknown".
  [[nodiscard]] std::string type_name() const;
  [[nodiscard]] std::string backend_wire_name() const;
};

[[nodiscard]] Json encode(const RunEvent& event);

// Tolerant: the object needs an integer `seq`; missing strings become "", a missing or non-object
// `data` becomes {} (a non-object value is kept under data.value so nothing is lost).
[[nodiscard]] Result<RunEvent> decode_run_event(const Json& j);

}  // namespace agenthub::hub
