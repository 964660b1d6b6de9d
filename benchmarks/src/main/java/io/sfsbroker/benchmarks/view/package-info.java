/**
 * {@code ./sfsbroker bench view}: the operator view's page times and peer queries with thousands of
 * slices on the ledger (docs/view.md).
 */
package io.sfsbroker.benchmarks.view;
