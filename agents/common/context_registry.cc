#include "agents/common/context_registry.h"

#include <algorithm>
#include <cctype>

#include "core/clock.h"
#include "core/fs.h"

namespace agenthub::agents {
namespace {

// A record is a few hundred bytes; anything far larger is not ours.
constexpr std::size_t kMaxRecordBytes = 64 * 1024;
constexpr int kRecordVersion = 1;

bool is_plain_id(std::string_view id) {
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
  });
}

// Plain ids (UUIDs) name their file directly; anything else is hex-encoded behind a '%',
// which no plain id contains, so two ids never share a file.
std::string file_stem(std::string_view id) {
  if (is_plain_id(id)) return std::string(id);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "%";
  for (char c : id) {
    auto b = static_cast<unsigned char>(c);
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
  }
  return out;
}

std::filesystem::path normalise_cwd(const std::filesystem::path& cwd) {
  std::filesystem::path p = cwd.lexically_normal();
  if (!p.has_filename() && p != p.root_path()) p = p.parent_path();
  return p;
}

}  // namespace

Json to_json(const ContextRecord& record) {
  return Json{{"version", kRecordVersion},       {"context_id", record.context_id},
              {"cwd", record.cwd.string()},      {"session_id", record.session_id},
              {"created_at", record.created_at}, {"updated_at", record.updated_at}};
}

Result<ContextRecord> context_record_from_json(const Json& json) {
  if (!json.is_object())
    return Error{ErrorCode::kInvalidArgument, "context record is not an object"};
  ContextRecord record;
  record.context_id = json_string(json, "context_id");
  record.cwd = json_string(json, "cwd");
  record.session_id = json_string(json, "session_id");
  record.created_at = json_string(json, "created_at");
  record.updated_at = json_string(json, "updated_at");
  if (record.context_id.empty() || !record.cwd.is_absolute()) {
    return Error{ErrorCode::kInvalidArgument, "context record lacks context_id or absolute cwd"};
  }
  return record;
}

Result<std::unique_ptr<ContextRegistry>> ContextRegistry::open(
    const std::filesystem::path& state_dir) {
  if (state_dir.empty()) return Error{ErrorCode::kInvalidArgument, "empty state directory"};
  std::filesystem::path dir = std::filesystem::absolute(state_dir) / "contexts";
  AGENTHUB_RETURN_IF_ERROR(ensure_dir(dir, 0700));
  return std::unique_ptr<ContextRegistry>(new ContextRegistry(dir.lexically_normal()));
}

Result<std::filesystem::path> ContextRegistry::path_for(std::string_view context_id) const {
  if (context_id.empty()) return Error{ErrorCode::kInvalidArgument, "empty contextId"};
  if (context_id.size() > kMaxContextIdBytes) {
    return Error{ErrorCode::kInvalidArgument,
                 "contextId longer than " + std::to_string(kMaxContextIdBytes) + " bytes"};
  }
  return dir_ / (file_stem(context_id) + ".json");
}

Result<std::optional<ContextRecord>> ContextRegistry::load(std::string_view context_id) const {
  Result<std::filesystem::path> path = path_for(context_id);
  if (!path.ok()) return std::move(path).take_error();
  Result<std::string> text = read_file(*path, kMaxRecordBytes);
  if (!text.ok()) {
    if (text.error().code == ErrorCode::kNotFound) return std::optional<ContextRecord>();
    return std::move(text).take_error();
  }
  Result<Json> json = parse_json(*text);
  Result<ContextRecord> record =
      json.ok() ? context_record_from_json(*json) : Result<ContextRecord>(json.error());
  if (!record.ok() || record->context_id != context_id) {
    return Error{ErrorCode::kFailedPrecondition,
                 "corrupt context state file " + path->string() +
                     (record.ok() ? ": it names another context" : ": " + record.error().message)};
  }
  return std::optional<ContextRecord>(std::move(*record));
}

Status ContextRegistry::store(const ContextRecord& record) const {
  Result<std::filesystem::path> path = path_for(record.context_id);
  if (!path.ok()) return std::move(path).take_error();
  return write_file_atomic(*path, dump_json(to_json(record)) + "\n", 0600);
}

Result<ContextRecord> ContextRegistry::bind(std::string_view context_id,
                                            const std::filesystem::path& cwd) {
  if (!cwd.is_absolute()) {
    return Error{ErrorCode::kInvalidArgument, "cwd must be an absolute path: " + cwd.string()};
  }
  std::filesystem::path wanted = normalise_cwd(cwd);
  std::lock_guard lock(mu_);
  Result<std::optional<ContextRecord>> existing = load(context_id);
  if (!existing.ok()) return std::move(existing).take_error();
  if (existing->has_value()) {
    ContextRecord& record = **existing;
    if (record.cwd != wanted) {
      return Error{ErrorCode::kFailedPrecondition,
                   "context " + std::string(context_id) + " is bound to cwd " +
                       record.cwd.string() + "; it cannot move to " + wanted.string(),
                   Json{{"context_id", context_id},
                        {"bound_cwd", record.cwd.string()},
                        {"requested_cwd", wanted.string()}}};
    }
    return std::move(record);
  }
  ContextRecord record;
  record.context_id = std::string(context_id);
  record.cwd = wanted;
  record.created_at = iso8601_now();
  record.updated_at = record.created_at;
  AGENTHUB_RETURN_IF_ERROR(store(record));
  return record;
}

Result<ContextRecord> ContextRegistry::set_session(std::string_view context_id,
                                                   std::string_view session_id) {
  std::lock_guard lock(mu_);
  Result<std::optional<ContextRecord>> existing = load(context_id);
  if (!existing.ok()) return std::move(existing).take_error();
  if (!existing->has_value()) {
    return Error{ErrorCode::kNotFound,
                 "context " + std::string(context_id) + " has no working directory bound"};
  }
  ContextRecord record = std::move(**existing);
  if (record.session_id == session_id) return record;
  record.session_id = std::string(session_id);
  record.updated_at = iso8601_now();
  AGENTHUB_RETURN_IF_ERROR(store(record));
  return record;
}

Result<std::optional<ContextRecord>> ContextRegistry::lookup(std::string_view context_id) const {
  std::lock_guard lock(mu_);
  return load(context_id);
}

}  // namespace agenthub::agents
