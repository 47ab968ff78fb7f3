# Golden test of the README's main job: run the real binary on the bundled sample and
# compare stdout and the exit code with the files beside this script.
# UPDATE_GOLDEN=1 in the environment rewrites the expected files (review the diff!).
# NAME picks the expected files (default triage_sample); ARGS are extra options
# (a ;-list), e.g. --ascii.
if(NOT DEFINED NAME)
  set(NAME triage_sample)
endif()
execute_process(
  COMMAND ${BIN} --color never --no-repo ${ARGS} ${SRC}/testdata/sample.mbox
  WORKING_DIRECTORY ${SRC}
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
# The source path differs between checkouts; the golden file says "testdata/".
string(REPLACE "${SRC}/" "" out "${out}")
set(dir ${SRC}/tests/golden)
if(DEFINED ENV{UPDATE_GOLDEN})
  file(WRITE ${dir}/${NAME}.stdout "${out}")
  file(WRITE ${dir}/${NAME}.rc "${rc}\n")
  return()
endif()
file(READ ${dir}/${NAME}.stdout want)
file(READ ${dir}/${NAME}.rc want_rc)
string(STRIP "${want_rc}" want_rc)
if(NOT rc STREQUAL want_rc)
  message(FATAL_ERROR "exit code ${rc}, expected ${want_rc}; stderr:\n${err}")
endif()
if(NOT out STREQUAL want)
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/${NAME}.actual "${out}")
  message(FATAL_ERROR "stdout differs from tests/golden/${NAME}.stdout; got:\n${out}")
endif()
message(STATUS "golden triage output matches")
