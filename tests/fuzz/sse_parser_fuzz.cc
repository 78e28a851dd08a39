// The client's SSE parsing (a2a/sse_parser.h) and the stream decoder on top of it
// (a2a/client/stream_decoder.h): bytes from a remote agent, split at arbitrary points.
//
// The input is fed whole, one byte at a time, and in chunks whose sizes come from a hash of
// the input. Invariants: every split gives the same events, comment count and error; without
// an error the events equal those of a straightforward reference parser of the documented
// rules; event fields never hold line breaks; the decoder yields the same items for every
// split, and each item re-encodes.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "a2a/client/stream_decoder.h"
#include "a2a/codec_v1.h"
#include "a2a/compat_v03.h"
#include "a2a/sse_parser.h"
#include "fuzz_check.h"

namespace {

using agenthub::Json;
using agenthub::a2a::SseEvent;
using agenthub::a2a::SseParser;

bool same(const SseEvent& a, const SseEvent& b) {
  return a.event == b.event && a.data == b.data && a.id == b.id && a.retry_ms == b.retry_ms;
}

bool same(const std::vector<SseEvent>& a, const std::vector<SseEvent>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same(a[i], b[i])) return false;
  }
  return true;
}

struct Parsed {
  std::vector<SseEvent> events;
  bool ok = true;
  std::size_t comments = 0;
  bool partial = false;
};

// Feeds `input` in pieces whose sizes `next_size` picks.
Parsed parse_split(std::string_view input, std::size_t max_event_bytes,
                   const std::function<std::size_t()>& next_size) {
  SseParser parser(max_event_bytes);
  Parsed out;
  std::size_t pos = 0;
  do {  // at least one call, so an empty input is fed too
    std::size_t n = std::min(input.size() - pos, next_size());
    if (!parser.feed(input.substr(pos, n), out.events).ok()) out.ok = false;
    pos += n;
  } while (pos < input.size());
  // A failed parser stays failed.
  if (!out.ok) FUZZ_CHECK(!parser.feed("data: x\n\n", out.events).ok());
  out.comments = parser.comments_seen();
  out.partial = parser.has_partial_event();
  return out;
}

// The documented rules, on the whole input at once, without a size bound.
std::vector<SseEvent> reference_parse(std::string_view input, std::size_t& comments) {
  if (input.substr(0, 3) == "\xEF\xBB\xBF") input.remove_prefix(3);
  std::vector<SseEvent> events;
  std::string data, type, last_id;
  bool has_data = false;
  std::optional<long> retry;
  comments = 0;
  std::size_t pos = 0;
  while (true) {
    std::size_t end = input.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) break;  // an unterminated last line is not processed
    std::string_view line = input.substr(pos, end - pos);
    pos = end + (input[end] == '\r' && end + 1 < input.size() && input[end + 1] == '\n' ? 2 : 1);
    if (line.empty()) {
      // A block without data is no event; its retry (a stream setting) is reported with the
      // next event rather than lost.
      if (has_data) {
        events.push_back({type, data, last_id, retry});
        retry.reset();
      }
      data.clear();
      type.clear();
      has_data = false;
      continue;
    }
    if (line[0] == ':') {
      ++comments;
      continue;
    }
    std::size_t colon = line.find(':');
    std::string_view field = line.substr(0, colon);
    std::string_view value;
    if (colon != std::string_view::npos) {
      value = line.substr(colon + 1);
      if (!value.empty() && value[0] == ' ') value.remove_prefix(1);
    }
    if (field == "data") {
      if (has_data) data += '\n';
      data += value;
      has_data = true;
    } else if (field == "event") {
      type = value;
    } else if (field == "id") {
      if (value.find('\0') == std::string_view::npos) last_id = value;
    } else if (field == "retry") {
      bool digits = !value.empty() && value.size() <= 15 &&
                    value.find_first_not_of("0123456789") == std::string_view::npos;
      if (digits) retry = std::stol(std::string(value));
    }
  }
  return events;
}

std::uint64_t hash_of(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return h;
}

void check_stream_decoder(std::string_view raw, std::uint64_t h) {
  // An agent streaming hostile nesting must not crash us: "$DEEP" makes it 100000 levels.
  std::string expanded(raw);
  agenthub::fuzz::expand_deep_nesting(expanded);
  const std::string_view input = expanded;
  using agenthub::a2a::ProtocolVersion;
  using agenthub::a2a::StreamDecoder;
  using agenthub::a2a::StreamResponse;
  // v0.3 objects carry `kind`; decoding a stream in the version it was written in gets deeper.
  const ProtocolVersion version = input.find("\"kind\"") != std::string_view::npos
                                      ? ProtocolVersion::kV03
                                      : ProtocolVersion::kV1;
  const Json request_id = h % 4 != 0 ? Json(1) : Json("req-1");
  auto encode_all = [&](const std::vector<StreamResponse>& items) {
    Json out = Json::array();
    for (const auto& item : items) {
      out.push_back(version == ProtocolVersion::kV1 ? agenthub::a2a::v1::encode(item)
                                                    : agenthub::a2a::v03::encode(item));
    }
    return out;
  };
  auto run = [&](std::size_t chunk) {
    StreamDecoder decoder(version, request_id, 1 << 20);
    std::vector<StreamResponse> items;
    bool ok = true;
    std::size_t pos = 0;
    do {
      std::size_t n = std::min(input.size() - pos, chunk);
      if (!decoder.feed(input.substr(pos, n), items).ok()) ok = false;
      pos += n;
    } while (pos < input.size() && ok);
    return std::make_pair(ok, encode_all(items));
  };
  auto whole = run(input.size() + 1);
  // Tiny pieces, except for the 200 KB of an expanded $DEEP, which only needs to arrive.
  auto split = run(input.size() > 65536 ? 4096 : 1 + h % 7);
  FUZZ_CHECK(whole.first == split.first);
  FUZZ_CHECK(whole.second == split.second);
  FUZZ_CHECK(agenthub::fuzz::survives_serialization(whole.second));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::uint64_t h = hash_of(input);
  // Half the inputs run against a small bound, so the oversize path is exercised.
  const std::size_t bound = h % 2 == 0 ? SseParser::kDefaultMaxEventBytes : 16 + (h >> 8) % 512;

  Parsed whole = parse_split(input, bound, [&] { return input.size() + 1; });
  // One byte at a time is the harshest split; on long inputs a few bytes keep it affordable.
  const std::size_t small = input.size() <= 4096 ? 1 : 1 + (h >> 40) % 5;
  Parsed bytes = parse_split(input, bound, [&] { return small; });
  std::uint64_t state = h | 1;
  Parsed chunks = parse_split(input, bound, [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>(1 + (state >> 33) % 64);
  });
  for (const Parsed* other : {&bytes, &chunks}) {
    FUZZ_CHECK(other->ok == whole.ok);
    FUZZ_CHECK(same(other->events, whole.events));
    FUZZ_CHECK(other->comments == whole.comments);
    if (whole.ok) FUZZ_CHECK(other->partial == whole.partial);
  }
  for (const SseEvent& ev : whole.events) {
    FUZZ_CHECK(ev.event.find_first_of("\r\n") == std::string::npos);
    FUZZ_CHECK(ev.data.find('\r') == std::string::npos);
    FUZZ_CHECK(ev.id.find_first_of(std::string_view("\r\n\0", 3)) == std::string::npos);
    FUZZ_CHECK(!ev.retry_ms || *ev.retry_ms >= 0);
  }
  if (whole.ok) {
    std::size_t comments = 0;
    std::vector<SseEvent> expected = reference_parse(input, comments);
    FUZZ_CHECK(same(whole.events, expected));
    FUZZ_CHECK(whole.comments == comments);
  } else {
    // Failing needs a line or an event larger than the bound.
    FUZZ_CHECK(bound < SseParser::kDefaultMaxEventBytes || input.size() > bound);
  }

  check_stream_decoder(input, h);
  return 0;
}
