#include "tests/fakes/mock_model/request_log.h"

#include <algorithm>
#include <cctype>
#include <memory>

#include "core/clock.h"
#include "core/json.h"

namespace agenthub::mock_model {

bool is_secret_header(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* marker : {"authorization", "api-key", "apikey", "cookie", "token", "secret"}) {
    if (lower.find(marker) != std::string::npos) return true;
  }
  return false;
}

Result<std::unique_ptr<RequestLog>> RequestLog::open(const std::string& path) {
  auto log = std::make_unique<RequestLog>();
  if (path.empty()) return log;
  log->out_.open(path, std::ios::app | std::ios::binary);
  if (!log->out_) {
    return Error(ErrorCode::kIo, "cannot open request log " + path);
  }
  log->enabled_ = true;
  return log;
}

void RequestLog::record(const LoggedRequest& request) {
  if (!enabled_) return;
  Json headers = Json::object();
  for (const auto& [name, value] : request.headers) {
    headers[name] = is_secret_header(name) ? "<redacted>" : value;
  }
  auto parsed = parse_json(request.body);
  Json entry = {{"ts", iso8601_now()},           {"method", request.method},
                {"path", request.path},          {"query", request.query},
                {"headers", std::move(headers)}, {"status", request.status}};
  entry["body"] = parsed.ok() ? std::move(parsed.value()) : Json(request.body);
  const std::string line = dump_json(entry) + "\n";
  std::lock_guard lock(mu_);
  out_ << line;
  out_.flush();
}

}  // namespace agenthub::mock_model
