// get_event_artifact: page through the full value of a field the sanitizer moved out of an
// event.

#include <limits>

#include "core/json_pointer.h"
#include "mcp/args.h"
#include "mcp/tool_result.h"
#include "mcp/tools/run_text.h"
#include "mcp/tools/schemas.h"
#include "mcp/tools/tools.h"

namespace agenthub::mcp {
namespace {

constexpr std::string_view kName = "get_event_artifact";

Json descriptor() {
  Json d = schema_literal(R"json({
    "name": "get_event_artifact",
    "title": "Read a moved event field",
    "description": "Read the full value of an event field that poll_events shortened. Such events list the field in data.artifact_refs, keyed by its JSON Pointer (e.g. \"/stdout\", \"/aggregated_output\", \"/result\"). Pass the event's seq and that pointer as field_path. Returns up to limit bytes starting at byte offset; when has_more is true call again with offset + returned_bytes.",
    "inputSchema": {
      "type": "object",
      "properties": {
        "seq": {"type": "integer", "minimum": 1, "description": "The event's seq."},
        "field_path": {"type": "string", "description": "JSON Pointer of the field relative to the event's data, as listed in data.artifact_refs, e.g. \"/stdout\"."},
        "offset": {"type": "integer", "minimum": 0, "default": 0, "description": "Byte offset to start at (default 0)."},
        "limit": {"type": "integer", "minimum": 1, "maximum": 262144, "default": 65536, "description": "Most bytes to return (default 65536)."}
      },
      "required": ["run_id", "seq", "field_path"],
      "additionalProperties": false
    },
    "outputSchema": {
      "type": "object",
      "properties": {
        "run_id": {"type": "string"},
        "seq": {"type": "integer"},
        "field_path": {"type": "string"},
        "mime": {"type": "string", "description": "e.g. text/plain or application/json."},
        "encoding": {"type": "string", "description": "How content is encoded, e.g. utf-8."},
        "relpath": {"type": "string", "description": "Where the artifact lives under the run directory."},
        "total_bytes": {"type": "integer"},
        "offset": {"type": "integer"},
        "returned_bytes": {"type": "integer"},
        "has_more": {"type": "boolean", "description": "True when bytes after offset + returned_bytes remain."},
        "content": {"type": "string", "description": "The bytes read."}
      },
      "required": ["run_id", "seq", "field_path", "offset", "returned_bytes", "has_more", "content"]
    },
    "annotations": {"readOnlyHint": true, "destructiveHint": false, "idempotentHint": true, "openWorldHint": false}
  })json");
  d["inputSchema"]["properties"]["run_id"] = run_id_schema();
  return d;
}

Json call(const Json& args, const ToolContext& context) {
  ArgErrors errors;
  ArgReader r(args, "", errors);
  r.reject_unknown({"run_id", "seq", "field_path", "offset", "limit"});
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  auto run_id = r.nonempty_string("run_id", Need::kRequired);
  auto seq = r.integer("seq", 1, kMax, Need::kRequired);
  auto field_path = r.string("field_path", Need::kRequired);
  auto offset = r.integer("offset", 0, kMax, Need::kOptional);
  auto limit = r.integer("limit", 1, 262144, Need::kOptional);
  if (field_path) {
    auto tokens = parse_json_pointer(*field_path);
    if (!tokens.ok() || tokens->empty()) {
      r.fail("field_path",
             "must be a JSON Pointer naming a field of the event's data, like \"/stdout\" or "
             "\"/input/content\" (escape '~' as ~0 and '/' as ~1), got " +
                 describe_value(Json(*field_path)));
    }
  }
  if (!errors.empty()) return tool_failure(kName, errors.to_error());

  hub::EventArtifactRequest req;
  req.run_id = *run_id;
  req.seq = *seq;
  req.field_path = *field_path;
  if (offset) req.offset = *offset;
  if (limit) req.limit = *limit;
  auto result = context.service.get_event_artifact(req);
  if (!result.ok()) return tool_failure(kName, result.error());
  const Json& page = *result;
  std::string text = "run " + text_of(page, "run_id") + " event " + text_of(page, "seq") + " " +
                     text_of(page, "field_path") + ": " + text_of(page, "returned_bytes") +
                     " bytes from offset " + text_of(page, "offset") + " of " +
                     text_of(page, "total_bytes") + " (" + text_of(page, "mime") + ", " +
                     text_of(page, "encoding") + ")";
  if (json_bool(page, "has_more")) {
    const Json* at = json_find(page, "offset");
    const Json* got = json_find(page, "returned_bytes");
    std::int64_t next = 0;
    // The page is the service's JSON: add without trusting it to stay in range.
    if (at != nullptr && got != nullptr && at->is_number_integer() && got->is_number_integer() &&
        !__builtin_add_overflow(at->get<std::int64_t>(), got->get<std::int64_t>(), &next)) {
      text += "; more: call again with offset " + std::to_string(next);
    } else {
      text += "; more: call again with offset + returned_bytes";
    }
  }
  if (const Json* content = json_find(page, "content");
      content != nullptr && content->is_string()) {
    const auto& s = content->get_ref<const std::string&>();
    text += s.size() <= kInlineJsonMaxBytes ? "\n" + s : "\n(content in structuredContent)";
  }
  return tool_success(std::move(text), std::move(result).value());
}

}  // namespace

ToolSpec get_event_artifact_tool() { return {kName, &descriptor, &call}; }

}  // namespace agenthub::mcp
