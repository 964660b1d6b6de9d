/**
 * The scenario of {@code ./sfsbroker demo}: its data ({@link io.sfsbroker.demo.Scenario}, read from
 * {@code network/demo/scenario.json}), the registrations and agents' files, the concurrent
 * requests, the checks against the ledger and {@code docker inspect}, and the report. The script
 * only builds, starts and stops processes.
 */
package io.sfsbroker.demo;
