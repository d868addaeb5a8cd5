Feature: Other users are untouched by the guide's example as printed
  The passing half of this farm's expectations. The failing half sits in a file whose name
  holds a ':' (production:agent-gate.feature): each file's scenarios give one result each,
  whatever the file is named, and the check counts both (two results, exit 1).

  Background:
    Given the farm under check

  Scenario: other users keep the system's builders
    When the ordinary user builds a probe for aarch64-linux
    Then the ordinary user's build went to a builder of the system machines file
