/**
 * Benchmarks against a running network: the paper's Figure 4b with the offers really stored on the
 * ledger ({@link io.sfsbroker.benchmarks.ledger.LedgerSelectionBenchmark}).
 */
package io.sfsbroker.benchmarks.ledger;
