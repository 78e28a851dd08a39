#pragma once

// A2A protocol types, version-neutral. These are plain data; the wire forms live in
// codec_v1.h (v1.0 ProtoJSON) and compat_v03.h (v0.3 JSON). Empty strings and null Json mean
// "absent" and are omitted when encoding.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/json.h"

namespace agenthub::a2a {

enum class Role { kUnknown = 0, kUser, kAgent };

enum class TaskState {
  kUnknown = 0,
  kSubmitted,
  kWorking,
  kInputRequired,
  kAuthRequired,
  kCompleted,
  kFailed,
  kCanceled,
  kRejected,
};

// completed, failed, canceled, rejected: the task will never change again.
[[nodiscard]] bool is_terminal(TaskState state);
// input-required, auth-required: the task waits for the client's next message.
[[nodiscard]] bool is_interrupted(TaskState state);
// Short lowercase name for logs ("input-required"); the v0.3 wire name.
[[nodiscard]] std::string_view task_state_name(TaskState state);

struct Part {
  enum class Kind { kUnknown = 0, kText, kRaw, kUrl, kData };

  Kind kind = Kind::kText;
  std::string text;  // kText
  std::string raw;   // kRaw: the decoded bytes (base64 on the wire)
  std::string url;   // kUrl
  Json data;         // kData: any JSON value
  std::string media_type;
  std::string filename;
  Json metadata;  // object or null

  static Part text_part(std::string text);
  static Part data_part(Json data);
  static Part raw_part(std::string bytes, std::string media_type = {}, std::string filename = {});
  static Part url_part(std::string url, std::string media_type = {}, std::string filename = {});
};

struct Message {
  std::string message_id;
  std::string context_id;
  std::string task_id;
  Role role = Role::kUser;
  std::vector<Part> parts;
  Json metadata;
  std::vector<std::string> extensions;
  std::vector<std::string> reference_task_ids;

  // Concatenation of the text parts, joined by newlines.
  [[nodiscard]] std::string text() const;
};

struct TaskStatus {
  TaskState state = TaskState::kUnknown;
  std::optional<Message> message;
  std::string timestamp;  // ISO-8601 UTC
};

struct Artifact {
  std::string artifact_id;
  std::string name;
  std::string description;
  std::vector<Part> parts;
  Json metadata;
  std::vector<std::string> extensions;
};

struct Task {
  std::string id;
  std::string context_id;
  TaskStatus status;
  std::vector<Artifact> artifacts;
  std::vector<Message> history;
  Json metadata;
};

struct TaskStatusUpdateEvent {
  std::string task_id;
  std::string context_id;
  TaskStatus status;
  Json metadata;
  // v0.3 only: the last event of the stream. Derived from the state when decoding v1.0.
  bool is_final = false;
};

struct TaskArtifactUpdateEvent {
  std::string task_id;
  std::string context_id;
  Artifact artifact;
  bool append = false;
  bool last_chunk = false;
  Json metadata;
};

// One item of a streaming response: exactly one of these.
using StreamResponse = std::variant<Task, Message, TaskStatusUpdateEvent, TaskArtifactUpdateEvent>;

// Task id and context id of any stream item (empty for a Message without them).
[[nodiscard]] const std::string& stream_task_id(const StreamResponse& item);
[[nodiscard]] const std::string& stream_context_id(const StreamResponse& item);

// ---- Requests and responses -------------------------------------------------------------

struct SendMessageConfiguration {
  std::vector<std::string> accepted_output_modes;
  std::optional<int> history_length;
  // v1.0 returnImmediately; v0.3 blocking=false means the same.
  bool return_immediately = false;
  Json push_notification_config;  // kept opaque; we do not deliver push notifications
};

struct SendMessageRequest {
  Message message;
  SendMessageConfiguration configuration;
  Json metadata;
};

// SendMessage answers with the task, or with a direct message for task-less replies.
using SendMessageResponse = std::variant<Task, Message>;

struct GetTaskRequest {
  std::string id;
  std::optional<int> history_length;
};

struct ListTasksRequest {
  std::string context_id;
  std::optional<TaskState> status;
  int page_size = 0;  // 0: server default
  std::string page_token;
  std::optional<int> history_length;
  bool include_artifacts = false;
};

struct ListTasksResponse {
  std::vector<Task> tasks;
  std::string next_page_token;
  int page_size = 0;
  int total_size = 0;
};

struct CancelTaskRequest {
  std::string id;
  Json metadata;
};

struct SubscribeToTaskRequest {
  std::string id;
};

// ---- Agent card -------------------------------------------------------------------------

struct AgentInterface {
  std::string url;
  std::string protocol_binding = "JSONRPC";
  std::string protocol_version = "1.0";
  std::string tenant;
};

struct AgentExtension {
  std::string uri;
  std::string description;
  bool required = false;
  Json params;
};

struct AgentCapabilities {
  bool streaming = false;
  bool push_notifications = false;
  bool extended_agent_card = false;
  std::vector<AgentExtension> extensions;
};

struct AgentProvider {
  std::string organization;
  std::string url;
};

struct SecurityScheme {
  enum class Type { kUnknown = 0, kHttp, kApiKey, kOAuth2, kOpenIdConnect, kMutualTls };
  Type type = Type::kUnknown;
  std::string description;
  std::string scheme;         // kHttp: "Bearer"
  std::string bearer_format;  // kHttp
  std::string name;           // kApiKey: header/query/cookie name
  std::string location;       // kApiKey: "header" | "query" | "cookie"
  std::string open_id_connect_url;
  Json oauth2_flows;  // kOAuth2: kept as given

  static SecurityScheme bearer(std::string description = {});
};

// Alternatives are ORed; the schemes inside one requirement are ANDed. Values are scopes.
using SecurityRequirement = std::map<std::string, std::vector<std::string>>;

struct AgentSkill {
  std::string id;
  std::string name;
  std::string description;
  std::vector<std::string> tags;
  std::vector<std::string> examples;
  std::vector<std::string> input_modes;
  std::vector<std::string> output_modes;
};

struct AgentCard {
  std::string name;
  std::string description;
  std::string version;
  std::vector<AgentInterface> supported_interfaces;
  std::optional<AgentProvider> provider;
  std::string documentation_url;
  std::string icon_url;
  AgentCapabilities capabilities;
  std::map<std::string, SecurityScheme> security_schemes;
  std::vector<SecurityRequirement> security_requirements;
  std::vector<std::string> default_input_modes{"text/plain"};
  std::vector<std::string> default_output_modes{"text/plain"};
  std::vector<AgentSkill> skills;

  // The JSON-RPC interface URL we should talk to (first JSONRPC interface), or empty.
  [[nodiscard]] std::string jsonrpc_url() const;
  // Highest protocol version any JSONRPC interface declares ("1.0", "0.3"...), or empty.
  [[nodiscard]] std::string best_protocol_version() const;
};

}  // namespace agenthub::a2a
