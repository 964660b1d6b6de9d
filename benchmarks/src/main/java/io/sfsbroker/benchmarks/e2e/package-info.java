/**
 * Fig. 4a on the real stack ({@code ./sfsbroker bench e2e}): end-to-end slice creation latency
 * against block time and concurrency, through Mosquitto, the bridge, RP agents and Docker, with
 * in-process fog-node agents as the load, a breakdown per step of docs/flow.md and the physical
 * limit of each configuration beside every figure.
 */
package io.sfsbroker.benchmarks.e2e;
