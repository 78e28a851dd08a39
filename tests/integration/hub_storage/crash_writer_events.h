#pragma once

// The events hub-crash-writer appends, shared with crash_writer_test.cc so the test can check
// every surviving event (and its artifact) against what was written.

#include <string>

#include "hub/run_event.h"

namespace agenthub::hub {

inline std::string crash_writer_session_id(const std::string& run_id) { return run_id + "-s"; }

// The stdout of the event tagged `tag`: every fifth tag carries one large enough to become an
// artifact (a few chunk files), the rest a short one.
inline std::string crash_writer_stdout(const std::string& tag) {
  const std::size_t sum = [&] {
    std::size_t s = 0;
    for (char c : tag) s += static_cast<unsigned char>(c);
    return s;
  }();
  const bool large = sum % 5 == 0;
  std::string out;
  const std::size_t size = large ? 70000 + sum : 20;
  while (out.size() < size) out += tag + ";";
  out.resize(size);
  return out;
}

inline RunEvent crash_writer_event(const std::string& run_id, const std::string& tag) {
  RunEvent e;
  e.run_id = run_id;
  e.session_id = crash_writer_session_id(run_id);
  e.backend = Backend::kCodex;
  e.type = EventType::kCommandFinished;
  e.data = Json{{"command", "step " + tag}, {"tag", tag}, {"stdout", crash_writer_stdout(tag)}};
  return e;
}

}  // namespace agenthub::hub
