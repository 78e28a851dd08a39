#include <algorithm>

#include "tests/fakes/mock_model/replies.h"

namespace agenthub::mock_model {

std::string sse_frame(std::string_view event, const nlohmann::json& data) {
  std::string frame = "event: ";
  frame += event;
  frame += "\ndata: ";
  frame += data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  frame += "\n\n";
  return frame;
}

std::vector<std::string> split_deltas(const std::string& text) {
  constexpr std::size_t kPiece = 24;
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t len = std::min(kPiece, text.size() - pos);
    // Never cut inside a UTF-8 sequence: extend to the next lead byte.
    while (pos + len < text.size() &&
           (static_cast<unsigned char>(text[pos + len]) & 0xC0) == 0x80) {
      ++len;
    }
    out.push_back(text.substr(pos, len));
    pos += len;
  }
  return out;
}

int rough_tokens(std::string_view text) { return static_cast<int>(text.size() / 4) + 1; }

}  // namespace agenthub::mock_model
