#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/fakes/mock_model/script.h"

namespace agenthub::mock_model {

// The HTTP answer to one model request, decided before anything is written.
struct Answer {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;                 // whole body when not streamed
  std::vector<std::string> frames;  // SSE frames when streamed
  bool streamed = false;
  // Pause after the first frame (or before a whole body), filled with `keepalive` writes that
  // also reveal a client that went away.
  double slow_seconds = 0;
  std::string keepalive;
};

// POST /v1/responses (OpenAI Responses API, always streamed).
[[nodiscard]] Answer answer_responses(std::string_view body, const std::optional<Script>& script);
// POST /v1/messages (Anthropic Messages API, streamed or not as the request says).
[[nodiscard]] Answer answer_messages(std::string_view body, const std::optional<Script>& script);
// POST /v1/messages/count_tokens.
[[nodiscard]] Answer answer_count_tokens(std::string_view body);

}  // namespace agenthub::mock_model
