#pragma once

// File naming of event artifacts, shared by the sanitizer (which names refs) and the artifact
// store (which writes and reads the files). Layout under a run directory:
//
//   artifacts/<seq as 6+ digits>-<event type>/manifest.json
//   artifacts/<seq6>-<type>/<field>.0001.txt, <field>.0002.txt, ...   (text/plain)
//   artifacts/<seq6>-<type>/<field>.0001.json, ...                    (application/json)
//
// Chunks hold at most kArtifactChunkBytes bytes each; an empty artifact has one empty chunk.
// <field> is derived from the field's JSON Pointer: tokens joined with '.', every byte outside
// [A-Za-z0-9_-] replaced by '_' (runs collapsed), leading '_' and '.' trimmed, at most
// kMaxFieldBaseBytes bytes, "field" when nothing is left. "/input/content" -> "input.content",
// "/stdout" -> "stdout", "/items/3/text" -> "items.3.text". Two fields of one event that map to
// the same name get "-2", "-3", ... appended. Readers never derive names: they follow the
// manifest, so the mapping may change without breaking old data.

#include <cstdint>
#include <string>
#include <string_view>

namespace agenthub::hub {

inline constexpr std::int64_t kArtifactChunkBytes = 64 * 1024;
inline constexpr std::size_t kMaxFieldBaseBytes = 96;
inline constexpr std::string_view kArtifactsDirName = "artifacts";
inline constexpr std::string_view kManifestFileName = "manifest.json";

// "000012-command_finished" (the type sanitized like a field name).
[[nodiscard]] std::string artifact_event_dir_name(std::int64_t seq, std::string_view event_type);
// "artifacts/000012-command_finished/manifest.json": the relpath of every ref of the event.
[[nodiscard]] std::string artifact_manifest_relpath(std::int64_t seq, std::string_view event_type);
// max(1, ceil(total_bytes / kArtifactChunkBytes)).
[[nodiscard]] std::int64_t artifact_chunk_count(std::int64_t total_bytes);
// "<field>" for a JSON Pointer, before collision suffixes (see above).
[[nodiscard]] std::string artifact_field_base(std::string_view field_path);
// "<base>.0001.txt" (index from 1, at least 4 digits; ".json" for application/json).
[[nodiscard]] std::string artifact_chunk_file_name(std::string_view base, std::int64_t index,
                                                   std::string_view mime);

}  // namespace agenthub::hub
