#pragma once

// The few URL operations the client needs: split an http(s) URL, rebuild its origin, resolve a
// path against it. No percent-decoding: paths travel as given.

#include <string>
#include <string_view>

#include "core/result.h"

namespace agenthub::a2a {

struct Url {
  std::string scheme;  // "http" | "https"
  std::string host;    // IPv6 literals keep their brackets: "[::1]"
  int port = 0;        // explicit or the scheme's default
  std::string path;    // "/a2a/jsonrpc", "" for none; includes any query string

  // "http://127.0.0.1:8080" — what an HTTP connection is keyed on.
  [[nodiscard]] std::string origin() const;
  // "127.0.0.1:8080" — for error messages.
  [[nodiscard]] std::string host_port() const;
  // The path to put on the request line ("/" when empty).
  [[nodiscard]] std::string request_path() const;
  // origin() + path.
  [[nodiscard]] std::string to_string() const;
};

// Accepts "http://host[:port][/path]" and "https://..."; kInvalidArgument otherwise.
[[nodiscard]] Result<Url> parse_url(std::string_view text);

// `ref` resolved against `base`: an absolute http(s) URL is taken as is, "/x" replaces the path,
// anything else is appended to base's path with one '/' between.
[[nodiscard]] Result<Url> resolve_url(const Url& base, std::string_view ref);

}  // namespace agenthub::a2a
