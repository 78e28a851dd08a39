#pragma once

// What hub_load_bench checks about one run's events, as a poller receives them: every event
// exactly once (seq 1, 2, 3, ... with no gap or repeat), run_started first, exactly one terminal
// event and it last, every fake-cli load event (command_finished, item_id fake_load_<i>) present
// once and in order, and every event within the sanitizer's size target, large outputs replaced
// by previews with an artifact ref. Pure bookkeeping: no I/O.

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/json.h"

namespace agenthub::bench {

// What fake-cli was asked to emit (FAKE_CLI_EVENTS / _LARGE_EVERY / _LARGE_BYTES).
struct LoadShape {
  long events = 0;
  long large_every = 0;  // 0: none is large
  std::size_t large_bytes = 0;
  std::size_t small_bytes = 100;  // fake-cli's output size of an ordinary load event
  // The hub sanitizer's event target (hub/sanitizer.h SanitizerLimits::event_target_bytes).
  std::size_t event_limit_bytes = 16 * 1024;

  [[nodiscard]] bool is_large(long index) const {
    return large_every > 0 && (index + 1) % large_every == 0;
  }
};

// A large load event's moved output, to read back with get_event_artifact.
struct ArtifactProbe {
  long long seq = 0;
  std::string preview;  // the event's aggregated_output without the truncation marker
};

// "2026-11-28T13:32:39.434Z" in milliseconds since the epoch; nullopt for anything else.
[[nodiscard]] std::optional<long long> parse_event_ts(const std::string& ts);

// The most intervals [start, end] open at one instant.
[[nodiscard]] std::size_t max_overlap(std::vector<std::pair<long long, long long>> intervals);

class LoadRunChecker {
 public:
  explicit LoadRunChecker(LoadShape shape) : shape_(shape) {}

  // The next event received, in order.
  void add(const Json& event);
  // Call once the run's last page was read; `status` is the run's final status. Returns every
  // problem found (empty: all checks passed). At most a few messages per kind of problem.
  [[nodiscard]] std::vector<std::string> finish(const std::string& status);

  [[nodiscard]] long long events() const { return received_; }
  [[nodiscard]] std::size_t bytes() const { return bytes_; }
  [[nodiscard]] std::size_t largest_event_bytes() const { return largest_; }
  [[nodiscard]] long moved_outputs() const { return moved_; }
  // fake-cli load events received (each counted once even when out of order).
  [[nodiscard]] long load_events() const { return loads_; }
  [[nodiscard]] const std::optional<ArtifactProbe>& first_large() const { return first_large_; }
  // When the run started working (its first status_changed to running) and when it ended (its
  // terminal event), from the events' ts, in milliseconds since the epoch; nullopt if unseen.
  [[nodiscard]] std::optional<long long> running_since_ms() const { return running_since_; }
  [[nodiscard]] std::optional<long long> ended_ms() const { return ended_; }

 private:
  void problem(std::string message);
  void check_load_event(const Json& event, const Json& data);

  const LoadShape shape_;
  long long received_ = 0;
  long long next_seq_ = 1;
  long next_load_ = 0;
  long loads_ = 0;
  int terminal_events_ = 0;
  bool last_was_terminal_ = false;
  std::size_t bytes_ = 0;
  std::size_t largest_ = 0;
  long moved_ = 0;
  std::optional<ArtifactProbe> first_large_;
  std::optional<long long> running_since_;
  std::optional<long long> ended_;
  std::vector<std::string> problems_;
  long suppressed_ = 0;
};

}  // namespace agenthub::bench
