#include "core/ids.h"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <stdexcept>

namespace agenthub {
namespace {

std::string format_uuid(const std::array<std::uint8_t, 16>& b) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 0x0F];
  }
  return out;
}

}  // namespace

void fill_random(void* buf, std::size_t len) {
  auto* p = static_cast<std::uint8_t*>(buf);
  while (len > 0) {
    ssize_t n = getrandom(p, len, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("getrandom failed");
    }
    p += n;
    len -= static_cast<std::size_t>(n);
  }
}

std::string new_uuid_v4() {
  std::array<std::uint8_t, 16> b{};
  fill_random(b.data(), b.size());
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);
  return format_uuid(b);
}

std::string new_uuid_v7() {
  // 48-bit millisecond timestamp, then a 12-bit counter that keeps ids made in the same
  // millisecond in creation order (RFC 9562 method 1), then random bits.
  static std::mutex mu;
  static std::uint64_t last_ms = 0;
  static std::uint16_t counter = 0;
  auto now_ms = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                               std::chrono::system_clock::now().time_since_epoch())
                                               .count());
  std::uint64_t ms = 0;
  std::uint16_t seq = 0;
  {
    std::lock_guard lock(mu);
    if (now_ms > last_ms) {
      last_ms = now_ms;
      counter = 0;
    } else if (++counter > 0x0FFF) {
      ++last_ms;  // counter exhausted: borrow the next millisecond rather than repeat
      counter = 0;
    }
    ms = last_ms;
    seq = counter;
  }
  std::array<std::uint8_t, 16> b{};
  fill_random(b.data(), b.size());
  for (int i = 0; i < 6; ++i) b[i] = static_cast<std::uint8_t>(ms >> (8 * (5 - i)));
  b[6] = static_cast<std::uint8_t>(0x70 | ((seq >> 8) & 0x0F));
  b[7] = static_cast<std::uint8_t>(seq & 0xFF);
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);
  return format_uuid(b);
}

std::string random_hex(std::size_t bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string raw(bytes, '\0');
  fill_random(raw.data(), raw.size());
  std::string out;
  out.reserve(bytes * 2);
  for (unsigned char c : raw) {
    out += kHex[c >> 4];
    out += kHex[c & 0x0F];
  }
  return out;
}

}  // namespace agenthub
