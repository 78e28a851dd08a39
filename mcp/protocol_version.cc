#include "mcp/protocol_version.h"

#include <array>

namespace agenthub::mcp {
namespace {

constexpr std::array<std::string_view, 4> kVersions{"2025-11-25", "2025-06-18", "2025-03-26",
                                                    "2024-11-05"};

}  // namespace

std::span<const std::string_view> supported_protocol_versions() { return kVersions; }

std::string_view latest_protocol_version() { return kVersions.front(); }

std::string_view negotiate_protocol_version(std::string_view requested) {
  for (auto v : kVersions) {
    if (v == requested) return v;
  }
  return latest_protocol_version();
}

}  // namespace agenthub::mcp
