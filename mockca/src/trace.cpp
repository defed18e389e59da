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

// The 1 to 7 bytes at `bytes` as the little-endian word they read as, zero-padded. Two loads of
// fixed size that may overlap (a byte read twice lands in the same place), instead of a copy of
// variable length into a word, which costs a call and a stalled load.
std::uint64_t tail_word(const char* bytes, std::size_t size) {
  if (size >= 4) {
    std::uint32_t low = 0;
    std::uint32_t high = 0;
    std::memcpy(&low, bytes, 4);
    std::memcpy(&high, bytes + size - 4, 4);
    if constexpr (std::endian::native == std::endian::big) {
      low = __builtin_bswap32(low);
      high = __builtin_bswap32(high);
    }
    return std::uint64_t{low} | (std::uint64_t{high} << (8 * (size - 4)));
  }
  const auto byte = [bytes](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(bytes[i])} << (8 * i); };
  return byte(0) | byte(size / 2) | byte(size - 1);
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
  return mix_int(hash, static_cast<std::int64_t>(tail_word(text.data() + at, text.size() - at)));
}

// A stage's or kind's word as mix_string takes it in, worked out at compile time: its length and
// its bytes as little-endian 64-bit words, the last one zero-padded.
struct PackedWord {
  std::int64_t size = 0;
  std::array<std::uint64_t, 4> words{};
};

constexpr PackedWord pack(std::string_view text) {
  PackedWord packed{static_cast<std::int64_t>(text.size()), {}};
  for (std::size_t i = 0; i < text.size(); ++i) {
    packed.words.at(i / 8) |= std::uint64_t{static_cast<unsigned char>(text[i])} << (8 * (i % 8));
  }
  return packed;
}

static_assert(pack("abcdefghi").size == 9 && pack("abcdefghi").words[0] == 0x6867666564636261ULL &&
                  pack("abcdefghi").words[1] == 0x69ULL,
              "packed words are the little-endian words mix_string loads, the last one zero-padded");

template <std::size_t N>
constexpr std::array<PackedWord, N> pack_all(const std::array<std::string_view, N>& texts) {
  std::array<PackedWord, N> packed{};
  for (std::size_t i = 0; i < N; ++i) packed[i] = pack(texts[i]);
  return packed;
}

constexpr auto kPackedStages = pack_all(kStageNames);
constexpr auto kPackedKinds = pack_all(kKindNames);

// The same as mix_string on the word that was packed.
std::uint64_t mix_packed(std::uint64_t hash, const PackedWord& word) {
  hash = mix_int(hash, word.size);
  const auto count = static_cast<std::size_t>((word.size + 7) / 8);
  for (std::size_t i = 0; i < count; ++i) hash = mix_int(hash, static_cast<std::int64_t>(word.words[i]));
  return hash;
}

}  // namespace

std::string_view trace_stage_name(TraceStage stage) { return kStageNames.at(static_cast<std::size_t>(stage)); }

std::string_view trace_kind_name(TraceKind kind) { return kKindNames.at(static_cast<std::size_t>(kind)); }

void Trace::record_typed_fields(const TraceFields& fields) {
  if (fields.at < last_at_) {
    throw std::logic_error(fmt::format("trace event at {} is before the previous one at {}",
                                       sim::format_instant(fields.at), sim::format_instant(last_at_)));
  }
  last_at_ = fields.at;
  std::uint64_t hash = mix_int(fingerprint_, fields.at.time_since_epoch().count());
  hash = mix_string(hash, fields.order);
  hash = mix_packed(hash, kPackedStages[static_cast<std::size_t>(fields.stage)]);
  hash = mix_packed(hash, kPackedKinds[static_cast<std::size_t>(fields.kind)]);
  hash = mix_int(hash, fields.status ? code(*fields.status) : -1);
  fingerprint_ = mix_string(hash, fields.reason ? info(*fields.reason).code : std::string_view());
  if (fields.reason && !fields.order.empty()) reasons_.push_back({std::string(fields.order), *fields.reason});
}

void Trace::add(TraceEvent&& event) {
  record_typed_fields({event.at, event.order, event.stage, event.kind, event.status, event.reason});
  if (keep_text_) events_.push_back(std::move(event));
}

void Trace::add(const TraceFields& fields, const LazyText& detail) {
  if (!keep_text_) {
    record_typed_fields(fields);
    return;
  }
  // The detail is built first: a detail that throws adds nothing.
  add(TraceEvent{fields.at, std::string(fields.order), fields.stage, fields.kind, fields.status, fields.reason,
                 detail()});
}

std::vector<TraceEvent> Trace::for_order(std::string_view order) const {
  std::vector<TraceEvent> selected;
  for (const auto& event : events_) {
    if (event.order == order) selected.push_back(event);
  }
  return selected;
}

}  // namespace casim::mockca
