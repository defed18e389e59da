// Host-name helpers shared by domain validation and CAA: the registered domain of a name and
// public-suffix tests (the ICANN section of the Public Suffix List, the same list and file the
// intake's name checks read), and whitespace trimming for values read from records and files.
#pragma once

#include <string>
#include <string_view>

namespace casim::mockca::dcv_names {

// True when `name` is a public suffix in the ICANN section ("com", "co.uk"); a TLD the list does
// not know counts as one too (the list's "*" rule), so "casim.test" is a registered domain.
bool is_public_suffix(std::string_view name);

// The registered domain of `name`: the name itself or its ancestor directly below a public
// suffix ("www.a.example.co.uk" → "example.co.uk"); "" when `name` is itself a public suffix.
std::string registered_domain(std::string_view name);
// Whether `name` is its own registered domain (registered_domain(name) == name, for a normalized
// name), without building the registered domain.
bool is_registered_domain(std::string_view name);

// True for a wildcard name ("*.example.com").
bool is_wildcard(std::string_view name);

// `text` without leading and trailing spaces, tabs, CR and LF.
std::string_view trim(std::string_view text);

}  // namespace casim::mockca::dcv_names
