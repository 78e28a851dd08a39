#pragma once

// One streaming JSON-RPC call (SendStreamingMessage / SubscribeToTask, either version) run to
// its end on the calling thread: the POST, the answer's headers, SSE decoding, and the plain
// JSON answers servers give instead of a stream (errors found before streaming began, or a
// single result).

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "a2a/client/client_options.h"
#include "a2a/client/http_transport.h"
#include "a2a/client/url.h"
#include "a2a/protocol.h"
#include "a2a/types.h"
#include "core/result.h"

namespace agenthub::a2a {

// How a stream ended when it did not fail.
enum class StreamOutcome {
  kUnknown = 0,
  // The last item was final: a direct Message, or the task terminal or interrupted.
  kFinal,
  // The server closed the stream before the task reached such a state. The task may still be
  // running: recover with GetTask (or SubscribeToTask).
  kIncomplete,
  // The consumer stopped it (callback returned false, or close()).
  kStopped,
};

[[nodiscard]] std::string_view stream_outcome_name(StreamOutcome o);

class StreamCall {
 public:
  struct Sink {
    // The server accepted the call and items may follow (an SSE answer, or a plain result).
    std::function<void()> on_open;
    // One decoded item. Return false to stop reading (the outcome is then kStopped).
    std::function<bool(StreamResponse&&)> on_item;
  };

  StreamCall(const ClientOptions& options, Url url, ProtocolVersion version,
             std::string request_body, Json request_id, HttpHeaders headers);
  ~StreamCall();

  // Blocks until the stream ends. Errors: transport failures (kUnavailable, kDeadlineExceeded
  // for idle timeouts), HTTP 401/403, the JSON-RPC error the server answered or streamed,
  // kInvalidAgentResponse for answers that are neither SSE nor JSON-RPC, kCancelled after
  // abort().
  [[nodiscard]] Result<StreamOutcome> run(const Sink& sink);

  // Any thread: makes run() return promptly with kCancelled.
  void abort();

  // Whether on_open was reached, i.e. an Error from run() came from inside the stream rather
  // than as the server's immediate answer.
  [[nodiscard]] bool opened() const { return opened_.load(); }

 private:
  ClientOptions options_;
  Url url_;
  ProtocolVersion version_;
  std::string body_;
  Json request_id_;
  HttpHeaders headers_;
  HttpStreamCall http_;
  std::atomic<bool> opened_{false};
};

}  // namespace agenthub::a2a
