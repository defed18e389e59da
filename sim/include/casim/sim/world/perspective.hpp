// A network perspective: where a validator's DNS queries and HTTP requests come from.
#pragma once

#include <string>

namespace casim::sim::world {

struct Perspective {
  std::string name;    // e.g. "cn-east-1", shown in traces
  std::string region;  // e.g. "CN"; compared with a web host's home region when it blocks abroad

  friend bool operator==(const Perspective&, const Perspective&) = default;
};

}  // namespace casim::sim::world
