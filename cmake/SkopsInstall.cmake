# Install rules are completed by the packaging work (issue: installable package).
include(GNUInstallDirs)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/skops DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
