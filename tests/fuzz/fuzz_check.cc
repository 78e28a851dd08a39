#include "fuzz_check.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace agenthub::fuzz {

void check_failed(const char* condition, const char* file, int line, std::string_view detail) {
  std::fprintf(stderr, "FUZZ_CHECK failed: %s\n  at %s:%d\n", condition, file, line);
  if (!detail.empty()) {
    std::fprintf(stderr, "  detail: %.*s\n",
                 static_cast<int>(std::min<std::size_t>(detail.size(), 4000)), detail.data());
  }
  std::fflush(stderr);
  std::abort();
}

bool survives_serialization(const Json& value) {
  auto parsed = parse_json(dump_json(value));
  return parsed.ok() && *parsed == value;
}

std::size_t json_depth(const Json& value) {
  std::size_t deepest = 0;
  std::vector<std::pair<const Json*, std::size_t>> pending{{&value, 0}};
  while (!pending.empty()) {
    auto [node, depth] = pending.back();
    pending.pop_back();
    if (!node->is_structured()) continue;
    deepest = std::max(deepest, depth + 1);
    for (const auto& child : *node) pending.emplace_back(&child, depth + 1);
  }
  return deepest;
}

void expand_deep_nesting(std::string& text) {
  constexpr std::string_view kMarker = "$DEEP";
  constexpr std::size_t kDepth = 100000;
  for (std::size_t at = text.find(kMarker); at != std::string::npos; at = text.find(kMarker, at)) {
    std::string deep = std::string(kDepth, '[') + std::string(kDepth, ']');
    text.replace(at, kMarker.size(), deep);
    at += deep.size();
  }
}

namespace {

class Stats {
 public:
  ~Stats() {
    const char* enabled = std::getenv("AGENTHUB_FUZZ_STATS");
    if (enabled == nullptr || std::string(enabled) != "1") return;
    std::lock_guard lock(mutex_);
    for (const auto& [what, count] : counts_)
      std::fprintf(stderr, "  %8zu  %s\n", count, what.c_str());
  }
  void add(const char* what) {
    std::lock_guard lock(mutex_);
    ++counts_[what];
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::size_t> counts_;
};

Stats& stats() {
  static Stats instance;
  return instance;
}

}  // namespace

void note(const char* what) { stats().add(what); }

}  // namespace agenthub::fuzz
