# Golden test of the README's main job: run the real binary on the bundled sample and
# compare stdout and the exit code with the files beside this script.
# UPDATE_GOLDEN=1 in the environment rewrites the expected files (review the diff!).
execute_process(
  COMMAND ${BIN} --color never ${SRC}/testdata/sample.mbox
  WORKING_DIRECTORY ${SRC}
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
# The source path differs between checkouts; the golden file says "testdata/".
string(REPLACE "${SRC}/" "" out "${out}")
set(dir ${SRC}/tests/golden)
if(DEFINED ENV{UPDATE_GOLDEN})
  file(WRITE ${dir}/triage_sample.stdout "${out}")
  file(WRITE ${dir}/triage_sample.rc "${rc}\n")
  return()
endif()
file(READ ${dir}/triage_sample.stdout want)
file(READ ${dir}/triage_sample.rc want_rc)
string(STRIP "${want_rc}" want_rc)
if(NOT rc STREQUAL want_rc)
  message(FATAL_ERROR "exit code ${rc}, expected ${want_rc}; stderr:\n${err}")
endif()
if(NOT out STREQUAL want)
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/triage_sample.actual "${out}")
  message(FATAL_ERROR "stdout differs from tests/golden/triage_sample.stdout; got:\n${out}")
endif()
message(STATUS "golden triage output matches")
