#pragma once

// data.artifact_refs of a sanitized event maps each moved field's JSON Pointer (relative to
// event.data) to one of these. The same object, plus its chunk list, is stored per field in the
// event's manifest.json (see artifact_layout.h).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/result.h"

namespace agenthub::hub {

inline constexpr std::string_view kMimeText = "text/plain";
inline constexpr std::string_view kMimeJson = "application/json";
inline constexpr std::string_view kEncodingUtf8 = "utf-8";

struct ArtifactRef {
  std::string field_path;  // JSON Pointer relative to event.data, e.g. "/stdout"
  // The event's manifest, relative to the run directory:
  // "artifacts/000012-command_finished/manifest.json" (as the old tool wrote it).
  std::string relpath;
  std::string mime;                         // kMimeText or kMimeJson
  std::string encoding;                     // always kEncodingUtf8 for what we write
  std::int64_t total_bytes = 0;             // size of the full original
  std::optional<std::int64_t> total_chars;  // Unicode characters, text only
  std::int64_t chunk_count = 0;             // files of at most kArtifactChunkBytes
  bool truncated = true;                    // the inline value is a preview or summary
};

// total_chars is omitted when absent (JSON artifacts).
[[nodiscard]] Json encode(const ArtifactRef& ref);
[[nodiscard]] Result<ArtifactRef> decode_artifact_ref(const Json& j);

}  // namespace agenthub::hub
