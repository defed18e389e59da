# Finds libpsl (Debian package libpsl-dev), which ships no CMake config of its own.
# Defines LibPSL::LibPSL.
find_path(LibPSL_INCLUDE_DIR NAMES libpsl.h)
find_library(LibPSL_LIBRARY NAMES psl)
if(LibPSL_INCLUDE_DIR AND EXISTS "${LibPSL_INCLUDE_DIR}/libpsl.h")
  file(STRINGS "${LibPSL_INCLUDE_DIR}/libpsl.h" _psl_version_line REGEX "^#define PSL_VERSION \"")
  string(REGEX REPLACE ".*\"([^\"]+)\".*" "\\1" LibPSL_VERSION "${_psl_version_line}")
endif()
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LibPSL
  REQUIRED_VARS LibPSL_LIBRARY LibPSL_INCLUDE_DIR
  VERSION_VAR LibPSL_VERSION)
if(LibPSL_FOUND AND NOT TARGET LibPSL::LibPSL)
  add_library(LibPSL::LibPSL UNKNOWN IMPORTED)
  set_target_properties(LibPSL::LibPSL PROPERTIES
    IMPORTED_LOCATION "${LibPSL_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${LibPSL_INCLUDE_DIR}")
endif()
mark_as_advanced(LibPSL_INCLUDE_DIR LibPSL_LIBRARY)
