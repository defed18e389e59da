// The organization identity an OV or EV certificate's subject carries, and the subject file that
// gives it on the command line. The file is YAML or JSON (JSON is YAML), one key per field:
//
//   country: CN                          # C, two letters (ISO 3166-1)        OV, EV
//   state: Guangdong                     # ST                                 OV, EV: ST or L
//   locality: Shenzhen                   # L
//   organization: Example Technology Ltd # O                                  OV, EV
//   business_category: Private Organization   # EV: Private Organization, Government Entity,
//                                             #     Business Entity or Non-Commercial Entity
//   jurisdiction_country: CN             # jurisdictionCountryName            EV
//   jurisdiction_state: Guangdong        # jurisdictionStateOrProvinceName    EV, optional
//   jurisdiction_locality: Shenzhen      # jurisdictionLocalityName           EV, optional
//   serial_number: 91440300MA5XXXXXXX    # serialNumber (registration number) EV
//
// Unknown keys are an error (a typo would otherwise drop a field silently).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace casim::mockca {

struct SubjectFields {
  std::string country;
  std::string state;
  std::string locality;
  std::string organization;
  std::string business_category;
  std::string jurisdiction_country;
  std::string jurisdiction_state;
  std::string jurisdiction_locality;
  std::string serial_number;
};

// A certificate subject as (attribute, value) pairs in encoding order, attributes by OpenSSL's
// short names: C, ST, L, O, businessCategory, jurisdictionC, jurisdictionST, jurisdictionL,
// serialNumber, CN.
using SubjectAttributes = std::vector<std::pair<std::string, std::string>>;

// The subject the issuer encodes for `fields` and the certificate's first name: the fields given,
// in the issuer's order (BR §7.1.4.2; the EV attributes before the CN), then CN.
SubjectAttributes subject_attributes(const SubjectFields& fields, const std::string& common_name);

// Parses subject-file text (YAML or JSON); throws InputError naming `where` on bad content.
SubjectFields parse_subject_fields(std::string_view text, const std::string& where);
// Reads and parses a subject file; throws InputError naming it.
SubjectFields load_subject_fields(const std::filesystem::path& file);

}  // namespace casim::mockca
