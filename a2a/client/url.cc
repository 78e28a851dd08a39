#include "a2a/client/url.h"

#include <charconv>

namespace agenthub::a2a {
namespace {

Error bad_url(std::string_view text, std::string_view why) {
  return {ErrorCode::kInvalidArgument,
          "invalid agent URL \"" + std::string(text) + "\": " + std::string(why)};
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::string Url::origin() const { return scheme + "://" + host_port(); }

std::string Url::host_port() const { return host + ":" + std::to_string(port); }

std::string Url::request_path() const { return path.empty() ? "/" : path; }

std::string Url::to_string() const { return origin() + path; }

Result<Url> parse_url(std::string_view text) {
  Url url;
  std::size_t sep = text.find("://");
  if (sep == std::string_view::npos) return bad_url(text, "expected http:// or https://");
  url.scheme = to_lower(text.substr(0, sep));
  if (url.scheme != "http" && url.scheme != "https") {
    return bad_url(text, "scheme must be http or https");
  }
  std::string_view rest = text.substr(sep + 3);
  std::size_t path_start = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, path_start);
  if (path_start != std::string_view::npos) {
    std::string_view path = rest.substr(path_start);
    if (std::size_t hash = path.find('#'); hash != std::string_view::npos) {
      path = path.substr(0, hash);
    }
    url.path = std::string(path);
    if (!url.path.empty() && url.path.front() == '?') url.path.insert(0, "/");
  }
  if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    return bad_url(text, "credentials in the URL are not supported; use a bearer token");
  }
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return bad_url(text, "unterminated IPv6 literal");
    url.host = std::string(authority.substr(0, close + 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad_url(text, "junk after IPv6 literal");
      port_text = after.substr(1);
    }
  } else {
    std::size_t colon = authority.rfind(':');
    url.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (url.host.empty()) return bad_url(text, "missing host");
  if (port_text.empty()) {
    url.port = url.scheme == "https" ? 443 : 80;
  } else {
    auto [end, ec] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), url.port);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || url.port <= 0 ||
        url.port > 65535) {
      return bad_url(text, "bad port");
    }
  }
  return url;
}

Result<Url> resolve_url(const Url& base, std::string_view ref) {
  if (ref.find("://") != std::string_view::npos) return parse_url(ref);
  Url out = base;
  if (!ref.empty() && ref.front() == '/') {
    out.path = std::string(ref);
    return out;
  }
  std::string path = base.path;
  if (path.empty() || path.back() != '/') path += '/';
  path.append(ref);
  out.path = std::move(path);
  return out;
}

}  // namespace agenthub::a2a
