# Every system dependency is found here, once, and linked by name elsewhere.
# All come from Debian 12 packages (see README.md for the install line).
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBGIT2 REQUIRED IMPORTED_TARGET libgit2)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
find_package(ZLIB REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(yaml-cpp REQUIRED)          # target yaml-cpp (not namespaced in 0.7)
find_package(nlohmann_json 3 REQUIRED)
find_package(fmt REQUIRED)
find_package(GTest REQUIRED)
find_package(Iconv REQUIRED)             # glibc provides iconv; this only checks it

# mimetic ships neither a CMake config nor a pkg-config file.
find_path(MIMETIC_INCLUDE_DIR mimetic/mimetic.h REQUIRED)
find_library(MIMETIC_LIBRARY mimetic REQUIRED)
add_library(Mimetic::Mimetic UNKNOWN IMPORTED)
set_target_properties(Mimetic::Mimetic PROPERTIES
  IMPORTED_LOCATION "${MIMETIC_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${MIMETIC_INCLUDE_DIR}")

# Debian's librang-dev ships a CMake config whose rang-targets.cmake is missing.
find_path(RANG_INCLUDE_DIR rang.hpp REQUIRED)
add_library(Rang::Rang INTERFACE IMPORTED)
set_target_properties(Rang::Rang PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${RANG_INCLUDE_DIR}")

# mimalloc replaces malloc in the programs (not under the sanitizers, which bring their
# own): the parse makes ~110 small allocations per mail, and glibc's malloc and free were
# ~18% of its time. Debian's libmimalloc-dev ships a CMake config.
if(PATCHTRIAGE_MIMALLOC AND NOT PATCHTRIAGE_SANITIZE AND NOT PATCHTRIAGE_FUZZ)
  find_package(mimalloc 2 CONFIG REQUIRED)
endif()

