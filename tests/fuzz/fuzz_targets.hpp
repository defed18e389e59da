// The fuzz targets' bodies: each takes one input and returns 0 when casim handled it — a verdict,
// a report, or casim's InputError where the API documents it for bad input. Anything else (a
// crash, another exception escaping, undefined behaviour) is a finding; so is an InputError from
// an API that documents it never throws for bad content (the bodies turn it into a logic_error). libfuzzer_entry.cpp hands them to libFuzzer and
// test_fuzz_regressions.cpp replays the committed corpora through them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace casim::fuzz {

// mockca::check_csr on the bytes as PEM or DER, under a policy with blocked names and keys.
int fuzz_csr_intake(const std::uint8_t* data, std::size_t size);
// mockca::check_chain on the bytes as a certificate file, trusting its self-signed certificates
// and given the same bytes as the private key file.
int fuzz_chain_check(const std::uint8_t* data, std::size_t size);
// scenario::lint_scenario on the bytes as a scenario file, then load_scenario when it is clean.
int fuzz_scenario(const std::uint8_t* data, std::size_t size);
// sim::parse_calendar on the bytes as a calendar file; a calendar it reads is then used for a year's
// listing, business days and business time (which must undo each other).
int fuzz_calendar_file(const std::uint8_t* data, std::size_t size);
// sim::parse_duration, parse_date and parse_instant on the bytes; what parses must read back the
// same from its formatted text.
int fuzz_time_parsers(const std::uint8_t* data, std::size_t size);
// report::read_report_json on the bytes as a shard's report.json, then merge and every writer; the
// report.json written must read back.
int fuzz_report_merge(const std::uint8_t* data, std::size_t size);

}  // namespace casim::fuzz
