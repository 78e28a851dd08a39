#include "hub/artifact_ref.h"

#include "hub/json_fields.h"

namespace agenthub::hub {

Json encode(const ArtifactRef& ref) {
  Json out{{"field_path", ref.field_path},
           {"relpath", ref.relpath},
           {"mime", ref.mime},
           {"encoding", ref.encoding},
           {"total_bytes", ref.total_bytes},
           {"chunk_count", ref.chunk_count},
           {"truncated", ref.truncated}};
  if (ref.total_chars) out["total_chars"] = *ref.total_chars;
  return out;
}

Result<ArtifactRef> decode_artifact_ref(const Json& j) {
  if (!j.is_object()) return Error{ErrorCode::kInvalidArgument, "artifact ref is not an object"};
  ArtifactRef ref;
  ref.field_path = string_field(j, {"field_path"});
  ref.relpath = string_field(j, {"relpath"});
  if (ref.relpath.empty()) return Error{ErrorCode::kInvalidArgument, "artifact ref has no relpath"};
  ref.mime = string_field(j, {"mime"});
  if (ref.mime.empty()) ref.mime = kMimeText;
  ref.encoding = string_field(j, {"encoding"});
  if (ref.encoding.empty()) ref.encoding = kEncodingUtf8;
  ref.total_bytes = int_field(j, {"total_bytes"}, -1);
  if (ref.total_bytes < 0) {
    return Error{ErrorCode::kInvalidArgument, "artifact ref has no valid total_bytes"};
  }
  if (json_find(j, "total_chars") != nullptr) ref.total_chars = int_field(j, {"total_chars"});
  ref.chunk_count = int_field(j, {"chunk_count"});
  ref.truncated = json_bool(j, "truncated", true);
  return ref;
}

}  // namespace agenthub::hub
