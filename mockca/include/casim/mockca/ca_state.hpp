// What the mock CA remembers (DIR/state.json): every certificate it issued (serial, brand, level,
// names, validity), revocations with their reasons, and the last CRL number per issuer. The
// simulation keeps a CaState in memory; the command line loads, changes and saves it under a lock.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casim/mockca/files.hpp"
#include "casim/mockca/validation_level.hpp"
#include "casim/sim/string_map.hpp"
#include "casim/sim/time.hpp"

namespace casim::mockca {

// The CRLReason values (RFC 5280 §5.3.1) that BR §7.2.2 allows for subscriber certificates.
enum class RevocationReason {
  Unspecified = 0,
  KeyCompromise = 1,
  AffiliationChanged = 3,
  Superseded = 4,
  CessationOfOperation = 5,
  PrivilegeWithdrawn = 9,
};

std::string_view reason_name(RevocationReason reason);  // RFC 5280 name, e.g. "keyCompromise"
// RFC 5280 name (any case) → reason; nothing for unknown names or those BR §7.2.2 forbids.
std::optional<RevocationReason> parse_revocation_reason(std::string_view text);
std::string_view revocation_reason_names();  // "unspecified, keyCompromise, …" for messages

struct Revocation {
  sim::Instant at;
  RevocationReason reason = RevocationReason::Unspecified;
};

struct IssuedRecord {
  std::string serial;  // upper-case hex, as `openssl x509 -noout -serial` prints it
  std::string brand;
  ValidationLevel level = ValidationLevel::DV;
  std::vector<std::string> names;
  sim::Instant not_before;
  sim::Instant not_after;
  std::optional<Revocation> revocation;
};

// "3A:0b…", "0x3a0b…" → "3A0B…" without leading zero bytes; "" when `text` is not hex.
std::string normalize_serial(std::string_view text);

class CaState {
 public:
  // Reads a state file; throws InputError naming it when it is missing or malformed.
  static CaState load(const std::filesystem::path& file);
  // Writes the state through a temporary file and a rename (mode 0600).
  void save(const std::filesystem::path& file) const;

  // Adds a record; a serial already present is misuse (std::logic_error).
  void add(IssuedRecord record);
  // Makes room for this many records in all.
  void reserve(std::size_t records);
  // The record of a serial (any form normalize_serial accepts); null when unknown.
  IssuedRecord* find(std::string_view serial);
  const IssuedRecord* find(std::string_view serial) const;
  const std::vector<IssuedRecord>& records() const { return records_; }

  // The next CRL number of an issuer ("brand/level" or "root"), counting from 1.
  std::uint64_t next_crl_number(const std::string& issuer);

 private:
  std::vector<IssuedRecord> records_;
  sim::StringMap<std::size_t> by_serial_;
  std::map<std::string, std::uint64_t> crl_numbers_;
};

// An exclusive lock on a CA directory (flock on DIR/.lock) for a load–change–save of its state.
class StateLock {
 public:
  explicit StateLock(const std::filesystem::path& ca_dir) : lock_(ca_dir / ".lock") {}

 private:
  FileLock lock_;
};

}  // namespace casim::mockca
