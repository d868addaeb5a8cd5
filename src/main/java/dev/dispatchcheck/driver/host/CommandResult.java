package dev.dispatchcheck.driver.host;

/** How a command on a host ended: its exit status and what it printed. */
public record CommandResult(int exitCode, String stdout, String stderr) {}
