# ctest package_consumers (cmake -P): install the current build into a fresh prefix, then
# build and run three consumers of it and compare their output:
#   1. find_package/      find_package(skops-cpp CONFIG REQUIRED) against the prefix
#   2. pkg-config         one compiler command with `pkg-config --cflags --libs skops-cpp`
#   3. add_subdirectory/  the source tree built as a subproject (compiles the library again)
# Each loads examples/models/pipeline_logreg.skops, predicts, and must print "match: 30/30".
#
# Variables (-D): BUILD_DIR SOURCE_DIR WORK_DIR GENERATOR CXX BUILD_TYPE SANITIZE.
# Environment: SKOPS_TEST_JOBS (parallel jobs for the consumer builds, default 2).
cmake_minimum_required(VERSION 3.20)

foreach(_v BUILD_DIR SOURCE_DIR WORK_DIR GENERATOR CXX)
  if(NOT DEFINED ${_v})
    message(FATAL_ERROR "run_package_test.cmake: -D${_v}=... is required")
  endif()
endforeach()
if(NOT BUILD_TYPE)
  set(BUILD_TYPE Release)
endif()
set(JOBS 2)
if(DEFINED ENV{SKOPS_TEST_JOBS})
  set(JOBS $ENV{SKOPS_TEST_JOBS})
endif()

set(PREFIX ${WORK_DIR}/prefix)
set(MODEL ${SOURCE_DIR}/examples/models/pipeline_logreg.skops)
set(X ${SOURCE_DIR}/examples/models/pipeline_logreg.X.npy)
set(EXPECTED ${SOURCE_DIR}/examples/models/pipeline_logreg.predict.npy)
set(EXPECTED_MATCH "match: 30/30")
set(_consumer_flags "")
if(SANITIZE)
  # The installed static libraries carry ASan/UBSan instrumentation: link its runtimes.
  set(_consumer_flags "-fsanitize=address,undefined")
endif()

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

function(run)  # run(<name> <command...>): runs, fails the test on a non-zero exit
  list(POP_FRONT ARGN _name)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "${_name} failed (${_rc}):\n  ${ARGN}\n${_out}\n${_err}")
  endif()
  set(RUN_OUTPUT "${_out}" PARENT_SCOPE)
endfunction()

function(check_consumer name exe)
  run("${name} consumer" ${exe} ${MODEL} ${X} ${EXPECTED})
  string(FIND "${RUN_OUTPUT}" "${EXPECTED_MATCH}" _at)
  if(_at EQUAL -1)
    message(FATAL_ERROR "${name} consumer: expected \"${EXPECTED_MATCH}\" in:\n${RUN_OUTPUT}")
  endif()
  message(STATUS "${name} consumer:\n${RUN_OUTPUT}")
  set(CONSUMER_OUTPUT "${RUN_OUTPUT}" PARENT_SCOPE)
endfunction()

# --- 1. install --------------------------------------------------------------------------
run("cmake --install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX})
file(GLOB_RECURSE _config ${PREFIX}/*/skops-cpp-config.cmake)
file(GLOB_RECURSE _version ${PREFIX}/*/skops-cpp-config-version.cmake)
file(GLOB_RECURSE _pc ${PREFIX}/*/skops-cpp.pc)
file(GLOB_RECURSE _libs ${PREFIX}/*/libskops_*.a)
foreach(_need _config _version _pc)
  if(NOT ${_need})
    message(FATAL_ERROR "install: no ${_need} file under ${PREFIX}")
  endif()
endforeach()
foreach(_lib core npy archive schema trust document registry estimators api table text)
  if(NOT "${_libs}" MATCHES "libskops_${_lib}\\.a")
    message(FATAL_ERROR "install: libskops_${_lib}.a missing under ${PREFIX} (found: ${_libs})")
  endif()
endforeach()
foreach(_f include/skops/skops.hpp include/skops/testing.hpp bin/skops-cpp)
  if(NOT EXISTS ${PREFIX}/${_f})
    message(FATAL_ERROR "install: ${PREFIX}/${_f} missing")
  endif()
endforeach()
run("installed skops-cpp validate" ${PREFIX}/bin/skops-cpp validate ${MODEL})
message(STATUS "installed into ${PREFIX}: ${RUN_OUTPUT}")

# --- 2. find_package ---------------------------------------------------------------------
set(_fp ${WORK_DIR}/find_package)
run("configure find_package consumer" ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/package/find_package
    -B ${_fp} -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_BUILD_TYPE=${BUILD_TYPE}
    -DCMAKE_PREFIX_PATH=${PREFIX} "-DCMAKE_CXX_FLAGS=${_consumer_flags}"
    "-DCMAKE_EXE_LINKER_FLAGS=${_consumer_flags}")
run("build find_package consumer" ${CMAKE_COMMAND} --build ${_fp} --parallel ${JOBS})
check_consumer(find_package ${_fp}/consumer)
set(_reference "${CONSUMER_OUTPUT}")

# --- 3. pkg-config -----------------------------------------------------------------------
find_program(PKG_CONFIG_EXECUTABLE pkg-config)
if(PKG_CONFIG_EXECUTABLE)
  get_filename_component(_pcdir ${_pc} DIRECTORY)
  set(ENV{PKG_CONFIG_PATH} "${_pcdir}")
  run("pkg-config" ${PKG_CONFIG_EXECUTABLE} --cflags --libs skops-cpp)
  string(STRIP "${RUN_OUTPUT}" _pkg_flags)
  separate_arguments(_pkg_flags UNIX_COMMAND "${_pkg_flags}")
  separate_arguments(_san UNIX_COMMAND "${_consumer_flags}")
  run("build pkg-config consumer" ${CXX} -std=c++17 -O1 ${_san} ${SOURCE_DIR}/tests/package/consumer.cpp
      -o ${WORK_DIR}/pkgconfig_consumer ${_pkg_flags})
  check_consumer(pkg-config ${WORK_DIR}/pkgconfig_consumer)
  if(NOT CONSUMER_OUTPUT STREQUAL _reference)
    message(FATAL_ERROR "pkg-config consumer output differs from find_package's")
  endif()
else()
  message(STATUS "pkg-config not found: pkg-config consumer not built")
endif()

# --- 4. add_subdirectory -----------------------------------------------------------------
set(_as ${WORK_DIR}/add_subdirectory)
# Built at -O0: this checks that the source tree works as a subproject, not its speed, and
# compiling the library unoptimised takes a fraction of the time (same results: no x87, no
# FP contraction in ISO C++ mode).
run("configure add_subdirectory consumer" ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/package/add_subdirectory
    -B ${_as} -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_BUILD_TYPE=Debug
    -DCMAKE_CXX_FLAGS_DEBUG=-O0
    -DSKOPS_SOURCE_DIR=${SOURCE_DIR} -DSKOPS_SANITIZE=${SANITIZE}
    "-DCMAKE_EXE_LINKER_FLAGS=${_consumer_flags}")
# Not a top-level project there: no test, example or install target may be generated.
run("list add_subdirectory targets" ${CMAKE_COMMAND} --build ${_as} --target help)
foreach(_unwanted corpus_predict_test inference_service install)
  if(RUN_OUTPUT MATCHES "(^|\n)${_unwanted}:")
    message(FATAL_ERROR "add_subdirectory consumer: skops-cpp generated target ${_unwanted} as a subproject")
  endif()
endforeach()
run("build add_subdirectory consumer" ${CMAKE_COMMAND} --build ${_as} --target consumer --parallel ${JOBS})
check_consumer(add_subdirectory ${_as}/consumer)
if(NOT CONSUMER_OUTPUT STREQUAL _reference)
  message(FATAL_ERROR "add_subdirectory consumer output differs from find_package's")
endif()

message(STATUS "package consumers: find_package, pkg-config and add_subdirectory all passed")
