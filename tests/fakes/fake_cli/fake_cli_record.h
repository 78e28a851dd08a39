#pragma once

// Appends what fake-cli saw (argv, cwd, stdin, interrupts, how it ended) as JSON lines to the
// file named by FAKE_CLI_RECORD, so a test can assert what a wrapper passed to its CLI. Each
// event is one write(2) on an O_APPEND descriptor: nothing is lost if the process then
// crashes or is killed.

#include <nlohmann/json.hpp>
#include <string>

namespace agenthub::fakes {

class Recorder {
 public:
  explicit Recorder(const std::string& path);  // empty path: record nothing
  ~Recorder();
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  // Adds {"event": name, ...fields}. Thread-safe (one write per event).
  void write(const std::string& event, nlohmann::json fields = nlohmann::json::object()) const;

 private:
  int fd_ = -1;
};

}  // namespace agenthub::fakes
