#include "hub/artifact_layout.h"

#include <cstdio>

#include "core/json_pointer.h"
#include "hub/artifact_ref.h"

namespace agenthub::hub {
namespace {

bool is_safe_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// Replaces unsafe bytes by '_' (runs collapsed); '.' is allowed only when keep_dots.
std::string safe_component(std::string_view s, bool keep_dots) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (is_safe_byte(c) || (keep_dots && c == '.')) {
      out += c;
    } else if (out.empty() || out.back() != '_') {
      out += '_';
    }
  }
  return out;
}

std::string trim_and_cap(std::string s, std::string_view fallback) {
  std::size_t start = s.find_first_not_of("._");
  s = start == std::string::npos ? std::string() : s.substr(start);
  if (s.size() > kMaxFieldBaseBytes) s.resize(kMaxFieldBaseBytes);
  while (!s.empty() && (s.back() == '.' || s.back() == '_')) s.pop_back();
  return s.empty() ? std::string(fallback) : s;
}

}  // namespace

std::string artifact_event_dir_name(std::int64_t seq, std::string_view event_type) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(seq));
  return std::string(digits) + "-" + trim_and_cap(safe_component(event_type, false), "event");
}

std::string artifact_manifest_relpath(std::int64_t seq, std::string_view event_type) {
  return std::string(kArtifactsDirName) + "/" + artifact_event_dir_name(seq, event_type) + "/" +
         std::string(kManifestFileName);
}

std::int64_t artifact_chunk_count(std::int64_t total_bytes) {
  if (total_bytes <= 0) return 1;
  return (total_bytes + kArtifactChunkBytes - 1) / kArtifactChunkBytes;
}

std::string artifact_field_base(std::string_view field_path) {
  auto tokens = parse_json_pointer(field_path);
  std::string joined;
  if (tokens.ok()) {
    for (const auto& token : *tokens) {
      if (!joined.empty()) joined += '.';
      joined += safe_component(token, false);
    }
  } else {
    joined = safe_component(field_path, false);
  }
  return trim_and_cap(std::move(joined), "field");
}

std::string artifact_chunk_file_name(std::string_view base, std::int64_t index,
                                     std::string_view mime) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%04lld", static_cast<long long>(index));
  return std::string(base) + "." + digits + (mime == kMimeJson ? ".json" : ".txt");
}

}  // namespace agenthub::hub
