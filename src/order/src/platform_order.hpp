// The platform's record of one order (Platform::Order), shared by platform.cpp and
// platform_actions.cpp.
#pragma once

#include <string>
#include <vector>

#include "casim/order/platform.hpp"

namespace casim::order {

struct Platform::Order {
  std::size_t index = 0;
  std::size_t plan = 0;  // index into plans_
  bool rejected = false;
  mockca::CsrInput csr;
  std::vector<mockca::DomainChallenge> challenges;
  std::vector<sim::world::DnsRecord> auto_records;  // DNS_AUTO records the platform has added
  mockca::StatusMsg status_msg = mockca::StatusMsg::None;  // the CA's last StatusMsg
  mockca::TrackState domain_validation = mockca::TrackState::NotStarted;  // as the CA last said
  bool polling = false;
  sim::EventId poll_event;
  sim::Duration poll_interval{};
  bool replaced = false;       // a reissue of this order's certificate was issued
  std::string root;            // the ref of the plan's first order (multi-year coverage)
  sim::Instant coverage_end;   // multi-year: until when the plan's certificates must cover
};

inline OrderResult& Platform::result_of(const Order& order) { return results_[order.index]; }
inline const OrderResult& Platform::result_of(const Order& order) const { return results_[order.index]; }

}  // namespace casim::order
