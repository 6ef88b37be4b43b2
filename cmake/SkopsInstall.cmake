# Install rules (SKOPS_INSTALL, on by default when skops-cpp is the top-level project):
#
#   include/skops/...                          public headers
#   lib/libskops_<component>.a                 every static component library
#   bin/skops-cpp                              the command (when SKOPS_BUILD_CLI)
#   lib/cmake/skops-cpp/                       CMake package: find_package(skops-cpp CONFIG)
#                                              gives skops::skops (and skops::<component>)
#   lib/pkgconfig/skops-cpp.pc                 pkg-config file
#
# The package config re-finds the dependencies the static libraries need (Threads, libdeflate,
# nlohmann_json, Eigen3, and libzip through pkg-config, exactly as the top-level CMakeLists
# does) before it includes the exported targets. tests/package/ installs a build into a
# temporary prefix and builds consumers against it.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(SKOPS_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/skops-cpp"
    CACHE STRING "Where the CMake package files go, relative to the prefix")
set(SKOPS_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig"
    CACHE STRING "Where skops-cpp.pc goes, relative to the prefix")

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/skops
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT skops_development)

get_property(_skops_libs GLOBAL PROPERTY SKOPS_COMPONENTS)
install(TARGETS ${_skops_libs} skops
        EXPORT skops-cpp-targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT skops_development
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(TARGET skops-cpp)
  # Exported too (skops::skops-cpp), so a consumer's build can run the installed command.
  install(TARGETS skops-cpp EXPORT skops-cpp-targets
          RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT skops_runtime)
endif()

install(EXPORT skops-cpp-targets
        NAMESPACE skops::
        FILE skops-cpp-targets.cmake
        DESTINATION ${SKOPS_INSTALL_CMAKEDIR}
        COMPONENT skops_development)

configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/skops-cpp-config.cmake.in
  ${PROJECT_BINARY_DIR}/skops-cpp-config.cmake
  INSTALL_DESTINATION ${SKOPS_INSTALL_CMAKEDIR})
# 0.x: a minor version may break the API, so only the same major.minor is compatible.
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/skops-cpp-config-version.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/skops-cpp-config.cmake
              ${PROJECT_BINARY_DIR}/skops-cpp-config-version.cmake
        DESTINATION ${SKOPS_INSTALL_CMAKEDIR} COMPONENT skops_development)

# pkg-config: libraries in link order (dependents before their dependencies).
set(_skops_pc_libs "")
foreach(_lib skops_api skops_estimators skops_registry skops_document skops_trust skops_schema skops_archive skops_table skops_text skops_npy skops_core)
  if(TARGET ${_lib})
    string(APPEND _skops_pc_libs " -l${_lib}")
  endif()
endforeach()
string(STRIP "${_skops_pc_libs}" SKOPS_PC_LIBS)
foreach(_dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${_dir}}")
    set(SKOPS_PC_${_dir} "${CMAKE_INSTALL_${_dir}}")
  else()
    set(SKOPS_PC_${_dir} "\${prefix}/${CMAKE_INSTALL_${_dir}}")
  endif()
endforeach()
# Relocatable: the prefix is found from the .pc file's own place (pkg-config's ${pcfiledir}),
# so `cmake --install build --prefix DIR` works whatever CMAKE_INSTALL_PREFIX was.
if(IS_ABSOLUTE "${SKOPS_INSTALL_PKGCONFIGDIR}")
  set(SKOPS_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _skops_pc_up "/prefix/${SKOPS_INSTALL_PKGCONFIGDIR}" "/prefix")
  string(REGEX REPLACE "/$" "" _skops_pc_up "${_skops_pc_up}")
  set(SKOPS_PC_PREFIX "\${pcfiledir}/${_skops_pc_up}")
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/skops-cpp.pc.in ${PROJECT_BINARY_DIR}/skops-cpp.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/skops-cpp.pc
        DESTINATION ${SKOPS_INSTALL_PKGCONFIGDIR} COMPONENT skops_development)
