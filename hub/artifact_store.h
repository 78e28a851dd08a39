#pragma once

// Event artifacts on disk: the full values the sanitizer moved out of an event (layout in
// artifact_layout.h), written before the event is published and read back in byte pages.
//
// manifest.json (the old tool's format, so its data stays readable):
//   {"seq": 12, "event_type": "command_finished",
//    "fields": {"/stdout": {<ArtifactRef members>, "chunks": [{"file": "stdout.0001.txt",
//                                                             "bytes": 65536}, ...]}}}
//
// Reading is confined: the field must be one of the event's artifact_refs, the ref's relpath
// must resolve (symlinks followed) inside the run directory, and every chunk file named by the
// manifest must be a plain file name resolving inside the event's artifact directory.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "hub/sanitizer.h"

namespace agenthub::hub {

inline constexpr std::int64_t kDefaultArtifactReadLimit = 65536;
inline constexpr std::int64_t kMaxArtifactReadLimit = 262144;

// One page of an artifact: the get_event_artifact answer without run_id and seq.
struct ArtifactSlice {
  std::string field_path;
  std::string mime;
  // How `content` carries the bytes: "utf-8" when the page is valid UTF-8 (its end is moved back
  // to a character boundary when the limit splits a character, so returned_bytes can be up to 3
  // less than asked), else "base64" (the page starts inside a character, or the artifact holds
  // bytes that are not UTF-8). Pages read at offset + returned_bytes of a UTF-8 page are UTF-8.
  std::string encoding;
  std::string relpath;
  std::int64_t total_bytes = 0;
  std::int64_t offset = 0;
  std::int64_t returned_bytes = 0;
  bool has_more = false;
  std::string content;
};

// {field_path, mime, encoding, relpath, total_bytes, offset, returned_bytes, has_more, content}
[[nodiscard]] Json encode(const ArtifactSlice& slice);

class ArtifactStore {
 public:
  explicit ArtifactStore(std::filesystem::path run_dir);

  // Writes every artifact of event `seq` and its manifest, durably (files fsynced, the manifest
  // replaced atomically, directories fsynced) so that an event published afterwards never
  // points at missing data. Overwrites what an earlier, uncommitted attempt at the same seq left.
  [[nodiscard]] Status write(std::int64_t seq, std::string_view event_type,
                             const std::vector<ArtifactWrite>& artifacts) const;

  // Bytes [offset, offset + limit) of the artifact of `field_path`, given the event's
  // data.artifact_refs. kInvalidArgument for a limit outside 1..kMaxArtifactReadLimit, a
  // negative offset, or an offset at or past the end of a non-empty artifact; kNotFound (listing
  // the available field paths) when field_path is not one of the refs; kPermissionDenied for a
  // path escaping its directory.
  [[nodiscard]] Result<ArtifactSlice> read(const Json& artifact_refs, std::string_view field_path,
                                           std::int64_t offset = 0,
                                           std::int64_t limit = kDefaultArtifactReadLimit) const;

  // Deletes the artifact directories of events after `last_seq`: left by appends that crashed
  // before their event was committed.
  [[nodiscard]] Status remove_after(std::int64_t last_seq) const;

 private:
  std::filesystem::path run_dir_;
};

}  // namespace agenthub::hub
