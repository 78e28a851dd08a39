#pragma once

// A pull iterator over one A2A stream. A reader thread owned by the stream does the blocking
// I/O and hands decoded items over through a small bounded queue, so next() can be abandoned
// from another thread with close() — the hub relies on that to cancel and shut down promptly.

#include <memory>
#include <optional>

#include "a2a/client/stream_call.h"
#include "a2a/types.h"
#include "core/result.h"

namespace agenthub::a2a {

class EventStream {
 public:
  // Starts the reader thread on `call`. Use Client::open_stream / open_subscription.
  explicit EventStream(std::unique_ptr<StreamCall> call);
  ~EventStream();  // close() and join the reader thread
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  // Blocks for the next item. Returns the item; std::nullopt once the stream has ended without
  // error (see outcome()); or the Error that ended it (kCancelled after close()). Once it has
  // returned nullopt or an Error it keeps returning the same.
  [[nodiscard]] Result<std::optional<StreamResponse>> next();

  // Thread-safe and idempotent: ends the stream, wakes a blocked next() at once (it returns
  // kCancelled) and aborts the connection. If the connection is still being established the
  // call may wait for that to finish (bounded by the connect timeout).
  void close();

  // How the stream ended: kUnknown while it runs (or when it failed), kFinal, kIncomplete
  // (the server hung up before a terminal / interrupted state: poll GetTask), or kStopped.
  [[nodiscard]] StreamOutcome outcome() const;

  // Blocks until the server's first answer: the stream opened, or it ended (with an Error, or
  // an outcome). Returns true when it opened; Client::open_* use this for version fallback.
  [[nodiscard]] bool wait_opened();
  // The Error that ended the stream, if it ended with one (valid after wait_opened()).
  [[nodiscard]] std::optional<Error> error() const;
  // Whether the server answered immediately with an error instead of streaming.
  [[nodiscard]] bool failed_before_open() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace agenthub::a2a
