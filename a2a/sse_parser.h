#pragma once

// Incremental Server-Sent Events parser (the client side; the writer is sse.h). Feed it bytes
// exactly as they arrive from the socket: events may be split across reads at any byte, lines
// may end in LF, CRLF or CR (a CRLF split across two reads counts once), `data:` lines are
// joined with '\n', the single space after the colon is optional, comment lines (":...") are
// ignored, and `event:` / `id:` / `retry:` are honoured as in the WHATWG EventSource rules.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace agenthub::a2a {

struct SseEvent {
  std::string event;             // the `event:` type; empty means the default "message"
  std::string data;              // data lines joined with '\n' (no trailing newline)
  std::string id;                // the last event id seen on this stream so far
  std::optional<long> retry_ms;  // set when this event carried a valid `retry:` field
};

class SseParser {
 public:
  static constexpr std::size_t kDefaultMaxEventBytes = 16 * 1024 * 1024;

  // `max_event_bytes` bounds one pending line plus the data of one pending event, so a hostile
  // or broken peer cannot make us buffer without limit.
  explicit SseParser(std::size_t max_event_bytes = kDefaultMaxEventBytes);

  // Consumes `bytes` and appends every event they complete to `out`. On a kResourceExhausted
  // error (an event larger than the bound) the parser stays failed: further calls return the
  // same error. Events completed before the oversized one are still appended.
  [[nodiscard]] Status feed(std::string_view bytes, std::vector<SseEvent>& out);

  // Comment lines seen so far (heartbeats); useful to observers, never dispatched as events.
  [[nodiscard]] std::size_t comments_seen() const { return comments_seen_; }
  // True when bytes of an unfinished event are buffered (a stream ending now lost them).
  [[nodiscard]] bool has_partial_event() const;

 private:
  Status process_line(std::string_view line, std::vector<SseEvent>& out);
  void dispatch(std::vector<SseEvent>& out);
  Status fail_oversize();

  std::size_t max_event_bytes_;
  std::string line_;             // an incomplete line carried over from the previous feed
  bool skip_lf_ = false;         // the previous chunk ended in CR: a leading LF belongs to it
  bool at_stream_start_ = true;  // a UTF-8 BOM is stripped from the very first bytes only
  std::string bom_prefix_;       // first bytes held back while they might still be a BOM

  std::string data_;
  bool has_data_ = false;
  std::string event_type_;
  std::string last_id_;
  std::optional<long> retry_ms_;
  std::size_t comments_seen_ = 0;
  std::optional<Error> failed_;
};

}  // namespace agenthub::a2a
