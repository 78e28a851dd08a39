#pragma once

#include <string>
#include <vector>

#include "core/json.h"

namespace agenthub::mock_model::testing {

// One server-sent event: the `event:` name and the parsed `data:` JSON.
struct SseEvent {
  std::string event;
  Json data;
};

struct HttpReply {
  int status = 0;
  std::string content_type;
  std::string body;
};

// POSTs `body` (JSON text) to the mock on 127.0.0.1:port; status 0 when the request failed.
[[nodiscard]] HttpReply post(int port, const std::string& path, const std::string& body);

// Splits an SSE body into events. A frame whose data is not JSON gets a string `data`; comment
// lines (": ...") are skipped.
[[nodiscard]] std::vector<SseEvent> parse_sse(const std::string& body);

// Names of the events, in order.
[[nodiscard]] std::vector<std::string> event_names(const std::vector<SseEvent>& events);

// Request bodies shaped like what the real CLIs send (trimmed to what matters).
[[nodiscard]] Json responses_request(
    const std::string& prompt);  // tools: exec_command, apply_patch
[[nodiscard]] Json messages_request(const std::string& prompt,
                                    bool stream = true);  // Bash, Read, Edit, Write

}  // namespace agenthub::mock_model::testing
