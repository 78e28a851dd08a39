#include "a2a/client/event_stream.h"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

namespace agenthub::a2a {
namespace {

// Items buffered ahead of the consumer; the reader waits (and so does the server, via TCP
// back-pressure) when the consumer falls behind.
constexpr std::size_t kQueueCapacity = 256;

}  // namespace

struct EventStream::State {
  std::unique_ptr<StreamCall> call;
  mutable std::mutex mu;
  std::condition_variable cv;
  std::deque<StreamResponse> queue;
  bool opened = false;
  bool finished = false;
  bool closed = false;
  bool closed_while_running = false;
  std::optional<Error> error;
  StreamOutcome outcome = StreamOutcome::kUnknown;
  std::jthread reader;

  void read() {
    Result<StreamOutcome> result = StreamOutcome::kUnknown;
    try {
      StreamCall::Sink sink;
      sink.on_open = [this] {
        std::lock_guard lock(mu);
        opened = true;
        cv.notify_all();
      };
      sink.on_item = [this](StreamResponse&& item) {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return closed || queue.size() < kQueueCapacity; });
        if (closed) return false;
        queue.push_back(std::move(item));
        cv.notify_all();
        return true;
      };
      result = call->run(sink);
    } catch (const std::exception& e) {
      spdlog::error("a2a client: stream reader failed: {}", e.what());
      result = Error{ErrorCode::kInternal, std::string("stream reader failed: ") + e.what()};
    } catch (...) {
      spdlog::error("a2a client: stream reader failed with an unknown exception");
      result = Error{ErrorCode::kInternal, "stream reader failed"};
    }
    std::lock_guard lock(mu);
    finished = true;
    if (result.ok()) {
      outcome = result.value();
    } else {
      error = result.error();
    }
    cv.notify_all();
  }
};

EventStream::EventStream(std::unique_ptr<StreamCall> call) : state_(std::make_unique<State>()) {
  state_->call = std::move(call);
  State* s = state_.get();
  state_->reader = std::jthread([s] { s->read(); });
}

EventStream::~EventStream() {
  close();
  if (state_->reader.joinable()) state_->reader.join();
}

Result<std::optional<StreamResponse>> EventStream::next() {
  State& s = *state_;
  std::unique_lock lock(s.mu);
  s.cv.wait(lock, [&] { return s.closed || !s.queue.empty() || s.finished; });
  if (s.closed) return Error{ErrorCode::kCancelled, "stream closed"};
  if (!s.queue.empty()) {
    StreamResponse item = std::move(s.queue.front());
    s.queue.pop_front();
    s.cv.notify_all();
    return std::optional<StreamResponse>(std::move(item));
  }
  if (s.error) return *s.error;
  return std::optional<StreamResponse>();
}

void EventStream::close() {
  State& s = *state_;
  {
    std::lock_guard lock(s.mu);
    if (s.closed) return;
    s.closed = true;
    s.cv.notify_all();
    if (s.finished) return;
    s.closed_while_running = true;
  }
  s.call->abort();
}

StreamOutcome EventStream::outcome() const {
  std::lock_guard lock(state_->mu);
  if (state_->closed_while_running) return StreamOutcome::kStopped;
  return state_->outcome;
}

bool EventStream::wait_opened() {
  State& s = *state_;
  std::unique_lock lock(s.mu);
  s.cv.wait(lock, [&] { return s.opened || s.finished || s.closed; });
  return s.opened;
}

std::optional<Error> EventStream::error() const {
  std::lock_guard lock(state_->mu);
  return state_->error;
}

bool EventStream::failed_before_open() const {
  std::lock_guard lock(state_->mu);
  return state_->finished && !state_->opened && state_->error.has_value();
}

}  // namespace agenthub::a2a
