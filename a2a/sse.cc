#include "a2a/sse.h"

namespace agenthub::a2a {

std::string format_sse_data(std::string_view payload) {
  std::string out;
  out.reserve(payload.size() + 16);
  std::size_t start = 0;
  while (true) {
    std::size_t nl = payload.find('\n', start);
    out += "data: ";
    out.append(payload.substr(start, nl == std::string_view::npos ? nl : nl - start));
    out += '\n';
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  out += '\n';
  return out;
}

std::string format_sse_comment(std::string_view text) {
  std::string out = ": ";
  out.append(text);
  out += "\n\n";
  return out;
}

}  // namespace agenthub::a2a
