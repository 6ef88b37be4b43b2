# SKOPS_BUILD_FUZZ: instrument the whole build for libFuzzer (clang only).
#
# Every object (the skops_* libraries included) is compiled with coverage instrumentation and
# ASan+UBSan, so the fuzzer sees edges inside the library and not just in the target; the
# fuzz_<name> executables themselves add -fsanitize=fuzzer (libFuzzer's main) in
# tests/fuzz/CMakeLists.txt. Included from the top level before add_subdirectory(src).
if(NOT SKOPS_BUILD_FUZZ)
  return()
endif()

if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "SKOPS_BUILD_FUZZ=ON needs clang (libFuzzer); configure a fresh build "
                      "directory with -DCMAKE_CXX_COMPILER=clang++")
endif()

include(CheckCXXSourceCompiles)
set(CMAKE_REQUIRED_FLAGS -fsanitize=fuzzer)
set(CMAKE_REQUIRED_LINK_OPTIONS -fsanitize=fuzzer)
check_cxx_source_compiles([[
#include <cstddef>
#include <cstdint>
extern "C" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) { return 0; }
]] SKOPS_HAVE_LIBFUZZER)
unset(CMAKE_REQUIRED_FLAGS)
unset(CMAKE_REQUIRED_LINK_OPTIONS)
if(NOT SKOPS_HAVE_LIBFUZZER)
  message(FATAL_ERROR "clang cannot link -fsanitize=fuzzer: install libFuzzer "
                      "(Debian: apt-get install libclang-rt-14-dev)")
endif()

add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
                    -fno-omit-frame-pointer)
add_link_options(-fsanitize=address,undefined)
# The conventional macro: code may use it to skip work that only slows fuzzing down.
add_compile_definitions(FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION)
