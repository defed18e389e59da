# install() rules: `cmake --install build --prefix P` puts casim and what goes with it under P.
#   bin/casim                                        the command (its calendars are built in)
#   share/casim/calendars/                           the built-in calendar files, to copy into a
#                                                    CASIM_CALENDAR_PATH directory and extend
#   share/casim/scenarios/                           the bundled scenario suite and its JSON Schema
#   share/casim/report.schema.json                   the schema of report.json, when the tree has it
#   share/doc/casim/                                 README.md and docs/
#   share/bash-completion/completions/casim          bash completion (scripts/completion/casim.bash)
# casim reads none of these at run time: the calendars are embedded when it is built.
include(GNUInstallDirs)

install(TARGETS casim RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/sim/calendars/" DESTINATION "${CMAKE_INSTALL_DATADIR}/casim/calendars")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/scenarios/" DESTINATION "${CMAKE_INSTALL_DATADIR}/casim/scenarios")
# OPTIONAL: looked for when installing, so a tree without the schema yet installs the rest.
install(FILES "${PROJECT_SOURCE_DIR}/reports/report.schema.json" DESTINATION "${CMAKE_INSTALL_DATADIR}/casim" OPTIONAL)
install(FILES "${PROJECT_SOURCE_DIR}/README.md" DESTINATION "${CMAKE_INSTALL_DOCDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/docs/" DESTINATION "${CMAKE_INSTALL_DOCDIR}")
install(FILES "${PROJECT_SOURCE_DIR}/scripts/completion/casim.bash"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions" RENAME casim)
