#include "a2a/sse_parser.h"

#include <algorithm>

namespace agenthub::a2a {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Index of the first CR or LF at or after `from`, or npos.
std::size_t find_line_end(std::string_view s, std::size_t from) {
  for (std::size_t i = from; i < s.size(); ++i) {
    if (s[i] == '\n' || s[i] == '\r') return i;
  }
  return std::string_view::npos;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

SseParser::SseParser(std::size_t max_event_bytes) : max_event_bytes_(max_event_bytes) {}

bool SseParser::has_partial_event() const {
  return has_data_ || !line_.empty() || !event_type_.empty();
}

Status SseParser::fail_oversize() {
  failed_ = Error{ErrorCode::kResourceExhausted,
                  "SSE event exceeds the limit of " + std::to_string(max_event_bytes_) + " bytes"};
  line_.clear();
  data_.clear();
  return *failed_;
}

Status SseParser::feed(std::string_view bytes, std::vector<SseEvent>& out) {
  if (failed_) return *failed_;

  // The BOM check needs the first three bytes, which may arrive one at a time.
  std::string held;
  if (at_stream_start_) {
    bom_prefix_.append(bytes);
    if (bom_prefix_.size() < kBom.size() && kBom.substr(0, bom_prefix_.size()) == bom_prefix_) {
      return {};
    }
    at_stream_start_ = false;
    held = std::move(bom_prefix_);
    bom_prefix_.clear();
    if (std::string_view(held).substr(0, kBom.size()) == kBom) held.erase(0, kBom.size());
    bytes = held;
  }

  std::size_t pos = 0;
  if (skip_lf_ && !bytes.empty()) {
    if (bytes[0] == '\n') pos = 1;
    skip_lf_ = false;
  }
  while (pos < bytes.size()) {
    std::size_t end = find_line_end(bytes, pos);
    if (end == std::string_view::npos) {
      line_.append(bytes.substr(pos));
      if (line_.size() + data_.size() > max_event_bytes_) return fail_oversize();
      break;
    }
    std::string_view line;
    if (line_.empty()) {
      line = bytes.substr(pos, end - pos);
    } else {
      line_.append(bytes.substr(pos, end - pos));
      line = line_;
    }
    if (line.size() + data_.size() > max_event_bytes_) return fail_oversize();
    AGENTHUB_RETURN_IF_ERROR(process_line(line, out));
    line_.clear();
    if (bytes[end] == '\r') {
      if (end + 1 < bytes.size()) {
        if (bytes[end + 1] == '\n') ++end;
      } else {
        skip_lf_ = true;
      }
    }
    pos = end + 1;
  }
  return {};
}

Status SseParser::process_line(std::string_view line, std::vector<SseEvent>& out) {
  if (line.empty()) {
    dispatch(out);
    return {};
  }
  if (line.front() == ':') {
    ++comments_seen_;
    return {};
  }
  std::size_t colon = line.find(':');
  std::string_view field = line.substr(0, colon);
  std::string_view value;
  if (colon != std::string_view::npos) {
    value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (field == "data") {
    if (has_data_) data_ += '\n';
    data_.append(value);
    has_data_ = true;
    if (data_.size() > max_event_bytes_) return fail_oversize();
  } else if (field == "event") {
    event_type_.assign(value);
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos) last_id_.assign(value);
  } else if (field == "retry") {
    // Longer digit strings would overflow; such a retry is meaningless anyway.
    if (all_digits(value) && value.size() <= 15) retry_ms_ = std::stol(std::string(value));
  }
  return {};
}

void SseParser::dispatch(std::vector<SseEvent>& out) {
  if (!has_data_) {
    // A block of fields without data is not an event (EventSource rules).
    event_type_.clear();
    return;
  }
  SseEvent ev;
  ev.event = std::move(event_type_);
  ev.data = std::move(data_);
  ev.id = last_id_;
  ev.retry_ms = retry_ms_;
  out.push_back(std::move(ev));
  event_type_.clear();
  data_.clear();
  has_data_ = false;
  retry_ms_.reset();
}

}  // namespace agenthub::a2a
