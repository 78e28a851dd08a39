#include "agents/common/task_params.h"

#include <sys/stat.h>

#include <system_error>

#include "agents/common/run_event_wire.h"

namespace agenthub::agents {
namespace {

Error wrong_type(std::string_view key, std::string_view expected) {
  return Error{ErrorCode::kInvalidArgument,
               "metadata." + std::string(key) + " must be " + std::string(expected)};
}

// The string under `key`, nullopt when absent or null.
Result<std::optional<std::string>> optional_string(const Json& metadata, std::string_view key) {
  const Json* value = json_find(metadata, key);
  if (value == nullptr) return std::optional<std::string>();
  if (!value->is_string()) return wrong_type(key, "a string");
  return std::optional<std::string>(value->get<std::string>());
}

}  // namespace

Result<TaskParams> parse_task_params(const a2a::Message& message) {
  TaskParams params;
  if (message.metadata.is_null()) return params;
  if (!message.metadata.is_object()) {
    return Error{ErrorCode::kInvalidArgument, "message.metadata must be an object"};
  }
  params.metadata = message.metadata;

  auto cwd = optional_string(message.metadata, kMetaCwd);
  if (!cwd.ok()) return cwd.error();
  params.cwd = *cwd;
  auto profile = optional_string(message.metadata, kMetaProfile);
  if (!profile.ok()) return profile.error();
  params.profile = profile->value_or("");
  auto model = optional_string(message.metadata, kMetaModel);
  if (!model.ok()) return model.error();
  params.model = model->value_or("");
  if (const Json* schema = json_find(message.metadata, kMetaOutputSchema); schema != nullptr) {
    if (!schema->is_object()) return wrong_type(kMetaOutputSchema, "a JSON Schema object");
    params.output_schema = *schema;
  }
  return params;
}

Result<std::filesystem::path> resolve_cwd(const std::string& cwd) {
  const std::filesystem::path path(cwd);
  if (cwd.empty() || !path.is_absolute()) {
    return Error{
        ErrorCode::kInvalidArgument,
        "metadata.cwd must be an absolute path to an existing directory, got \"" + cwd + "\""};
  }
  std::error_code ec;
  std::filesystem::path canonical = std::filesystem::canonical(path, ec);
  if (ec) {
    return Error{ErrorCode::kInvalidArgument,
                 "metadata.cwd " + cwd + " cannot be used: " + ec.message()};
  }
  struct stat st {};
  if (::stat(canonical.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return Error{ErrorCode::kInvalidArgument, "metadata.cwd " + cwd + " is not a directory"};
  }
  return canonical;
}

std::string prompt_text(const a2a::Message& message) {
  std::string out;
  auto add = [&out](const std::string& piece) {
    if (piece.empty()) return;
    if (!out.empty()) out += "\n\n";
    out += piece;
  };
  for (const a2a::Part& part : message.parts) {
    switch (part.kind) {
      case a2a::Part::Kind::kText:
        add(part.text);
        break;
      case a2a::Part::Kind::kData:
        add(dump_json(part.data));
        break;
      case a2a::Part::Kind::kUrl:
        add("[file: " + (part.filename.empty() ? part.url : part.filename + " " + part.url) + "]");
        break;
      case a2a::Part::Kind::kRaw:
        add("[attached file " + (part.filename.empty() ? std::string("(unnamed)") : part.filename) +
            " of " + std::to_string(part.raw.size()) + " bytes, not shown]");
        break;
      case a2a::Part::Kind::kUnknown:
        break;
    }
  }
  return out;
}

}  // namespace agenthub::agents
