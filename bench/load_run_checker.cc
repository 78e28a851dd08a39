#include "bench/load_run_checker.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string_view>

namespace agenthub::bench {
namespace {

constexpr std::size_t kMaxProblems = 20;
constexpr std::string_view kLoadPrefix = "fake_load_";
constexpr std::string_view kMovedOutput = "/aggregated_output";

bool is_terminal_event(const std::string& type, const Json& data) {
  if (type == "run_completed" || type == "run_failed" || type == "rejected") return true;
  return type == "status_changed" && json_string(data, "status") == "cancelled";
}

// The load index in "fake_load_<i>", or -1.
long load_index(const std::string& item_id) {
  if (!item_id.starts_with(kLoadPrefix)) return -1;
  try {
    std::size_t used = 0;
    long index = std::stol(item_id.substr(kLoadPrefix.size()), &used);
    return used + kLoadPrefix.size() == item_id.size() ? index : -1;
  } catch (const std::exception&) {
    return -1;
  }
}

}  // namespace

std::optional<long long> parse_event_ts(const std::string& ts) {
  std::tm tm{};
  int millis = 0;
  char zone = 0;
  if (std::sscanf(ts.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &millis, &zone) != 8 ||
      zone != 'Z') {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<long long>(::timegm(&tm)) * 1000 + millis;
}

std::size_t max_overlap(std::vector<std::pair<long long, long long>> intervals) {
  // +1 at each start, -1 just after each end; starts sort before ends at the same instant.
  std::vector<std::pair<long long, int>> edges;
  for (const auto& [start, end] : intervals) {
    edges.emplace_back(start, -1);
    edges.emplace_back(end, 1);
  }
  std::sort(edges.begin(), edges.end());
  std::size_t open = 0;
  std::size_t most = 0;
  for (const auto& [at, kind] : edges) {
    if (kind < 0) {
      most = std::max(most, ++open);
    } else {
      --open;
    }
  }
  return most;
}

void LoadRunChecker::problem(std::string message) {
  if (problems_.size() < kMaxProblems) {
    problems_.push_back(std::move(message));
  } else {
    ++suppressed_;
  }
}

void LoadRunChecker::add(const Json& event) {
  ++received_;
  const std::string serialized = dump_json(event);
  bytes_ += serialized.size();
  largest_ = std::max(largest_, serialized.size());

  const Json* seq_value = json_find(event, "seq");
  const long long seq =
      seq_value != nullptr && seq_value->is_number_integer() ? seq_value->get<long long>() : -1;
  const std::string type = json_string(event, "type");
  if (seq != next_seq_) {
    problem("seq " + std::to_string(seq) + " (" + type + ") where " + std::to_string(next_seq_) +
            " was due");
  }
  next_seq_ = seq + 1;
  if (received_ == 1 && type != "run_started") problem("first event is " + type);
  if (serialized.size() > shape_.event_limit_bytes) {
    problem("seq " + std::to_string(seq) + " (" + type + ") is " +
            std::to_string(serialized.size()) + " bytes, over the sanitizer's target of " +
            std::to_string(shape_.event_limit_bytes));
  }
  if (last_was_terminal_) problem("seq " + std::to_string(seq) + " after the terminal event");

  static const Json kNoData = Json::object();
  const Json* data = json_find(event, "data");
  if (data == nullptr || !data->is_object()) data = &kNoData;
  last_was_terminal_ = is_terminal_event(type, *data);
  if (last_was_terminal_) {
    ++terminal_events_;
    ended_ = parse_event_ts(json_string(event, "ts"));
  }
  if (!running_since_ && type == "status_changed" && json_string(*data, "status") == "running") {
    running_since_ = parse_event_ts(json_string(event, "ts"));
  }
  if (json_find(*data, "artifact_refs") != nullptr) ++moved_;
  if (type == "command_finished") check_load_event(event, *data);
}

void LoadRunChecker::check_load_event(const Json& event, const Json& data) {
  const long index = load_index(json_string(data, "item_id"));
  if (index < 0) return;  // a command of the replayed transcript, not ours
  ++loads_;
  const std::string where = "load event " + std::to_string(index);
  if (index != next_load_) {
    problem(where + " where " + std::to_string(next_load_) + " was due");
  }
  next_load_ = index + 1;

  const std::string output = json_string(data, "aggregated_output");
  const Json* refs = json_find(data, "artifact_refs");
  const bool moved = refs != nullptr && json_find(*refs, std::string(kMovedOutput)) != nullptr;
  if (!shape_.is_large(index)) {
    if (moved || output.size() != shape_.small_bytes) {
      problem(where + ": a small output was altered (" + std::to_string(output.size()) + " bytes)");
    }
    return;
  }
  if (!moved) {
    problem(where + ": a large output has no artifact ref for " + std::string(kMovedOutput));
    return;
  }
  if (output.size() >= shape_.large_bytes) {
    problem(where + ": the preview is not shorter than the output");
    return;
  }
  if (!first_large_) {
    // The preview is the output's start followed by the truncation marker.
    const std::size_t marker = output.find("\n...[truncated");
    first_large_ =
        ArtifactProbe{json_find(event, "seq")->get<long long>(), output.substr(0, marker)};
  }
}

std::vector<std::string> LoadRunChecker::finish(const std::string& status) {
  if (status != "completed") problem("status " + status + ", not completed");
  if (terminal_events_ != 1) {
    problem(std::to_string(terminal_events_) + " terminal events, not exactly one");
  }
  if (!last_was_terminal_) problem("the last event is not the terminal one");
  if (next_load_ != shape_.events) {
    problem("load events end at " + std::to_string(next_load_) + ", expected " +
            std::to_string(shape_.events));
  }
  std::vector<std::string> out = problems_;
  if (suppressed_ > 0) out.push_back("... and " + std::to_string(suppressed_) + " more");
  return out;
}

}  // namespace agenthub::bench
