#include "hub/spawn_plan.h"

#include "hub/agent_message.h"

namespace agenthub::hub {
namespace {

namespace fsys = std::filesystem;

Error invalid(std::string message) { return {ErrorCode::kInvalidArgument, std::move(message)}; }

}  // namespace

Status check_cwd(const std::string& cwd) {
  if (cwd.empty()) return invalid("cwd: required (an absolute path to an existing directory)");
  fsys::path path(cwd);
  if (!path.is_absolute()) {
    return invalid("cwd: must be an absolute path, got \"" + cwd + "\"");
  }
  std::error_code ec;
  if (!fsys::exists(path, ec)) return invalid("cwd: " + cwd + " does not exist");
  if (!fsys::is_directory(path, ec)) return invalid("cwd: " + cwd + " is not a directory");
  return {};
}

Result<a2a::Message> plan_continue_message(const Json& input_message) {
  if (input_message.is_null()) {
    return invalid("input_message: required ({role, parts[]}, e.g. one text part)");
  }
  return to_a2a_message(input_message);
}

Result<SpawnPlan> plan_spawn(const SpawnRunRequest& request,
                             const std::vector<fsys::path>& profile_dirs) {
  SpawnPlan plan;
  plan.backend = parse_backend(request.backend);
  if (plan.backend == Backend::kUnknown) {
    return invalid("backend: must be \"codex\", \"claude_code\" or \"remote_a2a\", got \"" +
                   request.backend + "\"");
  }
  plan.role = parse_role(request.role);
  if (plan.role == Role::kUnknown) {
    return invalid("role: must be \"planner\", \"worker\" or \"reviewer\", got \"" + request.role +
                   "\"");
  }
  AGENTHUB_RETURN_IF_ERROR(check_cwd(request.cwd));
  plan.cwd = fsys::path(request.cwd).lexically_normal();
  if (plan.cwd.has_relative_path() && plan.cwd.filename().empty()) {
    plan.cwd = plan.cwd.parent_path();  // drop a trailing slash: one spelling per directory
  }

  if (request.session_mode == "resume") {
    plan.resume = true;
    if (request.session_id.empty()) {
      return invalid(
          "session_id: required when session_mode is \"resume\" (the session_id "
          "returned by an earlier spawn_run)");
    }
    plan.session_id = request.session_id;
  } else if (request.session_mode != "new") {
    return invalid("session_mode: must be \"new\" or \"resume\", got \"" + request.session_mode +
                   "\"");
  }

  const bool has_prompt = request.prompt.has_value() && !request.prompt->empty();
  if (!has_prompt && request.input_message.is_null()) {
    return invalid("prompt or input_message: give at least one (the task for the agent)");
  }
  if (!request.input_message.is_null()) {
    auto message = to_a2a_message(request.input_message);
    if (!message.ok()) return message.error();
    plan.message = std::move(message).value();
    plan.input_message = request.input_message;
    if (has_prompt) {
      plan.message.parts.insert(plan.message.parts.begin(), a2a::Part::text_part(*request.prompt));
    }
  } else {
    plan.message = text_message(*request.prompt);
  }
  plan.prompt = has_prompt ? *request.prompt : plan.message.text();

  if (!request.profile.empty()) {
    auto profile = load_profile(request.profile, plan.cwd, profile_dirs);
    if (!profile.ok()) return profile.error();
    plan.profile = std::move(profile).value();
    plan.profile_spec = request.profile;
  }
  if (!request.output_schema.is_null()) {
    if (!request.output_schema.is_object()) {
      return invalid("output_schema: must be a JSON Schema object");
    }
    plan.output_schema = request.output_schema;
  }
  if (!request.metadata.is_null()) {
    if (!request.metadata.is_object()) return invalid("metadata: must be an object");
    plan.metadata = request.metadata;
  }
  if (!request.backend_config.is_null() && !request.backend_config.is_object()) {
    return invalid("backend_config: must be an object");
  }
  plan.backend_config = request.backend_config;
  if (plan.backend == Backend::kRemoteA2a) {
    auto remote = parse_remote_config(request.backend_config);
    if (!remote.ok()) {
      // On resume the session knows the agent; backend_config may then omit it.
      if (!(plan.resume && request.backend_config.is_null())) return remote.error();
    } else {
      plan.remote = std::move(remote).value();
    }
  }
  if (request.timeout_s) {
    if (*request.timeout_s <= 0) return invalid("timeout_s: must be a positive number of seconds");
    plan.timeout_s = request.timeout_s;
  }
  return plan;
}

}  // namespace agenthub::hub
