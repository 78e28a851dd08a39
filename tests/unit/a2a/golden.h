#pragma once

// Golden files and the sample values they encode, shared by the v1.0 and v0.3 codec tests.
// The goldens mirror what the reference SDK (@a2a-js/sdk 1.3.0) puts on the wire for the same
// values; sdk_*.json files are verbatim captures of that SDK's output.

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>

#include "a2a/types.h"
#include "core/json.h"
#include "core/result.h"

namespace agenthub::a2a::testing {

// tests/unit/a2a/golden/<version>/<name>.json, parsed. Fails the test when missing.
[[nodiscard]] Json load_golden(std::string_view version, std::string_view name);

// A copy of `value` with an unknown member added to every object, except inside members whose
// content is opaque or a map (metadata, data, params, security maps...).
[[nodiscard]] Json with_unknown_fields(const Json& value);

// `value` with the member at `pointer` (a JSON Pointer) set to `replacement`, or removed.
[[nodiscard]] Json with_member(const Json& value, std::string_view pointer, Json replacement);
[[nodiscard]] Json without_member(const Json& value, std::string_view pointer);

// Every JSON Pointer to a member or element inside `value` (not the root).
[[nodiscard]] std::set<std::string> all_pointers(const Json& value);

// The decode error is kInvalidArgument and its message starts with "<path>: ".
template <typename T>
void expect_invalid(const Result<T>& result, std::string_view path) {
  ASSERT_FALSE(result.ok()) << "expected an error at " << path;
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument) << result.error().to_string();
  EXPECT_EQ(result.error().message.rfind(std::string(path) + ": ", 0), 0u)
      << "error should name " << path << ": " << result.error().message;
}

// The four golden properties of one type: encode(sample) is the golden; decoding the golden and
// encoding again gives the golden; unknown members anywhere are ignored; and no mutation of any
// member (null, wrong types) makes the decoder throw or fail with anything but
// kInvalidArgument.
template <typename T, typename Encode, typename Decode>
void expect_golden(const T& sample, const Json& golden, Encode encode, Decode decode) {
  EXPECT_EQ(encode(sample), golden) << "encoded: " << encode(sample).dump(2);

  auto decoded = decode(golden);
  ASSERT_TRUE(decoded.ok()) << decoded.error().to_string();
  EXPECT_EQ(encode(*decoded), golden);

  auto tolerant = decode(with_unknown_fields(golden));
  ASSERT_TRUE(tolerant.ok()) << tolerant.error().to_string();
  EXPECT_EQ(encode(*tolerant), golden);

  const Json replacements[] = {nullptr, 7, -1.5, "x", Json::array(), Json::object(), true};
  for (const auto& pointer : all_pointers(golden)) {
    for (const auto& replacement : replacements) {
      const Json mutated = with_member(golden, pointer, replacement);
      EXPECT_NO_THROW({
        auto result = decode(mutated);
        if (!result.ok()) {
          EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument)
              << pointer << " = " << replacement.dump();
        }
      }) << pointer
         << " = " << replacement.dump();
    }
  }
}

Part sample_text_part();
Part sample_raw_part();
Part sample_url_part();
Part sample_data_part();
Part sample_scalar_data_part();  // data that is not an object
Message sample_message();        // from the user, with every part kind
Message sample_agent_message();
TaskStatus sample_status();
Artifact sample_artifact();
Task sample_task();
TaskStatusUpdateEvent sample_status_update();
TaskArtifactUpdateEvent sample_artifact_update();
SendMessageRequest sample_send_message_request();
GetTaskRequest sample_get_task_request();
ListTasksRequest sample_list_tasks_request();
ListTasksResponse sample_list_tasks_response();
CancelTaskRequest sample_cancel_task_request();
SubscribeToTaskRequest sample_subscribe_request();
AgentCard sample_agent_card();

}  // namespace agenthub::a2a::testing
