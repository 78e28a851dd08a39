#include "tests/fakes/fake_cli/fake_cli_input.h"

#include <unistd.h>

#include <cerrno>
#include <nlohmann/json.hpp>

namespace agenthub::fakes {
namespace {

// read(2) of fd 0; 0 at EOF or on error.
std::size_t read_stdin(char* buf, std::size_t len) {
  for (;;) {
    ssize_t n = ::read(STDIN_FILENO, buf, len);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno != EINTR) return 0;
  }
}

}  // namespace

std::string StdinWatcher::read_all() {
  std::string data;
  char buf[65536];
  while (std::size_t n = read_stdin(buf, sizeof buf)) data.append(buf, n);
  recorder_.write("stdin", {{"data", data}});
  recorder_.write("stdin_eof");
  return data;
}

void StdinWatcher::start_line_reader() {
  std::thread([this] { read_lines(); }).detach();
}

void StdinWatcher::read_lines() {
  std::string pending;
  char buf[65536];
  while (std::size_t n = read_stdin(buf, sizeof buf)) {
    pending.append(buf, n);
    std::size_t start = 0;
    for (std::size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1) {
      handle_line(pending.substr(start, nl - start));
    }
    pending.erase(0, start);
  }
  if (!pending.empty()) handle_line(pending);
  recorder_.write("stdin_eof");
  std::lock_guard lock(mu_);
  eof_ = true;
  cv_.notify_all();
}

void StdinWatcher::handle_line(const std::string& line) {
  recorder_.write("stdin", {{"data", line}});
  nlohmann::json msg = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!msg.is_object()) return;
  auto text = [](const nlohmann::json& obj, const char* key) {
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  std::string type = text(msg, "type");
  std::lock_guard lock(mu_);
  if (type == "user") {
    ++user_messages_;
  } else if (type == "control_request") {
    auto request = msg.find("request");
    if (request != msg.end() && request->is_object() && text(*request, "subtype") == "interrupt") {
      interrupt_id_ = text(msg, "request_id");
      recorder_.write("interrupt", {{"request_id", *interrupt_id_}});
    }
  } else if (type == "control_response") {
    auto response = msg.find("response");
    if (response != msg.end() && response->is_object()) {
      responses_[text(*response, "request_id")] = true;
    }
  }
  cv_.notify_all();
}

bool StdinWatcher::wait_user_message() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [this] { return user_messages_ > 0 || eof_; });
  return user_messages_ > 0;
}

std::optional<std::string> StdinWatcher::wait_interrupt_for(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, timeout, [this] { return interrupt_id_.has_value(); });
  return interrupt_id_;
}

void StdinWatcher::wait_control_response(const std::string& request_id) {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return responses_.count(request_id) > 0 || interrupt_id_ || eof_; });
}

std::optional<std::string> StdinWatcher::wait_eof_or_interrupt() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [this] { return eof_ || interrupt_id_.has_value(); });
  return interrupt_id_;
}

}  // namespace agenthub::fakes
