# Shared build settings for casim's targets: warnings, sanitizers, and the test helper.

add_library(casim_build_flags INTERFACE)
target_compile_options(casim_build_flags INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Wnon-virtual-dtor
  -Winvalid-pch  # a precompiled header a target cannot use is a lost speed-up: say so
  $<$<BOOL:${CASIM_WARNINGS_AS_ERRORS}>:-Werror>)
if(CASIM_SANITIZE)
  target_compile_options(casim_build_flags INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
    # GCC 12 warns falsely about std::variant moves under the sanitizers' instrumentation.
    $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
  target_link_options(casim_build_flags INTERFACE -fsanitize=address,undefined)
endif()

# Profile-guided optimization, in two builds of one folder (scripts/build-pgo.sh): "generate"
# instruments casim's own code, whose runs add their counts to .gcda files beside the objects;
# "use" compiles it again with those counts. Code the training did not run keeps its usual
# optimization (-fprofile-partial-training), and counts that concurrent runs left inconsistent
# are mended, not fatal (-fprofile-correction).
set(CASIM_PGO "" CACHE STRING "Profile-guided optimization stage: empty (none), generate or use")
set_property(CACHE CASIM_PGO PROPERTY STRINGS "" generate use)
if(CASIM_PGO STREQUAL "generate")
  target_compile_options(casim_build_flags INTERFACE -fprofile-generate -fprofile-update=prefer-atomic)
  target_link_options(casim_build_flags INTERFACE -fprofile-generate)
elseif(CASIM_PGO STREQUAL "use")
  target_compile_options(casim_build_flags INTERFACE
    -fprofile-use -fprofile-partial-training -fprofile-correction -Wno-missing-profile)
elseif(NOT CASIM_PGO STREQUAL "")
  message(FATAL_ERROR "CASIM_PGO is '${CASIM_PGO}': it must be empty, 'generate' or 'use'")
endif()

# Precompiled headers: the standard and third-party headers that most files include and that cost
# seconds to parse each time. casim_sim builds its own (its date-tz dependency defines USE_OS_TZDB);
# casim_mockca's, built with the compile definitions every library above it inherits, is reused by
# those libraries and the casim command; the tests reuse one that adds Boost.Test (casim_test_main).
set(CASIM_PCH_HEADERS
  <algorithm> <array> <chrono> <cstdint> <filesystem> <functional> <map> <memory> <optional>
  <set> <sstream> <stdexcept> <string> <string_view> <utility> <variant> <vector>
  <fmt/format.h> <nlohmann/json.hpp> <boost/date_time/gregorian/gregorian_types.hpp>)

# casim_library(NAME DIR [OWN_PCH] [DEPS ...] [PRIVATE_DEPS ...]): a static library from
# DIR/src/*.cpp with public headers under DIR/include/casim/<lib>/, compiled as one unity source
# (so a name in an anonymous namespace must be unique within its library): the templates its files
# share are instantiated and optimized once, which halves a cold build's compile time against
# batches of 6 (docs/performance.md). It reuses casim_mockca's precompiled header unless OWN_PCH
# builds one of its own.
function(casim_library name dir)
  cmake_parse_arguments(ARG "OWN_PCH" "" "DEPS;PRIVATE_DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS "${dir}/src/*.cpp")
  add_library(${name} STATIC ${sources})
  target_include_directories(${name} PUBLIC "${dir}/include" PRIVATE "${dir}/src")
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE casim_build_flags ${ARG_PRIVATE_DEPS})
  set_target_properties(${name} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 0)
  if(ARG_OWN_PCH)
    target_precompile_headers(${name} PRIVATE ${CASIM_PCH_HEADERS})
  else()
    target_precompile_headers(${name} REUSE_FROM casim_mockca)
  endif()
endfunction()

# Test code is compiled at -O1 in Release: the libraries it calls keep -O3, and -O1 makes a test
# file about a quarter cheaper to compile (most of its time is code generation for Boost.Test's
# macros and the templates it instantiates). The tests' PCH is built with the same flag.
set(CASIM_TEST_OPTIMIZATION $<$<CONFIG:Release>:-O1>)

# casim_test_main(): the main() every test executable links, and the owner of the tests' PCH.
function(casim_test_main)
  add_library(casim_test_main OBJECT "${CMAKE_SOURCE_DIR}/tests/support/test_main.cpp")
  target_compile_options(casim_test_main PRIVATE ${CASIM_TEST_OPTIMIZATION})
  target_compile_definitions(casim_test_main PUBLIC BOOST_TEST_DYN_LINK)
  target_link_libraries(casim_test_main PUBLIC casim_sim Boost::unit_test_framework PRIVATE casim_build_flags)
  target_precompile_headers(casim_test_main PRIVATE ${CASIM_PCH_HEADERS} <boost/test/unit_test.hpp>)
endfunction()

# casim_tests(DIR LIBS...): one CTest entry per DIR/test_*.cpp, <group>.<stem>, which runs the
# Boost.Test suite that file opens (named after it: `--run_test=<stem>`). The files of a group
# (DIR's name) build one executable, <group>_tests, compiled as one unity source: the templates
# they share are compiled once, which halves the tests' compile time (docs/performance.md). With
# CASIM_TEST_PER_FILE (the sanitizer preset, whose CI pass builds only a few tests) each file
# builds an executable of its own, <group>_<stem>. Tests find the built command through the
# CASIM_BIN environment variable and the source tree through CASIM_SOURCE_DIR.
function(casim_tests dir)
  file(GLOB tests CONFIGURE_DEPENDS "${dir}/test_*.cpp")
  get_filename_component(group "${dir}" NAME)
  if(NOT CASIM_TEST_PER_FILE)
    casim_test_executable(${group}_tests "${tests}" ${ARGN})
    set_target_properties(${group}_tests PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 0)
  endif()
  foreach(test_source IN LISTS tests)
    get_filename_component(stem "${test_source}" NAME_WE)
    casim_test_target(target ${group}.${stem})
    if(CASIM_TEST_PER_FILE)
      casim_test_executable(${target} "${test_source}" ${ARGN})
    endif()
    add_test(NAME ${group}.${stem} COMMAND ${target} --run_test=${stem} --log_level=test_suite)
    set_tests_properties(${group}.${stem} PROPERTIES
      ENVIRONMENT "CASIM_BIN=$<TARGET_FILE:casim>;CASIM_SOURCE_DIR=${CMAKE_SOURCE_DIR}"
      LABELS "${group}")
  endforeach()
endfunction()

# casim_test_executable(TARGET SOURCES LIBS...): a Boost.Test executable of the test files SOURCES.
function(casim_test_executable target sources)
  add_executable(${target} ${sources})
  target_compile_options(${target} PRIVATE ${CASIM_TEST_OPTIMIZATION})
  target_include_directories(${target} PRIVATE "${CMAKE_SOURCE_DIR}/tests/support")
  target_link_libraries(${target} PRIVATE casim_test_main ${ARGN} casim_build_flags)
  target_precompile_headers(${target} REUSE_FROM casim_test_main)
  add_dependencies(${target} casim)  # tests run the built command through CASIM_BIN
endfunction()

# casim_test_target(OUT_VAR GROUP.STEM): the executable that runs test GROUP.STEM.
function(casim_test_target out_var test)
  string(REPLACE "." ";" parts "${test}")
  list(GET parts 0 group)
  list(GET parts 1 stem)
  if(CASIM_TEST_PER_FILE)
    set(${out_var} "${group}_${stem}" PARENT_SCOPE)
  else()
    set(${out_var} "${group}_tests" PARENT_SCOPE)
  endif()
endfunction()

# casim_test_link(GROUP.STEM LIBS...): links LIBS into the executable that runs test GROUP.STEM.
function(casim_test_link test)
  casim_test_target(target ${test})
  target_link_libraries(${target} PRIVATE ${ARGN})
endfunction()
