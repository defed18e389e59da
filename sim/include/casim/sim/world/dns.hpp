// The simulated DNS: zones whose A, NS, CNAME, TXT and CAA records are added and removed at
// instants, become visible to authoritative answers after the zone's propagation delay, and fail
// (SERVFAIL, timeout) during configured windows; and DnsResolver, the caching resolver a validator
// queries.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casim/sim/string_map.hpp"
#include "casim/sim/time.hpp"
#include "casim/sim/world/names.hpp"

namespace casim::sim::world {

enum class DnsType { A, NS, CNAME, TXT, CAA };
inline constexpr std::size_t kDnsTypeCount = 5;
std::string_view to_string(DnsType type);
// "TXT", "txt", … → DnsType; throws InputError naming `where` for any other text.
DnsType parse_dns_type(std::string_view text, const std::string& where = "dns record type");

// The reseller's default TTL, used for records and as the SOA minimum (negative TTL) of zones.
inline constexpr Duration kDefaultDnsTtl = std::chrono::seconds{600};
// The longest CNAME chain a resolver follows; one more link is reported as DnsRcode::CnameLoop.
inline constexpr std::size_t kMaxCnameChain = 8;
inline constexpr std::uint8_t kCaaCriticalFlag = 128;

struct DnsRecord {
  std::string name;  // owner name
  DnsType type = DnsType::TXT;
  Duration ttl = kDefaultDnsTtl;
  // A: dotted-quad IPv4 address; NS and CNAME: the target host name; TXT: the text; CAA: the value.
  std::string value;
  std::uint8_t caa_flags = 0;  // CAA only
  std::string caa_tag;         // CAA only: issue, issuewild, iodef, … (kept lower-case)

  static DnsRecord a(std::string name, std::string address, Duration ttl = kDefaultDnsTtl);
  static DnsRecord ns(std::string name, std::string host, Duration ttl = kDefaultDnsTtl);
  static DnsRecord cname(std::string name, std::string target, Duration ttl = kDefaultDnsTtl);
  static DnsRecord txt(std::string name, std::string text, Duration ttl = kDefaultDnsTtl);
  static DnsRecord caa(std::string name, std::uint8_t flags, std::string tag, std::string value,
                       Duration ttl = kDefaultDnsTtl);

  bool caa_critical() const { return (caa_flags & kCaaCriticalFlag) != 0; }
  // Same owner, type and data; the TTL does not count (a record is removed by its data).
  bool same_data(const DnsRecord& other) const;

  friend bool operator==(const DnsRecord&, const DnsRecord&) = default;
};

// Zone-file form for traces: `_dnsauth.example.com. 600 IN TXT "value"`.
std::string describe(const DnsRecord& record);

// Response codes, plus two outcomes that are not DNS codes: no answer at all (Timeout), and a CNAME
// chain that loops or is longer than kMaxCnameChain (CnameLoop, from DnsResolver only).
enum class DnsRcode { NoError, NxDomain, ServFail, Timeout, CnameLoop };
std::string_view to_string(DnsRcode rcode);

enum class DnsFailure { ServFail, Timeout };

struct DnsZoneSettings {
  // Between a change and the instant authoritative answers show it.
  Duration propagation_delay = Duration::zero();
  // The SOA minimum: how long resolvers cache NXDOMAIN and NODATA answers from the zone.
  Duration negative_ttl = kDefaultDnsTtl;
};

// What an authoritative server answers.
struct DnsAnswer {
  DnsRcode rcode = DnsRcode::NxDomain;
  // NoError: the records of the asked type, or the name's CNAME record when the name is an alias
  // (for any asked type but CNAME). Empty for NODATA and every other rcode.
  std::vector<DnsRecord> records;
  // NXDOMAIN and NODATA: how long the absence may be cached.
  Duration negative_ttl = Duration::zero();

  bool is_nodata() const { return rcode == DnsRcode::NoError && records.empty(); }
  // True when the answer is the name's CNAME rather than records of the asked type.
  bool is_alias(DnsType asked) const;
};

// One change to a name's records, as added (the history of a name, for traces).
struct DnsChange {
  enum class Kind { Add, Remove, RemoveType };
  Instant at;
  Kind kind = Kind::Add;
  DnsRecord record;  // RemoveType: only name and type count
};

// The authoritative side of DNS: declared zones and their records over time. A name exists when a
// record of any type exists at or below it, or it is a zone apex; names outside every declared zone
// are NXDOMAIN (with the default negative TTL). NS records are data only: zones are declared, not
// found by delegation. Wildcard records are not modelled.
class Dns {
 public:
  // `defaults` apply to zones added without settings and to names outside every zone.
  explicit Dns(DnsZoneSettings defaults = {});

  void add_zone(std::string_view apex, const std::string& where = "dns zone");
  void add_zone(std::string_view apex, const DnsZoneSettings& settings,
                const std::string& where = "dns zone");

  // From `at` (plus the zone's propagation delay) on, `record` is served. Adding a record with the
  // data of one already served replaces its TTL. The record's name must lie in a declared zone.
  void add_record(Instant at, DnsRecord record, const std::string& where = "dns record");
  // From `at` (plus propagation) on, the record with this data is no longer served; nothing
  // happens if none is served then.
  void remove_record(Instant at, DnsRecord record, const std::string& where = "dns record");
  // From `at` (plus propagation) on, no record of `type` is served at `name`.
  void remove_records(Instant at, std::string_view name, DnsType type,
                      const std::string& where = "dns record");

  // Queries for exactly `name` fail with `failure` in [from, until).
  void add_name_failure(std::string_view name, DnsFailure failure, Instant from, Instant until,
                        const std::string& where = "dns failure");
  // Queries for every name in the zone fail with `failure` in [from, until).
  void add_zone_failure(std::string_view apex, DnsFailure failure, Instant from, Instant until,
                        const std::string& where = "dns failure");

  // The authoritative answer at `at`. Names are case-insensitive, a trailing dot is ignored.
  DnsAnswer query(std::string_view name, DnsType type, Instant at) const;

  // Called with every question query() is asked (the name normalized), before it is answered:
  // how `casim probe` learns which questions the checks need. An empty function (the default)
  // costs one test per query.
  using QueryObserver = std::function<void(std::string_view name, DnsType type)>;
  void set_query_observer(QueryObserver observer) { query_observer_ = std::move(observer); }

  // The apex of the closest declared zone containing `name`, if any.
  std::optional<std::string> zone_of(std::string_view name) const;
  // The settings of the closest zone containing `name`, or nullptr outside every zone.
  const DnsZoneSettings* zone_settings(std::string_view name) const;
  // Every change made at exactly `name`, sorted by instant.
  const std::vector<DnsChange>& changes(std::string_view name) const;

 private:
  struct Window {
    Instant from;
    Instant until;
    DnsFailure failure;
  };
  struct Zone {
    DnsZoneSettings settings;
    std::vector<Window> failures;
  };
  // What the DNS knows of one name, found with one lookup: a name has a node when it is a zone
  // apex, has changes or failure windows of its own, or has such names below it.
  struct Node {
    std::optional<Zone> zone;        // the zone whose apex the name is
    std::vector<DnsChange> changes;  // every change made at exactly the name, sorted by instant
    std::vector<Window> failures;    // of queries for exactly the name
    // The names below it, up to (not including) their zone's apex, that have changes or are zone
    // apexes: the candidates for its existence.
    std::vector<std::string> descendants;
  };
  using NodeMap = StringMap<Node>;

  // The node of the closest zone apex at or above `name` (its zone engaged), or nullptr.
  const NodeMap::value_type* find_zone(std::string_view name) const;
  void add_change(DnsChange change, const std::string& where);
  // Whether `name` has a zone apex or a visible record at `at` (of any type).
  bool has_data(std::string_view name, Instant at) const;
  // Names that are ancestors of `name` up to (not including) its zone apex learn of `name`.
  void register_descendant(const std::string& name);
  friend class DnsResolver;  // asks with names it has normalized already
  // query() for a normalized name.
  DnsAnswer query_normal(std::string_view name, DnsType type, Instant at) const;

  DnsZoneSettings defaults_;
  QueryObserver query_observer_;
  NodeMap nodes_;
};

// What a resolver query yields.
struct DnsResult {
  std::string name;  // as asked, normalized
  DnsType type = DnsType::TXT;
  DnsRcode rcode = DnsRcode::NxDomain;
  std::vector<DnsRecord> records;  // NoError: the records of the asked type at the chain's end
  // The alias targets followed, in order (empty without CNAME). For CnameLoop the last entry is the
  // link that was not followed (a repeated name, or the one beyond kMaxCnameChain).
  std::vector<std::string> cname_chain;
  bool from_cache = false;  // the lookup that ended the chain was answered from the cache
  Instant cached_until;     // until when that answer stays cached (the query instant if not cached)

  bool is_nodata() const { return rcode == DnsRcode::NoError && records.empty(); }
  // The name the records belong to: the chain's last target, or the name asked.
  const std::string& final_name() const;
};

// One line for traces: `TXT _dnsauth.example.com → CNAME x.example.net → NOERROR "abc" (cached)`.
std::string describe(const DnsResult& result);

struct DnsResolverOptions {
  // How long SERVFAIL and timeouts are cached. Zero (the default): not cached, every query after a
  // failure asks again. RFC 9520 allows 1 s to 5 min.
  Duration failure_ttl = Duration::zero();
};

// A validator's caching resolver. It caches each (name, type) answer: records for their smallest
// TTL, NXDOMAIN and NODATA for the zone's negative TTL, failures for options.failure_ttl; an answer
// is reused while the query instant is before its expiry. A CNAME learnt for one type is not reused
// for another. It follows CNAME chains (each link cached on its own) up to kMaxCnameChain links.
class DnsResolver {
 public:
  explicit DnsResolver(DnsResolverOptions options = {});

  DnsResult query(const Dns& dns, std::string_view name, DnsType type, Instant at);

 private:
  struct Cached {
    DnsAnswer answer;
    Instant until;
  };

  DnsResolverOptions options_;
  // By name, a slot per DnsType.
  StringMap<std::array<std::optional<Cached>, kDnsTypeCount>> cache_;
};

}  // namespace casim::sim::world
