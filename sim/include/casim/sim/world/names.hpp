// Host names and phone numbers as the simulated world stores them: DNS names lower-case without a
// trailing dot, phone numbers reduced to digits with an optional leading '+'.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace casim::sim::world {

// Lower-cases `name` and drops one trailing dot; no other checks (for queries, where a malformed
// name simply matches nothing).
std::string normalize_name(std::string_view name);
// normalize_name without a copy when `name` is already in normal form: `name` itself, or its
// normal form kept in `storage` (which must outlive the view).
std::string_view normal_name_view(std::string_view name, std::string& storage);

// normalize_name, then checks it is a host name (labels of 1–63 letters, digits, '-' or '_', at
// most 253 characters in all). Throws InputError naming `where` otherwise.
std::string checked_name(std::string_view name, const std::string& where);

// The name one label up ("a.b.c" → "b.c"), or an empty view for a single label.
std::string_view parent_name(std::string_view name);

// Drops spaces, '-', '.', '(' and ')' from a phone number and keeps the leading '+'. Throws
// InputError naming `where` if anything else but digits remains, or fewer than 3 digits.
std::string checked_phone(std::string_view number, const std::string& where);

// True when two keywords ("not found", "Not_Found", "notfound") are equal once case and every
// character but letters and digits are ignored (for enumeration names in scenario files).
bool same_keyword(std::string_view a, std::string_view b);

// checked_phone without the checks (for look-ups, where a malformed number matches nothing).
std::string normalize_phone(std::string_view number);

}  // namespace casim::sim::world
