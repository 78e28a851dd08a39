// What a remote A2A agent controls end to end in the hub: its SSE stream (a2a/client
// StreamDecoder) mapped to run events (hub/a2a_event_mapper.h) and sanitized for the event log
// (hub/sanitizer.h). Not one decoder but the chain, because each stage trusts the previous one.
// The stream is read in the version it is written in (v0.3 when it carries "kind").
//
// Invariants: nothing throws; every mapped event has a known type a peer may dictate (never
// run_started / run_completed / run_failed / rejected) and object data; each sanitizes to JSON
// that parses back to the event; the run's result survives serialization.

#include <spdlog/spdlog.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "a2a/client/stream_decoder.h"
#include "fuzz_check.h"
#include "hub/a2a_event_mapper.h"
#include "hub/run_event.h"
#include "hub/sanitizer.h"

namespace {

using agenthub::Json;
using agenthub::hub::EventType;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::off);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  agenthub::fuzz::expand_deep_nesting(input);
  const auto version = input.find("\"kind\"") != std::string::npos
                           ? agenthub::a2a::ProtocolVersion::kV03
                           : agenthub::a2a::ProtocolVersion::kV1;
  agenthub::a2a::StreamDecoder decoder(version, Json(1), 1 << 20);
  std::vector<agenthub::a2a::StreamResponse> items;
  if (!decoder.feed(input, items).ok()) agenthub::fuzz::note("stream ended with an error");

  agenthub::hub::A2aEventMapper mapper;
  std::int64_t seq = 0;
  for (const auto& item : items) {
    agenthub::fuzz::note("stream item");
    for (auto& mapped : mapper.map(item)) {
      FUZZ_CHECK(mapped.type != EventType::kUnknown && mapped.type != EventType::kRunStarted &&
                 mapped.type != EventType::kRunCompleted && mapped.type != EventType::kRunFailed &&
                 mapped.type != EventType::kRejected);
      FUZZ_CHECK(mapped.data.is_object());
      agenthub::fuzz::note("run event");
      agenthub::hub::RunEvent event;
      event.seq = ++seq;
      event.ts = "2025-01-01T00:00:00Z";
      event.run_id = "run-1";
      event.backend = agenthub::hub::Backend::kRemoteA2a;
      event.type = mapped.type;
      event.data = std::move(mapped.data);
      // Small limits, so that modest inputs get values moved too.
      agenthub::hub::SanitizerLimits limits{2048, 400, 200, 512, 128, 100, 256};
      auto sanitized = agenthub::hub::sanitize_event(std::move(event), limits);
      if (!sanitized.artifacts.empty()) agenthub::fuzz::note("run event with artifacts");
      auto reparsed = agenthub::parse_json(sanitized.serialized);
      FUZZ_CHECK(reparsed.ok() && *reparsed == agenthub::hub::encode(sanitized.event));
    }
  }
  Json result = mapper.result();
  FUZZ_CHECK(agenthub::fuzz::survives_serialization(result));
  FUZZ_CHECK(result["final_response"].is_null() || result["final_response"].is_string());
  (void)agenthub::hub::run_status_from(mapper.state());
  return 0;
}
