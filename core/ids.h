#pragma once

#include <cstddef>
#include <string>

namespace agenthub {

// Random UUID (version 4), lowercase with dashes.
[[nodiscard]] std::string new_uuid_v4();
// Time-ordered UUID (version 7): ids made later in this process sort after earlier ones, so
// run ids sort by creation time.
[[nodiscard]] std::string new_uuid_v7();
// Hex string of `bytes` bytes from the kernel CSPRNG, for bearer tokens.
[[nodiscard]] std::string random_hex(std::size_t bytes);
// Fills buf with bytes from the kernel CSPRNG (getrandom); never fails silently.
void fill_random(void* buf, std::size_t len);

}  // namespace agenthub
