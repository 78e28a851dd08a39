# Fails (never skips) when the Node peers of the A2A interop tests cannot run.
execute_process(COMMAND ${NODE} --version RESULT_VARIABLE rc OUTPUT_VARIABLE version
                ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "node not found (${NODE}); the A2A interop tests need Node.js >= 20")
endif()
foreach(pkg @a2a-js/sdk express)
  if(NOT EXISTS ${MODULES}/${pkg}/package.json)
    message(FATAL_ERROR "${MODULES}/${pkg} is missing: run `npm ci` in tests/interop "
                        "(`make test` does it)")
  endif()
endforeach()
message(STATUS "node ${version}; @a2a-js/sdk and express installed")
