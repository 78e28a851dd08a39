#pragma once

// The A2A client: JSON-RPC over HTTP(S) with SSE streams, speaking v1.0 and falling back to
// v0.3 when the agent only has that. One Client per agent; every method is thread-safe and
// never throws — failures come back as Errors:
//   kUnavailable        agent unreachable / connection lost (message names host:port)
//   kDeadlineExceeded   no answer within the request timeout / stream idle timeout
//   kUnauthenticated    HTTP 401;  kPermissionDenied: HTTP 403
//   kInvalidAgentResponse  not JSON, not JSON-RPC, wrong content type, undecodable result
//   anything else       the JSON-RPC error the agent answered, mapped through core/error_table
//
//   a2a::ClientOptions options;
//   options.bearer_token = token;
//   auto client = a2a::Client::connect("http://127.0.0.1:8080", options);
//   if (!client.ok()) return client.error();
//   a2a::SendMessageRequest request;
//   request.message = a2a::user_text_message("hello");
//   auto reply = (*client)->send_message(request);  // a Task (or a Message), or an Error

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "a2a/client/client_options.h"
#include "a2a/client/event_stream.h"
#include "a2a/client/stream_call.h"
#include "a2a/protocol.h"
#include "a2a/types.h"
#include "core/result.h"

namespace agenthub::a2a {

// Receives stream items in order; return false to stop the stream (outcome kStopped).
using StreamCallback = std::function<bool(const StreamResponse&)>;

class Client {
 public:
  // Fetches the agent card (see card_resolver.h for where it looks; `agent_url` may also be
  // the JSON-RPC endpoint or the card's own URL) and picks the protocol version from it.
  [[nodiscard]] static Result<std::unique_ptr<Client>> connect(std::string_view agent_url,
                                                               ClientOptions options = {});
  // A client for a card already in hand; its interface URLs must be absolute.
  [[nodiscard]] static Result<std::unique_ptr<Client>> from_card(AgentCard card,
                                                                 ClientOptions options = {});
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  [[nodiscard]] const AgentCard& card() const;
  // The version calls are made with now: the card's choice, or v0.3 after a fallback.
  [[nodiscard]] ProtocolVersion version() const;
  // The JSON-RPC endpoint calls go to now.
  [[nodiscard]] std::string endpoint() const;

  // SendMessage / message/send. An empty messageId is filled with a fresh UUID.
  [[nodiscard]] Result<SendMessageResponse> send_message(const SendMessageRequest& request);

  // SendStreamingMessage / message/stream, items delivered to `on_item` on this thread. The
  // result says how the stream ended; kIncomplete means the server hung up before the task was
  // terminal or interrupted.
  [[nodiscard]] Result<StreamOutcome> send_streaming_message(const SendMessageRequest& request,
                                                             const StreamCallback& on_item);
  // The same as a pull iterator. Returns once the server has accepted the call (an immediate
  // JSON-RPC error is returned here, not from next()).
  [[nodiscard]] Result<std::unique_ptr<EventStream>> open_stream(const SendMessageRequest& request);

  // SubscribeToTask / tasks/resubscribe: the current task first, then live updates.
  [[nodiscard]] Result<StreamOutcome> subscribe(const SubscribeToTaskRequest& request,
                                                const StreamCallback& on_item);
  [[nodiscard]] Result<std::unique_ptr<EventStream>> open_subscription(
      const SubscribeToTaskRequest& request);

  [[nodiscard]] Result<Task> get_task(const GetTaskRequest& request);
  // v1.0 only: kUnsupportedOperation when the agent speaks v0.3.
  [[nodiscard]] Result<ListTasksResponse> list_tasks(const ListTasksRequest& request);
  [[nodiscard]] Result<Task> cancel_task(const CancelTaskRequest& request);

 private:
  struct Impl;
  explicit Client(std::unique_ptr<Impl> impl);

  std::unique_ptr<Impl> impl_;
};

// A user message with one text part and a fresh messageId; ids may be empty.
[[nodiscard]] Message user_text_message(std::string text, std::string context_id = {},
                                        std::string task_id = {});

}  // namespace agenthub::a2a
