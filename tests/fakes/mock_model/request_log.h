#pragma once

#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace agenthub::mock_model {

// One request as the mock saw it.
struct LoggedRequest {
  std::string method;
  std::string path;
  std::string query;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int status = 0;
};

// Appends one JSON line per request: {ts, method, path, query, headers, body, status}. Header
// values that carry credentials are replaced by "<redacted>"; a JSON body is stored as JSON,
// anything else as a string. Safe to call from many threads; each line is flushed at once.
class RequestLog {
 public:
  // An empty path gives a log that drops everything.
  [[nodiscard]] static Result<std::unique_ptr<RequestLog>> open(const std::string& path);

  void record(const LoggedRequest& request);

 private:
  std::mutex mu_;
  std::ofstream out_;
  bool enabled_ = false;
};

// True for header names whose values are secrets (authorization, x-api-key, cookies, tokens).
[[nodiscard]] bool is_secret_header(std::string_view name);

}  // namespace agenthub::mock_model
