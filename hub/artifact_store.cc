#include "hub/artifact_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <set>
#include <system_error>

#include "core/base64.h"
#include "core/fs.h"
#include "core/unique_fd.h"
#include "core/utf8.h"
#include "hub/artifact_layout.h"
#include "hub/durable_dir.h"
#include "hub/json_fields.h"

namespace agenthub::hub {

namespace fsys = std::filesystem;

namespace {

constexpr std::size_t kMaxManifestBytes = 8 * 1024 * 1024;

// Length of `bytes` without a trailing UTF-8 sequence that the page end cut short.
std::size_t without_split_character(std::string_view bytes) {
  for (std::size_t k = 1; k <= 3 && k <= bytes.size(); ++k) {
    auto b = static_cast<unsigned char>(bytes[bytes.size() - k]);
    if (b < 0x80) break;     // ASCII: nothing split
    if (b < 0xC0) continue;  // continuation byte: keep looking for the lead byte
    std::size_t expected = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    return expected > k ? bytes.size() - k : bytes.size();
  }
  return bytes.size();
}

Status write_chunk(const fsys::path& path, std::string_view bytes) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!fd) return errno_error("create", path);
  AGENTHUB_RETURN_IF_ERROR(write_all(fd.get(), bytes));
  if (::fdatasync(fd.get()) != 0) return errno_error("fdatasync", path);
  return {};
}

// A chunk file name from a manifest must be a plain name: no directories, no "." or "..".
bool is_plain_file_name(const std::string& name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
         name.find('\0') == std::string::npos;
}

struct Chunk {
  fsys::path path;
  std::int64_t bytes = 0;
};

Result<std::vector<Chunk>> manifest_chunks(const Json& field, const fsys::path& event_dir,
                                           std::int64_t total_bytes) {
  const Json* chunks = json_find(field, "chunks");
  if (chunks == nullptr || !chunks->is_array()) {
    return Error{ErrorCode::kInternal, "artifact manifest has no chunk list"};
  }
  std::vector<Chunk> out;
  std::int64_t sum = 0;
  for (const Json& c : *chunks) {
    std::string file = string_field(c, {"file"});
    std::int64_t bytes = int_field(c, {"bytes"}, -1);
    if (!is_plain_file_name(file) || bytes < 0) {
      return Error{ErrorCode::kPermissionDenied, "artifact manifest names an invalid chunk file"};
    }
    auto path = resolve_within(event_dir, file);
    if (!path.ok()) return path.error();
    out.push_back(Chunk{std::move(*path), bytes});
    sum += bytes;
  }
  if (sum != total_bytes) {
    return Error{ErrorCode::kInternal, "artifact manifest chunks hold " + std::to_string(sum) +
                                           " bytes, not the " + std::to_string(total_bytes) +
                                           " it declares"};
  }
  return out;
}

Status read_range(const Chunk& chunk, std::int64_t from, std::int64_t length, std::string& out) {
  UniqueFd fd(::open(chunk.path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd) return errno_error("open", chunk.path);
  std::size_t start = out.size();
  out.resize(start + static_cast<std::size_t>(length));
  std::int64_t done = 0;
  while (done < length) {
    ssize_t n = ::pread(fd.get(), out.data() + start + done,
                        static_cast<std::size_t>(length - done), static_cast<off_t>(from + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno_error("read", chunk.path);
    if (n == 0) {
      return Error{ErrorCode::kIo, "artifact chunk " + chunk.path.filename().string() +
                                       " is shorter than its manifest says"};
    }
    done += n;
  }
  return {};
}

std::string available_fields(const Json& refs) {
  std::string out;
  if (refs.is_object()) {
    for (auto it = refs.begin(); it != refs.end(); ++it) {
      if (!out.empty()) out += ", ";
      out += it.key();
    }
  }
  return out.empty() ? "(none)" : out;
}

}  // namespace

Json encode(const ArtifactSlice& s) {
  return Json{{"field_path", s.field_path},
              {"mime", s.mime},
              {"encoding", s.encoding},
              {"relpath", s.relpath},
              {"total_bytes", s.total_bytes},
              {"offset", s.offset},
              {"returned_bytes", s.returned_bytes},
              {"has_more", s.has_more},
              {"content", s.content}};
}

ArtifactStore::ArtifactStore(fsys::path run_dir) : run_dir_(std::move(run_dir)) {}

Status ArtifactStore::write(std::int64_t seq, std::string_view event_type,
                            const std::vector<ArtifactWrite>& artifacts) const {
  if (artifacts.empty()) return {};
  fsys::path artifacts_dir = run_dir_ / kArtifactsDirName;
  fsys::path event_dir = artifacts_dir / artifact_event_dir_name(seq, event_type);
  AGENTHUB_RETURN_IF_ERROR(ensure_durable_dir(artifacts_dir));
  AGENTHUB_RETURN_IF_ERROR(ensure_durable_dir(event_dir));

  Json fields = Json::object();
  std::set<std::string> used_bases;
  for (const ArtifactWrite& w : artifacts) {
    std::string base = artifact_field_base(w.ref.field_path);
    for (int n = 2; used_bases.contains(base); ++n) {
      base = artifact_field_base(w.ref.field_path) + "-" + std::to_string(n);
    }
    used_bases.insert(base);
    Json chunks = Json::array();
    auto total = static_cast<std::int64_t>(w.content.size());
    std::int64_t count = artifact_chunk_count(total);
    for (std::int64_t i = 0; i < count; ++i) {
      std::string_view slice =
          std::string_view(w.content).substr(static_cast<std::size_t>(i * kArtifactChunkBytes),
                                             static_cast<std::size_t>(kArtifactChunkBytes));
      std::string file = artifact_chunk_file_name(base, i + 1, w.ref.mime);
      AGENTHUB_RETURN_IF_ERROR(write_chunk(event_dir / file, slice));
      chunks.push_back(Json{{"file", file}, {"bytes", slice.size()}});
    }
    Json field = encode(w.ref);
    field["total_bytes"] = total;
    field["chunk_count"] = count;
    field["chunks"] = std::move(chunks);
    fields[w.ref.field_path] = std::move(field);
  }
  Json manifest{{"seq", seq}, {"event_type", event_type}, {"fields", std::move(fields)}};
  return write_file_atomic(event_dir / kManifestFileName, dump_json_pretty(manifest) + "\n");
}

Result<ArtifactSlice> ArtifactStore::read(const Json& artifact_refs, std::string_view field_path,
                                          std::int64_t offset, std::int64_t limit) const {
  if (limit < 1 || limit > kMaxArtifactReadLimit) {
    return Error{ErrorCode::kInvalidArgument,
                 "limit must be between 1 and " + std::to_string(kMaxArtifactReadLimit)};
  }
  if (offset < 0) return Error{ErrorCode::kInvalidArgument, "offset must be >= 0"};
  const Json* ref_json = artifact_refs.is_object() ? json_find(artifact_refs, field_path) : nullptr;
  if (ref_json == nullptr) {
    return Error{ErrorCode::kNotFound,
                 "no artifact for field_path " + std::string(field_path) +
                     "; available field paths: " + available_fields(artifact_refs)};
  }
  auto ref = decode_artifact_ref(*ref_json);
  if (!ref.ok()) return Error{ErrorCode::kInternal, "event artifact ref: " + ref.error().message};

  auto manifest_path = resolve_within(run_dir_, ref->relpath);
  if (!manifest_path.ok()) return manifest_path.error();
  if (manifest_path->filename() != kManifestFileName) {
    return Error{ErrorCode::kPermissionDenied, "artifact relpath does not name a manifest"};
  }
  auto text = read_file(*manifest_path, kMaxManifestBytes);
  if (!text.ok()) return text.error();
  auto manifest = parse_json(*text);
  if (!manifest.ok()) {
    return Error{ErrorCode::kInternal, "artifact manifest: " + manifest.error().message};
  }
  const Json* fields = json_find(*manifest, "fields");
  const Json* field = fields != nullptr ? json_find(*fields, field_path) : nullptr;
  if (field == nullptr || !field->is_object()) {
    return Error{ErrorCode::kNotFound,
                 "artifact manifest has no entry for " + std::string(field_path)};
  }
  std::int64_t total = int_field(*field, {"total_bytes"}, -1);
  if (total < 0) return Error{ErrorCode::kInternal, "artifact manifest has no total_bytes"};
  auto chunks = manifest_chunks(*field, manifest_path->parent_path(), total);
  if (!chunks.ok()) return chunks.error();
  if (total > 0 && offset >= total) {
    return Error{ErrorCode::kInvalidArgument, "offset " + std::to_string(offset) +
                                                  " is past the end of " + std::string(field_path) +
                                                  " (" + std::to_string(total) + " bytes)"};
  }

  std::int64_t end = std::min(total, offset + limit);
  std::string bytes;
  bytes.reserve(static_cast<std::size_t>(end - offset));
  std::int64_t chunk_start = 0;
  for (const Chunk& chunk : *chunks) {
    std::int64_t chunk_end = chunk_start + chunk.bytes;
    std::int64_t from = std::max(offset, chunk_start);
    std::int64_t to = std::min(end, chunk_end);
    if (from < to)
      AGENTHUB_RETURN_IF_ERROR(read_range(chunk, from - chunk_start, to - from, bytes));
    chunk_start = chunk_end;
    if (chunk_start >= end) break;
  }

  ArtifactSlice slice;
  slice.field_path = std::string(field_path);
  slice.mime = string_field(*field, {"mime"});
  if (slice.mime.empty()) slice.mime = ref->mime;
  slice.relpath = ref->relpath;
  slice.total_bytes = total;
  slice.offset = offset;
  // Prefer a UTF-8 page: drop a character split by the limit when that leaves valid text.
  std::size_t cut = end < total ? without_split_character(bytes) : bytes.size();
  if (cut > 0 && is_valid_utf8(std::string_view(bytes).substr(0, cut))) {
    bytes.resize(cut);
    slice.encoding = std::string(kEncodingUtf8);
    slice.content = std::move(bytes);
  } else if (bytes.empty()) {
    slice.encoding = std::string(kEncodingUtf8);
  } else {
    slice.encoding = "base64";
    slice.content = base64_encode(bytes);
    cut = bytes.size();
  }
  slice.returned_bytes = static_cast<std::int64_t>(cut);
  slice.has_more = offset + slice.returned_bytes < total;
  return slice;
}

Status ArtifactStore::remove_after(std::int64_t last_seq) const {
  fsys::path artifacts_dir = run_dir_ / kArtifactsDirName;
  std::error_code ec;
  if (!fsys::is_directory(artifacts_dir, ec)) return {};
  std::vector<fsys::path> stale;
  for (const auto& entry : fsys::directory_iterator(artifacts_dir, ec)) {
    std::string name = entry.path().filename().string();
    std::size_t dash = name.find('-');
    if (dash == std::string::npos || dash < 6) continue;
    std::int64_t seq = 0;
    bool digits = true;
    for (std::size_t i = 0; i < dash && digits; ++i) {
      digits = name[i] >= '0' && name[i] <= '9' && seq < (INT64_MAX / 10);
      seq = seq * 10 + (name[i] - '0');
    }
    if (digits && seq > last_seq) stale.push_back(entry.path());
  }
  if (ec) return Error{ErrorCode::kIo, "list " + artifacts_dir.string() + ": " + ec.message()};
  for (const fsys::path& dir : stale) {
    fsys::remove_all(dir, ec);
    if (ec) return Error{ErrorCode::kIo, "remove " + dir.string() + ": " + ec.message()};
  }
  if (!stale.empty()) return fsync_dir(artifacts_dir);
  return {};
}

}  // namespace agenthub::hub
