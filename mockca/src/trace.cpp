// The run trace, its fingerprint and the words of its stages and kinds.
#include "casim/mockca/trace.hpp"

#include <array>
#include <bit>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace casim::mockca {
namespace {

constexpr std::array<std::string_view, 9> kStageNames{
    "run", "intake", "pre_review", "dcv", "caa", "review", "issuance", "order", "platform"};

constexpr std::array<std::string_view, 47> kKindNames{
    "started", "stopped", "passed", "failed", "refused", "rejected",
    "finding", "accepted",
    "target passed", "target failed", "timed out", "validate now", "validate now refused", "permitted", "stale",
    "reuse", "organization check", "ev check", "call", "letter",
    "gate open", "validation data expired", "issued",
    "cancelled", "resubmitted", "revoked", "reissuing", "reissue ended", "replaced",
    "created", "status", "illegal transition", "ca progress", "domain validated", "download", "renew",
    "applicant published", "applicant published wrong value", "applicant publishes nothing", "dns auto record added",
    "dns auto record removed", "poll", "multi-year", "expiry notice",
    "agent call", "agent log", "shown to customer"};
static_assert(kKindNames.size() == static_cast<std::size_t>(TraceKind::CustomerShown) + 1);

constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

// One multiply spreads a word's bits upwards only; the shift folds the high half back down.
std::uint64_t mix_int(std::uint64_t hash, std::int64_t value) {
  hash = (hash ^ static_cast<std::uint64_t>(value)) * kFnvPrime;
  return hash ^ (hash >> 32);
}

// Eight bytes of a string as the little-endian word they read as.
std::uint64_t mix_word(std::uint64_t hash, std::uint64_t value) {
  if constexpr (std::endian::native == std::endian::big) value = __builtin_bswap64(value);
  return mix_int(hash, static_cast<std::int64_t>(value));
}

// Strings are length-prefixed so that ("ab", "c") and ("a", "bc") hash differently; the bytes go
// in as little-endian 64-bit words, the last one zero-padded.
std::uint64_t mix_string(std::uint64_t hash, std::string_view text) {
  hash = mix_int(hash, static_cast<std::int64_t>(text.size()));
  std::size_t at = 0;
  for (; at + 8 <= text.size(); at += 8) {  // whole words: one load each
    std::uint64_t value = 0;
    std::memcpy(&value, text.data() + at, 8);
    hash = mix_word(hash, value);
  }
  if (at == text.size()) return hash;
  std::uint64_t value = 0;
  std::memcpy(&value, text.data() + at, text.size() - at);
  return mix_word(hash, value);
}

}  // namespace

std::string_view trace_stage_name(TraceStage stage) { return kStageNames.at(static_cast<std::size_t>(stage)); }

std::string_view trace_kind_name(TraceKind kind) { return kKindNames.at(static_cast<std::size_t>(kind)); }

void Trace::check_not_before_last(sim::Instant at) const {
  if (!events_.empty() && at < events_.back().at) {
    throw std::logic_error(fmt::format("trace event at {} is before the previous one at {}", sim::format_instant(at),
                                       sim::format_instant(events_.back().at)));
  }
}

void Trace::mix_into_fingerprint(const TraceEvent& event) {
  std::uint64_t hash = mix_int(fingerprint_, event.at.time_since_epoch().count());
  hash = mix_string(hash, event.order);
  hash = mix_string(hash, trace_stage_name(event.stage));
  hash = mix_string(hash, trace_kind_name(event.kind));
  hash = mix_int(hash, event.status ? code(*event.status) : -1);
  fingerprint_ = mix_string(hash, event.reason ? info(*event.reason).code : std::string_view());
}

void Trace::add(TraceEvent&& event) {
  check_not_before_last(event.at);
  if (!keep_text_) event.detail.clear();
  mix_into_fingerprint(events_.emplace_back(std::move(event)));
}

void Trace::add(const TraceFields& fields, const LazyText& detail) {
  check_not_before_last(fields.at);
  std::string text = keep_text_ ? detail() : std::string();  // first: a detail that throws adds nothing
  TraceEvent& event = events_.emplace_back();
  event.at = fields.at;
  event.order = fields.order;
  event.stage = fields.stage;
  event.kind = fields.kind;
  event.status = fields.status;
  event.reason = fields.reason;
  if (keep_text_) event.detail = std::move(text);
  mix_into_fingerprint(event);
}

std::vector<TraceEvent> Trace::for_order(std::string_view order) const {
  std::vector<TraceEvent> selected;
  for (const auto& event : events_) {
    if (event.order == order) selected.push_back(event);
  }
  return selected;
}

}  // namespace casim::mockca
