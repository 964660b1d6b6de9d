/**
 * What the benchmarks share: options, the machine line, the progress line, statistics, CSV and PNG
 * output, the network through the Gateway, signing devices, and read-write sets of committed
 * transactions.
 */
package io.sfsbroker.benchmarks.support;
